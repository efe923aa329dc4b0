/* getrlimit and setrlimit: struct rlimit is the kernel's redox_rlimit. */
#include <sys/resource.h>
#include <errno.h>
#include <string.h>
#include "../internal/libc.h"

_Static_assert(sizeof(struct rlimit) == sizeof(struct redox_rlimit), "rlimit layout");

int getrlimit(int resource, struct rlimit *rlp)
{
	return (int)__syscall_ret(__syscall2(SYS_GETRLIMIT, resource, rlp));
}

int setrlimit(int resource, const struct rlimit *rlp)
{
	return (int)__syscall_ret(__syscall2(SYS_SETRLIMIT, resource, rlp));
}

/* No per-process accounting in the kernel: every field is 0. */
int getrusage(int who, struct rusage *ru)
{
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) {
		errno = EINVAL;
		return -1;
	}
	memset(ru, 0, sizeof(*ru));
	return 0;
}
