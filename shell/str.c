/* str.c - growable strings and string lists.  Out of memory is fatal: a
 * shell that cannot allocate cannot report anything useful either. */
#include "shell/str.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void str_oom(void)
{
	static const char msg[] = "ion: out of memory\n";
	if (write(2, msg, sizeof msg - 1) < 0) {
		/* nothing more to do */
	}
	_exit(1);
}

void *str_alloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		str_oom();
	return p;
}

void *str_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		str_oom();
	return q;
}

char *str_ndup(const char *s, size_t n)
{
	char *d = str_alloc(n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *str_dup(const char *s)
{
	return str_ndup(s, strlen(s));
}

int str_eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

void sbuf_init(struct sbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

static void sbuf_grow(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 32;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = str_realloc(b->s, cap);
	b->cap = cap;
}

void sbuf_putc_grow(struct sbuf *b, char c)
{
	sbuf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = 0;
}

void sbuf_putn(struct sbuf *b, const char *s, size_t n)
{
	sbuf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void sbuf_puts(struct sbuf *b, const char *s)
{
	sbuf_putn(b, s, strlen(s));
}

/* The caller owns the result; the buffer is left empty. */
char *sbuf_take(struct sbuf *b)
{
	char *s = b->s ? b->s : str_dup("");
	sbuf_init(b);
	return s;
}

void sbuf_free(struct sbuf *b)
{
	free(b->s);
	sbuf_init(b);
}

void slist_init(struct slist *l)
{
	l->v = NULL;
	l->n = l->cap = 0;
}

void slist_push_own(struct slist *l, char *s)
{
	if (l->n + 1 >= l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = str_realloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = s;
	l->v[l->n] = NULL;
}

void slist_push(struct slist *l, const char *s)
{
	slist_push_own(l, str_dup(s));
}

void slist_append(struct slist *l, const struct slist *from)
{
	for (size_t i = 0; i < from->n; i++)
		slist_push(l, from->v[i]);
}

void slist_copy(struct slist *dst, const struct slist *src)
{
	slist_init(dst);
	slist_append(dst, src);
}

void slist_clear(struct slist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
	if (l->v)
		l->v[0] = NULL;
}

void slist_free(struct slist *l)
{
	slist_clear(l);
	free(l->v);
	slist_init(l);
}

char *slist_join(const struct slist *l, const char *sep)
{
	struct sbuf b;
	sbuf_init(&b);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sbuf_puts(&b, sep);
		sbuf_puts(&b, l->v[i]);
	}
	return sbuf_take(&b);
}
