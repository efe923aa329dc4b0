/*
 * Scatter/gather I/O: one READ/WRITE (or READ2/WRITE2 at a moving
 * offset) per buffer, stopping at the first short or failed one.  Not
 * atomic as one call: another user of the file may come between buffers.
 */
#include <errno.h>
#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>

/* off < 0: at the file position. */
static ssize_t vio(int fd, const struct iovec *iov, int iovcnt, off_t off, int wr)
{
	ssize_t done = 0;
	size_t total = 0;

	if (iovcnt < 0 || iovcnt > IOV_MAX) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - total) {
			errno = EINVAL;
			return -1;
		}
		total += iov[i].iov_len;
	}
	for (int i = 0; i < iovcnt; i++) {
		size_t n = iov[i].iov_len;
		ssize_t r;
		if (off < 0)
			r = wr ? write(fd, iov[i].iov_base, n) : read(fd, iov[i].iov_base, n);
		else
			r = wr ? pwrite(fd, iov[i].iov_base, n, off + done) :
			    pread(fd, iov[i].iov_base, n, off + done);
		if (r < 0)
			return done ? done : -1;
		done += r;
		if ((size_t)r < n)
			break;
	}
	return done;
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return vio(fd, iov, iovcnt, -1, 0);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return vio(fd, iov, iovcnt, -1, 1);
}

ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t off)
{
	if (off < 0) {
		errno = EINVAL;
		return -1;
	}
	/* A zero-length call still reports a bad fd or an unseekable file. */
	if (iovcnt == 0)
		return pread(fd, NULL, 0, off);
	return vio(fd, iov, iovcnt, off, 0);
}

ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t off)
{
	if (off < 0) {
		errno = EINVAL;
		return -1;
	}
	if (iovcnt == 0)
		return pwrite(fd, NULL, 0, off);
	return vio(fd, iov, iovcnt, off, 1);
}
