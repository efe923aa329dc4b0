/* The printf family: each variant is a sink for __vformat. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include "stdio_impl.h"

/* ---- to a FILE ---- */
struct file_sink {
	struct sink s;
	FILE *f;
};

static void put_file(struct sink *s, const char *p, size_t n)
{
	struct file_sink *fs = (struct file_sink *)s;

	if (__fwrite_unlocked(p, n, fs->f) != n)
		s->error = 1;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct file_sink fs = { { put_file, 0, 0, 0 }, f };
	int r;

	__flock(f);
	r = __vformat(&fs.s, fmt, ap);
	__funlock(f);
	return r;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

/* ---- to a fixed buffer ---- */
struct buf_sink {
	struct sink s;
	char *buf;
	size_t cap;		/* room for text, not counting the NUL */
	size_t len;
};

static void put_buf(struct sink *s, const char *p, size_t n)
{
	struct buf_sink *bs = (struct buf_sink *)s;
	size_t k = bs->cap - bs->len;

	if (k > n)
		k = n;
	memcpy(bs->buf + bs->len, p, k);
	bs->len += k;
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct buf_sink bs = { { put_buf, 0, 0, 0 }, buf, n ? n - 1 : 0, 0 };
	int r = __vformat(&bs.s, fmt, ap);

	if (n)
		buf[bs.len] = '\0';
	if (bs.s.count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return r;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return r;
}

/* ---- to a growing heap buffer ---- */
struct heap_sink {
	struct sink s;
	char *buf;
	size_t cap, len;
};

static void put_heap(struct sink *s, const char *p, size_t n)
{
	struct heap_sink *hs = (struct heap_sink *)s;

	if (s->error)
		return;
	if (hs->len + n + 1 > hs->cap) {
		size_t ncap = hs->cap ? hs->cap : 64;
		char *nb;
		while (ncap < hs->len + n + 1)
			ncap *= 2;
		nb = realloc(hs->buf, ncap);
		if (nb == NULL) {
			s->error = 1;
			return;
		}
		hs->buf = nb;
		hs->cap = ncap;
	}
	memcpy(hs->buf + hs->len, p, n);
	hs->len += n;
}

int vasprintf(char **sp, const char *fmt, va_list ap)
{
	struct heap_sink hs = { { put_heap, 0, 0, 0 }, NULL, 0, 0 };
	int r;

	put_heap(&hs.s, "", 0);		/* so an empty result is still a string */
	r = __vformat(&hs.s, fmt, ap);
	if (r < 0 || hs.buf == NULL) {
		free(hs.buf);
		*sp = NULL;
		return -1;
	}
	hs.buf[hs.len] = '\0';
	*sp = hs.buf;
	return r;
}

int asprintf(char **sp, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(sp, fmt, ap);
	va_end(ap);
	return r;
}

/* ---- to a file descriptor, through a small stack buffer ---- */
struct fd_sink {
	struct sink s;
	int fd;
	size_t len;
	char buf[256];
};

static void fd_flush(struct fd_sink *fs)
{
	size_t done = 0;

	while (done < fs->len) {
		ssize_t r = write(fs->fd, fs->buf + done, fs->len - done);
		if (r <= 0) {
			fs->s.error = 1;
			break;
		}
		done += (size_t)r;
	}
	fs->len = 0;
}

static void put_fd(struct sink *s, const char *p, size_t n)
{
	struct fd_sink *fs = (struct fd_sink *)s;

	while (n) {
		size_t k = sizeof(fs->buf) - fs->len;
		if (k > n)
			k = n;
		memcpy(fs->buf + fs->len, p, k);
		fs->len += k;
		p += k;
		n -= k;
		if (fs->len == sizeof(fs->buf))
			fd_flush(fs);
	}
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct fd_sink fs = { { put_fd, 0, 0, 0 }, fd, 0, { 0 } };
	int r = __vformat(&fs.s, fmt, ap);

	fd_flush(&fs);
	return fs.s.error ? -1 : r;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}
