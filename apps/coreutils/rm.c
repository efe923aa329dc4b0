/* rm - removes files; -r directories and their contents, -f ignores
 * missing files, -i asks first. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/cu.h"

struct rm_opts {
	int recursive, force, interactive;
};

static int
rm_ask(const char *what, const char *path)
{
	char line[64];
	fprintf(stderr, "rm: remove %s '%s'? ", what, path);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

static int
rm_path(const char *path, const struct rm_opts *ro)
{
	struct stat sb;
	int status = 0;

	if (lstat(path, &sb) != 0) {
		if (errno == ENOENT && ro->force)
			return 0;
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
		return 1;
	}
	if (S_ISDIR(sb.st_mode)) {
		if (!ro->recursive) {
			fprintf(stderr, "rm: cannot remove '%s': Is a directory\n", path);
			return 1;
		}
		DIR *d = opendir(path);
		struct dirent *de;
		if (d == NULL) {
			fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
			return 1;
		}
		while ((de = readdir(d)) != NULL) {
			char *sub;
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			if ((sub = cu_join(path, de->d_name)) == NULL) {
				fprintf(stderr, "rm: %s/%s: %s\n", path, de->d_name, strerror(errno));
				status = 1;
				continue;
			}
			status |= rm_path(sub, ro);
			free(sub);
		}
		closedir(d);
		if (ro->interactive && !rm_ask("directory", path))
			return status;
		if (rmdir(path) != 0) {
			fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
			return 1;
		}
		return status;
	}
	if (ro->interactive && !rm_ask(S_ISREG(sb.st_mode) ? "regular file" : "file", path))
		return 0;
	if (unlink(path) != 0) {
		fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct rm_opts ro = { 0, 0, 0 };
	int status = 0, c;

	cu_init("rm", "[-rfi] FILE...\nRemove FILEs (-r: directories too, -f: no errors for missing ones).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "rRfi")) != -1) {
		if (c == 'r' || c == 'R')
			ro.recursive = 1;
		else if (c == 'f')
			ro.force = 1, ro.interactive = 0;
		else if (c == 'i')
			ro.interactive = 1, ro.force = 0;
	}
	if (o.ind >= argc) {
		if (ro.force)
			return 0;
		cu_msg("missing operand");
		cu_usage(1);
	}
	for (int i = o.ind; i < argc; i++) {
		const char *b = strrchr(argv[i], '/');
		b = b ? b + 1 : argv[i];
		if (!strcmp(b, ".") || !strcmp(b, "..") || !strcmp(argv[i], "/")) {
			fprintf(stderr, "rm: refusing to remove '.' or '..' directory: skipping '%s'\n", argv[i]);
			status = 1;
			continue;
		}
		status |= rm_path(argv[i], &ro);
	}
	return status;
}
