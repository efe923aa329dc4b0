/* Directory streams: SYS_GETDENTS fills a buffer with packed
 * struct redox_dirent records, which readdir unpacks one at a time. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "../internal/libc.h"

#define HDR_LEN 19	/* packed: ino 8, off 8, reclen 2, type 1 */

struct __dir {
	int fd;
	size_t pos, len;
	struct dirent ent;
	unsigned char buf[4096];
};

DIR *fdopendir(int fd)
{
	DIR *d = malloc(sizeof(*d));

	if (d == NULL)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	if ((d = fdopendir(fd)) == NULL)
		close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct redox_dirent h;
	size_t namelen;

	if (d->pos + HDR_LEN > d->len) {
		long r = __syscall3(SYS_GETDENTS, d->fd, d->buf, sizeof(d->buf));
		if (r <= 0) {
			if (r < 0)
				errno = (int)-r;
			return NULL;	/* errno unchanged at the end */
		}
		d->pos = 0;
		d->len = (size_t)r;
	}
	memcpy(&h, d->buf + d->pos, HDR_LEN);
	if (h.d_reclen < HDR_LEN || d->pos + h.d_reclen > d->len) {
		errno = EIO;	/* a record that does not fit: bad data */
		d->pos = d->len;
		return NULL;
	}
	namelen = strnlen((const char *)d->buf + d->pos + HDR_LEN, h.d_reclen - HDR_LEN);
	if (namelen > NAME_MAX)
		namelen = NAME_MAX;
	d->ent.d_ino = h.d_ino;
	d->ent.d_off = (off_t)h.d_off;
	d->ent.d_reclen = sizeof(d->ent);
	d->ent.d_type = h.d_type;
	memcpy(d->ent.d_name, d->buf + d->pos + HDR_LEN, namelen);
	d->ent.d_name[namelen] = '\0';
	d->pos += h.d_reclen;
	return &d->ent;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int scandir(const char *path, struct dirent ***list,
    int (*sel)(const struct dirent *),
    int (*cmp)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	struct dirent *e, **v = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (sel && !sel(e))
			continue;
		if (n == cap) {
			struct dirent **nv;
			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (nv == NULL)
				goto fail;
			v = nv;
		}
		if ((v[n] = malloc(sizeof(*e))) == NULL)
			goto fail;
		memcpy(v[n++], e, sizeof(*e));
	}
	closedir(d);
	if (cmp)
		qsort(v, n, sizeof(*v), (int (*)(const void *, const void *))cmp);
	*list = v;
	return (int)n;
fail:
	while (n)
		free(v[--n]);
	free(v);
	closedir(d);
	return -1;
}
