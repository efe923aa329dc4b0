/*
 * kt_vfork - vfork: the child runs first in the parent's memory (what it
 * stores before _exit or execve the parent sees), as a process of its
 * own (its pid, its fds: a close in the child leaves the parent's), and
 * the parent is suspended until the child calls _exit or execve; then
 * vfork returns the child's pid, with the parent's registers and stack
 * as they were (a loop of vforks keeps its counters).  A failed execve
 * returns to the child.  A parent killed while its child runs goes only
 * after the child (killed too), whose memory it was.  argv[1]: "exit3"
 * is the exec'd program, "vforker" the parent that gets killed.
 */
#define NAME "kt_vfork"
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static char self[512];
static volatile int shared;
static volatile pid_t child_pid;
static volatile long long child_done_ns;

static long long
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int
reap(pid_t pid)
{
	int st = 0;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
}

static void
test_exit(void)
{
	shared = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		child_pid = getpid();
		/* The parent must not run while the child sleeps. */
		struct timespec ts = { 0, 100 * 1000000L };
		nanosleep(&ts, NULL);
		shared = 42;
		child_done_ns = now_ns();
		_exit(7);
	}
	long long back = now_ns();
	CHECK(pid > 0);
	CHECK(shared == 42);
	CHECK(child_pid == pid && pid != getpid());
	CHECK(back >= child_done_ns);
	CHECK_INT(reap(pid), 7);
}

static void
test_exec(void)
{
	char *args[] = { self, "exit3", NULL };
	shared = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		shared = 1;
		execve(self, args, environ);
		_exit(126);
	}
	CHECK(pid > 0);
	CHECK(shared == 1);
	CHECK_INT(reap(pid), 3);

	/* A failed execve returns to the child, in our memory. */
	shared = 0;
	pid = vfork();
	if (pid == 0) {
		execve("initfs:/bin/no-such-program", args, environ);
		shared = errno;
		_exit(127);
	}
	CHECK(shared == ENOENT);
	CHECK_INT(reap(pid), 127);
}

static void
test_fds(void)
{
	int p[2];
	CHECK(pipe(p) == 0);
	pid_t pid = vfork();
	if (pid == 0) {
		close(p[1]);
		_exit(write(p[1], "x", 1) == -1 ? 0 : 1);	/* closed in the child */
	}
	CHECK_INT(reap(pid), 0);
	char c = 0;
	CHECK(write(p[1], "y", 1) == 1);	/* still open here */
	CHECK(read(p[0], &c, 1) == 1 && c == 'y');
	close(p[0]);
	close(p[1]);
}

/* Called through a pointer the compiler cannot see through, so it keeps
 * ok, sum and i in callee-saved registers across the call, as across
 * any call: vfork must give them back as they were. */
static pid_t (*volatile vfork_ptr)(void) = vfork;

static void
test_loop(void)
{
	int ok = 0;
	long sum = 0;
	for (int i = 0; i < 50; i++) {
		pid_t pid = vfork_ptr();
		if (pid == 0)
			_exit(i & 0x7f);
		if (pid > 0 && reap(pid) == (i & 0x7f))
			ok++;
		sum += i;
	}
	CHECK_INT(ok, 50);
	CHECK_INT(sum, 50 * 49 / 2);
}

/* fd 3 is a pipe: the child writes its pid there and sleeps. */
static int
vforker(void)
{
	pid_t pid = vfork();
	if (pid == 0) {
		pid_t me = getpid();
		if (write(3, &me, sizeof me) != sizeof me)
			_exit(1);
		struct timespec ts = { 20, 0 };
		nanosleep(&ts, NULL);
		_exit(0);
	}
	return 5;	/* never: we are killed while the child sleeps */
}

static void
test_parent_killed(void)
{
	int p[2];
	posix_spawn_file_actions_t fa;
	char *args[] = { self, "vforker", NULL };
	pid_t x, c = 0;
	CHECK(pipe(p) == 0);
	CHECK(posix_spawn_file_actions_init(&fa) == 0);
	CHECK(posix_spawn_file_actions_adddup2(&fa, p[1], 3) == 0);
	CHECK(posix_spawn(&x, self, &fa, NULL, args, environ) == 0);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	CHECK(read(p[0], &c, sizeof c) == sizeof c && c > 0);
	CHECK(kill(x, SIGKILL) == 0);
	long long t0 = now_ns();
	CHECK_INT(reap(x), 1000 + SIGKILL);
	CHECK(now_ns() - t0 < 5000LL * 1000000);	/* not the child's 20 s */
	errno = 0;
	CHECK(kill(c, 0) == -1 && errno == ESRCH);	/* the child went first */
	close(p[0]);
}

int
main(int argc, char **argv)
{
	self_path(argv[0], self, sizeof self);
	if (argc > 1) {
		if (!strcmp(argv[1], "vforker"))
			return vforker();
		return strcmp(argv[1], "exit3") == 0 ? 3 : 2;
	}
	test_exit();
	test_exec();
	test_fds();
	test_loop();
	test_parent_killed();
	return finish();
}
