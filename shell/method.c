/* method.c - ion's string and array methods.  The first argument may be a
 * bare variable name; the rest are expanded words. */
#include "shell/method.h"
#include "shell/expand.h"
#include "shell/rx.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const str_methods[] = {
	"basename", "extension", "filename", "join", "find", "len", "len_bytes",
	"parent", "repeat", "replace", "replacen", "regex_replace", "reverse",
	"to_lowercase", "to_uppercase", "escape", "unescape", "or", "trim",
	"trim_start", "trim_end", NULL
};
static const char *const arr_methods[] = {
	"lines", "split", "split_at", "bytes", "chars", "graphemes", "reverse",
	"subst", "keys", "values", NULL
};

int method_exists(char sigil, const char *name)
{
	const char *const *m = sigil == '$' ? str_methods : arr_methods;
	for (; *m; m++)
		if (str_eq(*m, name))
			return 1;
	return 0;
}

static int merr(const char *name, const char *why)
{
	fprintf(stderr, "ion: method error: %s: %s\n", name, why);
	return -1;
}

char *method_unescape(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			sbuf_putc(&b, *s);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': sbuf_putc(&b, '\n'); break;
		case 't': sbuf_putc(&b, '\t'); break;
		case 'r': sbuf_putc(&b, '\r'); break;
		case 'a': sbuf_putc(&b, '\a'); break;
		case 'b': sbuf_putc(&b, '\b'); break;
		case 'e': sbuf_putc(&b, 27); break;
		default:
			/* \1 stays for $regex_replace's groups */
			if (*s >= '0' && *s <= '9')
				sbuf_putc(&b, '\\');
			sbuf_putc(&b, *s);
			break;
		}
	}
	return sbuf_take(&b);
}

/* The first argument: a bare name is a variable, anything else a word. */
static int first_arg(const char *raw, struct value *v)
{
	if (expand_is_name(raw)) {
		const struct value *p = var_get(raw);
		if (p) {
			value_copy(v, p);
			return 0;
		}
		const char *e = getenv(raw);
		if (e) {
			value_str(v, e);
			return 0;
		}
		fprintf(stderr, "ion: expansion error: Variable \"%s\" does not exist\n", raw);
		return -1;
	}
	return expand_value(raw, v);
}

/* The code point at s and its length in bytes. */
static unsigned cp_at(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 1;
	while (u[k] && (u[k] & 0xc0) == 0x80)
		k++;
	*len = k;
	unsigned c = k == 1 ? u[0] : u[0] & (0x7f >> k);
	for (size_t i = 1; i < k; i++)
		c = c << 6 | (u[i] & 0x3f);
	return c;
}

/* Marks that belong to the character before them (a rough cut of
 * Unicode's grapheme rules: combining marks, variation selectors, ZWJ
 * sequences, skin tones). */
static int is_extend(unsigned c)
{
	return (c >= 0x300 && c <= 0x36f) || (c >= 0xfe00 && c <= 0xfe0f) ||
	    c == 0x200d || (c >= 0x1f3fb && c <= 0x1f3ff) || (c >= 0x20d0 && c <= 0x20ff);
}

/* Characters (graphemes = 1) or code points (0) of s. */
static void split_chars_g(const char *s, struct slist *out, int graphemes)
{
	while (*s) {
		size_t k, n;
		unsigned c = cp_at(s, &k);
		int zwj = c == 0x200d;
		while (graphemes && s[k]) {
			unsigned d = cp_at(s + k, &n);
			if (!is_extend(d) && !zwj)
				break;
			zwj = d == 0x200d;
			k += n;
		}
		slist_push_own(out, str_ndup(s, k));
		s += k;
	}
}

static void split_chars(const char *s, struct slist *out)
{
	split_chars_g(s, out, 1);
}

static size_t utf8_len(const char *s)
{
	struct slist l;
	slist_init(&l);
	split_chars(s, &l);
	size_t n = l.n;
	slist_free(&l);
	return n;
}

static char *replace(const char *s, const char *pat, const char *with, long max)
{
	struct sbuf b;
	size_t pl = strlen(pat);
	sbuf_init(&b);
	if (!pl) {
		sbuf_puts(&b, s);
		return sbuf_take(&b);
	}
	while (*s) {
		const char *f = max != 0 ? strstr(s, pat) : NULL;
		if (!f) {
			sbuf_puts(&b, s);
			break;
		}
		sbuf_putn(&b, s, (size_t)(f - s));
		sbuf_puts(&b, with);
		s = f + pl;
		if (max > 0)
			max--;
	}
	return sbuf_take(&b);
}

