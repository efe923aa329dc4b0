/* head - prints the first lines (-n N, default 10) or bytes (-c N). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/cu.h"

static int
head_fd(int fd, long long count, int bytes)
{
	char buf[8192];
	ssize_t r = 0;
	while (count > 0 && (r = read(fd, buf, sizeof buf)) > 0) {
		ssize_t take = 0;
		if (bytes) {
			take = r < count ? r : (ssize_t)count;
			count -= take;
		} else {
			while (take < r && count > 0)
				if (buf[take++] == '\n')
					count--;
		}
		int e = cu_write_all(1, buf, (size_t)take);
		if (e)
			return e;
	}
	return r < 0 ? -errno : 0;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	long long count = 10;
	int bytes = 0, status = 0, c, headers = -1;

	cu_init("head", "[-qv] [-n LINES | -c BYTES] [FILE]...\nPrint the first 10 lines (or LINES lines, BYTES bytes) of each FILE.\n", 1);
	cu_opt_init(&o, argc, argv);
	long long old = cu_opt_old_count(&o);
	if (old >= 0)
		count = old;
	while ((c = cu_opt_next(&o, "n:c:qv")) != -1) {
		if (c == 'q' || c == 'v') {
			headers = c == 'v';
		} else if (c == 'n' || c == 'c') {
			char *end;
			count = strtoll(o.arg, &end, 10);
			if (*end || end == o.arg || count < 0) {
				cu_msg("invalid number of %s: '%s'", c == 'n' ? "lines" : "bytes", o.arg);
				return 1;
			}
			bytes = c == 'c';
		}
	}
	char *dash[] = { "-", NULL };
	char **files = o.ind < argc ? argv + o.ind : dash;
	/* Headers when there are several files, unless -q or -v says. */
	int many = headers >= 0 ? headers : argc - o.ind > 1;
	for (int k = 0; files[k]; k++) {
		const char *name = files[k];
		int fd = strcmp(name, "-") ? open(name, O_RDONLY) : 0;
		if (fd < 0) {
			fprintf(stderr, "head: cannot open '%s' for reading: %s\n", name, strerror(errno));
			status = 1;
			continue;
		}
		if (many)
			printf("%s==> %s <==\n", k ? "\n" : "", fd == 0 ? "standard input" : name);
		fflush(stdout);
		int e = head_fd(fd, count, bytes);
		if (e) {
			fprintf(stderr, "head: error reading '%s': %s\n", name, strerror(-e));
			status = 1;
		}
		if (fd != 0)
			close(fd);
	}
	return status;
}
