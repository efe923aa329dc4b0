/*
 * __vformat: the printf engine behind every printf-family function.
 *
 * Conversions: d i u o x X c s p n % and f F e E g G a A, lc ls C S
 * (wide characters written in UTF-8); flags - + space # 0;
 * width and precision (also as *); lengths hh h l ll j z t L.  Output goes
 * to a sink, so the same code serves FILEs, buffers and fds.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <stdio.h>
#include <wchar.h>
#include "stdio_impl.h"
#include "../fpconv/big.h"

#define FL_LEFT		0x01
#define FL_PLUS		0x02
#define FL_SPACE	0x04
#define FL_ALT		0x08
#define FL_ZERO		0x10

struct spec {
	int flags;
	int width;
	int prec;		/* -1: none given */
	char conv;
};

static void out(struct sink *s, const char *p, size_t n)
{
	if (n) {
		s->put(s, p, n);
		s->count += n;
	}
}

static void pad(struct sink *s, char c, int n)
{
	char buf[32];

	memset(buf, c, sizeof(buf));
	while (n > 0) {
		int k = n < (int)sizeof(buf) ? n : (int)sizeof(buf);
		out(s, buf, (size_t)k);
		n -= k;
	}
}

/*
 * Writes prefix (sign, 0x), then body, padded to the width.  zeros is the
 * count of '0's between prefix and body (precision or the 0 flag).
 */
/* How many columns of the width n bytes of p take: bytes, or for the
 * wide printfs the UTF-8 characters (bytes that are not 10xxxxxx). */
static int width_of(const struct sink *s, const char *p, int n)
{
	int i, c = 0;

	if (!s->wide)
		return n;
	for (i = 0; i < n; i++)
		c += ((unsigned char)p[i] & 0xc0) != 0x80;
	return c;
}

static void emit(struct sink *s, const struct spec *sp, const char *prefix,
    const char *body, int blen, int zeros)
{
	int plen = (int)strlen(prefix);
	int fill = sp->width - plen - zeros - width_of(s, body, blen);

	if (fill > 0 && (sp->flags & FL_ZERO) && !(sp->flags & FL_LEFT)) {
		zeros += fill;
		fill = 0;
	}
	if (!(sp->flags & FL_LEFT))
		pad(s, ' ', fill);
	out(s, prefix, (size_t)plen);
	pad(s, '0', zeros);
	out(s, body, (size_t)blen);
	if (sp->flags & FL_LEFT)
		pad(s, ' ', fill);
}

/* emit for a number with mid '0's between body[0..split) and the rest
 * (the zeros a precision beyond the buffer asks for). */
static void emit_split(struct sink *s, const struct spec *sp, const char *prefix,
    const char *body, int blen, int split, int mid)
{
	int plen = (int)strlen(prefix);
	int fill = sp->width - plen - blen - mid, zeros = 0;

	if (fill > 0 && (sp->flags & FL_ZERO) && !(sp->flags & FL_LEFT)) {
		zeros = fill;
		fill = 0;
	}
	if (!(sp->flags & FL_LEFT))
		pad(s, ' ', fill);
	out(s, prefix, (size_t)plen);
	pad(s, '0', zeros);
	out(s, body, (size_t)split);
	pad(s, '0', mid);
	out(s, body + split, (size_t)(blen - split));
	if (sp->flags & FL_LEFT)
		pad(s, ' ', fill);
}

/* %lc: the character in UTF-8; -1 (and the sink's error, EILSEQ) if it
 * is not one. */
static int wide_char(struct sink *s, wchar_t wc, char out[4])
{
	size_t n = wcrtomb(out, wc, NULL);

	if (n == (size_t)-1) {
		s->error = 1;	/* errno is EILSEQ */
		return -1;
	}
	return (int)n;
}

/* %ls: a wide string in UTF-8; the precision bounds the bytes written,
 * never splitting a character. */
