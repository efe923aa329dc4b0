/*
 * id [-u | -g] [-n] [USER] - prints user and group ids.  Without USER the
 * caller's real ids (and the effective ones when they differ).  The core
 * has no supplementary groups, so groups= lists /etc/group's view.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apps/userutils/lib/userdb.h"

static void
usage(FILE *f)
{
	fputs("usage: id [-u | -g] [-n] [USER]\n", f);
}

static void
print_uid(const char *tag, unsigned uid)
{
	struct userdb_user u;
	if (userdb_user_byuid(uid, &u) == 0)
		printf("%s%u(%s)", tag, uid, u.name);
	else
		printf("%s%u", tag, uid);
}

static void
print_gid(const char *tag, unsigned gid)
{
	struct userdb_group g;
	if (userdb_group_bygid(gid, &g) == 0)
		printf("%s%u(%s)", tag, gid, g.name);
	else
		printf("%s%u", tag, gid);
}

struct gl {
	unsigned primary;
	int n;
};

static int
one_group(const struct userdb_group *g, void *arg)
{
	struct gl *l = arg;
	if (g->gid == l->primary)
		return 0;
	printf(",%u(%s)", (unsigned)g->gid, g->name);
	l->n++;
	return 0;
}

int
main(int argc, char **argv)
{
	int c, only = 0, names = 0;
	if (argc == 2 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	while ((c = getopt(argc, argv, "ugn")) != -1) {
		if (c == 'u' || c == 'g') {
			if (only && only != c) {
				usage(stderr);
				return 2;
			}
			only = c;
		} else if (c == 'n') {
			names = 1;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind > 1 || (names && !only)) {
		usage(stderr);
		return 2;
	}
	struct userdb_user u;
	int known = 0, e;
	unsigned uid = (unsigned)getuid(), gid = (unsigned)getgid();
	unsigned euid = (unsigned)geteuid(), egid = (unsigned)getegid();
	if (optind < argc) {
		if ((e = userdb_user_byname(argv[optind], &u)) != 0) {
			fprintf(stderr, "id: %s: %s\n", argv[optind],
			    e == -ENOENT ? "no such user" : strerror(-e));
			return 1;
		}
		uid = euid = u.uid;
		gid = egid = u.gid;
		known = 1;
	} else {
		known = userdb_user_byuid(uid, &u) == 0;
	}
	if (only) {
		unsigned v = only == 'u' ? euid : egid;
		if (names) {
			struct userdb_user x;
			struct userdb_group g;
			if (only == 'u' ? userdb_user_byuid(v, &x) :
			    userdb_group_bygid(v, &g)) {
				fprintf(stderr, "id: %s %u: no name\n",
				    only == 'u' ? "uid" : "gid", v);
				return 1;
			}
			printf("%s\n", only == 'u' ? x.name : g.name);
		} else {
			printf("%u\n", v);
		}
		return 0;
	}
	print_uid("uid=", uid);
	print_gid(" gid=", gid);
	if (euid != uid)
		print_uid(" euid=", euid);
	if (egid != gid)
		print_gid(" egid=", egid);
	print_gid(" groups=", gid);
	if (known) {
		struct gl l = { gid, 0 };
		u.gid = gid;
		if ((e = userdb_groups_of(&u, one_group, &l)) < 0) {
			char path[USERDB_FIELD];
			printf("\n");
			fprintf(stderr, "id: %s: %s\n",
			    userdb_path("group", path, sizeof path), strerror(-e));
			return 1;
		}
	}
	printf("\n");
	return 0;
}
