/* fcntl.h - open flags are Redox's (O_RDONLY is 0x10000; see redox/abi.h). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <features.h>
#include <sys/types.h>
#include <redox/abi.h>

#define O_NDELAY	O_NONBLOCK
#define O_SYNC		O_FSYNC
#define O_DSYNC		O_FSYNC
#define O_NOCTTY	0
#define O_LARGEFILE	0
#define O_PATH		O_STAT
#define F_DUPFD_CLOEXEC	1030
#define AT_FDCWD	(-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR	0x200
#define AT_EACCESS	0x200
#define AT_SYMLINK_FOLLOW 0x400

/*
 * Record locks (F_GETLK, F_SETLK, F_SETLKW and F_RDLCK, F_WRLCK,
 * F_UNLCK come from redox/abi.h): the kernel's struct redox_flock,
 * Linux's layout.  The owner is the process; any close of the file by it,
 * and its exit, drop its locks.  A file system that has none gives EINVAL.
 */
struct flock {
	short l_type;
	short l_whence;
	off_t l_start;
	off_t l_len;
	pid_t l_pid;
};

__BEGIN_DECLS
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);
__END_DECLS

#endif
