/*
 * kt_vecipc - preemption during syscall-heavy code.  The main thread does
 * 2,000,000 scheme round trips to null: and checks each result; a
 * spinner thread checks the general and vector registers it loaded.  (It
 * caught the yield stub changing the flags between a cmp and its jump.)
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "tests/programs/xmmspin.h"

long gpr_spin(long iters);

static volatile int stop, bad;
static volatile long rounds;

static void *
spinner(void *arg)
{
	(void)arg;
	uint64_t pat[16], back[16];
	for (int i = 0; i < 16; i++)
		pat[i] = 0x0123456789abcdefull * (uint64_t)(i + 7);
	while (!stop) {
		xmm_spin(pat, back);
		for (int i = 0; i < 16; i++)
			if (back[i] != pat[i])
				bad++;
		bad += (int)gpr_spin(300000);
		rounds++;
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 2000000;
	pthread_t t;
	pthread_create(&t, NULL, spinner, NULL);
	int fd = open("null:", O_WRONLY);
	char c = 0;
	long errs = 0;
	for (long i = 0; i < n; i++) {
		ssize_t r = write(fd, &c, 1);
		if (r != 1 && errs++ < 3)
			printf("kt_vecipc: write %ld returned %zd\n", i, r);
	}
	stop = 1;
	pthread_join(t, NULL);
	printf("kt_vecipc: %ld spinner rounds, %d corrupted words, %ld failed writes\n", rounds, bad, errs);
	return bad || errs;
}
