/*
 * time - runs a command and reports on stderr how long it took, wall
 * clock: "real 0m0.012s" (bash's form), or with -p "real 0.01"
 * (POSIX's).  The core does not account processor time per process
 * yet, so there are no user and sys lines rather than made-up ones.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
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
	    "Run COMMAND, then print the wall-clock time it took on stderr.\n"
	    "  -p  POSIX format: \"real SECONDS\"\n", 125);
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
	while (waitpid(pid, &st, 0) != pid) {
		if (errno != EINTR) {
			cu_err("waitpid", errno);
			return 125;
		}
	}
	if (clock_gettime(CLOCK_MONOTONIC, &t1) != 0) {
		cu_err("clock", errno);
		return 125;
	}
	long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
	if (posix)
		fprintf(stderr, "real %lld.%02lld\n", ns / 1000000000LL, ns % 1000000000LL / 10000000LL);
	else
		fprintf(stderr, "real %lldm%lld.%03llds\n", ns / 60000000000LL,
		    ns / 1000000000LL % 60, ns % 1000000000LL / 1000000LL);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
