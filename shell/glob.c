/* glob.c - wildcards.  Our own small matcher so that both libcs behave
 * the same; a leading dot is only matched by a literal dot. */
#include "shell/glob.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int class_match(const char **pp, char c)
{
	const char *p = *pp + 1;
	int neg = 0, ok = 0;
	if (*p == '!' || *p == '^') {
		neg = 1;
		p++;
	}
	const char *start = p;
	while (*p && (*p != ']' || p == start)) {
		char lo = *p, hi = *p;
		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = p[2];
			p += 2;
		}
		if (c >= lo && c <= hi)
			ok = 1;
		p++;
	}
	if (*p != ']')
		return -1;	/* not a class: match `[` literally */
	*pp = p + 1;
	return ok != neg;
}

int glob_match(const char *p, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;
	while (*s) {
		if (*p == '*') {
			star_p = ++p;
			star_s = s;
			continue;
		}
		if (*p == '?') {
			p++;
			s++;
			continue;
		}
		if (*p == '[') {
			const char *q = p;
			int m = class_match(&q, *s);
			if (m == 1) {
				p = q;
				s++;
				continue;
			}
			if (m == 0)
				goto backtrack;
		}
		if (*p == '\\' && p[1])
			p++;
		if (*p == *s) {
			p++;
			s++;
			continue;
		}
backtrack:
		if (!star_p)
			return 0;
		p = star_p;
		s = ++star_s;
	}
	while (*p == '*')
		p++;
	return *p == 0;
}

static int has_magic(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return 1;
	}
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Literal part: drop the backslashes. */
static void put_lit(struct sbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		sbuf_putc(b, s[i]);
	}
}

static void walk(const char *dir, const char *pat, struct slist *out)
{
	const char *slash = strchr(pat, '/');
	size_t n = slash ? (size_t)(slash - pat) : strlen(pat);
	struct sbuf b;
	if (!has_magic(pat, n)) {
		sbuf_init(&b);
		sbuf_puts(&b, dir);
		put_lit(&b, pat, n);
		if (!slash) {
			slist_push_own(out, sbuf_take(&b));
			return;
		}
		sbuf_putc(&b, '/');
		walk(b.s, slash + 1, out);
		sbuf_free(&b);
		return;
	}
	char *seg = str_ndup(pat, n);
	DIR *d = opendir(*dir ? dir : ".");
	if (!d) {
		free(seg);
		return;
	}
	struct slist names;
	slist_init(&names);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && seg[0] != '.')
			continue;
		if (glob_match(seg, e->d_name))
			slist_push(&names, e->d_name);
	}
	closedir(d);
	free(seg);
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, cmp);
	for (size_t i = 0; i < names.n; i++) {
		sbuf_init(&b);
		sbuf_puts(&b, dir);
		sbuf_puts(&b, names.v[i]);
		if (!slash) {
			slist_push_own(out, sbuf_take(&b));
			continue;
		}
		sbuf_putc(&b, '/');
		walk(b.s, slash + 1, out);
		sbuf_free(&b);
	}
	slist_free(&names);
}

int glob_expand(const char *pat, struct slist *out)
{
	size_t before = out->n;
	struct slist found;
	slist_init(&found);
	if (pat[0] == '/')
		walk("/", pat + 1, &found);
	else
		walk("", pat, &found);
	/* literal segments are not checked for existence: keep real paths only */
	for (size_t i = 0; i < found.n; i++)
		if (access(found.v[i], F_OK) == 0)
			slist_push(out, found.v[i]);
	slist_free(&found);
	return (int)(out->n - before);
}
