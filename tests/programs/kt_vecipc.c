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
		__asm__ volatile(
		    "movdqu 0(%0), %%xmm8\n\tmovdqu 16(%0), %%xmm9\n\t"
		    "movdqu 32(%0), %%xmm10\n\tmovdqu 48(%0), %%xmm11\n\t"
		    "movdqu 64(%0), %%xmm12\n\tmovdqu 80(%0), %%xmm13\n\t"
		    "movdqu 96(%0), %%xmm14\n\tmovdqu 112(%0), %%xmm15\n\t"
		    "mov $200000, %%ecx\n1:\n\tdec %%ecx\n\tjnz 1b\n\t"
		    "movdqu %%xmm8, 0(%1)\n\tmovdqu %%xmm9, 16(%1)\n\t"
		    "movdqu %%xmm10, 32(%1)\n\tmovdqu %%xmm11, 48(%1)\n\t"
		    "movdqu %%xmm12, 64(%1)\n\tmovdqu %%xmm13, 80(%1)\n\t"
		    "movdqu %%xmm14, 96(%1)\n\tmovdqu %%xmm15, 112(%1)\n\t"
		    :: "r"(pat), "r"(back)
		    : "ecx", "memory", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",
		      "xmm13", "xmm14", "xmm15");
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
