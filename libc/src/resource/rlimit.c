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

/* The kernel counts nanoseconds; struct rusage wants timevals. */
void __rusage_from(struct rusage *ru, const struct redox_rusage *k)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = (time_t)(k->utime_ns / 1000000000u);
	ru->ru_utime.tv_usec = (suseconds_t)(k->utime_ns % 1000000000u / 1000u);
	ru->ru_stime.tv_sec = (time_t)(k->stime_ns / 1000000000u);
	ru->ru_stime.tv_usec = (suseconds_t)(k->stime_ns % 1000000000u / 1000u);
	ru->ru_maxrss = (long)k->maxrss;
	ru->ru_nvcsw = (long)k->nvcsw;
	ru->ru_nivcsw = (long)k->nivcsw;
}

int getrusage(int who, struct rusage *ru)
{
	struct redox_rusage k;
	long r = __syscall2(SYS_GETRUSAGE, who, &k);

	if (r < 0)
		return (int)__syscall_ret(r);
	__rusage_from(ru, &k);
	return 0;
}
