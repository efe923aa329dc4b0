/* sys/wait.h - waiting for children; the status encoding is Linux's. */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <features.h>
#include <sys/types.h>
#include <redox/abi.h>

#define WEXITSTATUS(s)	(((s) & 0xff00) >> 8)
#define WTERMSIG(s)	((s) & 0x7f)
#define WSTOPSIG(s)	WEXITSTATUS(s)
#define WIFEXITED(s)	(WTERMSIG(s) == 0)
#define WIFSTOPPED(s)	(((s) & 0xff) == 0x7f)
#define WIFSIGNALED(s)	(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WIFCONTINUED(s)	((s) == 0xffff)
#define WCOREDUMP(s)	((s) & 0x80)

__BEGIN_DECLS
pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int flags);
/* wait3/wait4: waitpid, with *ru zeroed (no per-process accounting). */
struct rusage;
pid_t wait3(int *status, int flags, struct rusage *ru);
pid_t wait4(pid_t pid, int *status, int flags, struct rusage *ru);
__END_DECLS

#endif
