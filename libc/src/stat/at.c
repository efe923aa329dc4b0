/*
 * at.c - the *at() calls with real directory fds.  The ABI takes paths,
 * not (directory, name) pairs, so a relative path is joined to the
 * directory's URL (SYS_FPATH) and the plain call does the rest.  The
 * directory is named by its path at the time of the call: one renamed
 * after it was opened is found under its new name, as the kernel keeps
 * the file's path current, but the call is not atomic against a rename
 * happening meanwhile.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <redox.h>
#include "at.h"

/* Absolute: "/..." or a URL "scheme:..." (a ':' before any '/'). */
static int absolute(const char *p)
{
	const char *colon = strchr(p, ':'), *slash = strchr(p, '/');

	return p[0] == '/' || (colon != NULL && (slash == NULL || colon < slash));
}

const char *__at_path(int dirfd, const char *path, char *buf, size_t cap)
{
	struct stat st;
	ssize_t n;

	if (path[0] == '\0') {
		errno = ENOENT;
		return NULL;
	}
	if (dirfd == AT_FDCWD || absolute(path))
		return path;
	if (fstat(dirfd, &st) < 0)
		return NULL;	/* EBADF */
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	n = redox_fpath(dirfd, buf, cap);
	if (n < 0)
		return NULL;
	if ((size_t)n + 1 + strlen(path) + 1 > cap) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (n > 0 && buf[n - 1] != '/')
		buf[n++] = '/';
	memcpy(buf + n, path, strlen(path) + 1);
	return buf;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return p ? open(p, flags, mode) : -1;
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));

	if (p == NULL)
		return -1;
	return (flags & AT_SYMLINK_NOFOLLOW) ? lstat(p, st) : stat(p, st);
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));
	int fd, r;

	if (p == NULL)
		return -1;
	fd = open(p, O_STAT | O_CLOEXEC | ((flags & AT_SYMLINK_NOFOLLOW) ? (int)O_NOFOLLOW : 0));
	if (fd < 0)
		return -1;
	r = futimens(fd, times);
	close(fd);
	return r;
}

/* The ids are the real ones; AT_EACCESS would ask for the effective
 * ones, which access() uses already (see unistd/). */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));

	(void)flags;
	return p ? access(p, mode) : -1;
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));

	return p ? mkdir(p, mode) : -1;
}

int mkfifoat(int dirfd, const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));

	return p ? mkfifo(p, mode) : -1;
}

int unlinkat(int dirfd, const char *path, int flags)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));

	if (p == NULL)
		return -1;
	if (flags & ~AT_REMOVEDIR) {
		errno = EINVAL;
		return -1;
	}
	return (flags & AT_REMOVEDIR) ? rmdir(p) : unlink(p);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	char b1[PATH_MAX], b2[PATH_MAX];
	const char *p1 = __at_path(fromfd, from, b1, sizeof(b1));
	const char *p2 = p1 ? __at_path(tofd, to, b2, sizeof(b2)) : NULL;

	return p2 ? rename(p1, p2) : -1;
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict out, size_t n)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));

	return p ? readlink(p, out, n) : -1;
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));

	return p ? symlink(target, p) : -1;
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));

	if (p == NULL)
		return -1;
	if (flags & AT_SYMLINK_NOFOLLOW) {
		errno = EOPNOTSUPP;	/* as Linux: a link's mode cannot change */
		return -1;
	}
	return chmod(p, mode);
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	char buf[PATH_MAX];
	const char *p = __at_path(dirfd, path, buf, sizeof(buf));

	if (p == NULL)
		return -1;
	return (flags & AT_SYMLINK_NOFOLLOW) ? lchown(p, uid, gid) : chown(p, uid, gid);
}

int linkat(int fromfd, const char *from, int tofd, const char *to, int flags)
{
	char b1[PATH_MAX], b2[PATH_MAX];
	const char *p1 = __at_path(fromfd, from, b1, sizeof(b1));
	const char *p2 = p1 ? __at_path(tofd, to, b2, sizeof(b2)) : NULL;

	(void)flags;
	return p2 ? link(p1, p2) : -1;
}
