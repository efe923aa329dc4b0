/* lock.c - lockf and flock over fcntl's record locks (sys/file.h). */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <unistd.h>
#include <sys/file.h>

/* fcntl hands the struct to the kernel as it is. */
_Static_assert(sizeof(struct flock) == sizeof(struct redox_flock) &&
    offsetof(struct flock, l_start) == offsetof(struct redox_flock, l_start) &&
    offsetof(struct flock, l_len) == offsetof(struct redox_flock, l_len) &&
    offsetof(struct flock, l_pid) == offsetof(struct redox_flock, l_pid),
    "struct flock is struct redox_flock");

int lockf(int fd, int cmd, off_t len)
{
	struct flock fl = { F_WRLCK, SEEK_CUR, 0, len, 0 };

	switch (cmd) {
	case F_ULOCK:
		fl.l_type = F_UNLCK;
		return fcntl(fd, F_SETLK, &fl);
	case F_LOCK:
		return fcntl(fd, F_SETLKW, &fl);
	case F_TLOCK:
		return fcntl(fd, F_SETLK, &fl);
	case F_TEST:
		/* POSIX: a lock of another process gives EACCES (or EAGAIN). */
		if (fcntl(fd, F_GETLK, &fl) < 0)
			return -1;
		if (fl.l_type == F_UNLCK || fl.l_pid == getpid())
			return 0;
		errno = EACCES;
		return -1;
	default:
		errno = EINVAL;
		return -1;
	}
}

int flock(int fd, int op)
{
	struct flock fl = { F_UNLCK, SEEK_SET, 0, 0, 0 };
	int nb = op & LOCK_NB;

	switch (op & ~LOCK_NB) {
	case LOCK_SH:
		fl.l_type = F_RDLCK;
		break;
	case LOCK_EX:
		fl.l_type = F_WRLCK;
		break;
	case LOCK_UN:
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	/* BSD says EWOULDBLOCK for a busy lock; it is EAGAIN here. */
	return fcntl(fd, nb || fl.l_type == F_UNLCK ? F_SETLK : F_SETLKW, &fl);
}
