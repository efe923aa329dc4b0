/*
 * libc_locks: fcntl record locks (F_GETLK, F_SETLK, F_SETLKW), lockf and
 * flock between two processes.  The parent spawns itself as a helper
 * ("child PATH") that opens the same file and runs one command per line
 * read on stdin, answering one line on stdout:
 *
 *   set T S L     F_SETLK  (T: r, w or u), answers 0 or the errno
 *   setw T S L    F_SETLKW
 *   setwint T S L answers "ready", then F_SETLKW with a SIGUSR1 handler
 *                 (no SA_RESTART): "ERRNO HANDLER_RAN"
 *   get T S L     F_GETLK: "TYPE START LEN PID" or "err ERRNO"
 *   later MS T S L  answers 0, then after MS ms F_SETLK (in the background
 *                 of the parent's F_SETLKW)
 *   close2        opens the file again and closes that fd
 *   dupclose      dup()s its fd and closes the copy
 *   test S L      lockf(F_TEST) L bytes from S
 *   flock OP      flock(OP)
 *   exit          exits, holding whatever it holds
 *
 * With "--system" (inside the OS) it also checks that a pipe, whose
 * scheme has no locks, gives EINVAL.
 */
#define NAME "libc_locks"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/wait.h>

#include "check.h"

extern char **environ;

static char self[512];

/* ---- the helper ---- */

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* One line from fd without its newline; -1 at the end. */
static int read_line(int fd, char *buf, size_t n)
{
	size_t i = 0;
	char c;

	for (;;) {
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return i ? (int)i : -1;
		if (c == '\n')
			break;
		if (i + 1 < n)
			buf[i++] = c;
	}
	buf[i] = '\0';
	return (int)i;
}

static void say(const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || n > (int)sizeof(buf) - 2)
		n = 0;
	buf[n++] = '\n';
	if (write(1, buf, (size_t)n) != n)
		_exit(3);
}

static short type_of(char c)
{
	return c == 'r' ? F_RDLCK : c == 'w' ? F_WRLCK : c == 'u' ? F_UNLCK : 9;
}

static int lock(int fd, int cmd, short type, long start, long len)
{
	struct flock fl = { type, SEEK_SET, start, len, 0 };

	return fcntl(fd, cmd, &fl) == 0 ? 0 : errno;
}

