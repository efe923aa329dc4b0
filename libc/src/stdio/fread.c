/* Reading from streams: fread, fgetc, ungetc, fgets, getdelim. */
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <unistd.h>
#include "stdio_impl.h"

/* Switches f to reading; returns -1 if it may not read. */
int __to_read(FILE *f)
{
	if (!(f->flags & F_CANREAD)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	if (f->dir == DIR_WRITE && __fflush_unlocked(f) == EOF)
		return -1;
	/* Reading stdin should show a prompt written to stdout first. */
	if (f == stdin && stdout->dir == DIR_WRITE)
		fflush(stdout);
	f->dir = DIR_READ;
	return 0;
}

int __fill(FILE *f)
{
	ssize_t r;

	if (f->flags & F_DEFBUF) {
		unsigned char *b;
		f->flags &= ~F_DEFBUF;
		if (__bufsize(f->fd) > f->cap && (b = malloc(FILE_BUFSIZ)) != NULL) {
			f->buf = b;
			f->cap = FILE_BUFSIZ;
			f->flags |= F_OWNBUF;
		}
	}
	if (__getbuf(f) < 0) {
		/* no memory for a buffer: use the pushback slot's cousin */
		static unsigned char one[1];
		f->buf = one;
		f->cap = 1;
	}
	do
		r = __sread(f, f->buf, f->cap);
	while (r < 0 && errno == EINTR);
	f->rpos = 0;
	f->rlen = r > 0 ? (size_t)r : 0;
	if (r == 0)
		f->flags |= F_EOF;
	if (r < 0)
		f->flags |= F_ERR;
	return r > 0 ? 0 : EOF;
}

int __getc_unlocked(FILE *f)
{
	int c;

	if (f->dir != DIR_READ && __to_read(f) < 0)
		return EOF;
	if (f->ungot != EOF) {
		c = f->ungot;
		f->ungot = EOF;
		return c;
	}
	if (f->rpos == f->rlen && __fill(f) == EOF)
		return EOF;
	return f->buf[f->rpos++];
}

size_t fread(void *p, size_t size, size_t n, FILE *f)
{
	unsigned char *d = p;
	size_t want = size * n, got = 0;

	if (want == 0)
		return 0;
	__flock(f);
	if (f->dir != DIR_READ && __to_read(f) < 0)
		goto out;
	if (f->ungot != EOF) {
		d[got++] = (unsigned char)f->ungot;
		f->ungot = EOF;
	}
	while (got < want) {
		size_t k = f->rlen - f->rpos;
		if (k == 0) {
			/* reads as big as the buffer skip it */
			if (want - got >= (f->buf != NULL ? f->cap : BUFSIZ)) {
				ssize_t r = __sread(f, d + got, want - got);
				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0) {
					f->flags |= r == 0 ? F_EOF : F_ERR;
					break;
				}
				got += (size_t)r;
				continue;
			}
			if (__fill(f) == EOF)
				break;
			k = f->rlen - f->rpos;
		}
		if (k > want - got)
			k = want - got;
		memcpy(d + got, f->buf + f->rpos, k);
		f->rpos += k;
		got += k;
	}
out:
	__funlock(f);
	return got / size;
}

int fgetc(FILE *f)
{
	int c;

	__flock(f);
	c = __getc_unlocked(f);
	__funlock(f);
	return c;
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF)
		return EOF;
	__flock(f);
	if (f->dir != DIR_READ && __to_read(f) < 0) {
		__funlock(f);
		return EOF;
	}
	if (f->ungot != EOF) {
		/* the slot is taken: step back in the buffer if we can */
		if (f->rpos == 0) {
			__funlock(f);
			return EOF;
		}
		f->buf[--f->rpos] = (unsigned char)f->ungot;
	}
	f->ungot = (unsigned char)c;
	f->flags &= ~F_EOF;
	__funlock(f);
	return (unsigned char)c;
}

char *fgets(char *s, int n, FILE *f)
{
	int i = 0, c = 0;

	if (n <= 0)
		return NULL;
	__flock(f);
	while (i < n - 1 && (c = __getc_unlocked(f)) != EOF) {
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	__funlock(f);
	if (i == 0)
		return NULL;
	s[i] = '\0';
	return s;
}

ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f)
{
	size_t len = 0;
	int c;

	if (line == NULL || cap == NULL) {
		errno = EINVAL;
		return -1;
	}
	__flock(f);
	for (;;) {
		if (len + 2 > *cap || *line == NULL) {
			size_t ncap = *cap < 64 ? 128 : *cap * 2;
			char *p = realloc(*line, ncap);
			if (p == NULL) {
				__funlock(f);
				return -1;
			}
			*line = p;
			*cap = ncap;
		}
		c = __getc_unlocked(f);
		if (c == EOF)
			break;
		(*line)[len++] = (char)c;
		if (c == delim)
			break;
	}
	__funlock(f);
	(*line)[len] = '\0';
	return len ? (ssize_t)len : -1;
}

ssize_t getline(char **line, size_t *cap, FILE *f)
{
	return getdelim(line, cap, '\n', f);
}