static int str_method(const char *m, struct value *in, struct slist *a, struct value *out)
{
	struct sbuf b;
	char buf[32];
	const char *s = in->t == V_STR ? in->s : "";
	char *joined = NULL;
	sbuf_init(&b);
	if (in->t != V_STR && !str_eq(m, "join") && !str_eq(m, "len")) {
		joined = slist_join(&in->a, " ");
		s = joined;
	}
	if (str_eq(m, "len")) {
		snprintf(buf, sizeof buf, "%zu", in->t == V_STR ? utf8_len(s) : in->a.n);
		sbuf_puts(&b, buf);
	} else if (str_eq(m, "len_bytes")) {
		snprintf(buf, sizeof buf, "%zu", strlen(s));
		sbuf_puts(&b, buf);
	} else if (str_eq(m, "join")) {
		const char *sep = a->n ? a->v[0] : " ";
		if (in->t == V_STR)
			sbuf_puts(&b, in->s);
		for (size_t i = 0; in->t != V_STR && i < in->a.n; i++) {
			if (i)
				sbuf_puts(&b, sep);
			sbuf_puts(&b, in->a.v[i]);
		}
	} else if (str_eq(m, "basename") || str_eq(m, "filename") || str_eq(m, "extension") || str_eq(m, "parent")) {
		size_t n = strlen(s);
		while (n > 1 && s[n - 1] == '/')
			n--;
		const char *base = s;
		for (size_t i = 0; i < n; i++)
			if (s[i] == '/' && i + 1 < n)
				base = s + i + 1;
		size_t bl = (size_t)(s + n - base);
		const char *dot = NULL;
		for (size_t i = 1; i < bl; i++)
			if (base[i] == '.')
				dot = base + i;
		if (str_eq(m, "basename"))
			sbuf_putn(&b, base, bl);
		else if (str_eq(m, "filename"))
			sbuf_putn(&b, base, dot ? (size_t)(dot - base) : bl);
		else if (str_eq(m, "extension"))
			sbuf_putn(&b, dot ? dot + 1 : "", dot ? (size_t)(base + bl - dot - 1) : 0);
		else if (base > s)
			sbuf_putn(&b, s, base - s > 1 ? (size_t)(base - s - 1) : 1);
		else
			sbuf_puts(&b, s[0] == '/' ? "/" : ".");
	} else if (str_eq(m, "find")) {
		const char *f = a->n ? strstr(s, a->v[0]) : NULL;
		snprintf(buf, sizeof buf, "%ld", f ? (long)(f - s) : -1L);
		sbuf_puts(&b, buf);
	} else if (str_eq(m, "repeat")) {
		long n = a->n ? strtol(a->v[0], NULL, 10) : -1;
		if (n < 0) {
			free(joined);
			return merr(m, "needs a count");
		}
		for (long i = 0; i < n; i++)
			sbuf_puts(&b, s);
	} else if (str_eq(m, "replace") || str_eq(m, "replacen")) {
		long max = -1;
		if (a->n < 2 || (str_eq(m, "replacen") && a->n < 3)) {
			free(joined);
			return merr(m, "needs a pattern and a replacement");
		}
		if (str_eq(m, "replacen"))
			max = strtol(a->v[2], NULL, 10);
		char *r = replace(s, a->v[0], a->v[1], max);
		sbuf_puts(&b, r);
		free(r);
	} else if (str_eq(m, "regex_replace")) {
		if (a->n < 2) {
			free(joined);
			return merr(m, "needs a pattern and a replacement");
		}
		char *r = rx_replace(a->v[0], s, a->v[1]);
		if (!r) {
			free(joined);
			sbuf_free(&b);
			return -1;
		}
		sbuf_puts(&b, r);
		free(r);
	} else if (str_eq(m, "reverse")) {
		struct slist c;
		slist_init(&c);
		split_chars(s, &c);
		for (size_t i = c.n; i > 0; i--)
			sbuf_puts(&b, c.v[i - 1]);
		slist_free(&c);
	} else if (str_eq(m, "to_lowercase") || str_eq(m, "to_uppercase")) {
		for (const char *p = s; *p; p++)
			sbuf_putc(&b, (char)(m[3] == 'l' ? tolower((unsigned char)*p) : toupper((unsigned char)*p)));
	} else if (str_eq(m, "escape")) {
		for (const char *p = s; *p; p++) {
			if (*p == '\n') { sbuf_puts(&b, "\\n"); continue; }
			if (*p == '\t') { sbuf_puts(&b, "\\t"); continue; }
			if (strchr("\\'\"", *p))
				sbuf_putc(&b, '\\');
			sbuf_putc(&b, *p);
		}
	} else if (str_eq(m, "unescape")) {
		char *u = method_unescape(s);
		sbuf_puts(&b, u);
		free(u);
	} else if (str_eq(m, "or")) {
		sbuf_puts(&b, *s ? s : (a->n ? a->v[0] : ""));
	} else {	/* trim, trim_start, trim_end */
		const char *st = s, *e = s + strlen(s);
		if (!str_eq(m, "trim_end"))
			while (isspace((unsigned char)*st))
				st++;
		if (!str_eq(m, "trim_start"))
			while (e > st && isspace((unsigned char)e[-1]))
				e--;
		sbuf_putn(&b, st, (size_t)(e - st));
	}
	free(joined);
	out->t = V_STR;
	out->s = sbuf_take(&b);
	return 0;
}

