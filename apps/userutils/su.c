/*
 * su [USER] [-c CMD] - runs a shell (or CMD) as USER (default root).
 * Root needs no password; others give USER's.  CMD goes to the shell's
 * -c; without the shell it is split at spaces and run directly.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apps/userutils/lib/session.h"
#include "apps/userutils/lib/userdb.h"

#define MAX_WORDS 32

static void
usage(FILE *f)
{
	fputs("usage: su [USER] [-c CMD]\n", f);
}

static void
run_cmd(const struct userdb_user *u, char *cmd)
{
	char *sh[] = { (char *)u->shell, "-c", cmd, NULL };
	execv(u->shell, sh);
	if (errno != ENOENT) {
		fprintf(stderr, "su: %s: %s\n", u->shell, strerror(errno));
		return;
	}
	char *w[MAX_WORDS];
	int n = 0;
	for (char *p = strtok(cmd, " \t"); p && n < MAX_WORDS - 1;
	    p = strtok(NULL, " \t"))
		w[n++] = p;
	w[n] = NULL;
	if (n == 0) {
		fprintf(stderr, "su: -c: empty command\n");
		return;
	}
	session_exec("su", u, w);
}

int
main(int argc, char **argv)
{
	const char *name = "root";
	char *cmd = NULL;
	int c;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	/* USER may come before or after -c. */
	for (;;) {
		while ((c = getopt(argc, argv, "c:")) != -1) {
			if (c != 'c') {
				usage(stderr);
				return 2;
			}
			cmd = optarg;
		}
		if (optind >= argc)
			break;
		if (strcmp(name, "root") != 0 || argv[optind][0] == 0) {
			usage(stderr);
			return 2;
		}
		name = argv[optind++];
	}
	struct userdb_user u;
	int e = userdb_user_byname(name, &u);
	if (e) {
		fprintf(stderr, "su: %s: %s\n", name, e == -ENOENT ?
		    "no such user" : strerror(-e));
		return 1;
	}
	if (getuid() != 0 && !session_nopass(name)) {
		char pw[256];
		if (session_secret("password: ", pw, sizeof pw) < 0)
			return 1;
		int ok = session_check("su", name, pw);
		memset(pw, 0, sizeof pw);
		if (ok != 1) {
			if (ok == 0) {
				sleep(1);
				fprintf(stderr, "su: incorrect password\n");
			}
			return 1;
		}
	}
	if (session_become("su", &u, 0) != 0)
		return 1;
	if (cmd)
		run_cmd(&u, cmd);
	else
		session_exec("su", &u, NULL);
	return 1;
}
