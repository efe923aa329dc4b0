/*
 * dmesg - prints the kernel log, which the core serves as `sys:log`.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LOG_PATH "sys:log"

static void
usage(FILE *f)
{
	fprintf(f, "usage: dmesg\n"
	    "  prints the kernel log (" LOG_PATH ")\n"
	    "  --help  show this help\n");
}

static int
write_all(const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(1, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char buf[4096];
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "dmesg: unknown argument '%s'\n", argv[1]);
		usage(stderr);
		return 1;
	}
	int fd = open(LOG_PATH, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "dmesg: %s: %s\n", LOG_PATH, strerror(errno));
		return 1;
	}
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "dmesg: %s: %s\n", LOG_PATH, strerror(errno));
			close(fd);
			return 1;
		}
		if (r == 0)
			break;
		int rc = write_all(buf, (size_t)r);
		if (rc < 0) {
			fprintf(stderr, "dmesg: write error: %s\n", strerror(-rc));
			close(fd);
			return 1;
		}
	}
	close(fd);
	return 0;
}
