/* kt_threads - four threads increment one mutex-protected counter. */
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *
work(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		long v = counter;
		/* Widen the window a preemption can land in. */
		for (volatile int k = 0; k < 3; k++)
			;
		counter = v + 1;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int
main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++) {
		if (pthread_create(&t[i], NULL, work, NULL) != 0) {
			printf("kt_threads: pthread_create failed\n");
			return 1;
		}
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("kt_threads: counter %ld (want %d)\n", counter, THREADS * ROUNDS);
	return counter == (long)THREADS * ROUNDS ? 0 : 1;
}
