/* conf.c - pathconf/fpathconf (the same limits on every file system),
 * confstr, getdtablesize and getentropy (from rand:). */
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

static long limit(int name)
{
	switch (name) {
	case _PC_LINK_MAX: return 1;		/* no hard links */
	case _PC_MAX_CANON: return 4096;
	case _PC_MAX_INPUT: return 4096;
	case _PC_NAME_MAX: return NAME_MAX;
	case _PC_PATH_MAX: return PATH_MAX;
	case _PC_PIPE_BUF: return PIPE_BUF;
	case _PC_CHOWN_RESTRICTED: return 1;
	case _PC_NO_TRUNC: return 1;
	case _PC_VDISABLE: return 0;
	case _PC_FILESIZEBITS: return 64;
	case _PC_SYMLINK_MAX: return PATH_MAX;
	}
	errno = EINVAL;
	return -1;
}

long fpathconf(int fd, int name)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	return limit(name);
}

long pathconf(const char *path, int name)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return limit(name);
}

size_t confstr(int name, char *buf, size_t len)
{
	const char *v;
	size_t n;

	switch (name) {
	case _CS_PATH: v = "/bin:/usr/bin"; break;
	default:
		errno = EINVAL;
		return 0;
	}
	n = strlen(v) + 1;
	if (buf && len) {
		size_t k = n < len ? n : len;
		memcpy(buf, v, k - 1);
		buf[k - 1] = '\0';
	}
	return n;
}

int getdtablesize(void)
{
	return OPEN_MAX;
}

/* At most 256 bytes, as getentropy promises; rand: gives them. */
int getentropy(void *buf, size_t len)
{
	size_t got = 0;
	int fd;

	if (len > 256) {
		errno = EIO;
		return -1;
	}
	if ((fd = open("rand:", O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	while (got < len) {
		ssize_t r = read(fd, (char *)buf + got, len - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EIO;
			close(fd);
			return -1;
		}
		got += (size_t)r;
	}
	close(fd);
	return 0;
}
