/* open and fcntl.  The create mode rides in the low 16 bits of the flags
 * word, as Redox's SYS_OPEN expects. */
#include <fcntl.h>
#include <stdarg.h>
#include <errno.h>
#include "../internal/libc.h"

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
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
