/* open and fcntl.  The create mode rides in the low 16 bits of the flags
 * word, as Redox's SYS_OPEN expects. */
#include <fcntl.h>
#include <stdarg.h>
#include <errno.h>
#include <string.h>
#include "../internal/libc.h"

/*
 * The device paths Unix programs name, as this system's schemes: the
 * disk has no /dev.  "/dev/stdin", "/dev/stdout", "/dev/stderr" and
 * "/dev/fd/N" duplicate the fd (sharing its offset, where Linux would
 * open the file again).  Only these exact absolute paths are mapped;
 * "file:/dev/..." still means the disk.
 */
static const struct {
	const char *path, *url;
} dev_urls[] = {
	{ "/dev/null", "null:" }, { "/dev/zero", "zero:" },
	{ "/dev/random", "rand:" }, { "/dev/urandom", "rand:" },
};

/* -1 if path is not a /dev/std* or /dev/fd/N name, else the fd. */
static int dev_fd(const char *path)
{
	const char *p;
	int n = 0;

	if (strcmp(path, "/dev/stdin") == 0)
		return 0;
	if (strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	if (strncmp(path, "/dev/fd/", 8) != 0 || path[8] == '\0')
		return -1;
	for (p = path + 8; *p; p++) {
		if (*p < '0' || *p > '9' || n > 100000)
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n;
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	size_t i;
	int fd;

	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if (path[0] == '/' && strncmp(path, "/dev/", 5) == 0) {
		for (i = 0; i < sizeof(dev_urls) / sizeof(dev_urls[0]); i++)
			if (strcmp(path, dev_urls[i].path) == 0) {
				path = dev_urls[i].url;
				break;
			}
		if ((fd = dev_fd(path)) >= 0) {
			if (flags & O_STAT)
				return (int)__syscall_ret(__syscall3(SYS_DUP, fd, 0, 0));
			return fcntl(fd, (flags & O_CLOEXEC) ? F_DUPFD_CLOEXEC : F_DUPFD, 0);
		}
	}
	return (int)__syscall_ret(__syscall_path(SYS_OPEN, path,
	    (long)(((unsigned)flags & 0xffff0000u) | (mode & 0xffff)), 0));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	if (cmd == F_DUPFD_CLOEXEC) {
		long r = __syscall3(SYS_FCNTL, fd, F_DUPFD, arg);
		if (r >= 0)
			__syscall3(SYS_FCNTL, r, F_SETFD, FD_CLOEXEC);
		return (int)__syscall_ret(r);
	}
	return (int)__syscall_ret(__syscall3(SYS_FCNTL, fd, cmd, arg));
}
