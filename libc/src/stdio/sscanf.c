/*
 * sscanf.c - the scanf family: sscanf/vsscanf on strings, fscanf/scanf/
 * vfscanf/vscanf on streams, swscanf/vswscanf on wide strings.
 * Conversions: d i u o x X c s [ n p a f e g E G and %%, with *
 * (suppress), a width and lengths hh h l ll j z t L; %lc %ls %l[ read
 * UTF-8 into wchar_t.
 *
 * One scanner reads from either source through get/unget.  A stream
 * can take back one character (ungetc), so numbers are read as the
 * longest prefix that can still become a number, as glibc does: "1e"
 * followed by a non-digit has consumed the 'e' and converts as 1.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <inttypes.h>
#include <strings.h>
#include <wchar.h>
#include "stdio_impl.h"

struct in {
	FILE *f;		/* a stream, or NULL for the string s */
	const char *s;
	size_t pos;		/* characters consumed, for %n */
	int eof;
};

static int get(struct in *in)
{
	int c;

	if (in->f == NULL) {
		c = (unsigned char)in->s[in->pos];
		if (c == 0) {
			in->eof = 1;
			return EOF;
		}
	} else if ((c = __getc_unlocked(in->f)) == EOF) {
		in->eof = 1;
		return EOF;
	}
	in->pos++;
	return c;
}

static void unget(struct in *in, int c)
{
	if (c == EOF)
		return;
	in->pos--;
	if (in->f != NULL)
		in->f->ungot = c;	/* room for one: the last get emptied it */
}

static void store_int(va_list *ap, int lmod, uintmax_t v)
{
	switch (lmod) {
	case 'H': *va_arg(*ap, char *) = (char)v; break;
	case 'h': *va_arg(*ap, short *) = (short)v; break;
	case 'l': case 'j': case 'z': case 't': *va_arg(*ap, long *) = (long)v; break;
	case 'L': *va_arg(*ap, long long *) = (long long)v; break;
	default: *va_arg(*ap, int *) = (int)v; break;
	}
}

/* Reads an integer's characters (for base 0: its prefix decides) into
 * buf; returns the length. */
