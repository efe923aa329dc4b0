/* realpath, mkstemp, mkdtemp. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <limits.h>
#include <time.h>
#include <sys/stat.h>
#include <redox.h>
#include "../internal/libc.h"

/* The kernel resolves the path on open; SYS_FPATH gives back its URL,
 * which on file: becomes the POSIX path, as getcwd gives it. */
char *realpath(const char *restrict path, char *restrict resolved)
{
	char buf[PATH_MAX];
	int fd = open(path, O_STAT | O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return NULL;
	n = redox_fpath(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	n = __file_url_to_path(buf, (size_t)n, sizeof(buf));	/* as getcwd */
	if (n < 0) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (resolved == NULL)
		return strdup(buf);
	memcpy(resolved, buf, (size_t)n + 1);	/* n < PATH_MAX */
	return resolved;
}

/* Fills the XXXXXX just before the last suffixlen characters of tmpl
 * with letters from a mixing counter. */
static int fill_sfx(char *tmpl, size_t suffixlen)
{
	static unsigned long long ctr;
	size_t n = strlen(tmpl);
	unsigned long long x;
	struct timespec ts;
	int i;

	if (n < 6 + suffixlen || memcmp(tmpl + n - suffixlen - 6, "XXXXXX", 6) != 0) {
		errno = EINVAL;
		return -1;
	}
	n -= suffixlen;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	x = (unsigned long long)ts.tv_nsec ^ ((unsigned long long)getpid() << 32) ^ ++ctr * 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < 6; i++, x /= 36)
		tmpl[n - 6 + i] = "abcdefghijklmnopqrstuvwxyz0123456789"[x % 36];
	return 0;
}

static int fill(char *tmpl)
{
	return fill_sfx(tmpl, 0);
}

int mkostemps(char *tmpl, int suffixlen, int flags)
{
	int tries, fd;

	if (suffixlen < 0 || (flags & ~(O_APPEND | O_CLOEXEC | O_SYNC))) {
		errno = EINVAL;
		return -1;
	}
	for (tries = 0; tries < 100; tries++) {
		if (fill_sfx(tmpl, (size_t)suffixlen) < 0)
			return -1;
		fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL | flags, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int mkostemp(char *tmpl, int flags)
{
	return mkostemps(tmpl, 0, flags);
}

int mkstemps(char *tmpl, int suffixlen)
{
	return mkostemps(tmpl, suffixlen, 0);
}

int mkstemp(char *tmpl)
{
	int tries, fd;

	for (tries = 0; tries < 100; tries++) {
		if (fill(tmpl) < 0)
			return -1;
		fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

char *mkdtemp(char *tmpl)
{
	int tries;

	for (tries = 0; tries < 100; tries++) {
		if (fill(tmpl) < 0)
			return NULL;
		if (mkdir(tmpl, 0700) == 0)
			return tmpl;
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}
