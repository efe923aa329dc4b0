/*
 * memstream.c - streams over memory: fmemopen (a caller's buffer or one
 * of its own), open_memstream (a buffer that grows, published through
 * the caller's pointers) and fopencookie (the caller's functions).
 *
 * They are FILEs with ops (stdio_impl.h) and no buffer of their own
 * (_IONBF for writes), so the memory always holds what was written.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "stdio_impl.h"

/* ---- fmemopen ---- */

struct mem {
	char *buf;
	size_t size;	/* capacity */
	size_t len;	/* current contents */
	size_t pos;
	int append, own;
};

static ssize_t mem_read(void *c, char *out, size_t n)
{
	struct mem *m = c;

	if (m->pos >= m->len)
		return 0;
	if (n > m->len - m->pos)
		n = m->len - m->pos;
	memcpy(out, m->buf + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

static ssize_t mem_write(void *c, const char *in, size_t n)
{
	struct mem *m = c;

	if (m->append)
		m->pos = m->len;
	if (m->pos >= m->size) {
		errno = ENOSPC;
		return -1;
	}
	if (n > m->size - m->pos)
		n = m->size - m->pos;	/* a short write: the buffer is full */
	memcpy(m->buf + m->pos, in, n);
	m->pos += n;
	if (m->pos > m->len)
		m->len = m->pos;
	if (m->len < m->size)
		m->buf[m->len] = '\0';	/* as glibc: keep it a string when it fits */
	return (ssize_t)n;
}

static int mem_seek(void *c, off_t *off, int whence)
{
	struct mem *m = c;
	off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off_t)m->pos :
	    whence == SEEK_END ? (off_t)m->len : -1;

	if (base < 0 || *off < -base || base + *off > (off_t)m->size) {
		errno = EINVAL;
		return -1;
	}
	m->pos = (size_t)(base + *off);
	*off = (off_t)m->pos;
	return 0;
}

static int mem_close(void *c)
{
	struct mem *m = c;

	if (m->own)
		free(m->buf);
	free(m);
	return 0;
}

static const struct __fileops mem_ops = { mem_read, mem_write, mem_seek, mem_close };

FILE *fmemopen(void *restrict buf, size_t size, const char *restrict mode)
{
	struct mem *m;
	int of, sf = __parse_mode(mode, &of);
	FILE *f;

	if (sf == 0 || size == 0) {
		errno = EINVAL;
		return NULL;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	m->size = size;
	m->buf = buf;
	if (buf == NULL) {
		if ((m->buf = calloc(1, size)) == NULL) {
			free(m);
			return NULL;
		}
		m->own = 1;
	}
	switch (mode[0]) {
	case 'r':
		m->len = size;
		if (m->own)
			m->len = 0;	/* a fresh buffer holds nothing yet */
		break;
	case 'w':
		m->buf[0] = '\0';
		break;
	default:		/* 'a': from the first NUL */
		m->len = strnlen(m->buf, size);
		m->pos = m->len;
		m->append = 1;
		break;
	}
	if ((f = __fopen_ops(&mem_ops, m, sf)) == NULL) {
		mem_close(m);
		return NULL;
	}
	f->bufmode = _IONBF;
	return f;
}

/* ---- open_memstream ---- */

struct dyn {
	char **bufp;
	size_t *sizep;
	char *buf;
	size_t cap, len, pos;
};

/* What the caller sees: the buffer, and the size up to the position. */
static void dyn_publish(struct dyn *d)
{
	*d->bufp = d->buf;
	*d->sizep = d->pos < d->len ? d->pos : d->len;
}

static int dyn_reserve(struct dyn *d, size_t need)
{
	char *nb;
	size_t cap = d->cap;

	if (need + 1 <= cap)
		return 0;
	while (cap < need + 1)
		cap = cap < 64 ? 64 : cap * 2;
	if ((nb = realloc(d->buf, cap)) == NULL)
		return -1;
	memset(nb + d->cap, 0, cap - d->cap);
	d->buf = nb;
	d->cap = cap;
	return 0;
}

static ssize_t dyn_write(void *c, const char *in, size_t n)
{
	struct dyn *d = c;

	if (d->pos + n < d->pos || dyn_reserve(d, d->pos + n) < 0) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(d->buf + d->pos, in, n);	/* a gap after a seek stays zeros */
	d->pos += n;
	if (d->pos > d->len)
		d->len = d->pos;
	d->buf[d->len] = '\0';
	dyn_publish(d);
	return (ssize_t)n;
}

static int dyn_seek(void *c, off_t *off, int whence)
{
	struct dyn *d = c;
	off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off_t)d->pos :
	    whence == SEEK_END ? (off_t)d->len : -1;

	if (base < 0 || *off < -base) {
		errno = EINVAL;
		return -1;
	}
	if (dyn_reserve(d, (size_t)(base + *off)) < 0) {
		errno = ENOMEM;
		return -1;
	}
	d->pos = (size_t)(base + *off);
	*off = (off_t)d->pos;
	dyn_publish(d);
	return 0;
}

/* The buffer now belongs to the caller, who frees it. */
static int dyn_close(void *c)
{
	struct dyn *d = c;

	dyn_publish(d);
	free(d);
	return 0;
}

static const struct __fileops dyn_ops = { NULL, dyn_write, dyn_seek, dyn_close };

FILE *open_memstream(char **bufp, size_t *sizep)
{
	struct dyn *d;
	FILE *f;

	if (bufp == NULL || sizep == NULL) {
		errno = EINVAL;
		return NULL;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	d->bufp = bufp;
	d->sizep = sizep;
	if (dyn_reserve(d, 0) < 0) {
		free(d);
		return NULL;
	}
	dyn_publish(d);
	if ((f = __fopen_ops(&dyn_ops, d, F_CANWRITE)) == NULL) {
		free(d->buf);
		free(d);
		return NULL;
	}
	f->bufmode = _IONBF;
	return f;
}

/* ---- fopencookie (GNU) ---- */

struct cookie {
	void *c;
	cookie_io_functions_t io;
};

static ssize_t ck_read(void *c, char *buf, size_t n)
{
	struct cookie *k = c;

	if (k->io.read == NULL) {
		errno = EBADF;
		return -1;
	}
	return k->io.read(k->c, buf, n);
}

static ssize_t ck_write(void *c, const char *buf, size_t n)
{
	struct cookie *k = c;

	if (k->io.write == NULL) {
		errno = EBADF;
		return -1;
	}
	return k->io.write(k->c, buf, n);
}

static int ck_seek(void *c, off_t *off, int whence)
{
	struct cookie *k = c;

	if (k->io.seek == NULL) {
		errno = ESPIPE;
		return -1;
	}
	return k->io.seek(k->c, off, whence);
}

static int ck_close(void *c)
{
	struct cookie *k = c;
	int r = k->io.close ? k->io.close(k->c) : 0;

	free(k);
	return r;
}

static const struct __fileops ck_ops = { ck_read, ck_write, ck_seek, ck_close };

FILE *fopencookie(void *c, const char *mode, cookie_io_functions_t io)
{
	struct cookie *k;
	int of, sf = __parse_mode(mode, &of);
	FILE *f;

	if (sf == 0) {
		errno = EINVAL;
		return NULL;
	}
	if ((k = malloc(sizeof(*k))) == NULL)
		return NULL;
	k->c = c;
	k->io = io;
	if ((f = __fopen_ops(&ck_ops, k, sf)) == NULL)
		free(k);
	return f;
}
