/*
 * sudo CMD ARGS... - runs CMD as root.  Installed set-uid root.  The
 * caller must be root or a member of group `sudo` and give its own
 * password (three tries); refusals are logged on the console (debug:).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apps/userutils/lib/session.h"
#include "apps/userutils/lib/userdb.h"

static void
usage(FILE *f)
{
	fputs("usage: sudo CMD [ARGS...]\n", f);
}

/* The console is the system log for now; stderr if it cannot be opened. */
static void
log_denial(const char *user, unsigned uid, const char *why, const char *cmd)
{
	char line[512];
	int n = snprintf(line, sizeof line,
	    "sudo: denied %s (uid %u) running %s: %s\n", user, uid, cmd, why);
	if (n < 0)
		return;
	size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
	int fd = open("debug:", O_WRONLY);
	if (fd < 0 || write(fd, line, len) != (ssize_t)len)
		fputs(line, stderr);
	if (fd >= 0)
		close(fd);
}

int
main(int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-') {
		int help = argc == 2 && !strcmp(argv[1], "--help");
		usage(help ? stdout : stderr);
		return help ? 0 : 2;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "sudo: %s: not installed set-uid root\n", argv[0]);
		return 1;
	}
	uid_t ruid = getuid();
	struct userdb_user me, root;
	char path[USERDB_FIELD];
	int e;
	if ((e = userdb_user_byuid(0, &root)) != 0) {
		fprintf(stderr, "sudo: %s: root: %s\n",
		    userdb_path("passwd", path, sizeof path),
		    e == -ENOENT ? "no such user" : strerror(-e));
		return 1;
	}
	if (ruid != 0) {
		if ((e = userdb_user_byuid(ruid, &me)) != 0) {
			fprintf(stderr, "sudo: uid %u: %s\n", (unsigned)ruid,
			    e == -ENOENT ? "no such user" : strerror(-e));
			return 1;
		}
		struct userdb_group g;
		e = userdb_group_byname("sudo", &g);
		if (e && e != -ENOENT) {
			fprintf(stderr, "sudo: %s: %s\n",
			    userdb_path("group", path, sizeof path), strerror(-e));
			return 1;
		}
		if (e || (g.gid != me.gid && !userdb_group_has(&g, me.name))) {
			log_denial(me.name, (unsigned)ruid, "not in group sudo",
			    argv[1]);
			fprintf(stderr, "sudo: %s is not in group sudo\n", me.name);
			return 1;
		}
		/* A user without a password is not asked for one. */
		int ok = session_nopass(me.name);
		for (int i = 0; i < 3 && !ok; i++) {
			char prompt[USERDB_NAME + 32], pw[256];
			snprintf(prompt, sizeof prompt, "[sudo] password for %s: ",
			    me.name);
			if (session_secret(prompt, pw, sizeof pw) < 0)
				break;
			ok = session_check("sudo", me.name, pw);
			memset(pw, 0, sizeof pw);
			if (ok < 0)
				return 1;
			if (!ok) {
				sleep(1);
				fprintf(stderr, "sudo: incorrect password\n");
			}
		}
		if (!ok) {
			log_denial(me.name, (unsigned)ruid, "wrong password",
			    argv[1]);
			return 1;
		}
	}
	if (session_become("sudo", &root, 0) != 0)
		return 1;
	session_exec("sudo", &root, argv + 1);
	return 1;
}
