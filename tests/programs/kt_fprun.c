/*
 * kt_fprun - runs four kt_fpsum at once (two rounding to nearest, two
 * toward zero) so they preempt one another, and checks that copies in the
 * same mode agree bit for bit and the modes differ.
 */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int
main(void)
{
	static char *modes[4] = { "near", "zero", "near", "zero" };
	int fds[4];
	pid_t pids[4];
	char out[4][128];

	for (int i = 0; i < 4; i++) {
		int p[2];
		posix_spawn_file_actions_t fa;
		char *args[] = { "kt_fpsum", modes[i], NULL };
		if (pipe(p) != 0)
			return 1;
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_adddup2(&fa, p[1], 1);
		posix_spawn_file_actions_addclose(&fa, p[0]);
		if (posix_spawnp(&pids[i], "kt_fpsum", &fa, NULL, args, environ) != 0) {
			printf("kt_fprun: cannot start kt_fpsum\n");
			return 1;
		}
		posix_spawn_file_actions_destroy(&fa);
		close(p[1]);
		fds[i] = p[0];
	}
	int bad = 0;
	for (int i = 0; i < 4; i++) {
		size_t have = 0;
		ssize_t n;
		while (have < sizeof out[i] - 1 && (n = read(fds[i], out[i] + have, sizeof out[i] - 1 - have)) > 0)
			have += (size_t)n;
		out[i][have] = 0;
		close(fds[i]);
		int st;
		waitpid(pids[i], &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad = 1;
		printf("%s", out[i]);
	}
	if (strcmp(out[0], out[2]) || strcmp(out[1], out[3]) || !strcmp(out[0] + 15, out[1] + 15)) {
		printf("kt_fprun: results differ under preemption\n");
		bad = 1;
	}
	printf(bad ? "kt_fprun: FAILED\n" : "kt_fprun: floating-point state survived preemption\n");
	return bad;
}
