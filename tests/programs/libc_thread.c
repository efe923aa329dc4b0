/* libc_thread: pthread create/join/detach, TLS, errno per thread,
 * mutexes, condition variables, once, keys, malloc from many threads. */
#define NAME "libc_thread"
#include "check.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <unistd.h>

#define NTHREADS 4
#define NINCR 20000

static __thread int tls_init = 1234;	/* .tdata */
static __thread long tls_zero;		/* .tbss */
static __thread char tls_buf[100] = "tls";

static void *ret_arg(void *arg)
{
	return (void *)((uintptr_t)arg * 2);
}

struct tls_result {
	int init_seen;
	long zero_seen;
	int buf_ok;
	int errno_kept;
	void *self;
};

static void *tls_worker(void *arg)
{
	struct tls_result *r = arg;

	r->init_seen = tls_init;
	r->zero_seen = tls_zero;
	r->buf_ok = strcmp(tls_buf, "tls") == 0;
	tls_init = 99;		/* must not change the main thread's copy */
	tls_zero = 5;
	errno = EPIPE;
	sched_yield();
	r->errno_kept = errno == EPIPE;
	r->self = (void *)pthread_self();
	return NULL;
}

static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *incr(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < NINCR; i++) {
		pthread_mutex_lock(&mtx);
		counter++;
		pthread_mutex_unlock(&mtx);
	}
	return NULL;
}

/* a one-slot queue: producer and consumer with two condition variables */
static pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static int slot, full;

static void *producer(void *arg)
{
	int i;

	(void)arg;
	for (i = 1; i <= 1000; i++) {
		pthread_mutex_lock(&qm);
		while (full)
			pthread_cond_wait(&not_full, &qm);
		slot = i;
		full = 1;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&qm);
	}
	return NULL;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void once_fn(void) { once_runs++; }

static void *call_once(void *arg)
{
	(void)arg;
	pthread_once(&once, once_fn);
	return NULL;
}

static pthread_key_t key;
static int dtor_calls;
static void dtor(void *v)
{
	(void)v;
	__atomic_add_fetch(&dtor_calls, 1, __ATOMIC_SEQ_CST);
}

static void *use_key(void *arg)
{
	pthread_setspecific(key, arg);
	return pthread_getspecific(key);
}

static volatile int detached_ran;
static void *detached_fn(void *arg)
{
	(void)arg;
	detached_ran = 1;
	return NULL;
}

/* Small blocks and, one in 16, big ones (the mapping cache), each
 * marked at both ends with this thread's tag and checked before it is
 * freed: a block handed to two threads at once would be caught. */
static void *malloc_worker(void *arg)
{
	int i, ok = 1;
	unsigned seed = (unsigned)(uintptr_t)arg;
	unsigned char tag = (unsigned char)(uintptr_t)arg;
	unsigned char *p[64];
	size_t n[64];

	for (i = 0; i < 2000; i++) {
		int k = i % 64;
		if (i >= 64) {
			if (p[k] != NULL && (p[k][0] != tag || p[k][n[k] - 1] != tag))
				ok = 0;
			free(p[k]);
		}
		n[k] = (size_t)(rand_r(&seed) % (i % 16 == 0 ? 200000 : 3000)) + 1;
		p[k] = malloc(n[k]);
		if (p[k] == NULL)
			ok = 0;
		else
			p[k][0] = p[k][n[k] - 1] = tag;
	}
	for (i = 0; i < 64; i++) {
		if (p[i] != NULL && (p[i][0] != tag || p[i][n[i] - 1] != tag))
			ok = 0;
		free(p[i]);
	}
	return (void *)(uintptr_t)ok;
}

static void *exit_early(void *arg)
{
	(void)arg;
	pthread_exit((void *)77);
}

