/*
 * Threads.  One anonymous mapping per thread holds its stack and, above
 * it, its TLS block and TCB.  SYS_CLONE_THREAD starts the thread at
 * __thread_start with %fs already pointing at its TCB.
 *
 * Freeing a thread's mapping is the delicate part: an exiting thread runs
 * on its stack until the kernel has it, and the syscall entry `call`
 * pushes onto it.  So the thread passes &t->alive to SYS_EXIT_THREAD and
 * the kernel stores 0 there (and wakes futex waiters) once the thread is
 * gone, as Linux's CLONE_CHILD_CLEARTID does.  Only then is the mapping
 * unmapped.  A kernel that ignores that argument is noticed at the first
 * join (the word does not clear within 1000 yields); from then on
 * mappings of exited threads are leaked rather than risked.
 */
#include <pthread.h>
#include <errno.h>
#include <string.h>
#include <limits.h>
#include <sys/mman.h>
#include "../internal/libc.h"

#define DEFAULT_STACK	(256 * 1024)

/* join_state: who frees the thread's mapping */
#define JOINABLE	0
#define DETACHED	1
#define EXITED_UNJOINED	2

void __thread_start(void);
_Noreturn void __thread_exit(volatile uint32_t *state, int status,
    volatile uint32_t *alive);
_Noreturn void __pthread_main(struct __pthread *t);
void __pthread_tsd_run_dtors(void);

/* Does the kernel clear t->alive?  -1 unknown, 0 no, 1 yes. */
static int kernel_clears = -1;

/* Detached threads that exited, waiting for the kernel to let go. */
static struct __pthread *graveyard;
static volatile uint32_t grave_lock;

static void bury(struct __pthread *t)
{
	__lock(&grave_lock);
	t->next_dead = graveyard;
	graveyard = t;
	__unlock(&grave_lock);
}

/* Unmaps the graveyard entries the kernel is done with. */
static void reap(void)
{
	struct __pthread **pp, *t, *done = NULL;

	__lock(&grave_lock);
	for (pp = &graveyard; (t = *pp) != NULL; ) {
		if (__atomic_load_n(&t->alive, __ATOMIC_ACQUIRE) == 0) {
			*pp = t->next_dead;
			t->next_dead = done;
			done = t;
		} else {
			pp = &t->next_dead;
		}
	}
	__unlock(&grave_lock);
	while ((t = done) != NULL) {
		done = t->next_dead;
		munmap(t->map, t->map_size);
	}
}

/* Waits until the kernel has let go of t, then unmaps it (or, on a
 * kernel that never says so, leaves it mapped).  While we do not know
 * yet, we yield a bounded number of times (the exiting thread needs the
 * CPU to get into the kernel); once we know, we block on the word. */
static void release(struct __pthread *t)
{
	int tries = 0;

	while (__atomic_load_n(&t->alive, __ATOMIC_ACQUIRE) != 0) {
		if (kernel_clears == 1) {
			__futex_wait(&t->alive, 1, NULL);
		} else if (kernel_clears == 0 || tries++ >= 1000) {
			kernel_clears = 0;	/* it does not: leak t */
			return;
		} else {
			__syscall0(SYS_YIELD);
		}
	}
	kernel_clears = 1;
	munmap(t->map, t->map_size);
}

int pthread_attr_init(pthread_attr_t *attr)
{
	attr->stacksize = DEFAULT_STACK;
	attr->detached = PTHREAD_CREATE_JOINABLE;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict attr, size_t *restrict size)
{
	*size = attr->stacksize;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->detached = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->detached;
	return 0;
}

int pthread_create(pthread_t *restrict out, const pthread_attr_t *restrict attr,
    void *(*fn)(void *), void *restrict arg)
{
	size_t stack = attr ? attr->stacksize : DEFAULT_STACK;
	size_t size;
	unsigned char *map;
	struct __pthread *t;
	long tid;

	reap();
	stack = (stack + 4095) & ~(size_t)4095;
	size = (stack + __tls_area_size() + 4095) & ~(size_t)4095;
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return EAGAIN;
	t = __tls_init(map + stack, size - stack);
	t->canary = __pthread_self()->canary;
	t->map = map;
	t->map_size = size;
	t->start = fn;
	t->arg = arg;
	t->state = THREAD_RUNNING;
	t->alive = 1;
	t->detached = attr && attr->detached ? DETACHED : JOINABLE;
	__libc.threaded = 1;
	/* the stack grows down from just below the TLS block */
	tid = __syscall4(SYS_CLONE_THREAD, __thread_start,
	    (uintptr_t)(map + stack) & ~(uintptr_t)15, t, t);
	if (tid < 0) {
		munmap(map, size);
		return (int)-tid;
	}
	t->tid = (int)tid;
	*out = t;
	return 0;
}

_Noreturn void __pthread_main(struct __pthread *t)
{
	t->tid = (int)__syscall0(SYS_GETTID);
	pthread_exit(t->start(t->arg));
}

_Noreturn void pthread_exit(void *result)
{
	struct __pthread *t = __pthread_self();
	int js = JOINABLE;

	__pthread_tsd_run_dtors();
	t->result = result;
	if (t->map == NULL) {
		/* the main thread: its memory is not ours to free */
		__thread_exit(&t->state, 0, NULL);
	}
	if (!__atomic_compare_exchange_n(&t->detached, &js, EXITED_UNJOINED, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		bury(t);	/* detached: nobody will join, so we queue ourselves */
	__thread_exit(&t->state, 0, &t->alive);
}

int pthread_join(pthread_t t, void **result)
{
	if (t == __pthread_self())
		return EDEADLK;
	if (t->detached == DETACHED)
		return EINVAL;
	while (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) != THREAD_EXITED)
		__futex_wait(&t->state, THREAD_RUNNING, NULL);
	if (result != NULL)
		*result = t->result;
	release(t);
	reap();
	return 0;
}

int pthread_detach(pthread_t t)
{
	int js = JOINABLE;

	if (__atomic_compare_exchange_n(&t->detached, &js, DETACHED, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return 0;
	if (js == DETACHED)
		return EINVAL;
	/* it already exited: wait for the final store, then free it */
	while (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) != THREAD_EXITED)
		__futex_wait(&t->state, THREAD_RUNNING, NULL);
	release(t);
	return 0;
}

pthread_t pthread_self(void)
{
	return __pthread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}
