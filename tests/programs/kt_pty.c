/*
 * kt_pty - pseudo-terminals (schemes/ptyd): a master and its slave, the
 * line discipline between them, ^C typed on the master reaching the
 * slave's foreground group while it waits in a read, and a cancelled read
 * not swallowing the next line.  Needs ptyd running (`notify ptyd`).
 *   kt_pty             the checks
 *   kt_pty reader      (spawned on the slave) waits in a read
 */
#define NAME "kt_pty"
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <redox.h>

extern char **environ;

static long
state_io(int fd, const char *what, void *buf, size_t len, int write)
{
	long h = __syscall6(SYS_DUP, fd, (long)what, (long)strlen(what), 0, 0, 0);
	if (h < 0)
		return h;
	long n = __syscall6(write ? SYS_WRITE : SYS_READ, h, (long)buf, (long)len, 0, 0, 0);
	close((int)h);
	return n;
}

/* Reads what the master has now (it waits for the first byte). */
static ssize_t
master_read(int m, char *buf, size_t cap)
{
	ssize_t n = read(m, buf, cap - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int
reader(void)
{
	char c;
	int32_t g = getpgrp();
	state_io(0, "pgrp", &g, sizeof g, 1);
	write(1, "R", 1);		/* tells the parent it is about to read */
	read(0, &c, 1);			/* ^C ends us here */
	return 7;
}

int
main(int argc, char **argv)
{
	char path[32], buf[256];
	int st;

	if (argc > 1 && !strcmp(argv[1], "reader"))
		return reader();
	int m = open("pty:", O_RDWR);
	CHECK(m >= 0);
	if (m < 0)
		return finish();
	ssize_t n = redox_fpath(m, path, sizeof path - 1);
	CHECK(n > 4);
	path[n > 0 ? n : 0] = '\0';
	CHECK(!strncmp(path, "pty:", 4));
	int s = open(path, O_RDWR);
	CHECK(s >= 0);
	CHECK(isatty(s));

	/* typed on the master: echoed back (\r\n), a whole line for the slave */
	CHECK_INT(write(m, "hi\x7fx\r", 5), 5);
	CHECK_INT(read(s, buf, sizeof buf), 3);
	CHECK(!memcmp(buf, "hx\n", 3));
	master_read(m, buf, sizeof buf);
	CHECK_STR(buf, "hi\b \bx\r\n");
	/* written by the slave: \n becomes \r\n */
	CHECK_INT(write(s, "out\n", 4), 4);
	master_read(m, buf, sizeof buf);
	CHECK_STR(buf, "out\r\n");

	/* raw mode through termios: bytes at once, no echo */
	struct redox_termios t, raw;
	CHECK_INT(state_io(s, "termios", &t, sizeof t, 0), sizeof t);
	raw = t;
	raw.c_lflag &= ~(uint32_t)(TC_ICANON | TC_ECHO);
	CHECK_INT(state_io(s, "termios", &raw, sizeof raw, 1), sizeof raw);
	CHECK_INT(write(m, "q", 1), 1);
	CHECK_INT(read(s, buf, sizeof buf), 1);
	CHECK_INT(buf[0], 'q');
	CHECK_INT(state_io(s, "termios", &t, sizeof t, 1), sizeof t);
	struct redox_winsize ws = { 50, 132, 0, 0 }, ws2;
	CHECK_INT(state_io(m, "winsize", &ws, sizeof ws, 1), sizeof ws);
	CHECK_INT(state_io(s, "winsize", &ws2, sizeof ws2, 0), sizeof ws2);
	CHECK_INT(ws2.ws_col, 132);

	/* ^C on the master interrupts the foreground group's read */
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	char *av[] = { argv[0], "reader", NULL };
	pid_t pid;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, s, 0);
	posix_spawn_file_actions_adddup2(&fa, s, 1);
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID);
	CHECK_INT(posix_spawnp(&pid, argv[0], &fa, &at, av, environ), 0);
	CHECK_INT(master_read(m, buf, sizeof buf), 1);	/* its "R" */
	sleep_ms(100);		/* it waits in its read now */
	CHECK_INT(write(m, "\x03", 1), 1);
	CHECK_INT(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT);
	master_read(m, buf, sizeof buf);
	CHECK_STR(buf, "^C");
	/* the dead reader's read was cancelled: the next line is ours */
	CHECK_INT(write(m, "next\n", 5), 5);
	CHECK_INT(read(s, buf, sizeof buf), 5);
	CHECK(!memcmp(buf, "next\n", 5));

	/* the master goes: the slave reads end of file, writes fail */
	close(m);
	CHECK_INT(read(s, buf, sizeof buf), 0);
	CHECK_INT(write(s, "x", 1), -1);
	CHECK_INT(errno, EIO);
	close(s);
	CHECK_INT(open("pty:99", O_RDWR), -1);
	CHECK_INT(open("pty:x1", O_RDWR), -1);
	return finish();
}
