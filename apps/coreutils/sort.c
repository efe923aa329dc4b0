/*
 * sort - sorts lines: -n numeric, -r reverse, -u unique, -t SEP field
 * separator, -k F1[.C1][,F2[.C2]] one key (the last -k given).  Bytes
 * compare as in the C locale; equal keys fall back to the whole line.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/cu.h"

struct sort_opts {
	int numeric, reverse, unique, sep;	/* sep < 0: blank runs */
	int kstart, kend;			/* 0: whole line / to the end */
	int kschar, kechar;			/* .C, 1-based; -1 without; kechar 0: field end */
};

struct sort_line {
	char *s;
	size_t len, idx;	/* idx: input order, so -u keeps the first */
};

/* The options live here for qsort's comparison, which has no context. */
static struct sort_opts sort_o;

/* Start of field f (1-based) in [s, s+len); fields without -t begin at
 * the blanks before them, as in GNU sort. */
static const char *
sort_field(const char *s, const char *e, int f)
{
	for (int i = 1; i < f && s < e; i++) {
		if (sort_o.sep >= 0) {
			while (s < e && *s != sort_o.sep)
				s++;
			if (s < e)
				s++;
		} else {
			while (s < e && isblank((unsigned char)*s))
				s++;
			while (s < e && !isblank((unsigned char)*s))
				s++;
		}
	}
	return s;
}

static const char *
sort_field_end(const char *s, const char *e, int f)
{
	s = sort_field(s, e, f);
	if (sort_o.sep >= 0) {
		while (s < e && *s != sort_o.sep)
			s++;
	} else {
		while (s < e && isblank((unsigned char)*s))
			s++;
		while (s < e && !isblank((unsigned char)*s))
			s++;
	}
	return s;
}

static void
sort_key(const struct sort_line *l, const char **ks, const char **ke)
{
	const char *e = l->s + l->len;
	*ks = sort_o.kstart ? sort_field(l->s, e, sort_o.kstart) : l->s;
	if (sort_o.kschar > 1)
		*ks = (size_t)(e - *ks) > (size_t)(sort_o.kschar - 1) ? *ks + sort_o.kschar - 1 : e;
	if (!sort_o.kend) {
		*ke = e;
	} else if (sort_o.kechar > 0) {
		const char *f = sort_field(l->s, e, sort_o.kend);
		*ke = (size_t)(e - f) > (size_t)sort_o.kechar ? f + sort_o.kechar : e;
	} else {
		*ke = sort_field_end(l->s, e, sort_o.kend);
	}
	if (*ke < *ks)
		*ke = *ks;
}

static double
sort_num(const char *s, const char *e)
{
	char buf[64];
	size_t n = (size_t)(e - s) < sizeof buf - 1 ? (size_t)(e - s) : sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
	return strtod(buf, NULL);
}

