/*
 * kt_spawnmany - spawns and reaps 100 programs, then checks that
 * sys:meminfo's used pages and kernel heap are back to their baseline.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "meminfo.h"

extern char **environ;

static int
run_one(char *prog)
{
	char *args[] = { prog, NULL };
	pid_t pid;
	int st;
	if (posix_spawn(&pid, prog, NULL, NULL, args, environ) != 0)
		return -1;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

int
main(int argc, char **argv)
{
	char *prog = argc > 1 ? argv[1] : "initfs:/bin/kt_true";
	/* Warm up (a first spawn, a first large read): the baseline is the
	 * steady state, not the first use of per-thread buffers. */
	run_one(prog);
	meminfo("PagesUsed:");
	long pages = meminfo("PagesUsed:"), heap = meminfo("KernelHeap:");
	for (int i = 0; i < 100; i++) {
		if (run_one(prog) != 0) {
			printf("kt_spawnmany: spawn %d failed\n", i);
			return 1;
		}
	}
	long pages2 = meminfo("PagesUsed:"), heap2 = meminfo("KernelHeap:");
	printf("kt_spawnmany: 100 spawned and reaped; pages %ld -> %ld, kernel heap %ld -> %ld\n",
	    pages, pages2, heap, heap2);
	if (pages < 0 || pages != pages2 || heap != heap2) {
		printf("kt_spawnmany: memory not back to baseline\n");
		return 1;
	}
	printf("kt_spawnmany: memory back to baseline\n");
	return 0;
}
