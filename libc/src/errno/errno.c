/* errno lives in the thread control block, so it works before (and
 * without) a PT_TLS segment. */
#include <errno.h>
#include "../internal/libc.h"

int *__errno_location(void)
{
	return &__pthread_self()->errno_val;
}

long __syscall_ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
