/* libc_spawn: posix_spawn with file actions and attributes, waitpid
 * statuses, execve, signals to children.  It spawns itself: argv[1]
 * names what the child does. */
#define NAME "libc_spawn"
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/wait.h>

static char self[512];

static int child(int argc, char **argv)
{
	const char *mode = argv[1];
	char buf[256];
	ssize_t n;

	if (strcmp(mode, "exit") == 0)
		return atoi(argv[2]);
	if (strcmp(mode, "echo") == 0) {
		printf("child says hi\n");
		return 0;
	}
	if (strcmp(mode, "cat") == 0) {
		size_t total = 0;
		while ((n = read(0, buf + total, sizeof(buf) - 1 - total)) > 0)
			total += (size_t)n;
		buf[total] = '\0';
		printf("got: %s", buf);
		return 0;
	}
	if (strcmp(mode, "env") == 0) {
		const char *v = getenv("SPAWN_VAR");
		printf("%s\n", v ? v : "(unset)");
		return 0;
	}
	if (strcmp(mode, "fds") == 0) {
		/* argv: fds OPEN CLOSED... -> prints "ok" if all as expected */
		int i, ok = fcntl(atoi(argv[2]), F_GETFD) >= 0;
		for (i = 3; i < argc; i++)
			if (fcntl(atoi(argv[i]), F_GETFD) >= 0)
				ok = 0;
		printf("%s\n", ok ? "ok" : "bad");
		return 0;
	}
	if (strcmp(mode, "term") == 0) {
		raise(SIGTERM);
		return 99;
	}
	if (strcmp(mode, "abort") == 0)
		abort();
	if (strcmp(mode, "sleep") == 0) {
		usleep((useconds_t)atoi(argv[2]) * 1000);
		return 5;
	}
	if (strcmp(mode, "len") == 0) {
		size_t total = 0;
		for (int i = 2; i < argc; i++)
			total += strlen(argv[i]);
		printf("%zu\n", total);
		return 0;
	}
	if (strcmp(mode, "pgid") == 0) {
		printf("%s\n", getpgrp() == getpid() ? "leader" : "member");
		return 0;
	}
	if (strcmp(mode, "exec") == 0) {
		char *nargv[] = { argv[0], "exit", "3", NULL };
		execve(self, nargv, environ);
		return 100 + errno;
	}
	return 111;
}

/* Spawns self with args, stdout into a pipe; returns what it printed
 * and stores the wait status. */
