/*
 * useradd [-m] [-u UID] [-g GID] [-d HOME] [-s SHELL] [-c NAME] USER -
 * adds a user (root only).  The uid is the first free one from 1000 up;
 * without -g the user gets its own group.  -m creates the home directory.
 * The new account is locked ("!") until `passwd USER` sets a password.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apps/userutils/lib/userdb.h"

static void
usage(FILE *f)
{
	fputs("usage: useradd [-m] [-u UID] [-g GID] [-d HOME] [-s SHELL] "
	    "[-c NAME] USER\n", f);
}

static int
id_arg(const char *s, uint32_t *v)
{
	char *end;
	unsigned long x = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || x == 0 || x > 6000)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

int
main(int argc, char **argv)
{
	struct userdb_user u;
	int c, mkhome = 0;
	const char *home = NULL, *shell = "file:/bin/ion", *gecos = NULL;

	memset(&u, 0, sizeof u);
	if (argc == 2 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	while ((c = getopt(argc, argv, "mu:g:d:s:c:")) != -1) {
		switch (c) {
		case 'm': mkhome = 1; break;
		case 'd': home = optarg; break;
		case 's': shell = optarg; break;
		case 'c': gecos = optarg; break;
		case 'u':
		case 'g':
			if (id_arg(optarg, c == 'u' ? &u.uid : &u.gid) < 0) {
				fprintf(stderr, "useradd: -%c %s: not an id in "
				    "1..6000\n", c, optarg);
				return 2;
			}
			break;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	const char *name = argv[optind];
	if (!userdb_valid_name(name)) {
		fprintf(stderr, "useradd: %s: not a valid user name\n", name);
		return 1;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "useradd: %s\n", strerror(EPERM));
		return 1;
	}
	snprintf(u.name, sizeof u.name, "%s", name);
	snprintf(u.gecos, sizeof u.gecos, "%s", gecos ? gecos : name);
	if (home)
		snprintf(u.home, sizeof u.home, "%s", home);
	else
		snprintf(u.home, sizeof u.home, "/home/%s", name);
	snprintf(u.shell, sizeof u.shell, "%s", shell);
	int e = userdb_add(&u, "!");
	if (e) {
		char path[USERDB_FIELD];
		if (e == -EEXIST)
			fprintf(stderr, "useradd: %s: user, uid or group exists\n",
			    name);
		else
			fprintf(stderr, "useradd: %s: %s\n",
			    userdb_path("passwd", path, sizeof path), strerror(-e));
		return 1;
	}
	if (mkhome) {
		if (mkdir(u.home, 0700) < 0 && errno != EEXIST) {
			fprintf(stderr, "useradd: %s: %s\n", u.home, strerror(errno));
			return 1;
		}
		if (chown(u.home, u.uid, u.gid) < 0) {
			fprintf(stderr, "useradd: %s: %s\n", u.home, strerror(errno));
			return 1;
		}
	}
	printf("useradd: %s uid %u gid %u home %s\n", u.name, (unsigned)u.uid,
	    (unsigned)u.gid, u.home);
	return 0;
}
