/* mv - renames files, into a directory when the last operand is one.
 * Only within one file system: rename() has no fallback copy here. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int status = 0;

	cu_init("mv", "SOURCE DEST\n   or: mv SOURCE... DIRECTORY\nRename SOURCE to DEST, or move SOURCEs into DIRECTORY.\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "f") != -1)
		;
	int isdir;
	const char *dest = cu_dest(argc, argv, o.ind, &isdir);
	if (!dest)
		return 1;
	for (int i = o.ind; i < argc - 1; i++) {
		char t[4096];
		struct stat ss;
		if (lstat(argv[i], &ss) != 0) {
			fprintf(stderr, "mv: cannot stat '%s': %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		cu_target(dest, isdir, argv[i], t, sizeof t);
		if (rename(argv[i], t) != 0) {
			fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", argv[i], t, strerror(errno));
			status = 1;
		}
	}
	return status;
}
