/* Opening and closing streams. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "stdio_impl.h"

/* "r", "w+", "ab", "re", "wx"... -> open flags; returns F_CAN* flags or 0. */
int __parse_mode(const char *mode, int *oflags)
{
	int sf, of;

	switch (*mode) {
	case 'r': of = O_RDONLY; sf = F_CANREAD; break;
	case 'w': of = O_WRONLY | O_CREAT | O_TRUNC; sf = F_CANWRITE; break;
	case 'a': of = O_WRONLY | O_CREAT | O_APPEND; sf = F_CANWRITE | F_APPEND; break;
	default: return 0;
	}
	for (mode++; *mode; mode++) {
		switch (*mode) {
		case '+':
			of = (of & ~O_ACCMODE) | O_RDWR;
			sf |= F_CANREAD | F_CANWRITE;
			break;
		case 'x': of |= O_EXCL; break;
		case 'e': of |= O_CLOEXEC; break;
		case 'b': break;
		}
	}
	*oflags = of;
	return sf;
}

FILE *__fdopen_flags(int fd, int sflags)
{
	FILE *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return NULL;
	f->fd = fd;
	f->flags = sflags;
	f->ungot = EOF;
	f->bufmode = isatty(fd) ? _IOLBF : _IOFBF;
	__add_stream(f);
	return f;
}

FILE *__fopen_ops(const struct __fileops *ops, void *cookie, int sflags)
{
	FILE *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return NULL;
	f->fd = -1;
	f->ops = ops;
	f->cookie = cookie;
	f->flags = sflags;
	f->ungot = EOF;
	f->bufmode = _IOFBF;
	__add_stream(f);
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	int of, sf, fd;
	FILE *f;

	if ((sf = __parse_mode(mode, &of)) == 0) {
		errno = EINVAL;
		return NULL;
	}
	if ((fd = open(path, of, 0666)) < 0)
		return NULL;
	if ((f = __fdopen_flags(fd, sf)) == NULL)
		close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int of, sf;

	if ((sf = __parse_mode(mode, &of)) == 0) {
		errno = EINVAL;
		return NULL;
	}
	return __fdopen_flags(fd, sf);
}

int fclose(FILE *f)
{
	int r = 0;

	__flock(f);
	if (f->dir == DIR_WRITE && __fflush_unlocked(f) == EOF)
		r = EOF;
	if (__sclose(f) < 0)
		r = EOF;
	__funlock(f);
	if (f->flags & F_STATIC) {
		f->fd = -1;
		return r;
	}
	__remove_stream(f);
	if (f->flags & F_OWNBUF)
		free(f->buf);
	free(f);
	return r;
}

FILE *freopen(const char *path, const char *mode, FILE *f)
{
	int of, sf, fd;

	__flock(f);
	if (f->dir == DIR_WRITE)
		__fflush_unlocked(f);
	f->dir = DIR_NONE;
	f->rpos = f->rlen = f->wlen = 0;
	f->ungot = EOF;
	if ((sf = __parse_mode(mode, &of)) == 0 || path == NULL) {
		__funlock(f);
		errno = EINVAL;
		return NULL;
	}
	if ((fd = open(path, of, 0666)) < 0) {
		__funlock(f);
		return NULL;
	}
	if (f->ops != NULL) {
		/* a memory or cookie stream becomes a file stream */
		__sclose(f);
		f->ops = NULL;
		f->cookie = NULL;
		f->fd = fd;
	} else if (fd != f->fd) {
		/* keep the fd number: freopen(..., stdout) must stay fd 1 */
		if (dup2(fd, f->fd) < 0) {
			close(fd);
			__funlock(f);
			return NULL;
		}
		close(fd);
	}
	f->flags = (f->flags & (F_OWNBUF | F_STATIC)) | sf;
	__funlock(f);
	return f;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	__flock(f);
	if (f->dir == DIR_WRITE)
		__fflush_unlocked(f);
	f->bufmode = mode;
	if (buf != NULL && size > 0) {
		if (f->flags & F_OWNBUF)
			free(f->buf);
		f->flags &= ~(F_OWNBUF | F_DEFBUF);
		f->buf = (unsigned char *)buf;
		f->cap = size;
	}
	__funlock(f);
	return 0;
}

void setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setlinebuf(FILE *f)
{
	setvbuf(f, NULL, _IOLBF, 0);
}
