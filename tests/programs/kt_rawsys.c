/*
 * kt_rawsys - a program's raw `syscall` instruction never reaches the
 * host: hosted, Linux would take it (exit_group would end the whole OS),
 * so Syscall User Dispatch traps it; natively the kernel checks where a
 * syscall came from.  Either way the program dies of SIGSYS and the OS
 * goes on.
 */
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Linux's exit_group(42), and write(1, ...): neither may happen. */
static void
raw(int which)
{
	long r;
	if (which == 0)
		__asm__ volatile("syscall" : "=a"(r) : "0"(231L), "D"(42L) : "rcx", "r11", "memory");
	else
		__asm__ volatile("syscall" : "=a"(r) : "0"(1L), "D"(1L), "S"("LEAK\n"), "d"(5L)
		    : "rcx", "r11", "memory");
	(void)r;
}

int
main(int argc, char **argv)
{
	if (argc == 2) {
		raw(argv[1][0] == 'e' ? 0 : 1);
		printf("kt_rawsys: FAIL the raw syscall returned\n");
		return 1;
	}
	int fails = 0;
	const char *kinds[] = { "exit", "write" };
	for (int i = 0; i < 2; i++) {
		char *args[] = { "kt_rawsys", (char *)kinds[i], NULL };
		pid_t pid;
		int st;
		if (posix_spawnp(&pid, "kt_rawsys", NULL, NULL, args, environ) != 0 ||
		    waitpid(pid, &st, 0) != pid) {
			printf("kt_rawsys: FAIL spawning the %s child\n", kinds[i]);
			fails++;
			continue;
		}
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS)
			printf("kt_rawsys: raw %s: killed by SIGSYS\n", kinds[i]);
		else {
			printf("kt_rawsys: FAIL raw %s: status %#x\n", kinds[i], st);
			fails++;
		}
	}
	printf(fails ? "kt_rawsys: FAILED\n" : "kt_rawsys: the OS is still here\n");
	return fails != 0;
}