static int helper(const char *path)
{
	char line[128], t;
	long s, l, ms;
	int fd = open(path, O_RDWR), d, op;
	struct flock fl;
	struct sigaction sa;
	struct timespec ts;

	if (fd < 0) {
		fprintf(stderr, "libc_locks: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while (read_line(0, line, sizeof(line)) >= 0) {
		if (sscanf(line, "set %c %ld %ld", &t, &s, &l) == 3) {
			say("%d", lock(fd, F_SETLK, type_of(t), s, l));
		} else if (sscanf(line, "setw %c %ld %ld", &t, &s, &l) == 3) {
			say("%d", lock(fd, F_SETLKW, type_of(t), s, l));
		} else if (sscanf(line, "setwint %c %ld %ld", &t, &s, &l) == 3) {
			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = on_usr1;
			sigaction(SIGUSR1, &sa, NULL);
			say("ready");
			d = lock(fd, F_SETLKW, type_of(t), s, l);
			say("%d %d", d, (int)got_usr1);
		} else if (sscanf(line, "get %c %ld %ld", &t, &s, &l) == 3) {
			fl = (struct flock){ type_of(t), SEEK_SET, s, l, 0 };
			if (fcntl(fd, F_GETLK, &fl) != 0)
				say("err %d", errno);
			else
				say("%d %ld %ld %d", fl.l_type, (long)fl.l_start,
				    (long)fl.l_len, (int)fl.l_pid);
		} else if (sscanf(line, "later %ld %c %ld %ld", &ms, &t, &s, &l) == 4) {
			say("0");
			ts.tv_sec = ms / 1000;
			ts.tv_nsec = (ms % 1000) * 1000000;
			nanosleep(&ts, NULL);
			if (lock(fd, F_SETLK, type_of(t), s, l) != 0)
				return 4;
		} else if (strcmp(line, "close2") == 0) {
			d = open(path, O_RDONLY);
			say("%d", d >= 0 && close(d) == 0 ? 0 : errno);
		} else if (strcmp(line, "dupclose") == 0) {
			d = dup(fd);
			say("%d", d >= 0 && close(d) == 0 ? 0 : errno);
		} else if (sscanf(line, "test %ld %ld", &s, &l) == 2) {
			if (lseek(fd, s, SEEK_SET) != s)
				say("%d", errno);
			else
				say("%d", lockf(fd, F_TEST, l) == 0 ? 0 : errno);
		} else if (sscanf(line, "flock %d", &op) == 1) {
			say("%d", flock(fd, op) == 0 ? 0 : errno);
		} else if (strcmp(line, "exit") == 0) {
			return 0;
		} else {
			say("bad command");
		}
	}
	return 0;
}

/* ---- the parent's side ---- */

static void sleep_ms(long ms);

struct kid {
	pid_t pid;
	int to, from;		/* its stdin, its stdout */
	char reply[128];
};

static int spawn_kid(struct kid *k, const char *path)
{
	char *argv[] = { self, "child", (char *)path, NULL };
	posix_spawn_file_actions_t fa;
	int in[2], out[2], e;

	if (pipe(in) != 0 || pipe(out) != 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	e = posix_spawn(&k->pid, self, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	k->to = in[1];
	k->from = out[0];
	if (e != 0) {
		printf("%s: FAIL spawning %s: %s\n", NAME, self, strerror(e));
		close(k->to);
		close(k->from);
		return -1;
	}
	return 0;
}

static int send_line(struct kid *k, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || n > (int)sizeof(buf) - 2)
		return -1;
	buf[n++] = '\n';
	return write(k->to, buf, (size_t)n) == n ? 0 : -1;
}

/* Its answer; "" if it is gone. */
static const char *answer(struct kid *k)
{
	if (read_line(k->from, k->reply, sizeof(k->reply)) < 0)
		k->reply[0] = '\0';
	return k->reply;
}

/*
 * Its answer to a command that blocks until a signal interrupts it: the
 * signal is sent again every 100 ms until the answer comes (the first
 * may come before the helper blocks), for at most 10 s.
 */
static const char *answer_signalled(struct kid *k, int sig)
{
	int fl = fcntl(k->from, F_GETFL), i;
	ssize_t n = -1;

	k->reply[0] = '\0';
	if (fl < 0 || fcntl(k->from, F_SETFL, fl | O_NONBLOCK) < 0)
		return k->reply;
	for (i = 0; i < 100 && n < 0; i++) {
		if (kill(k->pid, sig) != 0)
			break;
		sleep_ms(100);
		n = read(k->from, k->reply, sizeof(k->reply) - 1);
	}
	fcntl(k->from, F_SETFL, fl);
	/* The answer is one short write: all of it is there. */
	k->reply[n > 0 ? n : 0] = '\0';
	if (n > 0 && k->reply[n - 1] == '\n')
		k->reply[n - 1] = '\0';
	return k->reply;
}

/* Sends a command and returns the number the helper answers (-1: none). */
static int ask(struct kid *k, const char *cmd)
{
	const char *r;

	if (send_line(k, "%s", cmd) != 0)
		return -1;
	r = answer(k);
	return *r ? atoi(r) : -1;
}

static int kid_wait(struct kid *k)
{
	int st = 0;

	close(k->to);
	close(k->from);
	if (waitpid(k->pid, &st, 0) != k->pid)
		return -1;
	return st;
}

static int setlk(int fd, int cmd, short type, short whence, long start, long len)
{
	struct flock fl = { type, whence, start, len, 0 };

	return fcntl(fd, cmd, &fl) == 0 ? 0 : errno;
}

static long ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Nobody else holds anything on [start, start+len) that bars a write. */
static int free_range(int fd, long start, long len)
{
	struct flock fl = { F_WRLCK, SEEK_SET, start, len, 0 };

	return fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK;
}

static void test_conflicts(int fd, const char *path)
{
	struct kid k;
	struct flock fl;
	char want[64];

	if (spawn_kid(&k, path) != 0) {
		CHECK(0);
		return;
	}
	/* Write locks exclude; F_GETLK names the holder and its range. */
	CHECK_INT(ask(&k, "set w 0 10"), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 5, 10), EAGAIN);
	CHECK_INT(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EAGAIN);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 10, 10), 0);
	fl = (struct flock){ F_WRLCK, SEEK_SET, 0, 100, 0 };
	CHECK(fcntl(fd, F_GETLK, &fl) == 0);
	CHECK_INT(fl.l_type, F_WRLCK);
	CHECK_INT(fl.l_whence, SEEK_SET);
	CHECK_INT(fl.l_start, 0);
	CHECK_INT(fl.l_len, 10);
	CHECK_INT(fl.l_pid, k.pid);
	/* The helper sees the parent's lock. */
	snprintf(want, sizeof(want), "1 10 10 %d", (int)getpid());
	send_line(&k, "get r 0 0");
	CHECK_STR(answer(&k), want);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 10, 10), 0);
	send_line(&k, "get w 0 0");
	CHECK_STR(answer(&k), "2 0 0 0");	/* nothing: only the type changes */

	/* A partial unlock splits the helper's [0,10) into [0,3) and [7,10). */
	CHECK_INT(ask(&k, "set u 3 4"), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 3, 4), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 2, 2), EAGAIN);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 6, 2), EAGAIN);
	fl = (struct flock){ F_WRLCK, SEEK_SET, 0, 5, 0 };
	CHECK(fcntl(fd, F_GETLK, &fl) == 0);
	CHECK(fl.l_type == F_WRLCK && fl.l_start == 0 && fl.l_len == 3);
	fl = (struct flock){ F_RDLCK, SEEK_SET, 5, 5, 0 };
	CHECK(fcntl(fd, F_GETLK, &fl) == 0);
	CHECK(fl.l_type == F_WRLCK && fl.l_start == 7 && fl.l_len == 3 &&
	    fl.l_pid == k.pid);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);

	/* Read locks are shared; a write lock waits for every reader. */
	CHECK_INT(ask(&k, "set u 0 0"), 0);
	CHECK_INT(ask(&k, "set r 0 50"), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 50), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 40, 20), EAGAIN);
	CHECK_INT(ask(&k, "set w 0 50"), EAGAIN);	/* the parent reads */
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 50), 0);
	CHECK_INT(ask(&k, "set w 0 50"), 0);	/* its read lock converts */
	CHECK_INT(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 49, 1), EAGAIN);
	CHECK_INT(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 50, 1), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 50, 1), 0);

	/* lockf's F_TEST and flock, over the same locks. */
	CHECK_INT(ask(&k, "test 0 10"), 0);	/* its own lock */
	CHECK_INT(ask(&k, "set u 0 0"), 0);
	CHECK(lseek(fd, 20, SEEK_SET) == 20);
	CHECK(lockf(fd, F_TLOCK, 10) == 0);
	CHECK_INT(ask(&k, "test 25 2"), EACCES);
	CHECK_INT(ask(&k, "test 30 5"), 0);
	CHECK(lockf(fd, F_ULOCK, 10) == 0);
	CHECK_INT(ask(&k, "test 25 2"), 0);
	CHECK(flock(fd, LOCK_EX | LOCK_NB) == 0);
	CHECK_INT(ask(&k, "flock 5"), EWOULDBLOCK);	/* LOCK_SH | LOCK_NB */
	CHECK(flock(fd, LOCK_UN) == 0);
	CHECK_INT(ask(&k, "flock 5"), 0);
	CHECK(flock(fd, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK);
	CHECK(flock(fd, LOCK_SH) == 0);		/* shared with the helper */
	CHECK(flock(fd, LOCK_UN) == 0);
	CHECK(flock(fd, 0) == -1 && errno == EINVAL);
	CHECK_INT(ask(&k, "flock 8"), 0);
	CHECK(free_range(fd, 0, 0));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);

	CHECK_INT(ask(&k, "exit"), -1);
	CHECK_INT(kid_wait(&k), 0);
}

