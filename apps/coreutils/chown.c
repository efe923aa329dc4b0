/* chown - changes owner and group: USER[:GROUP] or :GROUP, by number,
 * or by name when libc has getpwnam/getgrnam. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/cu.h"
#include <grp.h>
#include <pwd.h>

static int
chown_id(const char *s, int group, long *id)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s && !*end && v >= 0) {
		*id = v;
		return 0;
	}
	if (group) {
		struct group *g = getgrnam(s);
		if (g) {
			*id = (long)g->gr_gid;
			return 0;
		}
	} else {
		struct passwd *p = getpwnam(s);
		if (p) {
			*id = (long)p->pw_uid;
			return 0;
		}
	}
	cu_msg("invalid %s: '%s'", group ? "group" : "user", s);
	return -1;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	long uid = -1, gid = -1;
	int status = 0;
	char spec[256];

	cu_init("chown", "OWNER[:GROUP] FILE...\n   or: chown :GROUP FILE...\nChange the owner and/or group of each FILE.\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "") != -1)
		;
	if (argc - o.ind < 2) {
		if (argc - o.ind < 1)
			cu_msg("missing operand");
		else
			cu_msg("missing operand after '%s'", argv[o.ind]);
		cu_usage(1);
	}
	snprintf(spec, sizeof spec, "%s", argv[o.ind]);
	char *colon = strchr(spec, ':');
	if (colon)
		*colon = 0;
	if ((spec[0] && chown_id(spec, 0, &uid) != 0) ||
	    (colon && colon[1] && chown_id(colon + 1, 1, &gid) != 0))
		return 1;
	for (int i = o.ind + 1; i < argc; i++) {
		if (chown(argv[i], (uid_t)uid, (gid_t)gid) != 0) {
			if (errno == ENOENT)
				fprintf(stderr, "chown: cannot access '%s': %s\n", argv[i], strerror(errno));
			else
				fprintf(stderr, "chown: changing ownership of '%s': %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
