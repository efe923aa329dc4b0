/* whoami - prints the name of the effective user. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "apps/userutils/lib/userdb.h"

int
main(int argc, char **argv)
{
	if (argc > 1) {
		int help = !strcmp(argv[1], "--help");
		fputs("usage: whoami\n", help ? stdout : stderr);
		return help ? 0 : 2;
	}
	struct userdb_user u;
	unsigned uid = (unsigned)geteuid();
	int e = userdb_user_byuid(uid, &u);
	if (e) {
		fprintf(stderr, "whoami: uid %u: %s\n", uid,
		    e == -ENOENT ? "no such user" : strerror(-e));
		return 1;
	}
	printf("%s\n", u.name);
	return 0;
}