static void test_wait(int fd, const char *path)
{
	struct kid k;
	struct timespec t0;
	long ms;
	const char *r;
	int st;

	if (spawn_kid(&k, path) != 0) {
		CHECK(0);
		return;
	}
	/* F_SETLKW sleeps until the holder lets go (500 ms later). */
	CHECK_INT(ask(&k, "set w 0 50"), 0);
	CHECK_INT(ask(&k, "later 500 u 0 50"), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(setlk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 10, 10), 0);
	ms = ms_since(&t0);
	CHECK(ms >= 250);
	if (ms < 250)
		printf("%s: F_SETLKW returned after %ld ms\n", NAME, ms);

	/* A cycle: the helper waits for the parent, which would wait for
	 * the helper: EDEADLK; the helper gets its range when the parent
	 * lets go. */
	CHECK_INT(ask(&k, "set w 100 1"), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 200, 1), 0);
	CHECK(send_line(&k, "setw w 200 1") == 0);
	sleep_ms(500);		/* until it waits: else this one would */
	CHECK_INT(setlk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 100, 1), EDEADLK);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 200, 1), 0);
	CHECK_STR(answer(&k), "0");
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 200, 1), EAGAIN);
	CHECK_INT(ask(&k, "set u 100 101"), 0);

	/* Interrupted by a signal: EINTR, and the waiter is gone (the
	 * unlock below must not hand the range to it). */
	send_line(&k, "setwint w 0 20");
	CHECK_STR(answer(&k), "ready");
	sleep_ms(200);
	r = answer_signalled(&k, SIGUSR1);
	CHECK_STR(r, "4 1");		/* EINTR, the handler ran */
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
	CHECK_INT(ask(&k, "get w 0 0"), 2);	/* nobody holds anything */
	CHECK(free_range(fd, 0, 0));

	/* A waiter killed: the same. */
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), 0);
	CHECK(send_line(&k, "setw w 0 1") == 0);
	sleep_ms(200);
	CHECK(kill(k.pid, SIGKILL) == 0);
	st = kid_wait(&k);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	if (!WIFSIGNALED(st))
		printf("%s: the killed waiter's status is %#x\n", NAME, st);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1), 0);
	CHECK(free_range(fd, 0, 0));
}