static void fmt_wstr(struct sink *s, struct spec *sp, const wchar_t *ws)
{
	char c[4];
	size_t i, total = 0, max = sp->prec >= 0 ? (size_t)sp->prec : (size_t)-1;
	int n, fill;

	if (ws == NULL)
		ws = L"(null)";
	/* the length first, for the padding; the wide printfs count
	 * characters, the others bytes */
	for (i = 0; ws[i]; i++) {
		if ((n = wide_char(s, ws[i], c)) < 0)
			return;
		if (s->wide)
			n = 1;
		if (total + (size_t)n > max)
			break;
		total += (size_t)n;
	}
	fill = sp->width - (int)total;
	if (!(sp->flags & FL_LEFT))
		pad(s, ' ', fill);
	for (i = 0, total = 0; ws[i]; i++) {
		n = wide_char(s, ws[i], c);
		if (total + (size_t)(s->wide ? 1 : n) > max)
			break;
		out(s, c, (size_t)n);
		total += (size_t)(s->wide ? 1 : n);
	}
	if (sp->flags & FL_LEFT)
		pad(s, ' ', fill);
}

static void fmt_int(struct sink *s, struct spec *sp, uintmax_t v, int neg)
{
	char buf[72], *e = buf + sizeof(buf), *p = e;
	const char *digits = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = 10;
	char prefix[4] = "";
	int len, zeros = 0;

	if (sp->conv == 'o')
		base = 8;
	else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
		base = 16;
	while (v) {
		*--p = digits[v % base];
		v /= base;
	}
	len = (int)(e - p);
	if (neg)
		memcpy(prefix, "-", sizeof("-"));
	else if (sp->flags & FL_PLUS)
		memcpy(prefix, "+", sizeof("+"));
	else if (sp->flags & FL_SPACE)
		memcpy(prefix, " ", sizeof(" "));
	if ((sp->flags & FL_ALT) && len > 0) {
		if (sp->conv == 'x' || sp->conv == 'p')
			memcpy(prefix, "0x", sizeof("0x"));
		else if (sp->conv == 'X')
			memcpy(prefix, "0X", sizeof("0X"));
	}
	if (sp->prec >= 0) {
		/* a precision turns off the 0 flag; %.0d of 0 prints nothing */
		sp->flags &= ~FL_ZERO;
		if (sp->prec > len)
			zeros = sp->prec - len;
	} else if (len == 0) {
		zeros = 1;
	}
	if (sp->conv == 'o' && (sp->flags & FL_ALT) && zeros == 0 && (len == 0 || *p != '0'))
		zeros = 1;
	emit(s, sp, prefix, p, len, zeros);
}

/* ---- floating point ---- */

/* value = 0.d[0]d[1]...d[n-1] x 10^(e+1), i.e. d[0] is the 10^e digit.
 * The digits are the exact expansion of the double (at most 767, see
 * fpconv/big.c), so rounding below is exact too. */
struct dec {
	char d[800];
	int n;
	int e;
};

static void to_dec(double v, struct dec *x)
{
	if (v == 0) {
		x->d[0] = '0';
		x->n = 1;
		x->e = 0;
		return;
	}
	x->n = __fp_digits(v, x->d, &x->e);
}

/* Keeps nsig significant digits, rounding to nearest with ties to even
 * (as glibc does in the default rounding mode: printf("%.0f", 2.5) is
 * "2").  nsig may be 0 or negative (the value rounds to 0 or to one unit
 * at that place). */
static void round_dec(struct dec *x, int nsig)
{
	int i, up;

	if (nsig >= x->n)
		return;
	if (nsig < 0) {
		x->n = 0;
		return;
	}
	/* the digits have no trailing zeros: more digits after d[nsig]
	 * means more than half */
	if (x->d[nsig] != '5')
		up = x->d[nsig] > '5';
	else if (x->n > nsig + 1)
		up = 1;
	else
		up = nsig > 0 ? (x->d[nsig - 1] - '0') & 1 : 0;
	if (!up) {
		x->n = nsig;
		while (x->n > 0 && x->d[x->n - 1] == '0')
			x->n--;
		return;
	}
	for (i = nsig - 1; i >= 0; i--) {
		if (x->d[i] != '9') {
			x->d[i]++;
			x->n = i + 1;
			return;
		}
	}
	/* all nines (or nsig == 0): becomes 1 followed by zeros */
	x->d[0] = '1';
	x->n = 1;
	x->e++;
}