static int
sort_keycmp(const struct sort_line *a, const struct sort_line *b)
{
	const char *as, *ae, *bs, *be;
	sort_key(a, &as, &ae);
	sort_key(b, &bs, &be);
	if (sort_o.numeric) {
		double x = sort_num(as, ae), y = sort_num(bs, be);
		return x < y ? -1 : x > y;
	}
	size_t la = (size_t)(ae - as), lb = (size_t)(be - bs);
	int c = memcmp(as, bs, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

static int
sort_cmp(const void *pa, const void *pb)
{
	const struct sort_line *a = pa, *b = pb;
	int c = sort_keycmp(a, b);
	if (c == 0 && !sort_o.unique) {
		size_t n = a->len < b->len ? a->len : b->len;
		c = memcmp(a->s, b->s, n);
		if (c == 0)
			c = (a->len > b->len) - (a->len < b->len);
	}
	if (c == 0)
		return (a->idx > b->idx) - (a->idx < b->idx);
	return sort_o.reverse ? -c : c;
}

static int
sort_read(int fd, char **buf, size_t *len, size_t *cap)
{
	for (;;) {
		if (*cap - *len < 8192) {
			size_t ncap = *cap ? *cap * 2 : 65536;
			char *nb = realloc(*buf, ncap);
			if (nb == NULL)
				return -ENOMEM;
			*buf = nb;
			*cap = ncap;
		}
		ssize_t r = read(fd, *buf + *len, *cap - *len);
		if (r < 0)
			return -errno;
		if (r == 0)
			return 0;
		*len += (size_t)r;
	}
}

/* A field number, an optional .CHAR (stored in *chr) and type letters
 * (n, r; b is accepted). */
static int
sort_field_arg(const char *s, char **end, int *chr)
{
	long v = strtol(s, end, 10);
	if (*end == s || v < 1 || v > 100000)
		return -1;
	*chr = -1;
	if (**end == '.') {
		const char *c = *end + 1;
		long k = strtol(c, end, 10);
		if (*end == c || k < 0 || k > 100000)
			return -1;
		*chr = (int)k;
	}
	for (; **end && strchr("nrb", **end); (*end)++) {
		if (**end == 'n')
			sort_o.numeric = 1;
		else if (**end == 'r')
			sort_o.reverse = 1;
	}
	return (int)v;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int c, status = 0;

	sort_o.sep = -1;
	cu_init("sort", "[-nru] [-t SEP] [-k F1[,F2]] [FILE]...\nSort the lines of the FILEs (or stdin).\n", 2);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "nrut:k:")) != -1) {
		switch (c) {
		case 'n': sort_o.numeric = 1; break;
		case 'r': sort_o.reverse = 1; break;
		case 'u': sort_o.unique = 1; break;
		case 't':
			if (strlen(o.arg) != 1) {
				cu_msg("multi-character tab '%s'", o.arg);
				return 2;
			}
			sort_o.sep = (unsigned char)o.arg[0];
			break;
		case 'k': {
			char *end;
			if ((sort_o.kstart = sort_field_arg(o.arg, &end, &sort_o.kschar)) < 0 ||
			    sort_o.kschar == 0)
				goto badkey;
			sort_o.kend = 0;
			if (*end == ',') {
				if ((sort_o.kend = sort_field_arg(end + 1, &end, &sort_o.kechar)) < 0)
					goto badkey;
			}
			if (*end)
				goto badkey;
			break;
badkey:
			cu_msg("invalid number at field start: invalid count at start of '%s'", o.arg);
			return 2;
		}
		}
	}
	char *dash[] = { "-", NULL };
	char **files = o.ind < argc ? argv + o.ind : dash;
	for (; *files; files++) {
		int fd = strcmp(*files, "-") ? open(*files, O_RDONLY) : 0;
		if (fd < 0) {
			fprintf(stderr, "sort: cannot read: %s: %s\n", *files, strerror(errno));
			return 2;
		}
		int e = sort_read(fd, &buf, &len, &cap);
		if (fd != 0)
			close(fd);
		if (e) {
			fprintf(stderr, "sort: read failed: %s: %s\n", *files, strerror(-e));
			return 2;
		}
		/* Each file's last line ends even without a newline;
		 * sort_read left room for it. */
		if (len > 0 && buf[len - 1] != '\n')
			buf[len++] = '\n';
	}
	size_t nl = 0;
	for (size_t i = 0; i < len; i++)
		nl += buf[i] == '\n';
	struct sort_line *v = malloc((nl + 1) * sizeof *v);
	if (v == NULL) {
		cu_err("memory", ENOMEM);
		return 2;
	}
	size_t n = 0;
	for (size_t i = 0, start = 0; i < len; i++) {
		if (buf[i] == '\n') {
			v[n].idx = n;
			v[n].s = buf + start;
			v[n++].len = i - start;
			start = i + 1;
		}
	}
	qsort(v, n, sizeof *v, sort_cmp);
	for (size_t i = 0; i < n; i++) {
		if (sort_o.unique && i > 0 && sort_keycmp(&v[i - 1], &v[i]) == 0)
			continue;
		fwrite(v[i].s, 1, v[i].len, stdout);
		putchar('\n');
	}
	free(v);
	free(buf);
	if (fflush(stdout) != 0) {
		cu_err("write failed", errno);
		status = 2;
	}
	return status;
}
