/* pthread.h - threads over SYS_CLONE_THREAD, locks over SYS_FUTEX. */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <features.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

typedef struct __pthread *pthread_t;
typedef unsigned pthread_key_t;

typedef struct {
	size_t stacksize;
	int detached;
} pthread_attr_t;

typedef struct {
	volatile uint32_t lock;	/* 0 free, 1 held, 2 held with waiters */
	int type;
	pthread_t owner;	/* for recursive and error-checking mutexes */
	unsigned count;
} pthread_mutex_t;

typedef struct {
	int type;
} pthread_mutexattr_t;

typedef struct {
	volatile uint32_t seq;	/* bumped by every signal and broadcast */
} pthread_cond_t;

typedef struct {
	int unused;
} pthread_condattr_t;

typedef volatile uint32_t pthread_once_t;	/* 0 new, 1 running, 2 done */

#define PTHREAD_MUTEX_NORMAL	 0
#define PTHREAD_MUTEX_RECURSIVE	 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT	 PTHREAD_MUTEX_NORMAL
#define PTHREAD_CREATE_JOINABLE	 0
#define PTHREAD_CREATE_DETACHED	 1
#define PTHREAD_MUTEX_INITIALIZER { 0, PTHREAD_MUTEX_NORMAL, 0, 0 }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP { 0, PTHREAD_MUTEX_RECURSIVE, 0, 0 }
#define PTHREAD_COND_INITIALIZER { 0 }
#define PTHREAD_ONCE_INIT 0

__BEGIN_DECLS
int pthread_create(pthread_t *restrict t, const pthread_attr_t *restrict attr,
    void *(*fn)(void *), void *restrict arg);
int pthread_join(pthread_t t, void **result);
int pthread_detach(pthread_t t);
__noreturn void pthread_exit(void *result);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *restrict attr, size_t *restrict size);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attr, int *restrict type);

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m);
int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
    const struct timespec *restrict abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);

int pthread_once(pthread_once_t *once, void (*fn)(void));
int pthread_key_create(pthread_key_t *key, void (*dtor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);
__END_DECLS

#endif
