/*
 * flock: BSD whole-file locks.  The kernel has neither these nor fcntl's
 * record locks yet, so after the checks POSIX systems make (EBADF, EINVAL)
 * a request fails with ENOLCK, the answer of a file system without lock
 * support; programs that can lock another way (SQLite's dot-file locks)
 * do.  Unlocking succeeds: there is never a lock to release.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>

int flock(int fd, int op)
{
	int kind = op & ~LOCK_NB;

	if (fcntl(fd, F_GETFD) < 0)
		return -1;		/* EBADF */
	if (kind != LOCK_SH && kind != LOCK_EX && kind != LOCK_UN) {
		errno = EINVAL;
		return -1;
	}
	if (kind == LOCK_UN)
		return 0;
	errno = ENOLCK;
	return -1;
}
