/*
 * strtod, strtof: correctly rounded (to nearest, ties to even), as glibc.
 *
 * Decimal input: the significant digits (up to 800; any nonzero digit
 * after those is kept as a sticky last digit, which cannot change the
 * rounding since a halfway point between doubles has at most 767
 * significant digits) make an integer D, and the value is D x 10^E.
 * Short inputs take the exact fast path (D < 2^53, |E| <= 22: one
 * correctly rounded multiply or divide).  Otherwise a long double
 * estimate gives a candidate, and the candidate moves by one unit until
 * D x 10^E lies between the midpoints to its neighbours, compared
 * exactly with big integers (fpconv/big.c).
 *
 * Hex input (0x1.8p3) is exact in a long double when it has at most 63
 * significant bits (more are folded into a sticky bit), so one rounding
 * to double or float is correct.  "inf", "infinity", "nan" and
 * "nan(chars)" are accepted in any case.  ERANGE, as glibc, on overflow
 * (HUGE_VAL) and when a value below the smallest normal number is not
 * exact.  strtold returns the double.
 */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include "../fpconv/big.h"

#define MAXDIG 800

/* A binary floating format: double (53, -1074, 0x7ff) or float. */
struct fmt {
	int p;		/* significand bits */
	int e2min;	/* exponent of the smallest subnormal */
	uint64_t inf;	/* bit pattern of +infinity */
};

static const struct fmt f64 = { 53, -1074, 0x7ffULL << 52 };
static const struct fmt f32 = { 24, -149, 0xffULL << 23 };

/* bits (positive, finite) = M x 2^e2 */
static void decompose(const struct fmt *f, uint64_t bits, uint64_t *m, int *e2)
{
	uint64_t frac = bits & ((1ULL << (f->p - 1)) - 1);
	int ef = (int)(bits >> (f->p - 1));

	if (ef == 0) {
		*m = frac;
		*e2 = f->e2min;
	} else {
		*m = frac | 1ULL << (f->p - 1);
		*e2 = ef + f->e2min - 1;
	}
}

/* Compares D x 10^E with N x 2^F exactly; 2 if the numbers are too big. */
static int cmp_exact(const struct big *d, int e, uint64_t n, int f)
{
	struct big l = *d, r;

	__big_set(&r, n);
	if (e >= 0) {
		__big_mul_pow5(&l, (unsigned)e);
		__big_shl(&l, (unsigned)e);
	} else {
		__big_mul_pow5(&r, (unsigned)-e);
		__big_shl(&r, (unsigned)-e);
	}
	if (f >= 0)
		__big_shl(&r, (unsigned)f);
	else
		__big_shl(&l, (unsigned)-f);
	if (l.over || r.over)
		return 2;
	return __big_cmp(&l, &r);
}

/* Moves the candidate bits until D x 10^E rounds to it. */
static uint64_t settle(const struct fmt *f, const struct big *d, int e, uint64_t bits)
{
	int guard;

	for (guard = 0; guard < 64 && bits < f->inf; guard++) {
		uint64_t m;
		int e2, c;

		decompose(f, bits, &m, &e2);
		/* the midpoint to the next value up: (2M + 1) x 2^(e2 - 1) */
		c = cmp_exact(d, e, 2 * m + 1, e2 - 1);
		if (c == 2)
			return bits;
		if (c > 0 || (c == 0 && (m & 1))) {
			bits++;		/* may reach infinity */
			continue;
		}
		if (bits == 0)
			return bits;
		/* the midpoint down; below a power of two the gap halves */
		if (m == 1ULL << (f->p - 1) && e2 > f->e2min)
			c = cmp_exact(d, e, 4 * m - 1, e2 - 2);
		else
			c = cmp_exact(d, e, 2 * m - 1, e2 - 1);
		if (c == 2)
			return bits;
		if (c < 0 || (c == 0 && (m & 1))) {
			bits--;
			continue;
		}
		return bits;
	}
	return bits;
}

