/* Clocks and sleeping.  struct timespec (two longs) differs from Redox's
 * TimeSpec (i64 + i32), so each call converts. */
#include <time.h>
#include <sys/time.h>
#include <errno.h>
#include "../internal/libc.h"

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	struct redox_timespec r;
	long e = __syscall2(SYS_CLOCK_GETTIME, clk, &r);

	if (e < 0)
		return (int)__syscall_ret(e);
	ts->tv_sec = r.tv_sec;
	ts->tv_nsec = r.tv_nsec;
	return 0;
}

int clock_getres(clockid_t clk, struct timespec *ts)
{
	(void)clk;
	if (ts != NULL) {
		ts->tv_sec = 0;
		ts->tv_nsec = 1;
	}
	return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	struct redox_timespec r = { req->tv_sec, (int32_t)req->tv_nsec, 0 }, left = { 0, 0, 0 };
	long e;

	if (req->tv_nsec < 0 || req->tv_nsec >= 1000000000L || req->tv_sec < 0) {
		errno = EINVAL;
		return -1;
	}
	e = __syscall2(SYS_NANOSLEEP, &r, rem ? &left : NULL);
	if (e < 0 && rem != NULL) {
		rem->tv_sec = left.tv_sec;
		rem->tv_nsec = left.tv_nsec;
	}
	return (int)__syscall_ret(e);
}

time_t time(time_t *t)
{
	struct timespec ts = { 0, 0 };

	clock_gettime(CLOCK_REALTIME, &ts);
	if (t != NULL)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts = { 0, 0 };

	(void)tz;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

/* The process's CPU time (user + system), in microseconds. */
clock_t clock(void)
{
	struct timespec now = { 0, 0 };

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now) < 0)
		return (clock_t)-1;
	return (clock_t)(now.tv_sec * CLOCKS_PER_SEC + now.tv_nsec / 1000);
}

double difftime(time_t a, time_t b)
{
	return (double)(a - b);
}
