/* Condition variables: a sequence number bumped by every signal; a waiter
 * sleeps on the value it saw, so a wakeup between unlock and sleep is not
 * lost. */
#include <pthread.h>
#include <errno.h>
#include <limits.h>
#include <time.h>
#include "../internal/libc.h"

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict attr)
{
	(void)attr;
	c->seq = 0;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	(void)c;
	return 0;
}

static int wait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime)
{
	uint32_t seq = __atomic_load_n(&c->seq, __ATOMIC_ACQUIRE);
	struct redox_timespec rel, *tp = NULL;
	int r = 0;

	if (abstime != NULL) {
		struct timespec now;
		long sec, nsec;
		clock_gettime(CLOCK_REALTIME, &now);
		sec = abstime->tv_sec - now.tv_sec;
		nsec = abstime->tv_nsec - now.tv_nsec;
		if (nsec < 0) {
			nsec += 1000000000L;
			sec--;
		}
		if (sec < 0)
			return ETIMEDOUT;
		rel.tv_sec = sec;
		rel.tv_nsec = (int32_t)nsec;
		rel._pad = 0;
		tp = &rel;
	}
	pthread_mutex_unlock(m);
	if (__futex_wait(&c->seq, seq, tp) == -ETIMEDOUT)
		r = ETIMEDOUT;
	pthread_mutex_lock(m);
	return r;
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m)
{
	return wait(c, m, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
    const struct timespec *restrict abstime)
{
	return wait(c, m, abstime);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	__atomic_add_fetch(&c->seq, 1, __ATOMIC_RELEASE);
	__futex_wake(&c->seq, 1);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	__atomic_add_fetch(&c->seq, 1, __ATOMIC_RELEASE);
	__futex_wake(&c->seq, INT_MAX);
	return 0;
}
