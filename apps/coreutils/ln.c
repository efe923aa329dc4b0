/* ln - makes hard links, or symbolic ones with -s; -f replaces DEST. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct stat sb;
	int sym = 0, force = 0, status = 0, c, n;

	cu_init("ln", "[-sf] TARGET LINK_NAME\n   or: ln [-sf] TARGET... DIRECTORY\n"
	    "Make links to TARGETs (-s: symbolic, -f: replace existing names).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "sf")) != -1) {
		if (c == 's')
			sym = 1;
		else if (c == 'f')
			force = 1;
	}
	n = argc - o.ind;
	if (n < 1) {
		cu_msg("missing file operand");
		cu_usage(1);
	}
	const char *dest = n == 1 ? "." : argv[argc - 1];
	int isdir = stat(dest, &sb) == 0 && S_ISDIR(sb.st_mode);
	if (n > 2 && !isdir) {
		cu_msg("target '%s' is not a directory", dest);
		return 1;
	}
	int last = n == 1 ? argc : argc - 1;
	for (int i = o.ind; i < last; i++) {
		char t[4096];
		if (isdir) {
			const char *b = strrchr(argv[i], '/');
			snprintf(t, sizeof t, "%s/%s", dest, b ? b + 1 : argv[i]);
		} else {
			snprintf(t, sizeof t, "%s", dest);
		}
		if (force && unlink(t) != 0 && errno != ENOENT) {
			fprintf(stderr, "ln: cannot remove '%s': %s\n", t, strerror(errno));
			status = 1;
			continue;
		}
		if ((sym ? symlink(argv[i], t) : link(argv[i], t)) != 0) {
			if (errno == EEXIST || sym)
				fprintf(stderr, "ln: failed to create %slink '%s': %s\n",
				    sym ? "symbolic " : "hard ", t, strerror(errno));
			else
				fprintf(stderr, "ln: failed to create hard link '%s' => '%s': %s\n",
				    t, argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
