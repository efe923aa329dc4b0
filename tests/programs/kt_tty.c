/*
 * kt_tty - the console as a terminal (core/console.c over core/tty.c),
 * seen from a program whose stdin is debug:.
 *   kt_tty state     termios, winsize and pgrp through dup(0, "name")
 *   kt_tty sigint    makes its group the foreground one and waits in a
 *                    read: the test types ^C, which must interrupt it
 *   kt_tty           (as getty's login) prints its session and group and
 *                    the terminal's foreground group, reads one line
 */
#define NAME "kt_tty"
#include "check.h"
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <redox.h>

static long
state_io(const char *what, void *buf, size_t len, int write)
{
	long h = __syscall6(SYS_DUP, 0, (long)what, (long)strlen(what), 0, 0, 0);
	if (h < 0)
		return h;
	long n = __syscall6(write ? SYS_WRITE : SYS_READ, h, (long)buf, (long)len, 0, 0, 0);
	close((int)h);
	return n;
}

static int
state(void)
{
	struct redox_termios t, raw;
	struct redox_winsize ws;
	int32_t g;

	CHECK(isatty(0));
	CHECK_INT(state_io("termios", &t, sizeof t, 0), sizeof t);
	CHECK(t.c_lflag & TC_ICANON);
	CHECK(t.c_lflag & TC_ISIG);
	CHECK_INT(t.c_cc[TC_VINTR], 3);
	CHECK_INT(state_io("termios", &t, 10, 0), -EINVAL);	/* too short */
	raw = t;
	raw.c_lflag &= ~(uint32_t)TC_ICANON;
	CHECK_INT(state_io("termios", &raw, sizeof raw, 1), sizeof raw);
	CHECK_INT(state_io("termios", &raw, sizeof raw, 0), sizeof raw);
	CHECK(!(raw.c_lflag & TC_ICANON));
	CHECK_INT(state_io("termios", &t, sizeof t, 1), sizeof t);
	CHECK_INT(state_io("winsize", &ws, sizeof ws, 0), sizeof ws);
	CHECK(ws.ws_row > 0 && ws.ws_col > 0);
	CHECK_INT(state_io("nosuch", &ws, sizeof ws, 0), -EINVAL);
	CHECK_INT(setpgid(0, 0), 0);
	g = getpgrp();
	CHECK_INT(state_io("pgrp", &g, sizeof g, 1), sizeof g);
	g = 0;
	CHECK_INT(state_io("pgrp", &g, sizeof g, 0), sizeof g);
	CHECK_INT(g, getpgrp());
	g = 31000;		/* no such group */
	CHECK_INT(state_io("pgrp", &g, sizeof g, 1), -EPERM);
	g = -5;
	CHECK_INT(state_io("pgrp", &g, sizeof g, 1), -EINVAL);
	return finish();
}

static volatile sig_atomic_t got_int;

static void
on_int(int sig)
{
	(void)sig;
	got_int = 1;
}

static int
sigint(void)
{
	struct sigaction sa;
	char c;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_int;
	sigaction(SIGINT, &sa, NULL);
	setpgid(0, 0);
	int32_t g = getpgrp();
	CHECK_INT(state_io("pgrp", &g, sizeof g, 1), sizeof g);
	printf("kt_tty: waiting for ^C\n");
	fflush(stdout);
	ssize_t n = read(0, &c, 1);
	CHECK_INT(n, -1);
	CHECK_INT(errno, EINTR);
	CHECK(got_int);
	return finish();
}

static int
session(void)
{
	char line[128];
	int32_t fg = 0;

	state_io("pgrp", &fg, sizeof fg, 0);
	printf("kt_tty: session leader %s, foreground %s\n",
	    getsid(0) == getpid() ? "yes" : "no", fg == getpgrp() ? "yes" : "no");
	if (!fgets(line, sizeof line, stdin))
		return 1;	/* the end of input: a failed login, as login's */
	line[strcspn(line, "\n")] = '\0';
	printf("kt_tty: read '%s'\n", line);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "state"))
		return state();
	if (argc > 1 && !strcmp(argv[1], "sigint"))
		return sigint();
	return session();
}
