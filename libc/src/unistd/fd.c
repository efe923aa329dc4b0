/* File descriptor calls. */
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include "../internal/libc.h"

ssize_t read(int fd, void *buf, size_t n)
{
	return __syscall_ret(__syscall3(SYS_READ, fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return __syscall_ret(__syscall3(SYS_WRITE, fd, buf, n));
}

int close(int fd)
{
	__sock_forget(fd);	/* socket/socket.c's kind cache */
	return (int)__syscall_ret(__syscall1(SYS_CLOSE, fd));
}

off_t lseek(int fd, off_t off, int whence)
{
	return __syscall_ret(__syscall3(SYS_LSEEK, fd, off, whence));
}

/* Positioned I/O: READ2/WRITE2 (fd, buf, len, offset, flags = 0). */
ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return __syscall_ret(__syscall5(SYS_READ2, fd, buf, n, off, 0));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return __syscall_ret(__syscall5(SYS_WRITE2, fd, buf, n, off, 0));
}

int dup(int fd)
{
	return (int)__syscall_ret(__syscall3(SYS_DUP, fd, 0, 0));
}

int dup2(int fd, int newfd)
{
	if (fd == newfd) {	/* POSIX: just check fd is open */
		if (__syscall3(SYS_FCNTL, fd, F_GETFD, 0) < 0) {
			errno = EBADF;
			return -1;
		}
		return newfd;
	}
	__sock_forget(newfd);
	return (int)__syscall_ret(__syscall4(SYS_DUP2, fd, newfd, 0, 0));
}

int dup3(int fd, int newfd, int flags)
{
	if (fd == newfd) {
		errno = EINVAL;
		return -1;
	}
	if (dup2(fd, newfd) < 0)
		return -1;
	if (flags & O_CLOEXEC)
		__syscall3(SYS_FCNTL, newfd, F_SETFD, FD_CLOEXEC);
	return newfd;
}

int pipe2(int fds[2], int flags)
{
	int32_t k[2];
	long r = __syscall2(SYS_PIPE2, k, flags);

	if (r < 0)
		return (int)__syscall_ret(r);
	fds[0] = k[0];
	fds[1] = k[1];
	return 0;
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

int fsync(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_FSYNC, fd));
}

int fdatasync(int fd)
{
	return fsync(fd);
}

int ftruncate(int fd, off_t len)
{
	return (int)__syscall_ret(__syscall2(SYS_FTRUNCATE, fd, len));
}

int truncate(const char *path, off_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int r;

	if (fd < 0)
		return -1;
	r = ftruncate(fd, len);
	close(fd);
	return r;
}
