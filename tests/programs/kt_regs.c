/*
 * kt_regs - syscalls under preemption: with a CPU hog competing, a tight
 * loop of getpid calls checks after every call that the result is right
 * and that the callee-saved registers kept their values.
 */
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdint.h>
#include <redox.h>

void kt_regs_call(const long *in, long *out);

extern char **environ;

int
main(int argc, char **argv)
{

	/* kt_regs [null] [N]: N calls (5,000,000 by default) */
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 5000000;
	pid_t hog;
	char *args[] = { "kt_spin", NULL };
	if (posix_spawnp(&hog, "kt_spin", NULL, NULL, args, environ) != 0)
		return 1;
	long pid = getpid(), bad = 0;
	char c = 0;
	/* kt_regs null: the calls are writes to null: (a scheme round trip) */
	int nullfd = argc > 1 && !strcmp(argv[1], "null") ? open("null:", O_WRONLY) : -1;
	for (long i = 0; i < n; i++) {
		/* in: rbx r12 r13 r14 r15 rbp; out: the same, then rax */
		long in[10], out[7];
		for (int k = 0; k < 6; k++)
			in[k] = 0x1111111111ll * (k + 1) + i;
		in[6] = SYS_GETPID;
		if (nullfd >= 0) {
			in[6] = SYS_WRITE;
			in[7] = nullfd;
			in[8] = (long)&c;
			in[9] = 1;
		}
		kt_regs_call(in, out);
		int ok = out[6] == (nullfd >= 0 ? 1 : pid);
		for (int k = 0; k < 6; k++)
			ok &= out[k] == in[k];
		if (!ok && bad++ < 5)
			printf("kt_regs: call %ld: rax %lx; rbx r12 r13 r14 r15 rbp got %lx %lx %lx %lx %lx %lx "
			    "want %lx %lx %lx %lx %lx %lx\n", i, out[6], out[0], out[1], out[2], out[3],
			    out[4], out[5], in[0], in[1], in[2], in[3], in[4], in[5]);
	}
	kill(hog, SIGKILL);
	waitpid(hog, NULL, 0);
	if (bad) {
		printf("kt_regs: %ld bad calls\n", bad);
		return 1;
	}
	printf("kt_regs: all %ld calls kept their registers\n", n);
	return 0;
}
