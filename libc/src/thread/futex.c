/* The futex calls and libc's internal lock (Drepper's "mutex 2" from
 * "Futexes are tricky": 0 free, 1 held, 2 held with waiters). */
#include <errno.h>
#include "../internal/libc.h"

int __futex_wait(volatile uint32_t *addr, uint32_t val,
    const struct redox_timespec *timeout)
{
	return (int)__syscall4(SYS_FUTEX, addr, FUTEX_WAIT, val, timeout);
}

int __futex_wake(volatile uint32_t *addr, int n)
{
	return (int)__syscall4(SYS_FUTEX, addr, FUTEX_WAKE, n, 0);
}

void __lock(volatile uint32_t *l)
{
	uint32_t c = 0;

	if (__atomic_compare_exchange_n(l, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		__futex_wait(l, 2, NULL);
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	}
}

void __unlock(volatile uint32_t *l)
{
	if (__atomic_exchange_n(l, 0, __ATOMIC_RELEASE) == 2)
		__futex_wake(l, 1);
}
