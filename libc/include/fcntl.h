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

/* POSIX record locks: the names and the structure, so that programs
 * build.  The kernel has no record locks yet: fcntl() with these
 * commands fails with EINVAL. */
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2
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