static size_t read_int(struct in *in, int base, int width, char *buf, size_t cap)
{
	size_t n = 0;
	int c = get(in), max = width > 0 ? width : (int)cap - 1;

	if (max > (int)cap - 1)
		max = (int)cap - 1;
	if ((c == '+' || c == '-') && (int)n < max) {
		buf[n++] = (char)c;
		c = get(in);
	}
	if (c == '0' && (int)n < max && (base == 0 || base == 16)) {
		buf[n++] = (char)c;
		c = get(in);
		if ((c | 32) == 'x' && (int)n < max) {
			buf[n++] = (char)c;
			c = get(in);
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	for (; c != EOF && (int)n < max; c = get(in)) {
		int d = isdigit(c) ? c - '0' : isalpha(c) ? (c | 32) - 'a' + 10 : 99;
		if (d >= base)
			break;
		buf[n++] = (char)c;
	}
	unget(in, c);
	buf[n] = '\0';
	return n;
}

/* Reads a floating number's characters (decimal, hex, inf, nan). */
static size_t read_float(struct in *in, int width, char *buf, size_t cap)
{
	size_t n = 0;
	int c = get(in), max = width > 0 ? width : (int)cap - 1, hex = 0, digits = 0;

	if (max > (int)cap - 1)
		max = (int)cap - 1;
#define TAKE() do { buf[n++] = (char)c; c = get(in); } while (0)
	if ((c == '+' || c == '-') && (int)n < max)
		TAKE();
	if ((c | 32) == 'i' || (c | 32) == 'n') {
		const char *word = (c | 32) == 'i' ? "infinity" : "nan";
		size_t k = 0;
		while (word[k] && (int)n < max && (c | 32) == word[k]) {
			TAKE();
			k++;
		}
		unget(in, c);
		buf[n] = '\0';
		return n;
	}
	if (c == '0' && (int)n < max) {
		TAKE();
		digits = 1;
		if ((c | 32) == 'x' && (int)n < max) {
			TAKE();
			hex = 1;
			digits = 0;
		}
	}
	while (c != EOF && (int)n < max && (hex ? isxdigit(c) : isdigit(c))) {
		TAKE();
		digits = 1;
	}
	if (c == '.' && (int)n < max) {
		TAKE();
		while (c != EOF && (int)n < max && (hex ? isxdigit(c) : isdigit(c))) {
			TAKE();
			digits = 1;
		}
	}
	if (digits && (c | 32) == (hex ? 'p' : 'e') && (int)n < max) {
		TAKE();
		if ((c == '+' || c == '-') && (int)n < max)
			TAKE();
		while (c != EOF && (int)n < max && isdigit(c))
			TAKE();
	}
#undef TAKE
	unget(in, c);
	buf[n] = '\0';
	return n;
}

/* Reads up to width (0: any number of) UTF-8 characters for %lc, %ls
 * or %l[ into d (if not NULL); *k is how many.  The set and the space
 * test look at a character's first byte.  -1 on a bad sequence. */
static int scan_wide(struct in *in, char conv, const char *set, int width, wchar_t *d, int *k)
{
	mbstate_t st;
	wchar_t wc;
	size_t r;
	int c;
	char b;

	while (width == 0 || *k < width) {
		if ((c = get(in)) == EOF)
			break;
		if ((conv == 's' && isspace(c)) || (conv == '[' && !set[c])) {
			unget(in, c);
			break;
		}
		memset(&st, 0, sizeof(st));
		for (;;) {
			b = (char)c;
			r = mbrtowc(&wc, &b, 1, &st);
			if (r != (size_t)-2)
				break;
			if ((c = get(in)) == EOF)
				return -1;
		}
		if (r == (size_t)-1)
			return -1;
		if (d)
			d[*k] = wc;
		(*k)++;
	}
	return 0;
}

static int scan(struct in *in, const char *fmt, va_list ap0)
{
	int n = 0, c, failed = 0;
	va_list ap;

	va_copy(ap, ap0);
	while (*fmt && !failed) {
		int suppress = 0, width = 0, lmod = 0;
		char conv;

		if (isspace((unsigned char)*fmt)) {
			while (isspace((unsigned char)*fmt))
				fmt++;
			while ((c = get(in)) != EOF && isspace(c))
				;
			unget(in, c);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%')
				fmt++;
			if ((c = get(in)) != (unsigned char)*fmt) {
				unget(in, c);
				break;
			}
			fmt++;
			continue;
		}
		fmt++;
		if (*fmt == '*') {
			suppress = 1;
			fmt++;
		}
		while (isdigit((unsigned char)*fmt))
			width = width * 10 + (*fmt++ - '0');
		switch (*fmt) {
		case 'h': lmod = 'h'; if (*++fmt == 'h') { lmod = 'H'; fmt++; } break;
		case 'l': lmod = 'l'; if (*++fmt == 'l') { lmod = 'L'; fmt++; } break;
		case 'q': case 'L': case 'j': case 'z': case 't':
			lmod = *fmt == 'q' ? 'L' : *fmt;
			fmt++;
			break;
		}
		conv = *fmt++;
		if (conv == '\0')
			break;
		if (conv != 'c' && conv != '[' && conv != 'n') {
			while ((c = get(in)) != EOF && isspace(c))
				;
			unget(in, c);
		}
		if (conv == 'n') {
			if (!suppress)
				store_int(&ap, lmod, (uintmax_t)in->pos);
			continue;
		}
		if (conv == 'c' || conv == 's' || conv == '[') {
			char set[256] = { 0 };
			char *d = suppress ? NULL : va_arg(ap, char *);
			int k = 0;
			if (conv == '[') {
				int neg = *fmt == '^';
				if (neg)
					fmt++;
				if (*fmt == ']')
					set[(unsigned char)*fmt++] = 1;
				for (; *fmt && *fmt != ']'; fmt++) {
					if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
						int ch;
						for (ch = (unsigned char)*fmt; ch <= (unsigned char)fmt[2]; ch++)
							set[ch] = 1;
						fmt += 2;
					} else {
						set[(unsigned char)*fmt] = 1;
					}
				}
				if (*fmt == ']')
					fmt++;
				if (neg) {
					int ch;
					for (ch = 0; ch < 256; ch++)
						set[ch] = !set[ch];
				}
				set[0] = 0;
			}
			if (conv == 'c' && width == 0)
				width = 1;
			if (lmod == 'l') {
				/* %lc %ls %l[: UTF-8 in, wchar_t out */
				wchar_t *wd = (wchar_t *)d;
				if (scan_wide(in, conv, set, width, wd, &k) < 0) {
					failed = 1;
					break;
				}
				if (k == 0 || (conv == 'c' && k < width))
					break;
				if (wd && conv != 'c')
					wd[k] = 0;
				if (!suppress)
					n++;
				continue;
			}
			while (width == 0 || k < width) {
				if ((c = get(in)) == EOF)
					break;
				if ((conv == 's' && isspace(c)) || (conv == '[' && !set[c])) {
					unget(in, c);
					break;
				}
				if (d)
					d[k] = (char)c;
				k++;
			}
			if (k == 0 || (conv == 'c' && k < width))
				break;
			if (d && conv != 'c')
				d[k] = '\0';
			if (!suppress)
				n++;
			continue;
		}
		{
			char buf[128], *end;
			size_t len;
			if (conv == 'f' || conv == 'e' || conv == 'g' || conv == 'E' ||
			    conv == 'G' || conv == 'a' || conv == 'A' || conv == 'F') {
				len = read_float(in, width, buf, sizeof(buf));
				if (len == 0)
					break;
				if (lmod == 'l' || lmod == 'L') {
					double v = strtod(buf, &end);
					if (!suppress && end != buf) {
						if (lmod == 'l')
							*va_arg(ap, double *) = v;
						else
							*va_arg(ap, long double *) = v;
					}
				} else {
					float v = strtof(buf, &end);
					if (!suppress && end != buf)
						*va_arg(ap, float *) = v;
				}
			} else {
				int base = conv == 'd' || conv == 'u' ? 10 :
				    conv == 'o' ? 8 : conv == 'x' || conv == 'X' || conv == 'p' ? 16 : 0;
				uintmax_t v;
				if (conv != 'd' && conv != 'i' && conv != 'u' && conv != 'o' &&
				    conv != 'x' && conv != 'X' && conv != 'p') {
					failed = 1;	/* an unknown conversion */
					break;
				}
				len = read_int(in, base, width, buf, sizeof(buf));
				if (len == 0)
					break;
				if (conv == 'd' || conv == 'i')
					v = (uintmax_t)strtoimax(buf, &end, base);
				else
					v = strtoumax(buf, &end, base);
				if (!suppress && end != buf) {
					if (conv == 'p')
						*va_arg(ap, void **) = (void *)(uintptr_t)v;
					else
						store_int(&ap, lmod, v);
				}
			}
			/* what was read is consumed, converted or not ("1e"
			 * is 1, as glibc has it); nothing converted fails */
			if (end == buf)
				break;
			if (!suppress)
				n++;
		}
	}
	va_end(ap);
	/* EOF: the input ended before the first conversion */
	return n == 0 && in->eof ? EOF : n;
}

int vsscanf(const char *str, const char *fmt, va_list ap)
{
	struct in in = { NULL, str, 0, 0 };

	return scan(&in, fmt, ap);
}

int sscanf(const char *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}

int vfscanf(FILE *f, const char *fmt, va_list ap)
{
	struct in in = { f, NULL, 0, 0 };
	int r;

	__flock(f);
	if (f->dir != DIR_READ && __to_read(f) < 0) {
		__funlock(f);
		return EOF;
	}
	r = scan(&in, fmt, ap);
	__funlock(f);
	return r;
}

int fscanf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vscanf(const char *fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int scanf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}

/* The wide string and format as UTF-8, then the one scanner.  %n counts
 * bytes of that UTF-8, not wide characters. */
int vswscanf(const wchar_t *restrict ws, const wchar_t *restrict wfmt, va_list ap)
{
	size_t ns = wcstombs(NULL, ws, 0), nf = wcstombs(NULL, wfmt, 0);
	char *s, *fmt;
	int r;

	if (ns == (size_t)-1 || nf == (size_t)-1)
		return EOF;	/* EILSEQ */
	s = malloc(ns + 1);
	fmt = malloc(nf + 1);
	if (s == NULL || fmt == NULL) {
		free(s);
		free(fmt);
		return EOF;
	}
	wcstombs(s, ws, ns + 1);
	wcstombs(fmt, wfmt, nf + 1);
	r = vsscanf(s, fmt, ap);
	free(s);
	free(fmt);
	return r;
}

int swscanf(const wchar_t *restrict ws, const wchar_t *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vswscanf(ws, fmt, ap);
	va_end(ap);
	return r;
}
