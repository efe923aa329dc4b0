/* mkdir - makes directories; -p makes parents and accepts existing ones,
 * -m sets the mode (octal). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/cu.h"

static int
mkdir_parents(const char *path, mode_t mode)
{
	char buf[4096];
	size_t n = strlen(path);
	struct stat sb;
	if (n >= sizeof buf)
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	/* Start after a scheme ("file:") or a leading slash. */
	char *p = strchr(buf, ':');
	p = p ? p + 1 : buf;
	while (*p == '/')
		p++;
	for (; ; p++) {
		if (*p != '/' && *p != 0)
			continue;
		char save = *p;
		*p = 0;
		if (mkdir(buf, save ? 0777 : mode) != 0) {
			int e = errno;
			if (e != EEXIST || stat(buf, &sb) != 0 || !S_ISDIR(sb.st_mode))
				return e == EEXIST ? -EEXIST : -e;
		}
		*p = save;
		if (!save)
			return 0;
		while (p[1] == '/')
			p++;
		if (!p[1])
			return 0;
	}
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int parents = 0, status = 0, c, setmode = 0;
	mode_t mode = 0777;

	cu_init("mkdir", "[-p] [-m MODE] DIRECTORY...\nMake directories (-p: and their parents).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "pm:")) != -1) {
		if (c == 'p') {
			parents = 1;
		} else if (c == 'm') {
			char *end;
			long m = strtol(o.arg, &end, 8);
			if (*end || m < 0 || m > 07777) {
				cu_msg("invalid mode '%s'", o.arg);
				return 1;
			}
			mode = (mode_t)m;
			setmode = 1;
		}
	}
	if (o.ind >= argc) {
		cu_msg("missing operand");
		cu_usage(1);
	}
	for (int i = o.ind; i < argc; i++) {
		int e = parents ? mkdir_parents(argv[i], mode) : (mkdir(argv[i], mode) ? -errno : 0);
		if (e == 0 && setmode && chmod(argv[i], mode) != 0)
			e = -errno;
		if (e) {
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", argv[i], strerror(-e));
			status = 1;
		}
	}
	return status;
}
