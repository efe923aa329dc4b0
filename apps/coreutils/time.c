/*
 * time - runs a command and reports on stderr how long it took: the wall
 * clock and the CPU time the command spent in user mode and in the
 * kernel (its own and its reaped children's, from wait4), as bash's
 * keyword does ("real\t0m0.012s", then user and sys), or with -p in
 * POSIX's form ("real 0.01").
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include "lib/cu.h"

extern char **environ;

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct timespec t0, t1;
	int c, posix = 0, st;
	pid_t pid;

	cu_init("time", "[-p] COMMAND [ARG]...\n"
	    "Run COMMAND, then print on stderr the wall-clock time it took and\n"
	    "the CPU time it used in user mode and in the kernel.\n"
	    "  -p  POSIX format: \"real SECONDS\", \"user SECONDS\", \"sys SECONDS\"\n", 125);
	cu_opt_init(&o, argc, argv);
	o.permute = 0;
	while ((c = cu_opt_next(&o, "p")) != -1)
		if (c == 'p')
			posix = 1;
	if (o.ind >= argc) {
		cu_msg("missing command");
		cu_usage(125);
	}
	if (clock_gettime(CLOCK_MONOTONIC, &t0) != 0) {
		cu_err("clock", errno);
		return 125;
	}
	int e = posix_spawnp(&pid, argv[o.ind], NULL, NULL, argv + o.ind, environ);
	if (e != 0) {
		fprintf(stderr, "time: '%s': %s\n", argv[o.ind], strerror(e));
		return e == ENOENT ? 127 : 126;
	}
	struct rusage ru;
	while (wait4(pid, &st, 0, &ru) != pid) {
		if (errno != EINTR) {
			cu_err("waitpid", errno);
			return 125;
		}
	}
	if (clock_gettime(CLOCK_MONOTONIC, &t1) != 0) {
		cu_err("clock", errno);
		return 125;
	}
	long long ns[3] = {
		(long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec),
		(long long)ru.ru_utime.tv_sec * 1000000000LL + ru.ru_utime.tv_usec * 1000LL,
		(long long)ru.ru_stime.tv_sec * 1000000000LL + ru.ru_stime.tv_usec * 1000LL,
	};
	static const char *const what[3] = { "real", "user", "sys" };
	if (!posix)
		fputc('\n', stderr);
	for (int i = 0; i < 3; i++) {
		long long n = ns[i];
		if (posix)
			fprintf(stderr, "%s %lld.%02lld\n", what[i], n / 1000000000LL,
			    n % 1000000000LL / 10000000LL);
		else
			fprintf(stderr, "%s\t%lldm%lld.%03llds\n", what[i], n / 60000000000LL,
			    n / 1000000000LL % 60, n % 1000000000LL / 1000000LL);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
