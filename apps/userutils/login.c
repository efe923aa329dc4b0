/*
 * login [-f USER] - prints /etc/issue, asks for a user name and password,
 * prints /etc/motd and runs the user's shell as that user in its home.
 * -f (root only, for getty) skips the password.  A wrong password costs
 * one second and `Login incorrect`; the end of input ends login.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apps/userutils/lib/session.h"
#include "apps/userutils/lib/userdb.h"

static void
usage(FILE *f)
{
	fputs("usage: login [-f USER]\n", f);
}

/* Copies a text file to stdout; a missing one is fine. */
static void
show(const char *file)
{
	char path[USERDB_FIELD], buf[512];
	int fd = open(userdb_path(file, path, sizeof path), O_RDONLY);
	ssize_t r;
	if (fd < 0)
		return;
	fflush(stdout);
	while ((r = read(fd, buf, sizeof buf)) > 0)
		if (write(1, buf, (size_t)r) != r)
			break;
	close(fd);
}

static _Noreturn void
start(const struct userdb_user *u)
{
	show("motd");
	fflush(stdout);
	if (session_become("login", u, 1) == 0)
		session_exec("login", u, NULL);
	exit(1);
}

int
main(int argc, char **argv)
{
	const char *force = NULL;
	int c;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	while ((c = getopt(argc, argv, "f:")) != -1) {
		if (c != 'f') {
			usage(stderr);
			return 2;
		}
		force = optarg;
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	struct userdb_user u;
	char path[USERDB_FIELD];
	if (force) {
		if (getuid() != 0) {
			fprintf(stderr, "login: -f: %s\n", strerror(EPERM));
			return 1;
		}
		int e = userdb_user_byname(force, &u);
		if (e) {
			fprintf(stderr, "login: %s: %s\n", force, e == -ENOENT ?
			    "no such user" : strerror(-e));
			return 1;
		}
		start(&u);
	}
	show("issue");
	for (;;) {
		char name[USERDB_NAME + 32], pw[256];
		if (session_ask("redox login: ", name, sizeof name) < 0)
			break;
		if (name[0] == 0)
			continue;
		int e = userdb_user_byname(name, &u);
		if (e && e != -ENOENT)
			fprintf(stderr, "login: %s: %s\n",
			    userdb_path("passwd", path, sizeof path), strerror(-e));
		/* Unknown users are asked for a password too: no hint. */
		int ok = 0;
		if (e == 0 && session_nopass(name)) {
			ok = 1;
		} else {
			if (session_secret("password: ", pw, sizeof pw) < 0)
				break;
			ok = e == 0 && session_check("login", name, pw) == 1;
			memset(pw, 0, sizeof pw);
		}
		if (ok)
			start(&u);
		sleep(1);
		puts("Login incorrect");
	}
	putchar('\n');
	return 1;
}