/* 10^k in long double, by squaring: close enough for an estimate. */
static long double pow10l_est(int k)
{
	long double r = 1, b = 10;
	int neg = k < 0;
	unsigned u = neg ? (unsigned)-k : (unsigned)k;

	for (; u; u >>= 1, b *= b)
		if (u & 1)
			r *= b;
	return neg ? 1 / r : r;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 32;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parses the hex part after "0x"; the value as an exact long double
 * (or one with a sticky bit); *endp just past it, or at the "x" if no
 * digits follow (then "0" was the number). */
static long double parse_hex(const char *p, const char **endp)
{
	uint64_t m = 0;
	int any = 0, e2 = 0, sticky = 0, v, dot = 0;
	long double r;

	for (;; p++) {
		if (*p == '.' && !dot) {
			dot = 1;
			continue;
		}
		if ((v = hexval((unsigned char)*p)) < 0)
			break;
		any = 1;
		if (m >> 59 == 0) {
			m = m << 4 | (uint64_t)v;
			if (dot)
				e2 -= 4;
		} else {
			sticky |= v != 0;
			if (!dot)
				e2 += 4;
		}
	}
	if (!any) {
		*endp = NULL;
		return 0;
	}
	if ((*p | 32) == 'p') {
		const char *q = p + 1;
		int neg = 0, x = 0;
		if (*q == '+' || *q == '-')
			neg = *q++ == '-';
		if (isdigit((unsigned char)*q)) {
			for (; isdigit((unsigned char)*q); q++)
				if (x < 100000)
					x = x * 10 + (*q - '0');
			e2 += neg ? -x : x;
			p = q;
		}
	}
	*endp = p;
	if (sticky)
		m |= 1;		/* m has 60+ bits: bit 0 only breaks ties */
	r = (long double)m;	/* exact: m < 2^64 */
	/* exact scaling by powers of two; long double's range holds all */
	if (e2 > 20000)
		e2 = 20000;
	if (e2 < -20000)
		e2 = -20000;
	for (; e2 >= 64; e2 -= 64)
		r *= 18446744073709551616.0L;
	for (; e2 <= -64; e2 += 64)
		r /= 18446744073709551616.0L;
	if (e2 > 0)
		r *= (long double)(1ULL << e2);
	else if (e2 < 0)
		r /= (long double)(1ULL << -e2);
	return r;
}

/* Parses s; the result as the bits of f's format, *end past the number. */
static uint64_t convert(const struct fmt *f, const char *s, char **end, int *neg)
{
	const char *p = s, *q;
	char dig[MAXDIG + 1];
	int nd = 0, any = 0, e10 = 0, sticky = 0, i, mag, exact, tiny;
	uint64_t bits, top;
	struct big d;
	long double est;

	*neg = 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if (strncasecmp(p, "inf", 3) == 0) {
		p += strncasecmp(p, "infinity", 8) == 0 ? 8 : 3;
		*end = (char *)p;
		return f->inf;
	}
	if (strncasecmp(p, "nan", 3) == 0) {
		p += 3;
		if (*p == '(') {	/* nan(n-char-sequence) */
			for (q = p + 1; isalnum((unsigned char)*q) || *q == '_'; q++)
				;
			if (*q == ')')
				p = q + 1;
		}
		*end = (char *)p;
		return f->inf | 1ULL << (f->p - 2);	/* a quiet NaN */
	}
	if (p[0] == '0' && (p[1] | 32) == 'x') {
		long double v = parse_hex(p + 2, &q);
		if (q == NULL) {	/* "0x" with no digits: just the 0 */
			*end = (char *)p + 1;
			return 0;
		}
		*end = (char *)q;
		if (f->p == 24) {
			float x = (float)v;
			uint32_t b;
			memcpy(&b, &x, sizeof(b));
			bits = b;
			exact = x == v;
			tiny = v < 1.17549435082228750797e-38L;
		} else {
			double x = (double)v;
			memcpy(&bits, &x, sizeof(bits));
			exact = x == v;
			tiny = v < 2.22507385850720138309e-308L;
		}
		/* as glibc: overflow, or tiny before rounding and inexact */
		if (bits == f->inf || (tiny && !exact))
			errno = ERANGE;
		return bits;
	}
	/* digits: leading zeros skipped, MAXDIG kept, the rest sticky */
	for (; isdigit((unsigned char)*p); p++) {
		any = 1;
		if (nd == 0 && *p == '0')
			continue;
		if (nd < MAXDIG)
			dig[nd++] = *p;
		else {
			e10++;
			sticky |= *p != '0';
		}
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			any = 1;
			if (nd == 0 && *p == '0') {
				e10--;
				continue;
			}
			if (nd < MAXDIG) {
				dig[nd++] = *p;
				e10--;
			} else {
				sticky |= *p != '0';
			}
		}
	}
	if (!any) {
		*end = (char *)s;
		return 0;
	}
	if ((*p | 32) == 'e') {
		const char *r = p + 1;
		int eneg = 0, x = 0;
		if (*r == '+' || *r == '-')
			eneg = *r++ == '-';
		if (isdigit((unsigned char)*r)) {
			for (; isdigit((unsigned char)*r); r++)
				if (x < 100000)
					x = x * 10 + (*r - '0');
			e10 += eneg ? -x : x;
			p = r;
		}
	}
	*end = (char *)p;
	while (nd > 0 && dig[nd - 1] == '0') {	/* trailing zeros: scale */
		nd--;
		e10++;
	}
	if (nd == 0)
		return 0;
	if (sticky) {
		dig[nd++] = '1';
		e10--;
	}
	/* the value lies in [10^(mag-1), 10^mag) */
	mag = nd + e10;
	if (mag > 310 + (f->p == 24 ? 0 : 0)) {
		errno = ERANGE;
		return f->inf;
	}
	if (mag < -326) {
		errno = ERANGE;
		return 0;
	}
	top = 0;
	for (i = 0; i < nd && i < 19; i++)
		top = top * 10 + (uint64_t)(dig[i] - '0');
	/* exact fast path */
	if (f->p == 53 && nd <= 15 && e10 >= -22 && e10 <= 22) {
		double x = (double)top;
		x = e10 < 0 ? x / (double)pow10l_est(-e10) : x * (double)pow10l_est(e10);
		memcpy(&bits, &x, sizeof(bits));
		return bits;
	}
	est = (long double)top * pow10l_est(e10 + nd - (nd < 19 ? nd : 19));
	if (f->p == 24) {
		float x = est > 3.5e38L ? 3.4028234663852886e38f : (float)est;
		uint32_t b;
		memcpy(&b, &x, sizeof(b));
		bits = b;
	} else {
		double x = est > 1.8e308L ? 1.7976931348623157e308 : (double)est;
		memcpy(&bits, &x, sizeof(bits));
	}
	__big_set(&d, 0);
	for (i = 0; i < nd; i += 9) {	/* D, nine digits at a time */
		uint32_t chunk = 0, mul = 1;
		int j;
		for (j = i; j < nd && j < i + 9; j++) {
			chunk = chunk * 10 + (uint32_t)(dig[j] - '0');
			mul *= 10;
		}
		__big_mul_small(&d, mul);
		__big_add_small(&d, chunk);
	}
	bits = settle(f, &d, e10, bits);
	/* ERANGE as glibc: overflow, or a value below the smallest normal
	 * (before rounding) that is not exact */
	if (bits >= f->inf) {
		errno = ERANGE;
	} else if (bits <= 1ULL << (f->p - 1)) {
		uint64_t m;
		int e2;
		decompose(f, bits, &m, &e2);
		tiny = bits < 1ULL << (f->p - 1) ||
		    cmp_exact(&d, e10, 1, f->e2min + f->p - 1) < 0;
		exact = bits != 0 && cmp_exact(&d, e10, m, e2) == 0;
		if (tiny && !exact)
			errno = ERANGE;
	}
	return bits;
}

double strtod(const char *restrict s, char **restrict end)
{
	char *e;
	int neg;
	uint64_t bits = convert(&f64, s, &e, &neg);
	double v;

	if (end)
		*end = e;
	memcpy(&v, &bits, sizeof(v));
	return neg ? -v : v;
}

float strtof(const char *restrict s, char **restrict end)
{
	char *e;
	int neg;
	uint32_t bits = (uint32_t)convert(&f32, s, &e, &neg);
	float v;

	if (end)
		*end = e;
	memcpy(&v, &bits, sizeof(v));
	return neg ? -v : v;
}

long double strtold(const char *restrict s, char **restrict end)
{
	return strtod(s, end);
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
