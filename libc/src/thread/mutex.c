/* Mutexes: the futex lock of thread/futex.c, plus an owner and a count
 * for the recursive and error-checking kinds. */
#include <pthread.h>
#include <errno.h>
#include "../internal/libc.h"

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->type = PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attr, int *restrict type)
{
	*type = attr->type;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict attr)
{
	m->lock = 0;
	m->type = attr ? attr->type : PTHREAD_MUTEX_DEFAULT;
	m->owner = NULL;
	m->count = 0;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->lock ? EBUSY : 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	pthread_t self = pthread_self();

	if (m->type != PTHREAD_MUTEX_NORMAL && m->owner == self) {
		if (m->type == PTHREAD_MUTEX_ERRORCHECK)
			return EDEADLK;
		m->count++;
		return 0;
	}
	__lock(&m->lock);
	m->owner = self;
	m->count = 1;
	return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	pthread_t self = pthread_self();
	uint32_t zero = 0;

	if (m->type == PTHREAD_MUTEX_RECURSIVE && m->owner == self) {
		m->count++;
		return 0;
	}
	if (!__atomic_compare_exchange_n(&m->lock, &zero, 1, 0,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return EBUSY;
	m->owner = self;
	m->count = 1;
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->type != PTHREAD_MUTEX_NORMAL) {
		if (m->owner != pthread_self())
			return EPERM;
		if (--m->count > 0)
			return 0;
	}
	m->owner = NULL;
	m->count = 0;
	__unlock(&m->lock);
	return 0;
}
