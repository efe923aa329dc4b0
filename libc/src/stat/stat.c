/* stat and friends: Redox's struct redox_stat to POSIX struct stat. */
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <string.h>
#include "../internal/libc.h"

/* <sys/stat.h> defines st_atime etc. as POSIX macros; struct redox_stat
 * has plain fields of those names. */
#undef st_atime
#undef st_mtime
#undef st_ctime

int fstat(int fd, struct stat *st)
{
	struct redox_stat rs;
	long r;

	memset(&rs, 0, sizeof(rs));
	r = __syscall3(SYS_FSTAT, fd, &rs, sizeof(rs));
	if (r < 0)
		return (int)__syscall_ret(r);
	memset(st, 0, sizeof(*st));
	st->st_dev = rs.st_dev;
	st->st_ino = rs.st_ino;
	st->st_mode = rs.st_mode;
	st->st_nlink = rs.st_nlink;
	st->st_uid = rs.st_uid;
	st->st_gid = rs.st_gid;
	st->st_size = (off_t)rs.st_size;
	st->st_blksize = rs.st_blksize;
	st->st_blocks = (blkcnt_t)rs.st_blocks;
	st->st_atim.tv_sec = (time_t)rs.st_atime;
	st->st_atim.tv_nsec = rs.st_atime_nsec;
	st->st_mtim.tv_sec = (time_t)rs.st_mtime;
	st->st_mtim.tv_nsec = rs.st_mtime_nsec;
	st->st_ctim.tv_sec = (time_t)rs.st_ctime;
	st->st_ctim.tv_nsec = rs.st_ctime_nsec;
	return 0;
}

static int stat_flags(const char *path, struct stat *st, int oflags)
{
	int fd = open(path, O_STAT | O_RDONLY | O_CLOEXEC | oflags);
	int r;

	if (fd < 0)
		return -1;
	r = fstat(fd, st);
	close(fd);
	return r;
}

int stat(const char *restrict path, struct stat *restrict st)
{
	return stat_flags(path, st, 0);
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return stat_flags(path, st, (int)O_NOFOLLOW);
}

int mkdir(const char *path, mode_t mode)
{
	return (int)__syscall_ret(__syscall_path(SYS_MKDIR, path, mode, 0));
}

/*
 * Special files are made as Redox makes them: open with O_CREAT and the
 * type bits in the mode, which the file system stores.
 */
static int mkspecial(const char *path, mode_t mode)
{
	int fd = open(path, O_CREAT | O_EXCL | O_STAT | O_CLOEXEC, mode);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int mkfifo(const char *path, mode_t mode)
{
	return mkspecial(path, S_IFIFO | (mode & 07777));
}

/* open has no way to carry a device number: devices get 0 or EINVAL. */
int mknod(const char *path, mode_t mode, dev_t dev)
{
	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFCHR: case S_IFBLK:
		if (dev == 0)
			break;
		errno = EINVAL;
		return -1;
	default:
		errno = EINVAL;
		return -1;
	}
	return mkspecial(path, mode & (S_IFMT | 07777));
}

static void to_redox_ts(const struct timespec *t, struct redox_timespec *r)
{
	r->tv_sec = t->tv_sec;
	r->tv_nsec = (int32_t)t->tv_nsec;
	r->_pad = 0;
}

int futimens(int fd, const struct timespec times[2])
{
	struct redox_timespec rt[2];
	struct timespec now[2];

	if (times == NULL) {
		clock_gettime(CLOCK_REALTIME, &now[0]);
		now[1] = now[0];
		times = now;
	}
	to_redox_ts(&times[0], &rt[0]);
	to_redox_ts(&times[1], &rt[1]);
	return (int)__syscall_ret(__syscall3(SYS_FUTIMENS, fd, rt, sizeof(rt)));
}

int fstatvfs(int fd, struct statvfs *st)
{
	struct redox_statvfs rs;
	long r;

	memset(&rs, 0, sizeof(rs));
	r = __syscall3(SYS_FSTATVFS, fd, &rs, sizeof(rs));
	if (r < 0)
		return (int)__syscall_ret(r);
	memset(st, 0, sizeof(*st));
	st->f_bsize = st->f_frsize = rs.f_bsize;
	st->f_blocks = rs.f_blocks;
	st->f_bfree = rs.f_bfree;
	st->f_bavail = rs.f_bavail;
	st->f_namemax = NAME_MAX;
	return 0;
}

int statvfs(const char *restrict path, struct statvfs *restrict st)
{
	int fd = open(path, O_STAT | O_RDONLY | O_CLOEXEC);
	int r;

	if (fd < 0)
		return -1;
	r = fstatvfs(fd, st);
	close(fd);
	return r;
}
