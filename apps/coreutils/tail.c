/* tail - prints the last lines (-n N, +N from line N) or bytes (-c N);
 * -f keeps reading a file as it grows. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "lib/cu.h"

struct tail_buf {
	char *p;
	size_t len, cap;
};

static int
tail_slurp(int fd, struct tail_buf *b)
{
	for (;;) {
		if (b->cap - b->len < 8192) {
			size_t ncap = b->cap ? b->cap * 2 : 65536;
			char *np = realloc(b->p, ncap);
			if (np == NULL)
				return -ENOMEM;
			b->p = np;
			b->cap = ncap;
		}
		ssize_t r = read(fd, b->p + b->len, b->cap - b->len);
		if (r < 0)
			return -errno;
		if (r == 0)
			return 0;
		b->len += (size_t)r;
	}
}

/* Offset of the output's start in b for the count and mode. */
static size_t
tail_start(const struct tail_buf *b, long long count, int bytes, int from)
{
	size_t i;
	if (bytes) {
		if (from)
			return count > 0 && (size_t)(count - 1) < b->len ? (size_t)(count - 1) : (count > 0 ? b->len : 0);
		return (size_t)count >= b->len ? 0 : b->len - (size_t)count;
	}
	if (from) {
		long long line = 1;
		for (i = 0; i < b->len && line < count; i++)
			if (b->p[i] == '\n')
				line++;
		return i;
	}
	i = b->len;
	/* A last line without a newline still counts as a line. */
	if (i > 0 && b->p[i - 1] == '\n')
		i--;
	while (i > 0) {
		if (b->p[i - 1] == '\n' && --count <= 0)
			return i;
		i--;
	}
	return 0;
}

static int
tail_follow(int fd)
{
	char buf[8192];
	struct timespec ts = { 0, 200 * 1000 * 1000 };
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0)
			return -errno;
		if (r > 0) {
			if (cu_write_all(1, buf, (size_t)r) != 0)
				return -errno;
		} else {
			nanosleep(&ts, NULL);
		}
	}
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	long long count = 10;
	int bytes = 0, from = 0, follow = 0, status = 0, c, headers = -1;

	cu_init("tail", "[-fqv] [-n [+]LINES | -c [+]BYTES] [FILE]...\n"
	    "Print the last 10 lines (or LINES lines, BYTES bytes; +N starts at N) of each FILE.\n", 1);
	cu_opt_init(&o, argc, argv);
	long long old = cu_opt_old_count(&o);
	if (old >= 0)
		count = old;
	while ((c = cu_opt_next(&o, "n:c:fqv")) != -1) {
		if (c == 'q' || c == 'v') {
			headers = c == 'v';
		} else if (c == 'f') {
			follow = 1;
		} else if (c == 'n' || c == 'c') {
			const char *a = o.arg;
			char *end;
			from = *a == '+';
			if (*a == '+' || *a == '-')
				a++;
			count = strtoll(a, &end, 10);
			if (*end || end == a || count < 0) {
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
		struct tail_buf b = { NULL, 0, 0 };
		int fd = strcmp(name, "-") ? open(name, O_RDONLY) : 0;
		if (fd < 0) {
			fprintf(stderr, "tail: cannot open '%s' for reading: %s\n", name, strerror(errno));
			status = 1;
			continue;
		}
		int e = tail_slurp(fd, &b);
		if (e) {
			fprintf(stderr, "tail: error reading '%s': %s\n", name, strerror(-e));
			status = 1;
		} else {
			if (many)
				printf("%s==> %s <==\n", k ? "\n" : "", fd == 0 ? "standard input" : name);
			fflush(stdout);
			size_t s = tail_start(&b, count, bytes, from);
			if (cu_write_all(1, b.p + s, b.len - s) != 0)
				status = 1;
			if (follow && !files[k + 1] && fd != 0)
				e = tail_follow(fd);
		}
		free(b.p);
		if (fd != 0)
			close(fd);
	}
	return status;
}
