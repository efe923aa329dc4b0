/* Waiting for children. */
#include <sys/wait.h>
#include <sys/resource.h>
#include <string.h>
#include "../internal/libc.h"

pid_t waitpid(pid_t pid, int *status, int flags)
{
	int32_t st = 0;
	long r = __syscall3(SYS_WAITPID, pid, &st, flags);

	if (r > 0 && status != NULL)
		*status = st;
	return (pid_t)__syscall_ret(r);
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

/* The reaped child's CPU time (with its own reaped children's), as on
 * Linux; zeros for a stop or continue report. */
pid_t wait4(pid_t pid, int *status, int flags, struct rusage *ru)
{
	int32_t st = 0;
	struct redox_rusage k;
	long r = __syscall4(SYS_WAIT4, pid, &st, flags, ru != NULL ? &k : NULL);

	if (r > 0 && status != NULL)
		*status = st;
	if (r > 0 && ru != NULL)
		__rusage_from(ru, &k);
	else if (r == 0 && ru != NULL)
		memset(ru, 0, sizeof(*ru));
	return (pid_t)__syscall_ret(r);
}

pid_t wait3(int *status, int flags, struct rusage *ru)
{
	return wait4(-1, status, flags, ru);
}
