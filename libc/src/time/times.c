/* times(): the return value counts clock ticks (sysconf(_SC_CLK_TCK),
 * 100 a second) on the monotonic clock; the CPU times are the kernel's
 * for the process and for its reaped children. */
#include <sys/times.h>
#include <sys/resource.h>
#include <string.h>

static clock_t ticks(const struct timeval *tv)
{
	return (clock_t)(tv->tv_sec * 100 + tv->tv_usec / 10000);
}

clock_t times(struct tms *t)
{
	struct timespec now;
	struct rusage self, kids;

	if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return (clock_t)-1;
	if (t != NULL) {
		if (getrusage(RUSAGE_SELF, &self) < 0 || getrusage(RUSAGE_CHILDREN, &kids) < 0)
			return (clock_t)-1;
		t->tms_utime = ticks(&self.ru_utime);
		t->tms_stime = ticks(&self.ru_stime);
		t->tms_cutime = ticks(&kids.ru_utime);
		t->tms_cstime = ticks(&kids.ru_stime);
	}
	return (clock_t)(now.tv_sec * 100 + now.tv_nsec / 10000000);
}