static char digit_at(const struct dec *x, int i)
{
	return i >= 0 && i < x->n ? x->d[i] : '0';
}

/* Writes v (>= 0, finite) in style 'f' or 'e' into buf; returns length. */
static int put_fixed(char *buf, struct dec x, int prec, int alt)
{
	int len = 0, i;

	round_dec(&x, x.e + 1 + prec);
	if (x.n == 0)
		x.e = 0;
	if (x.e >= 0)
		for (i = 0; i <= x.e; i++)
			buf[len++] = digit_at(&x, i);
	else
		buf[len++] = '0';
	if (prec > 0 || alt)
		buf[len++] = '.';
	for (i = 1; i <= prec; i++)
		buf[len++] = digit_at(&x, x.e + i);
	return len;
}

static int put_exp(char *buf, struct dec x, int prec, int alt, char echar)
{
	int len = 0, i, e;

	round_dec(&x, prec + 1);
	if (x.n == 0) {
		x.d[0] = '0';
		x.n = 1;
	}
	buf[len++] = x.d[0];
	if (prec > 0 || alt)
		buf[len++] = '.';
	for (i = 1; i <= prec; i++)
		buf[len++] = digit_at(&x, i);
	buf[len++] = echar;
	e = x.e;
	if (x.d[0] == '0')
		e = 0;
	buf[len++] = e < 0 ? '-' : '+';
	if (e < 0)
		e = -e;
	if (e >= 100)
		buf[len++] = (char)('0' + e / 100);
	buf[len++] = (char)('0' + e / 10 % 10);
	buf[len++] = (char)('0' + e % 10);
	return len;
}

/* %a: 0x1.hhhp+d (0x0.hhhp-1022 for subnormals), as glibc writes it;
 * a precision rounds the hex digits to nearest, ties to even. */
static int put_hex(char *buf, double v, int prec, int alt, int upper)
{
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	uint64_t bits, frac, lead;
	int exp, nd = 13, len = 0, i;

	memcpy(&bits, &v, sizeof(bits));
	frac = bits & ((1ULL << 52) - 1);
	exp = (int)(bits >> 52 & 0x7ff);
	lead = exp != 0;
	exp = v == 0 ? 0 : exp ? exp - 1023 : -1022;
	if (prec >= 0 && prec < 13) {
		unsigned shift = (unsigned)(13 - prec) * 4;
		uint64_t full = lead << 52 | frac, rem = full & ((1ULL << shift) - 1);
		uint64_t half = 1ULL << (shift - 1);
		full >>= shift;
		if (rem > half || (rem == half && (full & 1)))
			full++;
		lead = full >> (prec * 4);
		frac = prec ? full & ((1ULL << (prec * 4)) - 1) : 0;
		nd = prec;
	} else {
		while (nd > 0 && prec < 0 && (frac & 15) == 0) {
			frac >>= 4;
			nd--;
		}
	}
	buf[len++] = (char)('0' + lead);
	if (nd > 0 || alt || prec > 13)
		buf[len++] = '.';
	for (i = nd - 1; i >= 0; i--)
		buf[len++] = hex[frac >> (4 * i) & 15];
	for (i = 13; i < prec; i++)
		buf[len++] = '0';
	buf[len++] = upper ? 'P' : 'p';
	len += snprintf(buf + len, 8, "%+d", exp);
	return len;
}

