/* str.h - growable strings and string lists used by every shell module. */
#ifndef SHELL_STR_H
#define SHELL_STR_H
#include <stddef.h>

struct sbuf {
	char *s;
	size_t len, cap;
};

struct slist {
	char **v;
	size_t n, cap;
};

void *str_alloc(size_t n);
void *str_realloc(void *p, size_t n);
char *str_dup(const char *s);
char *str_ndup(const char *s, size_t n);
int str_eq(const char *a, const char *b);

void sbuf_init(struct sbuf *b);
void sbuf_putc_grow(struct sbuf *b, char c);

/* One character; the common case (room left) without a call. */
static inline void sbuf_putc(struct sbuf *b, char c)
{
	if (b->len + 2 > b->cap) {
		sbuf_putc_grow(b, c);
		return;
	}
	b->s[b->len++] = c;
	b->s[b->len] = 0;
}
void sbuf_putn(struct sbuf *b, const char *s, size_t n);
void sbuf_puts(struct sbuf *b, const char *s);
char *sbuf_take(struct sbuf *b);
void sbuf_free(struct sbuf *b);

void slist_init(struct slist *l);
void slist_push(struct slist *l, const char *s);
void slist_push_own(struct slist *l, char *s);
void slist_append(struct slist *l, const struct slist *from);
void slist_copy(struct slist *dst, const struct slist *src);
void slist_clear(struct slist *l);
void slist_free(struct slist *l);
char *slist_join(const struct slist *l, const char *sep);

#endif
