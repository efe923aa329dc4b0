/* getrlimit and setrlimit: struct rlimit is the kernel's redox_rlimit. */
#include <sys/resource.h>
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
