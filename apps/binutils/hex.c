/*
 * hex - prints the bytes of each file (or stdin) as lowercase hex pairs,
 * 32 bytes to a line, and nothing else: the plain form Redox's binutils
 * offers next to hexdump, handy for pasting into other tools.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PER_LINE 32

static void
usage(FILE *f)
{
	fprintf(f, "usage: hex [FILE...]\n"
	    "  prints each byte as two hex digits, %d bytes per line\n"
	    "  --help  show this help\n", PER_LINE);
}

static int
hex_file(const char *name, size_t *col)
{
	int fd = name ? open(name, O_RDONLY) : 0;
	unsigned char buf[8192];
	if (fd < 0) {
		fprintf(stderr, "hex: %s: %s\n", name, strerror(errno));
		return -1;
	}
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "hex: %s: %s\n", name ? name : "stdin", strerror(errno));
			if (name)
				close(fd);
			return -1;
		}
		if (r == 0)
			break;
		for (ssize_t i = 0; i < r; i++) {
			printf("%02x", buf[i]);
			if (++*col == PER_LINE) {
				putchar('\n');
				*col = 0;
			}
		}
	}
	if (name)
		close(fd);
	return 0;
}

int
main(int argc, char **argv)
{
	size_t col = 0;
	int rc = 0, i = 1;
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--"))
		i++;
	else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		fprintf(stderr, "hex: unknown option '%s'\n", argv[1]);
		usage(stderr);
		return 1;
	}
	if (i >= argc && hex_file(NULL, &col) < 0)
		rc = 1;
	for (; i < argc; i++)
		if (hex_file(argv[i], &col) < 0)
			rc = 1;
	if (col)
		putchar('\n');
	if (fflush(stdout) != 0) {
		fprintf(stderr, "hex: write error: %s\n", strerror(errno));
		return 1;
	}
	return rc;
}
