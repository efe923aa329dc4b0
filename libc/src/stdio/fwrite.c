/* Writing to streams: fwrite, fputc, fputs, puts. */
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include "stdio_impl.h"

size_t __bufsize(int fd)
{
	struct stat st;

	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		return FILE_BUFSIZ;
	return BUFSIZ;
}

int __getbuf(FILE *f)
{
	size_t n;

	if (f->buf != NULL)
		return 0;
	n = f->fd >= 0 ? __bufsize(f->fd) : BUFSIZ;
	f->buf = malloc(n);
	if (f->buf == NULL) {
		f->bufmode = _IONBF;
		return -1;
	}
	f->cap = n;
	f->flags |= F_OWNBUF;
	return 0;
}

/* Writes all of p straight to the file. */
static size_t write_all(FILE *f, const unsigned char *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = __swrite(f, p + done, n - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			f->flags |= F_ERR;
			break;
		}
		done += (size_t)r;
	}
	return done;
}

size_t __fwrite_unlocked(const void *p, size_t n, FILE *f)
{
	const unsigned char *s = p;
	size_t done = 0;

	if (!(f->flags & F_CANWRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return 0;
	}
	if (f->dir == DIR_READ)
		fflush(f);	/* drops read-ahead, fixing the offset */
	f->dir = DIR_WRITE;
	if (f->bufmode == _IONBF || __getbuf(f) < 0) {
		f->dir = DIR_NONE;
		return write_all(f, s, n);
	}
	/* A write at least a buffer long goes out directly. */
	if (n >= f->cap) {
		if (__fflush_unlocked(f) == EOF)
			return 0;
		return write_all(f, s, n);
	}
	while (done < n) {
		size_t k = f->cap - f->wlen;
		if (k > n - done)
			k = n - done;
		memcpy(f->buf + f->wlen, s + done, k);
		f->wlen += k;
		done += k;
		/* on failure, the bytes still buffered were not written */
		if (f->wlen == f->cap && __fflush_unlocked(f) == EOF)
			return done > f->wlen ? done - f->wlen : 0;
		f->dir = DIR_WRITE;
	}
	if (f->bufmode == _IOLBF && memchr(s, '\n', n) != NULL)
		if (__fflush_unlocked(f) == EOF)
			return 0;
	return done;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	size_t bytes = size * n, r;

	if (size == 0 || n == 0)
		return 0;
	__flock(f);
	r = __fwrite_unlocked(p, bytes, f);
	__funlock(f);
	return r == bytes ? n : r / size;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	return fwrite(&ch, 1, 1, f) == 1 ? ch : EOF;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

int puts(const char *s)
{
	int r = 0;

	__flock(stdout);
	if (__fwrite_unlocked(s, strlen(s), stdout) != strlen(s) ||
	    __fwrite_unlocked("\n", 1, stdout) != 1)
		r = EOF;
	__funlock(stdout);
	return r;
}
