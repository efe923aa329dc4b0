/*
 * kt_spawnself - a process that spawns a program from a scheme it serves
 * itself waits forever (it cannot answer while it waits), as a FUSE
 * daemon running a file of its own mount would.  What the core owes is
 * that the wait ends with the process: SIGKILL must end it.  Found by
 * the syscall fuzzer (a fuzzed child registered a scheme and spawned
 * from it; its parent's kill never landed and the fuzzer waited on).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int
child(void)
{
	int d = open(":ktself", O_RDWR | O_CREAT, 0600);
	if (d < 0) {
		printf("kt_spawnself: FAIL registering :ktself: %s\n", strerror(errno));
		return 1;
	}
	char *args[] = { "prog", NULL };
	pid_t pid;
	printf("kt_spawnself: child spawns from its own scheme\n");
	fflush(stdout);
	int e = posix_spawn(&pid, "ktself:prog", NULL, NULL, args, environ);
	printf("kt_spawnself: FAIL spawn returned %d\n", e);
	return 1;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "child"))
		return child();
	char *args[] = { "kt_spawnself", "child", NULL };
	pid_t pid;
	if (posix_spawnp(&pid, "kt_spawnself", NULL, NULL, args, environ) != 0) {
		printf("kt_spawnself: FAIL spawning the child\n");
		return 1;
	}
	struct timespec ts = { 0, 300 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	if (kill(pid, SIGKILL) != 0) {
		printf("kt_spawnself: FAIL kill: %s\n", strerror(errno));
		return 1;
	}
	/* Up to 5 s for the kill to land. */
	int st = 0;
	for (int i = 0; i < 500; i++) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid) {
			if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) {
				printf("kt_spawnself: killed while spawning from its own scheme: ok\n");
				return 0;
			}
			printf("kt_spawnself: FAIL the child ended with status %#x\n", st);
			return 1;
		}
		ts.tv_nsec = 10 * 1000 * 1000;
		nanosleep(&ts, NULL);
	}
	printf("kt_spawnself: FAIL SIGKILL did not end a process waiting in spawn\n");
	return 1;
}
