/*
 * linux_ref - the Linux baselines, measured in the same run as ours:
 * getppid (a null syscall) and a pipe ping-pong between two processes
 * pinned to one core (what a scheme round trip replaces), and spawning
 * and reaping a trivial program (posix_spawn of /bin/true).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int
main(void)
{
	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof one, &one);

	double best = 1e30;
	for (int r = 0; r < 5; r++) {
		double t0 = now_ns();
		for (int i = 0; i < 1000000; i++)
			getppid();
		double t = (now_ns() - t0) / 1e6;
		if (t < best)
			best = t;
	}
	printf("bench linux_getppid %.1f\n", best);

	int ab[2], ba[2];
	if (pipe(ab) || pipe(ba))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(ab[1]);
		close(ba[0]);
		while (read(ab[0], &c, 1) == 1 && write(ba[1], &c, 1) == 1)
			;
		_exit(0);
	}
	close(ab[0]);
	close(ba[1]);
	char c = 'x';
	best = 1e30;
	for (int r = 0; r < 5; r++) {
		int n = 20000;
		double t0 = now_ns();
		for (int i = 0; i < n; i++)
			if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
				return 1;
		double t = (now_ns() - t0) / n;
		if (t < best)
			best = t;
	}
	close(ab[1]);
	waitpid(pid, NULL, 0);
	printf("bench linux_pipe_pingpong %.1f\n", best);

	extern char **environ;
	char *args[] = { "/bin/true", NULL };
	double t0 = now_ns();
	for (int i = 0; i < 200; i++) {
		pid_t c;
		if (posix_spawn(&c, args[0], NULL, NULL, args, environ) != 0 || waitpid(c, NULL, 0) != c)
			return 1;
	}
	printf("bench linux_spawn_exit %.1f\n", (now_ns() - t0) / 200);
	return 0;
}