static void fmt_float(struct sink *s, struct spec *sp, double v)
{
	char buf[1500], prefix[4] = "", *ep;
	int len, neg = __builtin_signbit(v) != 0, upper = sp->conv <= 'Z';
	int prec = sp->prec < 0 ? 6 : sp->prec, extra = 0;
	struct dec x;

	if (neg)
		v = -v;
	if (neg)
		prefix[0] = '-';
	else if (sp->flags & FL_PLUS)
		prefix[0] = '+';
	else if (sp->flags & FL_SPACE)
		prefix[0] = ' ';
	if (v != v || v > 1.7976931348623157e308) {
		const char *t = v != v ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
		sp->flags &= ~FL_ZERO;
		emit(s, sp, prefix, t, 3, 0);
		return;
	}
	if (prec > 1100) {
		/* keeps buf bounded: every digit a double has is within 1074
		 * places, so the rest are zeros, written by emit_split */
		extra = prec - 1100;
		prec = 1100;
	}
	if ((sp->conv | 32) == 'a') {
		size_t pl = strlen(prefix);
		prefix[pl] = '0';
		prefix[pl + 1] = upper ? 'X' : 'x';
		prefix[pl + 2] = '\0';
		len = put_hex(buf, v, sp->prec < 0 ? -1 : prec, sp->flags & FL_ALT, upper);
		ep = memchr(buf, upper ? 'P' : 'p', (size_t)len);
		emit_split(s, sp, prefix, buf, len, ep ? (int)(ep - buf) : len, extra);
		return;
	}
	to_dec(v, &x);
	switch (sp->conv | 32) {
	case 'f':
		len = put_fixed(buf, x, prec, sp->flags & FL_ALT);
		break;
	case 'e':
		len = put_exp(buf, x, prec, sp->flags & FL_ALT, upper ? 'E' : 'e');
		break;
	default: {	/* 'g': %e if the exponent is < -4 or >= precision */
		struct dec r = x;
		int p = prec == 0 ? 1 : prec;
		round_dec(&r, p);
		if (r.n == 0)
			r.e = 0;
		if (r.e < -4 || r.e >= p)
			len = put_exp(buf, x, p - 1, sp->flags & FL_ALT, upper ? 'E' : 'e');
		else
			len = put_fixed(buf, x, p - 1 - r.e, sp->flags & FL_ALT);
		if (!(sp->flags & FL_ALT) && memchr(buf, '.', (size_t)len)) {
			/* drop trailing zeros of the fraction (before any exponent) */
			char *ep = memchr(buf, upper ? 'E' : 'e', (size_t)len);
			int end = ep ? (int)(ep - buf) : len, k = end;
			while (buf[k - 1] == '0')
				k--;
			if (buf[k - 1] == '.')
				k--;
			memmove(buf + k, buf + end, (size_t)(len - end));
			len -= end - k;
		}
		if (!(sp->flags & FL_ALT))
			extra = 0;	/* trailing zeros are dropped anyway */
		break;
	}
	}
	ep = (sp->conv | 32) == 'f' ? NULL : memchr(buf, upper ? 'E' : 'e', (size_t)len);
	emit_split(s, sp, prefix, buf, len, ep ? (int)(ep - buf) : len, extra);
}

