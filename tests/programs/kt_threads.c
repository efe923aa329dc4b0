/*
 * kt_threads - four threads increment one mutex-protected counter, and
 * each keeps its own thread control block throughout: pthread_self() and
 * errno stay its own across the switches the mutex and the timer cause.
 * (Without a TLS block this program runs, hosted, on a copy of its TCB's
 * head that each switch refreshes: hal/hal.h, hal_thread_set_tp.)
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static pthread_t ids[THREADS];
static long strangers[THREADS];	/* rounds that saw another thread's TCB */

static void *
work(void *arg)
{
	long me = (long)arg;
	/* Before pthread_create returns, ids[me] may not be set yet. */
	pthread_mutex_lock(&lock);
	pthread_mutex_unlock(&lock);
	errno = 1000 + (int)me;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		long v = counter;
		/* Widen the window a preemption can land in. */
		for (volatile int k = 0; k < 3; k++)
			;
		counter = v + 1;
		pthread_mutex_unlock(&lock);
		/* A round may fit in one time slice: switch on purpose too. */
		if (i % 1000 == 0)
			sched_yield();
		if (!pthread_equal(pthread_self(), ids[me]) || errno != 1000 + (int)me)
			strangers[me]++;
	}
	return NULL;
}

int
main(void)
{
	pthread_mutex_lock(&lock);
	for (long i = 0; i < THREADS; i++) {
		if (pthread_create(&ids[i], NULL, work, (void *)i) != 0) {
			printf("kt_threads: pthread_create failed\n");
			return 1;
		}
	}
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < THREADS; i++)
		pthread_join(ids[i], NULL);
	long bad = 0;
	for (int i = 0; i < THREADS; i++)
		bad += strangers[i];
	printf("kt_threads: counter %ld (want %d)\n", counter, THREADS * ROUNDS);
	printf("kt_threads: rounds that saw another thread's pthread_self or errno: %ld\n", bad);
	return counter == (long)THREADS * ROUNDS && bad == 0 ? 0 : 1;
}
