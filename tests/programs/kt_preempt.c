/*
 * kt_preempt - a CPU-bound program must not starve others.  With a
 * kt_spin hog running, two threads of this process spin on counters
 * without making syscalls while the main thread samples them every 200 ms
 * (a few 10 ms slices each):
 * every thread must advance in every window, and the main thread must get
 * to sample at all.  The vector registers and MXCSR of each spinner are
 * checked too: ymm0..15 hold a pattern across thousands of preemptions.
 */
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include "tests/programs/xmmspin.h"

extern char **environ;

static volatile uint64_t count[2];
static volatile int stop;
static volatile int corrupted[2];

/* Loads a pattern into xmm0..15 and a rounding mode into MXCSR, spins,
 * and compares them afterwards. */
static void *
spinner(void *arg)
{
	int id = (int)(intptr_t)arg;
	uint32_t mxcsr = id ? 0x7f80 : 0x3f80;	/* toward zero / down */
	uint64_t pat[32], back[32];
	for (int i = 0; i < 32; i++)
		pat[i] = 0x0123456789abcdefull * (uint64_t)(i + 1 + 100 * id);
	uint32_t got;
	__asm__ volatile("ldmxcsr %0" ::"m"(mxcsr));
	while (!stop) {
		xmm_spin(pat, back);
		for (int i = 0; i < 16; i++)
			if (back[i] != pat[i])
				corrupted[id] = 1;
		__asm__ volatile("stmxcsr %0" : "=m"(got));
		if (got != mxcsr)
			corrupted[id] = 1;
		count[id]++;
	}
	return NULL;
}

int
main(void)
{
	char *hog[] = { "kt_spin", NULL };
	pid_t hog_pid;
	if (posix_spawnp(&hog_pid, "kt_spin", NULL, NULL, hog, environ) != 0) {
		printf("kt_preempt: cannot start kt_spin\n");
		return 1;
	}
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, spinner, (void *)(intptr_t)i);
	int bad = 0;
	uint64_t last[2] = { 0, 0 };
	struct timespec d = { 0, 200 * 1000 * 1000 };
	for (int w = 0; w < 10; w++) {
		nanosleep(&d, NULL);
		for (int i = 0; i < 2; i++) {
			uint64_t c = count[i];
			if (c == last[i]) {
				printf("kt_preempt: spinner %d made no progress in window %d\n", i, w);
				bad = 1;
			}
			last[i] = c;
		}
	}
	stop = 1;
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	kill(hog_pid, SIGKILL);
	int st;
	waitpid(hog_pid, &st, 0);
	printf("kt_preempt: spinners did %llu and %llu rounds beside a hog\n",
	    (unsigned long long)count[0], (unsigned long long)count[1]);
	if (corrupted[0] || corrupted[1]) {
		printf("kt_preempt: vector registers or MXCSR changed under preemption\n");
		bad = 1;
	}
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL) {
		printf("kt_preempt: the hog did not die of SIGKILL\n");
		bad = 1;
	}
	printf(bad ? "kt_preempt: FAILED\n" : "kt_preempt: every thread made progress; state intact\n");
	return bad;
}
