/*
 * alarm.c - alarm, ualarm, setitimer/getitimer(ITIMER_REAL) without a
 * kernel timer for them: a helper thread, started on first use, sleeps
 * on a futex until the deadline (monotonic clock) and then sends SIGALRM
 * to the process.  It blocks every signal, so the program's threads are
 * the ones to take them.  An alarm does not survive exec (the thread
 * does not).  The CPU-time timers (ITIMER_VIRTUAL, ITIMER_PROF) are the
 * kernel's (SYS_ITIMER), which counts CPU time.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include "../internal/libc.h"

#define NS 1000000000ULL

static volatile uint32_t lock;
static volatile uint32_t gen;		/* bumped by every change: wakes the thread */
static uint64_t deadline;		/* monotonic ns, 0: disarmed */
static uint64_t interval;		/* ns, 0: one shot */
static int started;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS + (uint64_t)ts.tv_nsec;
}

static void *timer_thread(void *arg)
{
	sigset_t all;

	(void)arg;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, NULL);
	for (;;) {
		uint32_t g;
		uint64_t dl, now;
		int fire = 0;

		__lock(&lock);
		g = gen;
		dl = deadline;
		now = now_ns();
		if (dl != 0 && now >= dl) {
			fire = 1;
			/* periodic: the next period, skipping those missed */
			if (interval)
				deadline = now - (now - dl) % interval + interval;
			else
				deadline = 0;
			dl = deadline;
		}
		__unlock(&lock);
		if (fire)
			kill(getpid(), SIGALRM);
		if (dl == 0) {
			__futex_wait(&gen, g, NULL);
		} else {
			struct redox_timespec rel;
			uint64_t left = dl > now ? dl - now : 0;
			rel.tv_sec = (int64_t)(left / NS);
			rel.tv_nsec = (int32_t)(left % NS);
			rel._pad = 0;
			if (left)
				__futex_wait(&gen, g, &rel);
		}
	}
	return NULL;
}

static void to_timeval(uint64_t ns, struct timeval *tv)
{
	tv->tv_sec = (time_t)(ns / NS);
	tv->tv_usec = (suseconds_t)(ns % NS / 1000);
}

/* ITIMER_VIRTUAL and ITIMER_PROF: nv and/or old, in the kernel. */
static int cpu_itimer(int which, const struct itimerval *nv, struct itimerval *old)
{
	struct redox_itimer n, o;
	long r;

	if (nv != NULL) {
		n.value_ns = (uint64_t)nv->it_value.tv_sec * NS + (uint64_t)nv->it_value.tv_usec * 1000;
		n.interval_ns = (uint64_t)nv->it_interval.tv_sec * NS +
		    (uint64_t)nv->it_interval.tv_usec * 1000;
	}
	r = __syscall3(SYS_ITIMER, which, nv ? &n : NULL, old ? &o : NULL);
	if (r < 0)
		return (int)__syscall_ret(r);
	if (old != NULL) {
		/* Up to the next us: the kernel keeps CPU ticks, whose ns may
		 * fall a little short of what was set. */
		to_timeval((o.value_ns + 999) / 1000 * 1000, &old->it_value);
		to_timeval((o.interval_ns + 999) / 1000 * 1000, &old->it_interval);
	}
	return 0;
}

int getitimer(int which, struct itimerval *cur)
{
	uint64_t now;

	if (which == ITIMER_VIRTUAL || which == ITIMER_PROF)
		return cpu_itimer(which, NULL, cur);
	if (which != ITIMER_REAL) {
		errno = EINVAL;
		return -1;
	}
	__lock(&lock);
	now = now_ns();
	to_timeval(deadline > now ? deadline - now : deadline ? 1000 : 0, &cur->it_value);
	to_timeval(interval, &cur->it_interval);
	__unlock(&lock);
	return 0;
}

int setitimer(int which, const struct itimerval *restrict nv, struct itimerval *restrict old)
{
	uint64_t v, iv;

	if ((which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF) ||
	    nv->it_value.tv_sec < 0 || nv->it_value.tv_usec < 0 ||
	    nv->it_value.tv_usec >= 1000000 || nv->it_interval.tv_sec < 0 ||
	    nv->it_interval.tv_usec < 0 || nv->it_interval.tv_usec >= 1000000) {
		errno = EINVAL;
		return -1;
	}
	if (which != ITIMER_REAL)
		return cpu_itimer(which, nv, old);
	v = (uint64_t)nv->it_value.tv_sec * NS + (uint64_t)nv->it_value.tv_usec * 1000;
	iv = (uint64_t)nv->it_interval.tv_sec * NS + (uint64_t)nv->it_interval.tv_usec * 1000;
	if (old != NULL && getitimer(ITIMER_REAL, old) < 0)
		return -1;
	__lock(&lock);
	if (v != 0 && !started) {
		pthread_t t;
		pthread_attr_t a;
		pthread_attr_init(&a);
		pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &a, timer_thread, NULL) != 0) {
			__unlock(&lock);
			errno = EAGAIN;
			return -1;
		}
		started = 1;
	}
	deadline = v ? now_ns() + v : 0;
	interval = v ? iv : 0;
	gen++;
	__unlock(&lock);
	__futex_wake(&gen, 1);
	return 0;
}

/* The seconds left of the previous alarm, rounded to nearest but never
 * 0 for one still pending (as glibc). */
unsigned alarm(unsigned secs)
{
	struct itimerval nv = { { 0, 0 }, { (time_t)secs, 0 } }, old;
	unsigned left;

	if (setitimer(ITIMER_REAL, &nv, &old) < 0)
		return 0;
	left = (unsigned)old.it_value.tv_sec + (old.it_value.tv_usec >= 500000);
	if (left == 0 && old.it_value.tv_usec > 0)
		left = 1;
	return left;
}

useconds_t ualarm(useconds_t usecs, useconds_t every)
{
	struct itimerval nv, old;

	nv.it_value.tv_sec = usecs / 1000000;
	nv.it_value.tv_usec = usecs % 1000000;
	nv.it_interval.tv_sec = every / 1000000;
	nv.it_interval.tv_usec = every % 1000000;
	if (setitimer(ITIMER_REAL, &nv, &old) < 0)
		return (useconds_t)-1;
	return (useconds_t)(old.it_value.tv_sec * 1000000 + old.it_value.tv_usec);
}