static char *run(char *const args[], const posix_spawnattr_t *attr,
    char *const envp[], int *status)
{
	static char out[512];
	posix_spawn_file_actions_t fa;
	int p[2], e;
	size_t total = 0;
	ssize_t n;
	pid_t pid;

	out[0] = '\0';
	if (pipe2(p, O_CLOEXEC) < 0)
		return NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	e = posix_spawn(&pid, self, &fa, attr, args, envp ? envp : environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (e != 0) {
		close(p[0]);
		errno = e;
		return NULL;
	}
	while ((n = read(p[0], out + total, sizeof(out) - 1 - total)) > 0)
		total += (size_t)n;
	out[total] = '\0';
	close(p[0]);
	*status = -1;
	if (waitpid(pid, status, 0) != pid)
		return NULL;
	return out;
}

static void test_basic(void)
{
	char *a_exit[] = { self, "exit", "7", NULL };
	char *a_echo[] = { self, "echo", NULL };
	char *a_env[] = { self, "env", NULL };
	char *a_exec[] = { self, "exec", NULL };
	char *envp[] = { "SPAWN_VAR=hello", NULL };
	char missing[600];
	int st = 0;
	pid_t pid;

	CHECK(posix_spawn(&pid, self, NULL, NULL, a_exit, environ) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	CHECK_STR(run(a_echo, NULL, NULL, &st), "child says hi\n");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_STR(run(a_env, NULL, envp, &st), "hello\n");
	setenv("SPAWN_VAR", "inherited", 1);
	CHECK_STR(run(a_env, NULL, NULL, &st), "inherited\n");
	run(a_exec, NULL, NULL, &st);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	/* a missing program (next to us, so its file system exists):
	 * posix_spawn may say so, or the child exits 127 */
	{
		char *slash;
		snprintf(missing, sizeof(missing), "%s", self);
		slash = strrchr(missing, '/');
		if (slash != NULL)
			strcpy(slash + 1, "no-such-program");
	}
	st = posix_spawn(&pid, missing, NULL, NULL, a_exit, environ);
	if (st == 0)
		CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 127);
	else
		CHECK_INT(st, ENOENT);
	CHECK(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD);
}

/* Long argument lists arrive whole; past ARG_MAX the spawn fails. */
static void test_biglist(void)
{
	static char big[300 * 1024];
	char *args[44];
	pid_t pid;
	int st;

	memset(big, 'a', sizeof big - 1);
	args[0] = self;
	args[1] = "len";
	for (int i = 2; i < 42; i++)
		args[i] = big + sizeof big - 1 - 4000;	/* 4,000 bytes each */
	args[42] = NULL;
	CHECK_STR(run(args, NULL, NULL, &st), "160000\n");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	args[2] = big;
	args[3] = NULL;
	CHECK_INT(posix_spawn(&pid, self, NULL, NULL, args, environ), E2BIG);
}

static void test_stdin(void)
{
	char *a_cat[] = { self, "cat", NULL };
	posix_spawn_file_actions_t fa;
	int in[2], out[2], st;
	char buf[128];
	ssize_t n;
	size_t total = 0;
	pid_t pid;

	CHECK(pipe2(in, O_CLOEXEC) == 0 && pipe2(out, O_CLOEXEC) == 0);
	posix_spawn_file_actions_init(&fa);
	CHECK(posix_spawn_file_actions_adddup2(&fa, in[0], 0) == 0);
	CHECK(posix_spawn_file_actions_adddup2(&fa, out[1], 1) == 0);
	CHECK(posix_spawn(&pid, self, &fa, NULL, a_cat, environ) == 0);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	CHECK_INT(write(in[1], "piped data\n", 11), 11);
	close(in[1]);
	while ((n = read(out[0], buf + total, sizeof(buf) - 1 - total)) > 0)
		total += (size_t)n;
	buf[total] = '\0';
	close(out[0]);
	CHECK_STR(buf, "got: piped data\n");
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void test_fds(void)
{
	posix_spawn_file_actions_t fa;
	int p[2], st, keep, drop, cloexec;
	char buf[32], s_keep[8], s_drop[8], s_cx[8];
	ssize_t n;
	pid_t pid;
	char *args[] = { self, "fds", s_keep, s_drop, s_cx, NULL };

	CHECK(pipe2(p, O_CLOEXEC) == 0);
	keep = dup2(p[1], 7);		/* plain dup: inherited */
	drop = dup2(p[1], 8);		/* inherited, then closed by an action */
	cloexec = fcntl(p[1], F_DUPFD_CLOEXEC, 9);	/* never inherited */
	CHECK(keep == 7 && drop == 8 && cloexec >= 9);
	snprintf(s_keep, sizeof(s_keep), "%d", keep);
	snprintf(s_drop, sizeof(s_drop), "%d", drop);
	snprintf(s_cx, sizeof(s_cx), "%d", cloexec);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	CHECK(posix_spawn_file_actions_addclose(&fa, drop) == 0);
	CHECK(posix_spawn(&pid, self, &fa, NULL, args, environ) == 0);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	close(keep);
	close(drop);
	close(cloexec);
	n = read(p[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(p[0]);
	CHECK_STR(buf, "ok\n");
	CHECK(waitpid(pid, &st, 0) == pid);
}

static void test_open_action(const char *dir)
{
	char *a_echo[] = { self, "echo", NULL };
	char path[256], buf[64];
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/spawn-out.txt", dir);
	posix_spawn_file_actions_init(&fa);
	CHECK(posix_spawn_file_actions_addopen(&fa, 1, path,
	    O_WRONLY | O_CREAT | O_TRUNC, 0644) == 0);
	CHECK(posix_spawn(&pid, self, &fa, NULL, a_echo, environ) == 0);
	posix_spawn_file_actions_destroy(&fa);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
	fd = open(path, O_RDONLY);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	CHECK_STR(buf, "child says hi\n");
	unlink(path);
	/* an open that fails is reported by posix_spawn itself */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/no/such/dir/file", O_RDONLY, 0);
	CHECK(posix_spawn(&pid, self, &fa, NULL, a_echo, environ) == ENOENT);
	posix_spawn_file_actions_destroy(&fa);
}

static void test_signals(void)
{
	char *a_term[] = { self, "term", NULL };
	char *a_abort[] = { self, "abort", NULL };
	char *a_sleep[] = { self, "sleep", "300", NULL };
	char *a_pgid[] = { self, "pgid", NULL };
	posix_spawnattr_t attr;
	int st = 0;
	pid_t pid;

	CHECK(posix_spawn(&pid, self, NULL, NULL, a_term, environ) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	CHECK(posix_spawn(&pid, self, NULL, NULL, a_abort, environ) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);

	CHECK(posix_spawn(&pid, self, NULL, NULL, a_sleep, environ) == 0);
	CHECK(waitpid(pid, &st, WNOHANG) == 0);
	CHECK(kill(pid, SIGKILL) == 0);
	CHECK(waitpid(-1, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	a_sleep[2] = "10";
	CHECK(posix_spawn(&pid, self, NULL, NULL, a_sleep, environ) == 0);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5);

	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	CHECK_STR(run(a_pgid, &attr, NULL, &st), "leader\n");
	CHECK_STR(run(a_pgid, NULL, NULL, &st), "member\n");
	posix_spawnattr_destroy(&attr);
}

static void test_spawnp(void)
{
	char dir[512], *slash, *a_exit[] = { "x", "exit", "9", NULL };
	char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	pid_t pid;
	int st = 0;

	strcpy(dir, self);
	slash = strrchr(dir, '/');
	if (slash == NULL)
		return;
	*slash = '\0';
	setenv("PATH", dir, 1);
	CHECK(posix_spawnp(&pid, slash + 1, NULL, NULL, a_exit, environ) == 0);
	CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 9);
	CHECK(posix_spawnp(&pid, "no-such-program", NULL, NULL, a_exit, environ) == ENOENT);	/* found by the search */
	if (old) {
		setenv("PATH", old, 1);
		free(old);
	}
}

int main(int argc, char **argv)
{
	const char *dir;

	self_path(argv[0], self, sizeof self);
	if (argc > 1)
		return child(argc, argv);
	test_basic();
	test_biglist();
	test_stdin();
	test_fds();
	test_signals();
	test_spawnp();
	dir = scratch_dir();
	if (dir)
		test_open_action(dir);
	return finish();
}