static void test_release(int fd, const char *path)
{
	struct kid k;
	int st;

	if (spawn_kid(&k, path) != 0) {
		CHECK(0);
		return;
	}
	/* stat() of the file is no descriptor of the program's (libc opens
	 * and closes one to do it): the locks stay (sqlite3 stats its
	 * database while it holds them). */
	struct stat sb;
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
	CHECK(stat(path, &sb) == 0);
	CHECK_INT(ask(&k, "set w 0 10"), EAGAIN);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 10), 0);

	/* Closing another fd of the file drops the locks; so does a dup's. */
	CHECK_INT(ask(&k, "set w 0 10"), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EAGAIN);
	CHECK_INT(ask(&k, "close2"), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
	CHECK_INT(ask(&k, "set w 0 10"), EAGAIN);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 10), 0);
	CHECK_INT(ask(&k, "set r 0 10"), 0);
	CHECK_INT(ask(&k, "dupclose"), 0);
	CHECK(free_range(fd, 0, 0));

	/* Exit drops them. */
	CHECK_INT(ask(&k, "set w 5 5"), 0);
	CHECK(!free_range(fd, 0, 0));
	CHECK_INT(ask(&k, "exit"), -1);
	st = kid_wait(&k);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(free_range(fd, 0, 0));

	/* So does SIGKILL. */
	if (spawn_kid(&k, path) != 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(ask(&k, "set w 0 0"), 0);
	CHECK(!free_range(fd, 1000, 1));
	CHECK(kill(k.pid, SIGKILL) == 0);
	st = kid_wait(&k);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	CHECK(free_range(fd, 0, 0));
}

