/* pthread_once and thread-specific data. */
#include <pthread.h>
#include <errno.h>
#include <limits.h>
#include "../internal/libc.h"

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	uint32_t v = 0;

	if (__atomic_compare_exchange_n(once, &v, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
		fn();
		__atomic_store_n(once, 2, __ATOMIC_RELEASE);
		__futex_wake(once, INT_MAX);
		return 0;
	}
	while ((v = __atomic_load_n(once, __ATOMIC_ACQUIRE)) != 2)
		__futex_wait(once, v, NULL);
	return 0;
}

static struct {
	int used;
	void (*dtor)(void *);
} keys[PTHREAD_KEYS_MAX];
static volatile uint32_t key_lock;

int pthread_key_create(pthread_key_t *key, void (*dtor)(void *))
{
	unsigned i;

	__lock(&key_lock);
	for (i = 0; i < PTHREAD_KEYS_MAX; i++) {
		if (!keys[i].used) {
			keys[i].used = 1;
			keys[i].dtor = dtor;
			__unlock(&key_lock);
			*key = i;
			return 0;
		}
	}
	__unlock(&key_lock);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	__lock(&key_lock);
	keys[key].used = 0;
	keys[key].dtor = NULL;
	__unlock(&key_lock);
	return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
	return key < PTHREAD_KEYS_MAX ? __pthread_self()->tsd[key] : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	__pthread_self()->tsd[key] = (void *)value;
	return 0;
}

/* At thread exit: call destructors of non-NULL values, a few rounds, as
 * destructors may set values again. */
void __pthread_tsd_run_dtors(void)
{
	struct __pthread *t = __pthread_self();
	int round, again = 1;
	unsigned i;

	for (round = 0; round < 4 && again; round++) {
		again = 0;
		for (i = 0; i < PTHREAD_KEYS_MAX; i++) {
			void *v = t->tsd[i];
			if (v != NULL && keys[i].used && keys[i].dtor != NULL) {
				t->tsd[i] = NULL;
				keys[i].dtor(v);
				again = 1;
			}
		}
	}
}