int __vformat(struct sink *s, const char *fmt, va_list ap)
{
	va_list ap2;

	va_copy(ap2, ap);
	while (*fmt) {
		struct spec sp = { 0, 0, -1, 0 };
		int lmod = 0;		/* 'H' hh, 'h', 'l', 'L' ll, 'j', 'z', 't' */
		const char *start;
		uintmax_t u;
		intmax_t i;

		if (*fmt != '%') {
			const char *p = strchrnul(fmt, '%');
			out(s, fmt, (size_t)(p - fmt));
			fmt = p;
			continue;
		}
		start = fmt++;
		for (;; fmt++) {
			if (*fmt == '-') sp.flags |= FL_LEFT;
			else if (*fmt == '+') sp.flags |= FL_PLUS;
			else if (*fmt == ' ') sp.flags |= FL_SPACE;
			else if (*fmt == '#') sp.flags |= FL_ALT;
			else if (*fmt == '0') sp.flags |= FL_ZERO;
			else break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(ap2, int);
			if (sp.width < 0) {
				sp.flags |= FL_LEFT;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			sp.prec = 0;
			if (*fmt == '*') {
				sp.prec = va_arg(ap2, int);
				if (sp.prec < 0)
					sp.prec = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.prec = sp.prec * 10 + (*fmt++ - '0');
			}
		}
		switch (*fmt) {
		case 'h':
			lmod = 'h';
			if (*++fmt == 'h') { lmod = 'H'; fmt++; }
			break;
		case 'l':
			lmod = 'l';
			if (*++fmt == 'l') { lmod = 'L'; fmt++; }
			break;
		case 'L': case 'q': lmod = 'L'; fmt++; break;
		case 'j': case 'z': case 't': lmod = *fmt++; break;
		}
		sp.conv = *fmt;
		if (*fmt)
			fmt++;
		if (sp.flags & FL_LEFT)
			sp.flags &= ~FL_ZERO;

		switch (sp.conv) {
		case 'd': case 'i':
			switch (lmod) {
			case 'H': i = (signed char)va_arg(ap2, int); break;
			case 'h': i = (short)va_arg(ap2, int); break;
			case 'l': i = va_arg(ap2, long); break;
			case 'L': i = va_arg(ap2, long long); break;
			case 'j': i = va_arg(ap2, intmax_t); break;
			case 'z': case 't': i = va_arg(ap2, ptrdiff_t); break;
			default: i = va_arg(ap2, int); break;
			}
			/* negate in unsigned arithmetic: INTMAX_MIN has no positive */
			fmt_int(s, &sp, i < 0 ? -(uintmax_t)i : (uintmax_t)i, i < 0);
			break;
		case 'u': case 'o': case 'x': case 'X':
			switch (lmod) {
			case 'H': u = (unsigned char)va_arg(ap2, unsigned); break;
			case 'h': u = (unsigned short)va_arg(ap2, unsigned); break;
			case 'l': u = va_arg(ap2, unsigned long); break;
			case 'L': u = va_arg(ap2, unsigned long long); break;
			case 'j': u = va_arg(ap2, uintmax_t); break;
			case 'z': case 't': u = va_arg(ap2, size_t); break;
			default: u = va_arg(ap2, unsigned); break;
			}
			sp.flags &= ~(FL_PLUS | FL_SPACE);
			fmt_int(s, &sp, u, 0);
			break;
		case 'p':
			u = (uintptr_t)va_arg(ap2, void *);
			if (u == 0) {
				sp.flags &= ~FL_ZERO;
				sp.prec = -1;
				emit(s, &sp, "", "(nil)", 5, 0);
				break;
			}
			sp.flags |= FL_ALT;
			fmt_int(s, &sp, u, 0);
			break;
		case 'C':
			lmod = 'l';
			/* fall through */
		case 'c': {
			char c[4];
			int n = 1;
			if (lmod == 'l') {
				n = wide_char(s, (wchar_t)va_arg(ap2, wint_t), c);
				if (n < 0)
					break;
			} else {
				c[0] = (char)va_arg(ap2, int);
			}
			sp.flags &= ~FL_ZERO;
			emit(s, &sp, "", c, n, 0);
			break;
		}
		case 'S':
			lmod = 'l';
			/* fall through */
		case 's': {
			const char *str;
			size_t n;
			if (lmod == 'l') {
				fmt_wstr(s, &sp, va_arg(ap2, const wchar_t *));
				break;
			}
			str = va_arg(ap2, const char *);
			if (str == NULL)
				str = "(null)";
			n = sp.prec >= 0 ? strnlen(str, (size_t)sp.prec) : strlen(str);
			if (s->wide && sp.prec >= 0) {
				/* the precision counts characters: take whole
				 * UTF-8 sequences up to prec of them */
				size_t k = 0, chars = 0, lim = strlen(str);
				while (k < lim && chars < (size_t)sp.prec) {
					k++;
					while (k < lim && ((unsigned char)str[k] & 0xc0) == 0x80)
						k++;
					chars++;
				}
				n = k;
			}
			sp.flags &= ~FL_ZERO;
			emit(s, &sp, "", str, (int)n, 0);
			break;
		}
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
			if (lmod == 'L')
				fmt_float(s, &sp, (double)va_arg(ap2, long double));
			else
				fmt_float(s, &sp, va_arg(ap2, double));
			break;
		case 'n':
			switch (lmod) {
			case 'H': *va_arg(ap2, signed char *) = (signed char)s->count; break;
			case 'h': *va_arg(ap2, short *) = (short)s->count; break;
			case 'l': case 'L': case 'j': case 'z': case 't':
				*va_arg(ap2, long *) = (long)s->count; break;
			default: *va_arg(ap2, int *) = (int)s->count; break;
			}
			break;
		case '%':
			out(s, "%", 1);
			break;
		default:
			/* unknown conversion: print it as it was written */
			out(s, start, (size_t)(fmt - start));
			break;
		}
	}
	va_end(ap2);
	return s->error ? -1 : (int)s->count;
}
