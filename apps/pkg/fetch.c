/* Downloads into the cache directory (see fetch.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apps/pkg/fetch.h"
#include "net/http/http.h"

#define BAR_MIN (64 * 1024)	/* smaller downloads draw no bar */

/* One download in progress: the http callbacks' argument. */
struct dl {
	const char *name, *tmp;
	int fd;
	uint64_t max, got;
	int show, drawn;
	int ferr;	/* the temporary file's errno, to name it */
};

static int
dl_begin(void *arg, long long length)
{
	struct dl *d = arg;

	if (length >= 0 && (uint64_t)length > d->max)
		return -EFBIG;
	d->fd = open(d->tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (d->fd < 0)
		return -(d->ferr = errno);
	d->show = d->show && length >= BAR_MIN;
	return 0;
}

static int
dl_write(void *arg, const void *buf, size_t len)
{
	struct dl *d = arg;
	const char *p = buf;

	if (len > d->max - d->got)
		return -EFBIG;
	d->got += len;
	while (len > 0) {
		ssize_t n = write(d->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -(d->ferr = n < 0 ? errno : EIO);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void
dl_progress(void *arg, long long got, long long total)
{
	struct dl *d = arg;
	char cells[31];
	int fill, i;

	if (!d->show || total <= 0)
		return;
	fill = (int)(got * 30 / total);
	for (i = 0; i < 30; i++)
		cells[i] = i < fill ? '#' : '.';
	cells[30] = '\0';
	fprintf(stderr, "\r%-16.16s [%s] %3d%%", d->name, cells, (int)(got * 100 / total));
	d->drawn = 1;
}

static int
mkdir_one(const char *path)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	return -errno;
}

int
fetch_cache_dir(const char *root, char *out, size_t outlen)
{
	static const char *const parts[] = { "var", "var/cache", FETCH_CACHE };
	size_t i;
	int n, r;

	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		n = snprintf(out, outlen, "%s/%s", root, parts[i]);
		if (n < 0 || (size_t)n >= outlen) {
			fprintf(stderr, "pkg: %s: %s\n", root, strerror(ENAMETOOLONG));
			return -ENAMETOOLONG;
		}
		if ((r = mkdir_one(out)) != 0) {
			fprintf(stderr, "pkg: %s: %s\n", out, strerror(-r));
			return r;
		}
	}
	return 0;
}

int
fetch_file(const char *url, const char *dir, const char *name,
    uint64_t max, int show)
{
	char tmp[1400], final[1400];
	struct dl d = { .name = name, .tmp = tmp, .fd = -1, .max = max, .show = show };
	struct http_get g = { .begin = dl_begin, .write = dl_write,
	    .progress = dl_progress, .arg = &d };
	int n, m, r;

	n = snprintf(tmp, sizeof tmp, "%s/.part.%s", dir, name);
	m = snprintf(final, sizeof final, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof tmp || m < 0 || (size_t)m >= sizeof final) {
		fprintf(stderr, "pkg: %s/%s: %s\n", dir, name, strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	r = http_get(url, &g);	/* dl_write refuses a body past max */
	if (d.drawn)
		fputc('\n', stderr);
	if (d.fd >= 0) {
		if (r == 0 && fsync(d.fd) != 0)
			r = -(d.ferr = errno);
		if (close(d.fd) != 0 && r == 0)
			r = -(d.ferr = errno);
		if (r == 0 && rename(tmp, final) != 0)
			r = -(d.ferr = errno);
		if (r != 0)
			unlink(tmp);
	}
	if (r == -EFBIG)
		fprintf(stderr, "pkg: %s: larger than %llu bytes\n", g.url,
		    (unsigned long long)max);
	else if (r != 0 && d.ferr != 0)
		fprintf(stderr, "pkg: %s: %s\n", tmp, strerror(d.ferr));
	else if (r != 0)
		fprintf(stderr, "pkg: %s: %s\n", g.url, g.err);
	return r;
}
