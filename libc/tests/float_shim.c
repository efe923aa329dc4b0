/* float_shim.c - built against our headers for float_glibc: our
 * snprintf (the printf engine, src/stdio/vformat.c) under another name,
 * so glibc's can sit beside it. */
#include <stdarg.h>
#include <string.h>
#include "../src/stdio/stdio_impl.h"

struct bufsink {
	struct sink s;
	char *buf;
	size_t cap, len;
};

static void put(struct sink *s, const char *p, size_t n)
{
	struct bufsink *b = (struct bufsink *)s;
	size_t room = b->cap > b->len ? b->cap - b->len - 1 : 0;

	memcpy(b->buf + b->len, p, n < room ? n : room);
	b->len += n < room ? n : room;
}

int our_snprintf(char *buf, size_t n, const char *fmt, ...);

int our_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	struct bufsink b = { { put, 0, 0, 0 }, buf, n, 0 };
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vformat(&b.s, fmt, ap);
	va_end(ap);
	if (n)
		buf[b.len] = '\0';
	return r;
}
