/* Console prompts, password checks and changing identity. */
#include "apps/userutils/lib/session.h"

#include <errno.h>
#include <redox.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apps/userutils/lib/pwhash.h"

extern char **environ;

int
session_readline(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	int any = 0;
	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		any = 1;
		if (c == '\n')
			break;
		if (c == '\r')
			continue;
		if (n + 1 < cap)
			buf[n++] = c;
	}
	buf[n] = 0;
	return any ? (int)n : -1;
}

int
session_ask(const char *prompt, char *buf, size_t cap)
{
	fputs(prompt, stdout);
	fflush(stdout);
	return session_readline(0, buf, cap);
}

/* Reads (set 0) or writes (set 1) fd 0's termios through the terminal's
 * "termios" handle (libc has no termios.h yet); 0 or -errno. */
static long
termios_io(struct redox_termios *t, int set)
{
	static const char what[] = "termios";
	long h = __syscall6(SYS_DUP, 0, (long)what, (long)sizeof what - 1, 0, 0, 0);
	if (h < 0)
		return h;
	long n = __syscall6(set ? SYS_WRITE : SYS_READ, h, (long)t,
	    (long)sizeof *t, 0, 0, 0);
	close((int)h);
	return n == (long)sizeof *t ? 0 : n < 0 ? n : -EIO;
}

int
session_secret(const char *prompt, char *buf, size_t cap)
{
	struct redox_termios old, quiet;
	/* Not a terminal (a pipe, a file): nothing to turn off. */
	int tty = termios_io(&old, 0) == 0;
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(uint32_t)TC_ECHO;
		quiet.c_lflag |= TC_ECHONL;	/* Enter still moves on */
		tty = termios_io(&quiet, 1) == 0;
	}
	int n = session_ask(prompt, buf, cap);
	if (tty)
		(void)termios_io(&old, 1);
	return n;
}

int
session_check(const char *prog, const char *user, const char *pw)
{
	char hash[PWHASH_MAX], path[USERDB_FIELD];
	int r = userdb_shadow_get(user, hash, sizeof hash);
	if (r == -ENOENT)
		return 0;	/* no shadow line: no way in */
	if (r == 0)
		r = pwhash_check(pw, hash);
	if (r < 0)
		fprintf(stderr, "%s: %s: %s\n", prog,
		    userdb_path("shadow", path, sizeof path), strerror(-r));
	return r;
}

int
session_nopass(const char *user)
{
	char hash[PWHASH_MAX];
	return userdb_shadow_get(user, hash, sizeof hash) == 0 && hash[0] == 0;
}

int
session_become(const char *prog, const struct userdb_user *u, int home)
{
	char num[16];
	/* Group first: after setuid a non-root process may not change it. */
	if (setgid(u->gid) < 0 || setuid(u->uid) < 0) {
		int e = errno;
		fprintf(stderr, "%s: cannot become %s: %s\n", prog, u->name,
		    strerror(e));
		return -e;
	}
	snprintf(num, sizeof num, "%u", (unsigned)u->uid);
	if (setenv("USER", u->name, 1) || setenv("LOGNAME", u->name, 1) ||
	    setenv("UID", num, 1) || setenv("HOME", u->home, 1) ||
	    setenv("SHELL", u->shell, 1) ||
	    setenv("PATH", "file:/bin:initfs:/bin", 1)) {
		fprintf(stderr, "%s: environment: %s\n", prog, strerror(errno));
		return -ENOMEM;
	}
	if (home && chdir(u->home) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, u->home, strerror(errno));
		if (chdir("/") < 0)
			return -errno;
	}
	return 0;
}

void
session_exec(const char *prog, const struct userdb_user *u,
    char *const *argv)
{
	if (argv) {
		execvp(argv[0], argv);
		fprintf(stderr, "%s: %s: %s\n", prog, argv[0], strerror(errno));
		return;
	}
	char *sh[] = { (char *)u->shell, NULL };
	execv(u->shell, sh);
	if (errno != ENOENT) {
		fprintf(stderr, "%s: %s: %s\n", prog, u->shell, strerror(errno));
		return;
	}
	/* Until the shell is installed, init's line language serves. */
	char *fb[] = { "initfs:/bin/init", "-s", NULL };
	fprintf(stderr, "%s: %s: no such shell, using %s -s\n", prog,
	    u->shell, fb[0]);
	execv(fb[0], fb);
	fprintf(stderr, "%s: %s: %s\n", prog, fb[0], strerror(errno));
}
