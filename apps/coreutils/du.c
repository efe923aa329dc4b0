/* du - prints disk usage (1K blocks) of each directory under the FILEs;
 * -s only the totals, -a files too, -h human sizes. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/cu.h"

struct du_opts {
	int summary, all, human, status;
};

static void
du_print(unsigned long long bytes, const char *path, const struct du_opts *d)
{
	char b[32];
	if (d->human)
		cu_human(bytes, b, sizeof b);
	else
		snprintf(b, sizeof b, "%llu", (bytes + 1023) / 1024);
	printf("%s\t%s\n", b, path);
}

/* Returns the bytes used under path; prints per depth rules. */
static unsigned long long
du_walk(const char *path, int depth, struct du_opts *d)
{
	struct stat sb;
	unsigned long long total;
	if (lstat(path, &sb) != 0) {
		fprintf(stderr, "du: cannot access '%s': %s\n", path, strerror(errno));
		d->status = 1;
		return 0;
	}
	total = (unsigned long long)sb.st_blocks * 512;
	if (S_ISDIR(sb.st_mode)) {
		DIR *dir = opendir(path);
		struct dirent *de;
		if (dir == NULL) {
			fprintf(stderr, "du: cannot read directory '%s': %s\n", path, strerror(errno));
			d->status = 1;
		} else {
			while ((de = readdir(dir)) != NULL) {
				char *sub;
				if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
					continue;
				if ((sub = cu_join(path, de->d_name)) == NULL) {
					fprintf(stderr, "du: %s/%s: %s\n", path, de->d_name, strerror(errno));
					d->status = 1;
					continue;
				}
				total += du_walk(sub, depth + 1, d);
				free(sub);
			}
			closedir(dir);
		}
		if (!d->summary || depth == 0)
			du_print(total, path, d);
	} else if (depth == 0 || (d->all && !d->summary)) {
		du_print(total, path, d);
	}
	return total;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct du_opts d = { 0, 0, 0, 0 };
	int c;

	cu_init("du", "[-sah] [FILE]...\nPrint the disk usage of each FILE and the directories under it.\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "sahk")) != -1) {
		if (c == 's')
			d.summary = 1;
		else if (c == 'a')
			d.all = 1;
		else if (c == 'h')
			d.human = 1;
	}
	if (o.ind >= argc)
		du_walk(".", 0, &d);
	for (int i = o.ind; i < argc; i++)
		du_walk(argv[i], 0, &d);
	if (fflush(stdout) != 0) {
		cu_err("write error", errno);
		return 1;
	}
	return d.status;
}