static int arr_method(const char *m, struct value *in, struct slist *a, const struct slist *raw, struct value *out)
{
	value_arr(out);
	if (str_eq(m, "keys") || str_eq(m, "values")) {
		if (in->t != V_MAP)
			return merr(m, "needs a map");
		slist_append(&out->a, m[0] == 'k' ? &in->k : &in->a);
		return 0;
	}
	if (str_eq(m, "reverse") && in->t != V_STR) {
		for (size_t i = in->a.n; i > 0; i--)
			slist_push(&out->a, in->a.v[i - 1]);
		return 0;
	}
	if (str_eq(m, "subst")) {
		if (in->t == V_STR ? *in->s != 0 : in->a.n != 0) {
			if (in->t == V_STR)
				slist_push(&out->a, in->s);
			else
				slist_append(&out->a, &in->a);
			return 0;
		}
		/* the default keeps its elements */
		for (size_t i = 1; i < raw->n; i++)
			if (expand_word(raw->v[i], &out->a) < 0)
				return -1;
		return 0;
	}
	char *s = in->t == V_STR ? str_dup(in->s) : slist_join(&in->a, " ");
	if (str_eq(m, "lines")) {
		for (char *p = s; *p;) {
			char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			slist_push_own(&out->a, str_ndup(p, n));
			p += n + (nl ? 1 : 0);
		}
	} else if (str_eq(m, "split")) {
		if (!a->n) {
			for (char *p = s; *p;) {
				while (*p && isspace((unsigned char)*p))
					p++;
				char *w = p;
				while (*p && !isspace((unsigned char)*p))
					p++;
				if (p > w)
					slist_push_own(&out->a, str_ndup(w, (size_t)(p - w)));
			}
		} else if (!*a->v[0]) {
			split_chars(s, &out->a);
		} else {
			size_t pl = strlen(a->v[0]);
			for (char *p = s;;) {
				char *f = strstr(p, a->v[0]);
				if (!f) {
					slist_push(&out->a, p);
					break;
				}
				slist_push_own(&out->a, str_ndup(p, (size_t)(f - p)));
				p = f + pl;
			}
		}
	} else if (str_eq(m, "split_at")) {
		long at = a->n ? strtol(a->v[0], NULL, 10) : -1;
		if (at < 0 || (size_t)at > strlen(s)) {
			free(s);
			return merr(m, "index out of range");
		}
		slist_push_own(&out->a, str_ndup(s, (size_t)at));
		slist_push(&out->a, s + at);
	} else if (str_eq(m, "bytes")) {
		char buf[8];
		for (const char *p = s; *p; p++) {
			snprintf(buf, sizeof buf, "%u", (unsigned char)*p);
			slist_push(&out->a, buf);
		}
	} else if (str_eq(m, "reverse")) {
		struct slist c;
		slist_init(&c);
		split_chars(s, &c);
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = c.n; i > 0; i--)
			sbuf_puts(&b, c.v[i - 1]);
		slist_push_own(&out->a, sbuf_take(&b));
		slist_free(&c);
	} else {	/* chars are code points, graphemes what a reader sees */
		split_chars_g(s, &out->a, str_eq(m, "graphemes"));
	}
	free(s);
	return 0;
}

int method_call(char sigil, const char *name, const struct slist *raw, struct value *out)
{
	struct value in;
	struct slist a;
	int r;
	if (!raw->n)
		return merr(name, "needs an argument");
	const char *r0 = raw->v[0];
	if (str_eq(name, "or") && r0[0] == '$' && expand_is_name(r0 + 1) &&
	    !var_get(r0 + 1) && !getenv(r0 + 1)) {
		value_str(&in, "");	/* $or is for variables that may be unset */
	} else if (first_arg(r0, &in) < 0) {
		return -1;
	}
	slist_init(&a);
	for (size_t i = 1; i < raw->n; i++) {
		char *s;
		if (expand_str(raw->v[i], &s) < 0) {
			value_free(&in);
			slist_free(&a);
			return -1;
		}
		slist_push_own(&a, method_unescape(s));
		free(s);
	}
	memset(out, 0, sizeof *out);
	r = sigil == '$' ? str_method(name, &in, &a, out) : arr_method(name, &in, &a, raw, out);
	value_free(&in);
	slist_free(&a);
	return r;
}
