/* time.h - clocks, sleeping and calendar time (UTC only: no time zones). */
#ifndef _TIME_H
#define _TIME_H

#include <features.h>
#include <stddef.h>
#include <sys/types.h>
#include <redox/abi.h>

#define CLOCKS_PER_SEC 1000000L
#define TIMER_ABSTIME 1
/* CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID (CPU time) come
 * from redox/abi.h with the others. */

typedef long clock_t;

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

struct tm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year;
	int tm_wday, tm_yday, tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};

__BEGIN_DECLS
int clock_gettime(clockid_t clk, struct timespec *ts);
int clock_getres(clockid_t clk, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
time_t time(time_t *t);
clock_t clock(void);
double difftime(time_t a, time_t b);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
time_t timegm(struct tm *tm);
time_t mktime(struct tm *tm);
size_t strftime(char *restrict s, size_t n, const char *restrict fmt,
    const struct tm *restrict tm);
char *asctime(const struct tm *tm);
char *ctime(const time_t *t);
void tzset(void);
__END_DECLS

#endif
