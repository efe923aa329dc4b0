/*
 * kt_crashc - the client side of the crashing daemon test: a read from
 * crash: must fail with EIO when the daemon dies, the scheme must vanish
 * from sys:scheme, and other schemes must go on working.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int
listed(const char *name)
{
	char buf[1024];
	int fd = open("sys:scheme", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n"))
		if (!strcmp(l, name))
			return 1;
	return 0;
}

int
main(void)
{
	int bad = 0;
	if (listed("crash") != 1) {
		printf("kt_crashc: crash: is not registered\n");
		return 1;
	}
	int fd = open("crash:x", O_RDONLY);
	if (fd < 0) {
		printf("kt_crashc: open crash:x: %s\n", strerror(errno));
		return 1;
	}
	char c;
	ssize_t r = read(fd, &c, 1);
	int e = errno;
	printf("kt_crashc: read from the crashing daemon: %zd (%s)\n", r, r < 0 ? strerror(e) : "data");
	if (r != -1 || e != EIO)
		bad = 1;
	if (read(fd, &c, 1) != -1 || errno != EIO) {
		printf("kt_crashc: a second read did not fail with EIO\n");
		bad = 1;
	}
	close(fd);
	if (listed("crash") != 0) {
		printf("kt_crashc: crash: is still in sys:scheme\n");
		bad = 1;
	}
	if (open("crash:y", O_RDONLY) >= 0 || errno != ENODEV) {
		printf("kt_crashc: opening crash:y did not fail with ENODEV\n");
		bad = 1;
	}
	int z = open("zero:", O_RDONLY);
	if (z < 0 || read(z, &c, 1) != 1 || c != 0) {
		printf("kt_crashc: zero: stopped working\n");
		bad = 1;
	}
	printf(bad ? "kt_crashc: FAILED\n" : "kt_crashc: daemon crash contained\n");
	return bad;
}
