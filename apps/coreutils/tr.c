/*
 * tr - translates, deletes (-d) or squeezes (-s) bytes; -c takes the
 * bytes not in SET1 instead.  Sets take ranges (a-z), classes
 * ([:alpha:] [:digit:] [:lower:] [:upper:] [:space:] [:alnum:]
 * [:punct:] [:blank:]) and escapes (\n \t \\ \NNN).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/cu.h"

struct tr_set {
	unsigned char c[1024];
	size_t n;
};

static int
tr_class(const char *name, size_t len, struct tr_set *s)
{
	static const char *const names[] = { "alpha", "digit", "lower", "upper", "space",
		"alnum", "punct", "blank", NULL };
	int k;
	for (k = 0; names[k]; k++)
		if (strlen(names[k]) == len && !memcmp(names[k], name, len))
			break;
	if (!names[k])
		return -1;
	for (int ch = 0; ch < 256 && s->n < sizeof s->c; ch++) {
		int in;
		switch (k) {
		case 0: in = isalpha(ch); break;
		case 1: in = isdigit(ch); break;
		case 2: in = islower(ch); break;
		case 3: in = isupper(ch); break;
		case 4: in = isspace(ch); break;
		case 5: in = isalnum(ch); break;
		case 6: in = ispunct(ch); break;
		default: in = ch == ' ' || ch == '\t'; break;
		}
		if (in)
			s->c[s->n++] = (unsigned char)ch;
	}
	return 0;
}

/* One character at *pp, decoding escapes; advances *pp. */
static int
tr_char(const char **pp)
{
	const char *p = *pp;
	int c = (unsigned char)*p++;
	if (c == '\\' && *p) {
		c = (unsigned char)*p++;
		switch (c) {
		case 'n': c = '\n'; break;
		case 't': c = '\t'; break;
		case 'r': c = '\r'; break;
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'v': c = '\v'; break;
		default:
			if (c >= '0' && c <= '7') {
				int v = c - '0';
				for (int i = 0; i < 2 && *p >= '0' && *p <= '7'; i++)
					v = v * 8 + (*p++ - '0');
				c = v & 255;
			}
		}
	}
	*pp = p;
	return c;
}

static int
tr_parse(const char *s, struct tr_set *set)
{
	set->n = 0;
	while (*s) {
		if (s[0] == '[' && s[1] == ':') {
			const char *e = strstr(s + 2, ":]");
			if (e == NULL || tr_class(s + 2, (size_t)(e - s - 2), set) != 0) {
				cu_msg("invalid character class");
				return -1;
			}
			s = e + 2;
			continue;
		}
		int a = tr_char(&s);
		if (s[0] == '-' && s[1]) {
			s++;
			int b = tr_char(&s);
			if (b < a) {
				cu_msg("range-endpoints of '%c-%c' are in reverse collating sequence order", a, b);
				return -1;
			}
			for (int ch = a; ch <= b && set->n < sizeof set->c; ch++)
				set->c[set->n++] = (unsigned char)ch;
		} else if (set->n < sizeof set->c) {
			set->c[set->n++] = (unsigned char)a;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct tr_set s1, s2;
	int del = 0, squeeze = 0, comp = 0, c, n;
	unsigned char map[256], in1[256] = { 0 }, sq[256] = { 0 };

	cu_init("tr", "[-cds] SET1 [SET2]\nTranslate, delete (-d) or squeeze (-s) bytes of stdin (-c: those not in SET1).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "cCds")) != -1) {
		if (c == 'd')
			del = 1;
		else if (c == 's')
			squeeze = 1;
		else
			comp = 1;
	}
	n = argc - o.ind;
	int want = del && squeeze ? 2 : del ? 1 : squeeze ? (n >= 2 ? 2 : 1) : 2;
	if (n < want) {
		if (n == 0)
			cu_msg("missing operand");
		else
			cu_msg("missing operand after '%s'", argv[argc - 1]);
		cu_usage(1);
	}
	if (n > want) {
		cu_msg("extra operand '%s'", argv[o.ind + want]);
		cu_usage(1);
	}
	if (tr_parse(argv[o.ind], &s1) != 0 || (n > 1 && tr_parse(argv[o.ind + 1], &s2) != 0))
		return 1;
	if (comp) {
		/* -c: SET1 is every byte not in it, in ascending order. */
		unsigned char in[256] = { 0 };
		for (size_t i = 0; i < s1.n; i++)
			in[s1.c[i]] = 1;
		s1.n = 0;
		for (int ch = 0; ch < 256; ch++)
			if (!in[ch])
				s1.c[s1.n++] = (unsigned char)ch;
	}
	for (int i = 0; i < 256; i++)
		map[i] = (unsigned char)i;
	for (size_t i = 0; i < s1.n; i++)
		in1[s1.c[i]] = 1;
	if (!del && n > 1) {
		if (s2.n == 0) {
			cu_msg("when not truncating set1, string2 must be non-empty");
			return 1;
		}
		/* SET2 is padded with its last byte. */
		for (size_t i = 0; i < s1.n; i++)
			map[s1.c[i]] = s2.c[i < s2.n ? i : s2.n - 1];
	}
	/* -s squeezes the last set given. */
	const struct tr_set *last = n > 1 ? &s2 : &s1;
	if (squeeze)
		for (size_t i = 0; i < last->n; i++)
			sq[last->c[i]] = 1;
	unsigned char buf[8192], out[8192];
	ssize_t r;
	int prev = -1;
	while ((r = read(0, buf, sizeof buf)) > 0) {
		size_t k = 0;
		for (ssize_t i = 0; i < r; i++) {
			unsigned char ch = buf[i];
			if (del && in1[ch])
				continue;
			ch = map[ch];
			if (squeeze && sq[ch] && prev == ch)
				continue;
			prev = ch;
			out[k++] = ch;
		}
		if (cu_write_all(1, out, k) != 0) {
			cu_err("write error", errno);
			return 1;
		}
	}
	if (r < 0) {
		cu_err("read error", errno);
		return 1;
	}
	return 0;
}