int main(void)
{
	pthread_t t[NTHREADS];
	struct tls_result res[NTHREADS];
	void *rv;
	int i, ok;

	/* create and join, with results */
	CHECK(pthread_create(&t[0], NULL, ret_arg, (void *)21) == 0);
	CHECK(pthread_join(t[0], &rv) == 0 && rv == (void *)42);
	CHECK(pthread_create(&t[0], NULL, exit_early, NULL) == 0);
	CHECK(pthread_join(t[0], &rv) == 0 && rv == (void *)77);
	CHECK(pthread_join(pthread_self(), NULL) == EDEADLK);

	/* TLS: each thread starts from the image and has its own copy */
	errno = 0;
	memset(res, 0, sizeof(res));
	for (i = 0; i < NTHREADS; i++)
		CHECK(pthread_create(&t[i], NULL, tls_worker, &res[i]) == 0);
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], NULL);
		CHECK(res[i].init_seen == 1234 && res[i].zero_seen == 0 && res[i].buf_ok);
		CHECK(res[i].errno_kept && res[i].self == (void *)t[i]);
	}
	CHECK(tls_init == 1234 && tls_zero == 0 && errno == 0);
	CHECK(pthread_equal(pthread_self(), pthread_self()));

	/* a mutex keeps a shared counter exact */
	for (i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, incr, NULL);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	CHECK_INT(counter, NTHREADS * NINCR);
	CHECK(pthread_mutex_trylock(&mtx) == 0);
	CHECK(pthread_mutex_trylock(&mtx) == EBUSY);
	CHECK(pthread_mutex_unlock(&mtx) == 0);
	{
		pthread_mutex_t rm;
		pthread_mutexattr_t a;
		pthread_mutexattr_init(&a);
		pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
		pthread_mutex_init(&rm, &a);
		CHECK(pthread_mutex_lock(&rm) == 0 && pthread_mutex_lock(&rm) == 0);
		CHECK(pthread_mutex_unlock(&rm) == 0 && pthread_mutex_unlock(&rm) == 0);
		CHECK(pthread_mutex_unlock(&rm) == EPERM);
		pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
		pthread_mutex_init(&rm, &a);
		CHECK(pthread_mutex_lock(&rm) == 0 && pthread_mutex_lock(&rm) == EDEADLK);
		pthread_mutex_unlock(&rm);
	}

	/* condition variables: every item arrives, in order */
	pthread_create(&t[0], NULL, producer, NULL);
	ok = 1;
	for (i = 1; i <= 1000; i++) {
		pthread_mutex_lock(&qm);
		while (!full)
			pthread_cond_wait(&not_empty, &qm);
		if (slot != i)
			ok = 0;
		full = 0;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&qm);
	}
	pthread_join(t[0], NULL);
	CHECK(ok);
	{
		struct timespec ts;
		pthread_cond_t c = PTHREAD_COND_INITIALIZER;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 20 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&qm);
		CHECK(pthread_cond_timedwait(&c, &qm, &ts) == ETIMEDOUT);
		pthread_mutex_unlock(&qm);
	}

	/* once */
	for (i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, call_once, NULL);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	call_once(NULL);
	CHECK_INT(once_runs, 1);

	/* keys: per-thread values, destructors at thread exit */
	CHECK(pthread_key_create(&key, dtor) == 0);
	pthread_setspecific(key, (void *)1);
	for (i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, use_key, (void *)(uintptr_t)(i + 10));
	ok = 1;
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], &rv);
		if (rv != (void *)(uintptr_t)(i + 10))
			ok = 0;
	}
	CHECK(ok);
	CHECK(pthread_getspecific(key) == (void *)1);
	CHECK_INT(dtor_calls, NTHREADS);

	/* detached threads run and clean up after themselves */
	{
		pthread_attr_t a;
		pthread_attr_init(&a);
		pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
		pthread_attr_setstacksize(&a, 64 * 1024);
		CHECK(pthread_create(&t[0], &a, detached_fn, NULL) == 0);
		for (i = 0; i < 1000 && !detached_ran; i++)
			usleep(1000);
		CHECK(detached_ran);
		CHECK(pthread_create(&t[0], NULL, ret_arg, NULL) == 0);
		CHECK(pthread_detach(t[0]) == 0);
	}

	/* malloc is thread-safe */
	for (i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, malloc_worker, (void *)(uintptr_t)(i + 1));
	ok = 1;
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], &rv);
		if (rv != (void *)1)
			ok = 0;
	}
	CHECK(ok);

	/* many short threads: mappings are reused, not leaked into failure */
	ok = 1;
	for (i = 0; i < 200; i++) {
		if (pthread_create(&t[0], NULL, ret_arg, (void *)(uintptr_t)i) != 0 ||
		    pthread_join(t[0], &rv) != 0 || rv != (void *)(uintptr_t)(2 * i))
			ok = 0;
	}
	CHECK(ok);
	return finish();
}
