/*
 * wprintf.c - the wide printf family: the wide format goes to UTF-8,
 * the printf engine runs in its wide mode (widths and string precisions
 * count characters) into a growing buffer, and the UTF-8 result becomes
 * wchar_t (swprintf) or goes to the stream as is (fwprintf: streams are
 * byte streams in UTF-8).  The return value counts wide characters.
 */
#include <wchar.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "stdio_impl.h"

struct grow_sink {
	struct sink s;
	char *buf;
	size_t len, cap;
};

static void put_grow(struct sink *s, const char *p, size_t n)
{
	struct grow_sink *g = (struct grow_sink *)s;

	if (s->error)
		return;
	if (g->len + n + 1 > g->cap) {
		size_t cap = g->cap ? g->cap : 128;
		char *nb;
		while (cap < g->len + n + 1)
			cap *= 2;
		if ((nb = realloc(g->buf, cap)) == NULL) {
			s->error = 1;
			return;
		}
		g->buf = nb;
		g->cap = cap;
	}
	memcpy(g->buf + g->len, p, n);
	g->len += n;
	g->buf[g->len] = '\0';
}

/* Formats into *out (malloc'd UTF-8, NUL-terminated); its length in
 * bytes, or -1 with errno. */
static long format(char **out, const wchar_t *wfmt, va_list ap)
{
	struct grow_sink g = { { put_grow, 0, 0, 1 }, NULL, 0, 0 };
	size_t n = wcstombs(NULL, wfmt, 0);
	char *fmt;
	int r;

	if (n == (size_t)-1)
		return -1;	/* EILSEQ */
	if ((fmt = malloc(n + 1)) == NULL)
		return -1;
	wcstombs(fmt, wfmt, n + 1);
	r = __vformat(&g.s, fmt, ap);
	free(fmt);
	if (r < 0 || g.s.error) {
		free(g.buf);	/* errno: EILSEQ from %lc/%ls, or ENOMEM */
		return -1;
	}
	if (g.buf == NULL && (g.buf = calloc(1, 1)) == NULL)
		return -1;
	*out = g.buf;
	return (long)g.len;
}

int vswprintf(wchar_t *restrict ws, size_t n, const wchar_t *restrict fmt, va_list ap)
{
	char *u;
	size_t chars;
	long len = format(&u, fmt, ap);

	if (len < 0)
		return -1;
	chars = mbstowcs(NULL, u, 0);
	if (chars == (size_t)-1 || chars + 1 > n) {
		/* unlike snprintf: output that does not fit is an error */
		if (chars != (size_t)-1)
			errno = EOVERFLOW;
		if (n > 0 && chars != (size_t)-1) {
			mbstowcs(ws, u, n - 1);
			ws[n - 1] = 0;
		}
		free(u);
		return -1;
	}
	mbstowcs(ws, u, n);
	free(u);
	return (int)chars;
}

int swprintf(wchar_t *restrict ws, size_t n, const wchar_t *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vswprintf(ws, n, fmt, ap);
	va_end(ap);
	return r;
}

int vfwprintf(FILE *restrict f, const wchar_t *restrict fmt, va_list ap)
{
	char *u;
	size_t chars;
	long len = format(&u, fmt, ap);

	if (len < 0)
		return -1;
	chars = mbstowcs(NULL, u, 0);
	if (chars == (size_t)-1 || fwrite(u, 1, (size_t)len, f) != (size_t)len) {
		free(u);
		return -1;
	}
	free(u);
	return (int)chars;
}

int fwprintf(FILE *restrict f, const wchar_t *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfwprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vwprintf(const wchar_t *restrict fmt, va_list ap)
{
	return vfwprintf(stdout, fmt, ap);
}

int wprintf(const wchar_t *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfwprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}
