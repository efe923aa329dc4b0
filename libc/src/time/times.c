/* times(): the return value counts clock ticks (sysconf(_SC_CLK_TCK),
 * 100 a second) on the monotonic clock; the CPU times are 0 because the
 * kernel does not account them. */
#include <sys/times.h>
#include <string.h>

clock_t times(struct tms *t)
{
	struct timespec now;

	if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return (clock_t)-1;
	if (t != NULL)
		memset(t, 0, sizeof(*t));
	return (clock_t)(now.tv_sec * 100 + now.tv_nsec / 10000000);
}
