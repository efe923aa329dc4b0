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

/* The kernel keeps no per-process accounting: the usage is all zeros. */
pid_t wait4(pid_t pid, int *status, int flags, struct rusage *ru)
{
	pid_t r = waitpid(pid, status, flags);

	if (r >= 0 && ru != NULL)
		memset(ru, 0, sizeof(*ru));
	return r;
}

pid_t wait3(int *status, int flags, struct rusage *ru)
{
	return wait4(-1, status, flags, ru);
}
