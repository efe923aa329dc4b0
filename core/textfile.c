/* textfile.c - generated read-only text files for kernel schemes. */
#include <stdarg.h>

#include "core/abi.h"
#include "core/file.h"
#include "core/fmt.h"
#include "core/kmem.h"
#include "core/str.h"
#include "core/textfile.h"

static int
reserve(struct textbuf *t, size_t more)
{
	if (t->len + more + 1 <= t->cap)
		return 0;
	size_t cap = t->cap ? t->cap : 256;
	while (cap < t->len + more + 1)
		cap *= 2;
	char *d = kmem_alloc(cap);
	if (!d)
		return -ENOMEM;
	if (t->data)
		memcpy(d, t->data, t->len);
	kmem_free(t->data);
	t->data = d;
	t->cap = cap;
	return 0;
}

void
text_append(struct textbuf *t, const char *s, size_t n)
{
	if (reserve(t, n) == 0) {
		memcpy(t->data + t->len, s, n);
		t->len += n;
	}
}

void
text_printf(struct textbuf *t, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	size_t n = fmt_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	text_append(t, line, n < sizeof line ? n : sizeof line - 1);
}

uint64_t
text_handle(struct textbuf *t)
{
	struct textbuf *h = kmem_alloc(sizeof *h);
	if (!h) {
		kmem_free(t->data);
		return 0;
	}
	*h = *t;
	return (uint64_t)(uintptr_t)h;
}

long
text_pread(struct file *f, void *buf, size_t len, uint64_t off)
{
	struct textbuf *t = (struct textbuf *)(uintptr_t)f->handle;
	if (off >= t->len)
		return 0;
	if (len > t->len - off)
		len = t->len - (size_t)off;
	memcpy(buf, t->data + off, len);
	return (long)len;
}

long
text_read(struct file *f, void *buf, size_t len)
{
	long n = text_pread(f, buf, len, f->pos);
	if (n > 0)
		f->pos += (uint64_t)n;
	return n;
}

long
text_seek(struct file *f, int64_t off, int whence)
{
	struct textbuf *t = (struct textbuf *)(uintptr_t)f->handle;
	int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (int64_t)f->pos : (int64_t)t->len;
	if (off > 0 && base > INT64_MAX - off)
		return -EOVERFLOW;	/* base + off would overflow */
	if (base + off < 0)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (long)f->pos;
}

int
text_fstat(struct file *f, struct redox_stat *st, uint16_t mode)
{
	struct textbuf *t = (struct textbuf *)(uintptr_t)f->handle;
	st->st_mode = mode;
	st->st_size = t->len;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	return 0;
}

void
text_close(uint64_t handle)
{
	struct textbuf *t = (struct textbuf *)(uintptr_t)handle;
	if (!t)
		return;
	kmem_free(t->data);
	kmem_free(t);
}
