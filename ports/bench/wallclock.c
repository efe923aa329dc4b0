/*
 * wallclock.so: clock() as elapsed time, preloaded into the Linux build of
 * lua by ports/bench.sh.  Our libc's clock() is elapsed time (the kernel
 * keeps no CPU times), so lua's os.clock() must measure the same thing on
 * both sides: on a busy machine CPU time leaves out the time the process
 * waited for a CPU, and Linux would look faster than it is.
 */
#include <time.h>

clock_t clock(void)
{
	static struct timespec start;
	struct timespec now;

	if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
		return (clock_t)-1;
	if (start.tv_sec == 0 && start.tv_nsec == 0)
		start = now;
	return (clock_t)((now.tv_sec - start.tv_sec) * CLOCKS_PER_SEC +
	    (now.tv_nsec - start.tv_nsec) / (1000000000 / CLOCKS_PER_SEC));
}
