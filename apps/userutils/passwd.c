/*
 * passwd [USER] - sets a password.  Installed set-uid root.  A user
 * changes its own after giving the current one; root changes anyone's
 * without.  The new one is asked twice and stored hashed in /etc/shadow.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apps/userutils/lib/pwhash.h"
#include "apps/userutils/lib/session.h"
#include "apps/userutils/lib/userdb.h"

static void
usage(FILE *f)
{
	fputs("usage: passwd [USER]\n", f);
}

int
main(int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		int help = argc == 2 && !strcmp(argv[1], "--help");
		usage(help ? stdout : stderr);
		return help ? 0 : 2;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "passwd: %s: not installed set-uid root\n", argv[0]);
		return 1;
	}
	uid_t ruid = getuid();
	struct userdb_user u;
	char path[USERDB_FIELD];
	int e = argc == 2 ? userdb_user_byname(argv[1], &u) :
	    userdb_user_byuid(ruid, &u);
	if (e) {
		if (e == -ENOENT && argc == 2)
			fprintf(stderr, "passwd: %s: no such user\n", argv[1]);
		else
			fprintf(stderr, "passwd: %s: %s\n",
			    userdb_path("passwd", path, sizeof path),
			    e == -ENOENT ? "you are not listed" : strerror(-e));
		return 1;
	}
	if (ruid != 0 && u.uid != ruid) {
		fprintf(stderr, "passwd: %s: only root may change another "
		    "user's password\n", u.name);
		return 1;
	}
	char pw[256], again[256], hash[PWHASH_MAX];
	printf("changing the password of %s\n", u.name);
	if (ruid != 0 && !session_nopass(u.name)) {
		if (session_secret("current password: ", pw, sizeof pw) < 0)
			return 1;
		int ok = session_check("passwd", u.name, pw);
		if (ok != 1) {
			if (ok == 0) {
				sleep(1);
				fprintf(stderr, "passwd: incorrect password\n");
			}
			return 1;
		}
	}
	if (session_secret("new password: ", pw, sizeof pw) < 0 ||
	    session_secret("retype new password: ", again, sizeof again) < 0)
		return 1;
	if (strcmp(pw, again) != 0) {
		fprintf(stderr, "passwd: the passwords do not match\n");
		return 1;
	}
	if (pw[0] == 0) {
		fprintf(stderr, "passwd: an empty password is not set\n");
		return 1;
	}
	e = pwhash_make(pw, hash, sizeof hash);
	memset(pw, 0, sizeof pw);
	memset(again, 0, sizeof again);
	if (e) {
		fprintf(stderr, "passwd: rand:: %s\n", strerror(-e));
		return 1;
	}
	if ((e = userdb_shadow_set(u.name, hash)) != 0) {
		fprintf(stderr, "passwd: %s: %s\n",
		    userdb_path("shadow", path, sizeof path), strerror(-e));
		return 1;
	}
	printf("passwd: password of %s changed\n", u.name);
	return 0;
}
