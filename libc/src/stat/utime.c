/* utime, utimes, futimes: the old interfaces over futimens/utimensat. */
#include <utime.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>

int utime(const char *path, const struct utimbuf *t)
{
	struct timespec ts[2];

	if (t == NULL)
		return utimensat(AT_FDCWD, path, NULL, 0);
	ts[0].tv_sec = t->actime;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = t->modtime;
	ts[1].tv_nsec = 0;
	return utimensat(AT_FDCWD, path, ts, 0);
}

/* Converts; EINVAL for microseconds outside [0, 1000000). */
static int to_ts(const struct timeval t[2], struct timespec ts[2])
{
	int i;

	for (i = 0; i < 2; i++) {
		if (t[i].tv_usec < 0 || t[i].tv_usec >= 1000000) {
			errno = EINVAL;
			return -1;
		}
		ts[i].tv_sec = t[i].tv_sec;
		ts[i].tv_nsec = t[i].tv_usec * 1000;
	}
	return 0;
}

int utimes(const char *path, const struct timeval t[2])
{
	struct timespec ts[2];

	if (t == NULL)
		return utimensat(AT_FDCWD, path, NULL, 0);
	if (to_ts(t, ts) < 0)
		return -1;
	return utimensat(AT_FDCWD, path, ts, 0);
}

int futimes(int fd, const struct timeval t[2])
{
	struct timespec ts[2];

	if (t == NULL)
		return futimens(fd, NULL);
	if (to_ts(t, ts) < 0)
		return -1;
	return futimens(fd, ts);
}
