/* Calls on paths.  Paths cross to the kernel as (pointer, length); most
 * "by path" operations open the file with O_STAT and use the fd call. */
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <redox.h>
#include "../internal/libc.h"

int chdir(const char *path)
{
	return (int)__syscall_ret(__syscall_path(SYS_CHDIR, path, 0, 0));
}

int fchdir(int fd)
{
	char buf[PATH_MAX];
	ssize_t n = redox_fpath(fd, buf, sizeof(buf) - 1);

	if (n < 0)
		return -1;
	buf[n] = '\0';
	return chdir(buf);
}

/*
 * The kernel keeps the cwd as a URL.  On file: (the root file system) a
 * program gets the POSIX path, "/tmp" for "file:/tmp": paths starting
 * with '/' resolve on the cwd's scheme, so the path names the same
 * directory, and programs take "file:/tmp" for a relative path.  Other
 * schemes keep the URL; redox_fpath on an open directory still gives the
 * URL for file: too.
 */
long __file_url_to_path(char *s, size_t len, size_t cap)
{
	size_t rest, add;

	if (len < 5 || memcmp(s, "file:", 5) != 0)
		return (long)len;
	rest = len - 5;
	add = rest == 0 || s[5] != '/';	/* "file:" alone is the root */
	if (add + rest + 1 > cap)
		return -ERANGE;
	memmove(s + add, s + 5, rest);
	if (add)
		s[0] = '/';
	s[add + rest] = '\0';
	return (long)(add + rest);
}

/* The URL comes into a buffer of its own: it is longer than the path. */
static long cwd_posix(char *out, size_t cap)
{
	char raw[PATH_MAX + 1];
	long r = __syscall2(SYS_GETCWD, raw, sizeof(raw) - 1);

	if (r < 0)
		return r;
	raw[r] = '\0';
	r = __file_url_to_path(raw, (size_t)r, sizeof(raw));
	if (r < 0 || (size_t)r + 1 > cap)
		return -ERANGE;
	memcpy(out, raw, (size_t)r + 1);
	return r;
}

char *getcwd(char *buf, size_t n)
{
	char tmp[PATH_MAX + 1];
	long r;

	if (buf == NULL) {
		/* glibc's extension: allocate when buf is NULL */
		r = cwd_posix(tmp, sizeof(tmp));
		if (r < 0) {
			errno = (int)-r;
			return NULL;
		}
		return strdup(tmp);
	}
	if (n == 0) {
		errno = EINVAL;
		return NULL;
	}
	r = cwd_posix(buf, n);
	if (r < 0) {
		errno = (int)-r;
		return NULL;
	}
	return buf;
}

int unlink(const char *path)
{
	return (int)__syscall_ret(__syscall_path(SYS_UNLINK, path, 0, 0));
}

int rmdir(const char *path)
{
	return (int)__syscall_ret(__syscall_path(SYS_RMDIR, path, 0, 0));
}

int link(const char *from, const char *to)
{
	(void)from;
	(void)to;
	errno = ENOSYS;	/* no hard links in the ABI */
	return -1;
}

/* A symlink is a file opened with O_SYMLINK whose content is the target. */
int symlink(const char *target, const char *path)
{
	int fd = open(path, O_SYMLINK | O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0777);
	size_t n = strlen(target);
	ssize_t w;

	if (fd < 0)
		return -1;
	w = write(fd, target, n);
	close(fd);
	if (w != (ssize_t)n) {
		unlink(path);
		if (w >= 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t n)
{
	int fd = open(path, O_SYMLINK | O_NOFOLLOW | O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return -1;
	r = read(fd, buf, n);
	close(fd);
	return r;
}

static int by_path(const char *path, int nofollow, long nr, long a, long b)
{
	int fd = open(path, O_STAT | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
	long r;

	if (fd < 0)
		return -1;
	r = __syscall_ret(__syscall3(nr, fd, a, b));
	close(fd);
	return (int)r;
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return by_path(path, 0, SYS_FCHOWN, (int)uid, (int)gid);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return by_path(path, 1, SYS_FCHOWN, (int)uid, (int)gid);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)__syscall_ret(__syscall3(SYS_FCHOWN, fd, (int)uid, (int)gid));
}

int chmod(const char *path, mode_t mode)
{
	return by_path(path, 0, SYS_FCHMOD, mode, 0);
}

int fchmod(int fd, mode_t mode)
{
	return (int)__syscall_ret(__syscall2(SYS_FCHMOD, fd, mode));
}

/* Checks the mode bits against the real ids (the file system checks the
 * effective ones again on open). */
int access(const char *path, int mode)
{
	struct stat st;
	uid_t uid = getuid();
	unsigned bits;

	if (stat(path, &st) < 0)
		return -1;
	if (mode == F_OK)
		return 0;
	if (uid == 0) {
		/* root may do anything, but executes only something executable */
		if ((mode & X_OK) && !(st.st_mode & 0111) && !S_ISDIR(st.st_mode))
			goto denied;
		return 0;
	}
	if (st.st_uid == uid)
		bits = (st.st_mode >> 6) & 7;
	else if (st.st_gid == getgid())
		bits = (st.st_mode >> 3) & 7;
	else
		bits = st.st_mode & 7;
	if ((bits & (unsigned)mode) == (unsigned)mode)
		return 0;
denied:
	errno = EACCES;
	return -1;
}

ssize_t redox_fpath(int fd, char *buf, size_t n)
{
	return __syscall_ret(__syscall3(SYS_FPATH, fd, buf, n));
}

/* A terminal is whatever serves termios: dup(fd, "termios") works. */
int isatty(int fd)
{
	long h = __syscall6(SYS_DUP, fd, (long)"termios", 7, 0, 0, 0);

	if (h >= 0) {
		__syscall1(SYS_CLOSE, h);
		return 1;
	}
	errno = h == -EBADF ? EBADF : ENOTTY;
	return 0;
}

int ttyname_r(int fd, char *buf, size_t len)
{
	char tmp[PATH_MAX];
	ssize_t n;

	if (!isatty(fd))
		return errno;
	n = redox_fpath(fd, tmp, sizeof(tmp) - 1);
	if (n < 0)
		return errno;
	if ((size_t)n + 1 > len)
		return ERANGE;
	memcpy(buf, tmp, (size_t)n);
	buf[n] = '\0';
	return 0;
}

char *ttyname(int fd)
{
	static char buf[PATH_MAX];
	int e = ttyname_r(fd, buf, sizeof(buf));

	if (e != 0) {
		errno = e;
		return NULL;
	}
	return buf;
}
