/* Waiting for children. */
#include <sys/wait.h>
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
