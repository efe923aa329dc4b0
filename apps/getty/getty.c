/*
 * getty - puts a login on a terminal: `getty debug:` opens the terminal
 * as stdin, stdout and stderr, starts `login` in a new session whose
 * group owns the terminal (so ^C reaches it and not getty), waits for it,
 * and starts it again when the user logs out.
 *
 * The new session must own the terminal before login reads from it, and
 * spawn runs no code in the child: so getty starts a copy of itself
 * (`getty -s TERMINAL LOGIN`) that takes the terminal for its group and
 * then becomes login with execve.
 *
 * A login that fails at once three times running (the terminal's input
 * has ended: login exits 1 at the end of input; or login itself is
 * broken) makes getty stop rather than spin; init then goes on with its
 * script.  A user who logs out quickly (status 0) is not counted.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <redox.h>

#define QUICK_NS	1000000000LL	/* a session shorter than this is "at once" */
#define QUICK_MAX	3

extern char **environ;

static void
usage(FILE *f)
{
	fprintf(f, "usage: getty TERMINAL [LOGIN]\n"
	    "Runs LOGIN (default: login) on TERMINAL (e.g. debug:) again and again.\n");
}

static long long
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Makes group pgid the terminal's foreground group (dup(fd, "pgrp")). */
static int
set_foreground(int fd, pid_t pgid)
{
	int32_t g = (int32_t)pgid;
	long h = __syscall6(SYS_DUP, fd, (long)"pgrp", 4, 0, 0, 0);
	if (h < 0)
		return (int)h;
	long n = __syscall6(SYS_WRITE, h, (long)&g, sizeof g, 0, 0, 0);
	close((int)h);
	return n == (long)sizeof g ? 0 : n < 0 ? (int)n : -EIO;
}

/* The copy in the new session: take the terminal, become login. */
static int
become_login(const char *tty, char *login)
{
	char *argv[] = { login, NULL };
	int e = set_foreground(0, getpgrp());
	if (e < 0)
		fprintf(stderr, "getty: %s: foreground group: %s\n", tty, strerror(-e));
	execvp(login, argv);
	fprintf(stderr, "getty: %s: %s\n", login, strerror(errno));
	return 1;
}

/* One session: login in its own session on the terminal, waited for.
 * Returns its wait status, or -1. */
static int
session(char *self, char *tty, char *login, int fd)
{
	char *argv[] = { self, "-s", tty, login, NULL };
	posix_spawnattr_t at;
	pid_t pid;
	int st;

	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID);
	int e = posix_spawnp(&pid, self, NULL, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	if (e != 0) {
		fprintf(stderr, "getty: %s: %s\n", self, strerror(e));
		return -1;
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			perror("getty: waitpid");
			return -1;
		}
	set_foreground(fd, getpgrp());
	return st;
}

int
main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "-s"))
		return become_login(argv[2], argv[3]);
	if (argc < 2 || argc > 3 || argv[1][0] == '-') {
		usage(stderr);
		return 1;
	}
	char *tty = argv[1];
	char *login = argc > 2 ? argv[2] : "login";
	int fd = open(tty, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "getty: %s: %s\n", tty, strerror(errno));
		return 1;
	}
	for (int i = 0; i < 3; i++)
		if (fd != i && dup2(fd, i) < 0) {
			fprintf(stderr, "getty: %s: %s\n", tty, strerror(errno));
			return 1;
		}
	if (fd > 2)
		close(fd);
	int quick = 0;
	while (quick < QUICK_MAX) {
		long long t0 = now_ns();
		int st = session(argv[0], tty, login, 0);
		if (st < 0)
			return 1;
		int failed = !WIFEXITED(st) || WEXITSTATUS(st) != 0;
		quick = failed && now_ns() - t0 < QUICK_NS ? quick + 1 : 0;
	}
	fprintf(stderr, "getty: %s: login keeps failing at once; stopping\n", tty);
	return 0;
}
