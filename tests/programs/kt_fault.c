/*
 * kt_fault - does one bad thing, named by argv[1]: null (dereference
 * NULL), ud2 (an invalid instruction), div0 (integer division by zero),
 * hlt, cli (privileged instructions), kread (read a kernel address),
 * stack (recurse until the stack overflows).
 * Run without an argument it runs each of them as a child and checks
 * that each ended with the right signal, and that it can go on.
 */
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "overflow.h"

extern char **environ;

static volatile int zero;

static int
do_fault(const char *what)
{
	if (!strcmp(what, "null"))
		return *(volatile int *)0;
	if (!strcmp(what, "ud2"))
		__asm__ volatile("ud2");
	if (!strcmp(what, "div0"))
		return 12345 / zero;	/* not 1/x: gcc turns that into a compare */
	if (!strcmp(what, "hlt"))
		__asm__ volatile("hlt");
	if (!strcmp(what, "cli"))
		__asm__ volatile("cli");
	if (!strcmp(what, "stack"))
		return overflow_stack(0);
	if (!strcmp(what, "kread"))
		return *(volatile int *)0xffffffff80000000ull;
	fprintf(stderr, "kt_fault: unknown fault %s\n", what);
	return 2;
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		return do_fault(argv[1]);
	static const struct { const char *what; int sig; } cases[] = {
		{ "null", SIGSEGV }, { "ud2", SIGILL }, { "div0", SIGFPE },
		{ "hlt", SIGSEGV }, { "cli", SIGSEGV }, { "kread", SIGSEGV },
		{ "stack", SIGSEGV },
	};
	int failed = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *args[] = { argv[0], (char *)cases[i].what, NULL };
		pid_t pid;
		int st;
		if (posix_spawnp(&pid, argv[0], NULL, NULL, args, environ) != 0 ||
		    waitpid(pid, &st, 0) != pid) {
			printf("kt_fault: could not run %s\n", cases[i].what);
			failed++;
			continue;
		}
		if (!WIFSIGNALED(st) || WTERMSIG(st) != cases[i].sig) {
			printf("kt_fault: %s ended with status %#x, wanted signal %d\n",
			    cases[i].what, st, cases[i].sig);
			failed++;
		} else {
			printf("kt_fault: %s killed by signal %d as expected\n",
			    cases[i].what, WTERMSIG(st));
		}
	}
	if (failed) {
		printf("kt_fault: %d failed\n", failed);
		return 1;
	}
	printf("kt_fault: all passed\n");
	return 0;
}
