/* expand.c - one raw word at a time: braces first (textually), then
 * quotes and sigils left to right, then globbing of unquoted wildcards. */
#include "shell/expand.h"
#include "shell/arith.h"
#include "shell/exec.h"
#include "shell/glob.h"
#include "shell/lex.h"
#include "shell/method.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ranges and braces past this many words are refused, not built. */
#define EXPAND_MAX_WORDS 5000000
#define BRACE_MAX_WORDS 100000

static int is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || (c & 0x80);
}

int expand_is_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!is_name_char(*s))
			return 0;
	return 1;
}

static int xerr(const char *fmt, const char *arg)
{
	fprintf(stderr, "ion: expansion error: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return -1;
}

/* --- ranges --------------------------------------------------------- */

static int parse_long(const char *s, size_t n, long *v)
{
	char buf[32], *end;
	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = 0;
	*v = strtol(buf, &end, 10);
	return *end ? -1 : 0;
}

int expand_range(const char *s, struct slist *out)
{
	const char *dots = strstr(s, "..");
	long a, b;
	int incl = 0;
	if (!dots || dots == s)
		return 0;
	const char *rhs = dots + 2;
	if (*rhs == '.' || *rhs == '=') {
		incl = 1;
		rhs++;
	}
	if (!*rhs)
		return 0;
	int chars = 0;
	if (parse_long(s, (size_t)(dots - s), &a) < 0 || parse_long(rhs, strlen(rhs), &b) < 0) {
		if (dots - s == 1 && strlen(rhs) == 1 && isalpha((unsigned char)s[0]) && isalpha((unsigned char)rhs[0])) {
			a = s[0];
			b = rhs[0];
			chars = 1;
		} else {
			return 0;
		}
	}
	long step = a <= b ? 1 : -1;
	if (!incl && a == b)
		return 1;
	if ((a < b ? b - a : a - b) > EXPAND_MAX_WORDS) {
		fprintf(stderr, "ion: expansion error: range %s has more than %d items\n", s, EXPAND_MAX_WORDS);
		return -1;
	}
	long end = incl ? b + step : b;
	for (long i = a; i != end; i += step) {
		char buf[32];
		if (chars)
			snprintf(buf, sizeof buf, "%c", (char)i);
		else
			snprintf(buf, sizeof buf, "%ld", i);
		slist_push(out, buf);
	}
	return 1;
}

int expand_slice(const char *spec, long n, long *first, long *count, int *single)
{
	const char *dots = strstr(spec, "..");
	long a = 0, b = n;
	*single = 0;
	if (!dots) {
		if (parse_long(spec, strlen(spec), &a) < 0)
			return -1;
		if (a < 0)
			a += n;
		if (a < 0 || a >= n)
			return -1;
		*first = a;
		*count = 1;
		*single = 1;
		return 0;
	}
	const char *rhs = dots + 2;
	int incl = 0;
	if (*rhs == '.' || *rhs == '=') {
		incl = 1;
		rhs++;
	}
	if (dots > spec && parse_long(spec, (size_t)(dots - spec), &a) < 0)
		return -1;
	if (*rhs) {
		if (parse_long(rhs, strlen(rhs), &b) < 0)
			return -1;
		if (b < 0)
			b += n;
		if (incl)
			b++;
	}
	if (a < 0)
		a += n;
	if (a < 0 || a > n || b > n || b < a)
		return -1;
	*first = a;
	*count = b - a;
	return 0;
}

/* --- variables -------------------------------------------------------- */

/* The value of name for $ or @, into v (a copy). */
static int lookup(const char *name, struct value *v)
{
	char buf[32];
	const struct value *p = var_get(name);
	if (p) {
		value_copy(v, p);
		return 0;
	}
	if (str_eq(name, "?") || str_eq(name, "status")) {
		snprintf(buf, sizeof buf, "%d", exec_status());
		value_str(v, buf);
		return 0;
	}
	if (str_eq(name, "$")) {
		snprintf(buf, sizeof buf, "%d", (int)exec_pid());
		value_str(v, buf);
		return 0;
	}
	if (isdigit((unsigned char)name[0])) {
		const struct value *a = var_get("args");
		size_t i = (size_t)atoi(name);
		value_str(v, a && a->t == V_ARR && i < a->a.n ? a->a.v[i] : "");
		return 0;
	}
	const char *e = getenv(name);
	if (e) {
		value_str(v, e);
		return 0;
	}
	return xerr("Variable \"%s\" does not exist", name);
}

/* Text inside [..] after a variable: expanded, then applied to v. */
static int apply_index(struct value *v, const char *raw, int want_array)
{
	char *spec;
	if (expand_str(raw, &spec) < 0)
		return -1;
	if (v->t == V_MAP) {
		const char *val = value_map_get(v, spec);
		if (!val) {
			xerr("key \"%s\" is not in the map", spec);
			free(spec);
			return -1;
		}
		struct value r;
		value_str(&r, val);
		value_free(v);
		*v = r;
		free(spec);
		return 0;
	}
	long first, count;
	int single;
	if (v->t == V_STR) {
		/* strings index by character (UTF-8 sequences stay whole) */
		struct slist chars;
		slist_init(&chars);
		for (const char *s = v->s; *s;) {
			size_t k = 1;
			while (s[k] && ((unsigned char)s[k] & 0xc0) == 0x80)
				k++;
			slist_push_own(&chars, str_ndup(s, k));
			s += k;
		}
		if (expand_slice(spec, (long)chars.n, &first, &count, &single) < 0) {
			slist_free(&chars);
			free(spec);
			return xerr("index %s is out of range", "");
		}
		struct sbuf b;
		sbuf_init(&b);
		for (long i = first; i < first + count; i++)
			sbuf_puts(&b, chars.v[i]);
		slist_free(&chars);
		free(v->s);
		v->s = sbuf_take(&b);
		free(spec);
		return 0;
	}
	if (expand_slice(spec, (long)v->a.n, &first, &count, &single) < 0) {
		fprintf(stderr, "ion: expansion error: index %s is out of range\n", spec);
		free(spec);
		return -1;
	}
	free(spec);
	struct value r;
	if (single && !want_array) {
		value_str(&r, v->a.v[first]);
	} else {
		value_arr(&r);
		for (long i = first; i < first + count; i++)
			slist_push(&r.a, v->a.v[i]);
	}
	value_free(v);
	*v = r;
	return 0;
}

static void value_to_str(struct value *v, struct sbuf *out)
{
	if (v->t == V_STR) {
		sbuf_puts(out, v->s);
		return;
	}
	for (size_t i = 0; i < v->a.n; i++) {
		if (i || (v->t == V_MAP))
			if (i || v->t != V_MAP)
				sbuf_putc(out, ' ');
		if (v->t == V_MAP) {
			sbuf_puts(out, v->k.v[i]);
			sbuf_putc(out, ' ');
		}
		sbuf_puts(out, v->a.v[i]);
	}
}

static void value_to_list(struct value *v, struct slist *out)
{
	if (v->t == V_STR) {
		slist_push(out, v->s);
		return;
	}
	for (size_t i = 0; i < v->a.n; i++) {
		if (v->t == V_MAP)
			slist_push(out, v->k.v[i]);
		slist_push(out, v->a.v[i]);
	}
}

/* An index or slice right after an expansion ending at *pp. */
static int index_after(const char **pp, struct value *v, char sig)
{
	const char *s = *pp;
	if (*s != '[')
		return 0;
	const char *e = lex_skip(s);
	if (!e)
		return xerr("%s", "unclosed [");
	char *idx = str_ndup(s + 1, (size_t)(e - s - 2));
	int r = apply_index(v, idx, sig == '@');
	free(idx);
	if (r < 0)
		return -1;
	*pp = e;
	return 0;
}

/* Splits text inside a method's parentheses into raw words. */
static int method_args(const char *s, size_t n, struct slist *args)
{
	char *text = str_ndup(s, n);
	const char *p = text, *err = "";
	struct stmt st;
	int r;
	slist_init(args);
	while ((r = lex_next(&p, &st, &err)) > 0) {
		for (size_t i = 0; i < st.n; i++) {
			if (st.tok[i].t == T_WORD)
				slist_push(args, st.tok[i].s);
		}
		lex_free(&st);
	}
	free(text);
	if (r < 0)
		return xerr("bad method arguments: %s", err);
	return 0;
}

/* A sigil expression at *pp ('$' or '@'); the result into v.  Sets
 * *literal when the sigil starts nothing and is plain text. */
static int sigil(const char **pp, struct value *v, int *literal)
{
	const char *s = *pp;
	char sig = *s++;
	*literal = 0;
	if (*s == '(') {
		const char *e = lex_skip(s);
		if (!e)
			return xerr("%s", "unclosed parenthesis");
		*pp = e;
		if (sig == '$' && s[1] == '(' && e[-2] == ')') {
			char *expr = str_ndup(s + 2, (size_t)(e - s - 4));
			char *res;
			if (strchr(expr, '$') && !strchr(expr, '"')) {
				/* $x and $(...) inside: expand them as a quoted string */
				struct sbuf q;
				sbuf_init(&q);
				sbuf_putc(&q, '"');
				sbuf_puts(&q, expr);
				sbuf_putc(&q, '"');
				free(expr);
				int er = expand_str(q.s, &expr);
				sbuf_free(&q);
				if (er < 0)
					return -1;
			}
			int r = arith_eval(expr, &res);
			free(expr);
			if (r < 0)
				return -1;
			value_str(v, res);
			free(res);
			return 0;
		}
		char *cmd = str_ndup(s + 1, (size_t)(e - s - 2));
		char *outs;
		exec_capture(cmd, &outs);
		free(cmd);
		if (sig == '$') {
			size_t n = strlen(outs);
			while (n && outs[n - 1] == '\n')
				outs[--n] = 0;
			value_str(v, outs);
		} else {
			value_arr(v);
			char *save = outs;
			for (char *t = outs; *t;) {
				while (*t && isspace((unsigned char)*t))
					t++;
				char *w = t;
				while (*t && !isspace((unsigned char)*t))
					t++;
				if (t > w)
					slist_push_own(&v->a, str_ndup(w, (size_t)(t - w)));
			}
			outs = save;
		}
		free(outs);
		if (index_after(pp, v, sig) < 0) {
			value_free(v);
			return -1;
		}
		return 0;
	}
	const char *nb, *ne;
	int braced = 0;
	if (*s == '{') {
		nb = s + 1;
		ne = strchr(nb, '}');
		if (!ne)
			return xerr("%s", "unclosed ${");
		braced = 1;
	} else {
		nb = s;
		ne = s;
		if (sig == '$' && (*ne == '?' || *ne == '$'))
			ne++;
		else
			while (is_name_char(*ne) || (*ne == ':' && ne[1] == ':' && is_name_char(ne[2])))
				ne += *ne == ':' ? 2 : 1;
	}
	if (ne == nb) {
		*literal = 1;	/* *pp still at the sigil: the caller copies it */
		return 0;
	}
	char *name = str_ndup(nb, (size_t)(ne - nb));
	s = braced ? ne + 1 : ne;
	if (!strncmp(name, "env::", 5)) {
		const char *e = getenv(name + 5);
		memmove(name, name + 5, strlen(name + 5) + 1);
		value_str(v, e ? e : "");
		*pp = s;
		free(name);
		return 0;
	}
	int r;
	if (!braced && *s == '(' && method_exists(sig, name)) {
		const char *e = lex_skip(s);
		struct slist args;
		if (!e) {
			free(name);
			return xerr("%s", "unclosed method call");
		}
		if (method_args(s + 1, (size_t)(e - s - 2), &args) < 0) {
			free(name);
			return -1;
		}
		r = method_call(sig, name, &args, v);
		slist_free(&args);
		s = e;
	} else {
		r = lookup(name, v);
	}
	free(name);
	if (r < 0)
		return -1;
	if (*s == '[') {
		const char *e = lex_skip(s);
		if (!e) {
			value_free(v);
			return xerr("%s", "unclosed [");
		}
		char *idx = str_ndup(s + 1, (size_t)(e - s - 2));
		r = apply_index(v, idx, sig == '@');
		free(idx);
		if (r < 0) {
			value_free(v);
			return -1;
		}
		s = e;
	}
	*pp = s;
	return 0;
}

/* Appends one char of text; wildcards only matter when unquoted. */
static void put(struct sbuf *cur, struct sbuf *pat, char c, int quoted)
{
	sbuf_putc(cur, c);
	if (quoted && (c == '*' || c == '?' || c == '[' || c == '\\'))
		sbuf_putc(pat, '\\');
	sbuf_putc(pat, c);
}

static void put_str(struct sbuf *cur, struct sbuf *pat, const char *s)
{
	for (; *s; s++)
		put(cur, pat, *s, 1);
}

/* s is at a backslash-newline: the last character of it and of the
 * indentation after it (ion joins the lines). */
static const char *skip_cont(const char *s)
{
	s += 2;
	while (*s == ' ' || *s == '\t')
		s++;
	return s - 1;
}

/* A word after brace expansion. */
static int expand_one(const char *w, struct slist *out)
{
	struct sbuf cur, pat;
	int glob = 0, r = 0;
	const char *s = w;

	if (*w == '[') {
		const char *e = lex_skip(w);
		const char *ie = e && *e == '[' ? lex_skip(e) : NULL;
		if (e && (!*e || (ie && !*ie))) {
			struct slist raw;
			struct value v;
			if (method_args(w + 1, (size_t)(e - w - 2), &raw) < 0)
				return -1;
			value_arr(&v);
			r = expand_words(&raw, &v.a);
			slist_free(&raw);
			if (r == 0 && *e)	/* [a b c][1] */
				r = index_after(&e, &v, '@');
			if (r == 0)
				value_to_list(&v, out);
			value_free(&v);
			return r;
		}
	}
	if (*w == '@' && w[1]) {
		struct value v;
		int lit;
		const char *p = w;
		if (sigil(&p, &v, &lit) < 0)
			return -1;
		if (!lit && !*p) {
			value_to_list(&v, out);
			value_free(&v);
			return 0;
		}
		if (!lit)
			value_free(&v);
	}
	sbuf_init(&cur);
	sbuf_init(&pat);
	if (*s == '~' && (s[1] == '/' || !s[1])) {
		const char *h = getenv("HOME");
		put_str(&cur, &pat, h ? h : "~");
		s++;
	}
	while (*s && r == 0) {
		char c = *s;
		if (c == '\'') {
			const char *e = strchr(s + 1, '\'');
			for (const char *q = s + 1; q < e; q++) {
				if (q[0] == '\\' && q[1] == '\n') {
					q = skip_cont(q);
					continue;
				}
				put(&cur, &pat, *q, 1);
			}
			s = e + 1;
		} else if (c == '"') {
			s++;
			while (*s && *s != '"' && r == 0) {
				if (*s == '\\' && s[1] == '\n') {
					s = skip_cont(s) + 1;
				} else if (*s == '\\' && s[1] && strchr("\"\\$@`", s[1])) {
					put(&cur, &pat, s[1], 1);
					s += 2;
				} else if ((*s == '$' || *s == '@') && s[1]) {
					struct value v;
					int lit;
					if ((r = sigil(&s, &v, &lit)) < 0)
						break;
					if (lit) {
						put(&cur, &pat, *s++, 1);
						continue;
					}
					struct sbuf t;
					sbuf_init(&t);
					value_to_str(&v, &t);
					put_str(&cur, &pat, t.s ? t.s : "");
					sbuf_free(&t);
					value_free(&v);
				} else {
					put(&cur, &pat, *s++, 1);
				}
			}
			if (*s == '"')
				s++;
		} else if (c == '\\' && s[1]) {
			put(&cur, &pat, s[1], 1);
			s += 2;
		} else if ((c == '$' || c == '@') && s[1]) {
			struct value v;
			int lit;
			if ((r = sigil(&s, &v, &lit)) < 0)
				break;
			if (lit) {
				put(&cur, &pat, *s++, 0);
				continue;
			}
			struct sbuf t;
			sbuf_init(&t);
			value_to_str(&v, &t);
			put_str(&cur, &pat, t.s ? t.s : "");
			sbuf_free(&t);
			value_free(&v);
		} else {
			if (c == '*' || c == '?' || (c == '[' && s != w))
				glob = 1;
			put(&cur, &pat, c, 0);
			s++;
		}
	}
	if (r == 0) {
		if (!glob || !glob_expand(pat.s, out))
			slist_push_own(out, sbuf_take(&cur));
	}
	sbuf_free(&cur);
	sbuf_free(&pat);
	return r;
}

/* Finds a top-level {a,b} or {x..y} in w: its bounds, or 0. */
static int find_brace(const char *w, const char **ob, const char **cb)
{
	for (const char *s = w; *s;) {
		if (*s == '\\' && s[1]) {
			s += 2;
		} else if (*s == '\'' || *s == '"' || *s == '(' || *s == '[') {
			s = lex_skip(s);
			if (!s)
				return 0;
		} else if (*s == '{' && (s == w || s[-1] != '$')) {
			int depth = 0, comma = 0;
			const char *q;
			for (q = s; *q; q++) {
				if (*q == '{')
					depth++;
				else if (*q == '}' && --depth == 0)
					break;
				else if (*q == ',' && depth == 1)
					comma = 1;
			}
			if (!*q)
				return 0;
			if (comma || (strstr(s, "..") && strstr(s, "..") < q)) {
				*ob = s;
				*cb = q;
				return 1;
			}
			s = q + 1;
		} else if (*s == '$' && s[1] == '{') {
			const char *q = strchr(s, '}');
			if (!q)
				return 0;
			s = q + 1;
		} else {
			s++;
		}
	}
	return 0;
}

int expand_word(const char *w, struct slist *out)
{
	const char *ob, *cb;
	if (!strchr(w, '{') || !find_brace(w, &ob, &cb))
		return expand_one(w, out);
	struct slist alts;
	slist_init(&alts);
	char *inner = str_ndup(ob + 1, (size_t)(cb - ob - 1));
	int rr = strchr(inner, ',') ? 0 : expand_range(inner, &alts);
	if (rr < 0) {
		free(inner);
		slist_free(&alts);
		return -1;
	}
	if (rr) {
		/* a range */
	} else {
		int depth = 0;
		const char *st = inner;
		for (const char *q = inner;; q++) {
			if (*q == '{')
				depth++;
			else if (*q == '}')
				depth--;
			if (!*q || (*q == ',' && depth == 0)) {
				slist_push_own(&alts, str_ndup(st, (size_t)(q - st)));
				st = q + 1;
				if (!*q)
					break;
			}
		}
	}
	free(inner);
	int r = 0;
	for (size_t i = 0; i < alts.n && r == 0; i++) {
		/* checked at every level, so a brace bomb stops early */
		if (out->n > BRACE_MAX_WORDS) {
			fprintf(stderr, "ion: expansion error: braces make more than %d words\n", BRACE_MAX_WORDS);
			r = -1;
			break;
		}
		struct sbuf b;
		sbuf_init(&b);
		sbuf_putn(&b, w, (size_t)(ob - w));
		sbuf_puts(&b, alts.v[i]);
		sbuf_puts(&b, cb + 1);
		r = expand_word(b.s, out);
		sbuf_free(&b);
	}
	slist_free(&alts);
	return r;
}

int expand_words(const struct slist *words, struct slist *out)
{
	for (size_t i = 0; i < words->n; i++)
		if (expand_word(words->v[i], out) < 0)
			return -1;
	return 0;
}

int expand_str(const char *w, char **out)
{
	struct slist l;
	slist_init(&l);
	if (expand_word(w, &l) < 0) {
		slist_free(&l);
		return -1;
	}
	*out = slist_join(&l, " ");
	slist_free(&l);
	return 0;
}

int expand_value(const char *w, struct value *v)
{
	const char *e;
	if (*w == '[' && (e = lex_skip(w)) && !*e) {
		value_arr(v);
		return expand_word(w, &v->a);
	}
	if (*w == '@' && w[1]) {
		int lit;
		const char *p = w;
		if (sigil(&p, v, &lit) < 0)
			return -1;
		if (!lit && !*p) {
			if (v->t == V_STR) {
				char *s = v->s;
				value_arr(v);
				slist_push_own(&v->a, s);
			}
			return 0;
		}
		if (!lit)
			value_free(v);
	}
	char *s;
	if (expand_str(w, &s) < 0)
		return -1;
	memset(v, 0, sizeof *v);
	v->t = V_STR;
	v->s = s;
	return 0;
}
