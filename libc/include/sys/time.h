/* sys/time.h - microsecond time. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <features.h>
#include <sys/types.h>
#include <time.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

/* Interval timers (src/signal/alarm.c): REAL in libc, VIRTUAL and PROF in the kernel. */
#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

#define timerisset(t)	((t)->tv_sec || (t)->tv_usec)
#define timerclear(t)	((t)->tv_sec = (t)->tv_usec = 0)
#define timercmp(a, b, op) ((a)->tv_sec == (b)->tv_sec ?		\
	(a)->tv_usec op (b)->tv_usec : (a)->tv_sec op (b)->tv_sec)
#define timeradd(a, b, r) do {						\
		(r)->tv_sec = (a)->tv_sec + (b)->tv_sec;		\
		(r)->tv_usec = (a)->tv_usec + (b)->tv_usec;		\
		if ((r)->tv_usec >= 1000000) {				\
			(r)->tv_sec++;					\
			(r)->tv_usec -= 1000000;			\
		}							\
	} while (0)
#define timersub(a, b, r) do {						\
		(r)->tv_sec = (a)->tv_sec - (b)->tv_sec;		\
		(r)->tv_usec = (a)->tv_usec - (b)->tv_usec;		\
		if ((r)->tv_usec < 0) {					\
			(r)->tv_sec--;					\
			(r)->tv_usec += 1000000;			\
		}							\
	} while (0)

__BEGIN_DECLS
int gettimeofday(struct timeval *restrict tv, void *restrict tz);
int utimes(const char *path, const struct timeval t[2]);
int futimes(int fd, const struct timeval t[2]);
int getitimer(int which, struct itimerval *cur);
int setitimer(int which, const struct itimerval *restrict nv, struct itimerval *restrict old);
__END_DECLS

/* select() and fd_set, as glibc's sys/time.h gives them */
#include <sys/select.h>

#endif