/* Ranges by whence, seen from the helper; bad arguments. */
static void test_args(int fd, const char *path, int sys)
{
	struct kid k;
	struct flock fl;
	char want[64];
	int rd, wr, p[2];

	if (spawn_kid(&k, path) != 0) {
		CHECK(0);
		return;
	}
	CHECK(lseek(fd, 20, SEEK_SET) == 20);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_CUR, -5, 5), 0);	/* [15,20) */
	snprintf(want, sizeof(want), "1 15 5 %d", (int)getpid());
	send_line(&k, "get r 0 0");
	CHECK_STR(answer(&k), want);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_RDLCK, SEEK_END, -10, 0), 0);	/* [90,EOF) */
	snprintf(want, sizeof(want), "0 90 0 %d", (int)getpid());
	send_line(&k, "get w 0 0");
	CHECK_STR(answer(&k), want);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 50, -10), 0);	/* [40,50) */
	snprintf(want, sizeof(want), "1 40 10 %d", (int)getpid());
	send_line(&k, "get w 0 0");
	CHECK_STR(answer(&k), want);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK_INT(ask(&k, "exit"), -1);
	CHECK_INT(kid_wait(&k), 0);

	CHECK_INT(setlk(fd, F_SETLK, 7, SEEK_SET, 0, 1), EINVAL);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, 5, 0, 1), EINVAL);
	CHECK_INT(setlk(fd, F_GETLK, F_UNLCK, SEEK_SET, 0, 1), EINVAL);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, -1, 1), EINVAL);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 5, -10), EINVAL);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_CUR, -1, 1), EINVAL);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, INT64_MAX, 2), EOVERFLOW);
	CHECK_INT(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, INT64_MAX - 1, 2), 0);
	CHECK_INT(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
	CHECK_INT(setlk(-1, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EBADF);
	CHECK_INT(setlk(999, F_GETLK, F_WRLCK, SEEK_SET, 0, 1), EBADF);
	CHECK(fcntl(fd, F_SETLK, (struct flock *)1) == -1 && errno == EFAULT);
	rd = open(path, O_RDONLY);
	wr = open(path, O_WRONLY);
	CHECK(rd >= 0 && wr >= 0);
	CHECK_INT(setlk(rd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EBADF);
	CHECK_INT(setlk(wr, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EBADF);
	CHECK_INT(setlk(rd, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), 0);
	CHECK_INT(setlk(wr, F_SETLK, F_WRLCK, SEEK_SET, 1, 1), 0);
	fl = (struct flock){ F_WRLCK, SEEK_SET, 0, 0, 0 };
	CHECK(fcntl(rd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK);	/* own */
	close(rd);		/* drops both: they are the process's */
	close(wr);
	CHECK(lockf(fd, 9, 0) == -1 && errno == EINVAL);
	if (sys) {		/* pipe: has no locks */
		CHECK(pipe(p) == 0);
		CHECK_INT(setlk(p[0], F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EINVAL);
		close(p[0]);
		close(p[1]);
	}
}

int main(int argc, char **argv)
{
	const char *dir;
	char path[600];
	char buf[100];
	int fd, sys = argc > 1 && strcmp(argv[1], "--system") == 0;

	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return helper(argv[2]);
	self_path(argv[0], self, sizeof(self));
	dir = scratch_dir();
	if (dir == NULL) {
		printf("%s: no scratch directory: checks skipped\n", NAME);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/locks.%d", dir, (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	if (fd < 0)
		return finish();
	memset(buf, 'x', sizeof(buf));
	CHECK(write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	test_conflicts(fd, path);
	test_wait(fd, path);
	test_release(fd, path);
	test_args(fd, path, sys);
	close(fd);
	unlink(path);
	return finish();
}
