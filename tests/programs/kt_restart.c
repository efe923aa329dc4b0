/*
 * kt_restart - SA_RESTART.  A child signals this process while it waits,
 * then (a little later) gives it what it waits for.  With SA_RESTART the
 * wait - a pipe read, a pipe write into a full pipe, waitpid - goes on
 * after the handler and succeeds; without it, -1/EINTR as before.
 * nanosleep and poll are never restarted.  argv: "poke PID MS [FD]":
 * after MS ms send SIGUSR1 to PID, after MS more write a byte to FD
 * (or read 64 KiB from it when it is "drain"), then exit.
 */
#define NAME "kt_restart"
#include "check.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Long enough for this process to be waiting by then, even on a busy
 * host: the signal must interrupt the wait, not come before it. */
#define POKE_MS 250

extern char **environ;
static char self[512];
static volatile int calls;

static void
handler(int sig)
{
	(void)sig;
	calls++;
}

static void
on(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	if (sigaction(SIGUSR1, &sa, NULL) != 0)
		printf("kt_restart: sigaction: %s\n", strerror(errno));
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Starts "poke": fd (or -1) becomes the child's fd 3. */
static pid_t
poke(int ms, int fd, const char *what)
{
	char pid[16], ms_s[16];
	char *args[] = { self, "poke", pid, ms_s, (char *)what, NULL };
	posix_spawn_file_actions_t fa;
	pid_t c;

	snprintf(pid, sizeof pid, "%d", (int)getpid());
	snprintf(ms_s, sizeof ms_s, "%d", ms);
	if (posix_spawn_file_actions_init(&fa) != 0)
		return -1;
	if (fd >= 0 && posix_spawn_file_actions_adddup2(&fa, fd, 3) != 0)
		return -1;
	int r = posix_spawn(&c, self, &fa, NULL, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	return r == 0 ? c : -1;
}

static int
poke_main(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	pid_t target = atoi(argv[2]);
	int ms = atoi(argv[3]);
	sleep_ms(ms);
	if (kill(target, SIGUSR1) != 0)
		return 3;
	sleep_ms(ms);
	if (argc > 4 && !strcmp(argv[4], "byte"))
		return write(3, "x", 1) == 1 ? 0 : 4;
	if (argc > 4 && !strcmp(argv[4], "drain")) {
		static char buf[65536];
		return read(3, buf, sizeof buf) > 0 ? 0 : 5;
	}
	return 0;
}

static void
reap(pid_t c)
{
	int st;
	while (waitpid(c, &st, 0) < 0 && errno == EINTR)
		;
}

static void
test_read(int flags)
{
	int p[2];
	char ch = 0;
	CHECK(pipe(p) == 0);
	on(flags);
	calls = 0;
	pid_t c = poke(POKE_MS, p[1], "byte");
	CHECK(c > 0);
	errno = 0;
	ssize_t n = read(p[0], &ch, 1);
	if (flags & SA_RESTART) {
		CHECK(n == 1 && ch == 'x');
	} else {
		CHECK(n == -1 && errno == EINTR);
	}
	CHECK_INT(calls, 1);
	reap(c);
	close(p[0]);
	close(p[1]);
}

static void
test_write_full(void)
{
	static char big[65536];
	int p[2];
	CHECK(pipe(p) == 0);
	on(SA_RESTART);
	calls = 0;
	pid_t c = poke(POKE_MS, p[0], "drain");
	CHECK(c > 0);
	/* Fills the 64 KiB ring, then waits for room; the signal comes
	 * before any and nothing was written: the write goes on. */
	CHECK(write(p[1], big, 65536) == 65536);
	ssize_t n = write(p[1], big, 4096);
	CHECK(n == 4096);
	CHECK_INT(calls, 1);
	reap(c);
	close(p[0]);
	close(p[1]);
}

static void
test_waitpid(int flags)
{
	int st = 0;
	on(flags);
	calls = 0;
	pid_t c = poke(POKE_MS, -1, "");
	CHECK(c > 0);
	errno = 0;
	pid_t r = waitpid(c, &st, 0);
	if (flags & SA_RESTART) {
		CHECK(r == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	} else {
		CHECK(r == -1 && errno == EINTR);
		reap(c);
	}
	CHECK_INT(calls, 1);
}

static void
test_never_restarted(void)
{
	on(SA_RESTART);
	calls = 0;
	pid_t c = poke(POKE_MS, -1, "");
	struct timespec ts = { 5, 0 }, rem = { 0, 0 };
	errno = 0;
	CHECK(nanosleep(&ts, &rem) == -1 && errno == EINTR);
	CHECK(rem.tv_sec > 0 && rem.tv_sec <= 5);
	CHECK_INT(calls, 1);
	reap(c);

	int p[2];
	CHECK(pipe(p) == 0);
	calls = 0;
	c = poke(POKE_MS, -1, "");
	struct pollfd pfd = { p[0], POLLIN, 0 };
	errno = 0;
	CHECK(poll(&pfd, 1, 5000) == -1 && errno == EINTR);
	CHECK_INT(calls, 1);
	reap(c);
	close(p[0]);
	close(p[1]);
}

int
main(int argc, char **argv)
{
	self_path(argv[0], self, sizeof self);
	if (argc > 1)
		return strcmp(argv[1], "poke") == 0 ? poke_main(argc, argv) : 2;
	test_read(SA_RESTART);
	test_read(0);
	test_write_full();
	test_waitpid(SA_RESTART);
	test_waitpid(0);
	test_never_restarted();
	return finish();
}
