/*
 * mathx.c - log1p, expm1 and the inverse hyperbolic functions.
 *
 * All in long double on the x87, which has the two primitives these need
 * without cancellation: fyl2xp1 (y * log2(1 + x) for small x, without
 * forming 1 + x) and f2xm1 (2^x - 1 for |x| <= 1).  The 64-bit mantissa
 * leaves 11 guard bits, so the results round to double within an ulp of
 * the true value.  Domain errors give NaN and EDOM; poles give an
 * infinity and ERANGE.
 */
#include <errno.h>
#include <math.h>

typedef long double ld;

/* x87 square root, correctly rounded in long double (v >= 0 here) */
static ld mx_sqrtl(ld v)
{
	__asm__("fsqrt" : "+t"(v));
	return v;
}

/* ln(1 + x) for x > -1, in long double. */
static ld mx_log1pl(ld x)
{
	ld r;

	if (x > -0.29L && x < 0.29L) {	/* fyl2xp1's range: |x| < 1 - sqrt(2)/2 */
		__asm__("fldln2\n\tfxch\n\tfyl2xp1" : "=t"(r) : "0"(x) : "st(1)");
		return r;
	}
	r = 1.0L + x;
	__asm__("fldln2\n\tfxch\n\tfyl2x" : "=t"(r) : "0"(r) : "st(1)");
	return r;
}

/* e^x - 1 in long double, for |x| <= 45 (no overflow there). */
static ld mx_expm1l(ld x)
{
	ld t = x * 1.44269504088896340735992468100189214L;	/* log2(e) */
	ld n, f, r;

	if (t >= -1.0L && t <= 1.0L) {
		__asm__("f2xm1" : "=t"(r) : "0"(t));
		return r;
	}
	__asm__("frndint" : "=t"(n) : "0"(t));
	f = t - n;			/* |f| <= 1/2 */
	__asm__("f2xm1" : "=t"(r) : "0"(f));
	__asm__("fscale" : "=t"(r) : "0"(r + 1.0L), "u"(n));
	return r - 1.0L;
}

double log1p(double x)
{
	if (isnan(x))
		return x;
	if (x == -1) {
		errno = ERANGE;
		return -HUGE_VAL;
	}
	if (x < -1) {
		errno = EDOM;
		return NAN;
	}
	if (isinf(x))
		return x;
	if (x > 0x1p60)			/* 1 + x is x even in long double */
		return log(x);
	return (double)mx_log1pl(x);
}

double expm1(double x)
{
	if (isnan(x))
		return x;
	if (x > 45)
		return exp(x);		/* e^x - 1 rounds to e^x (and overflows as it does) */
	if (x < -45)
		return -1.0;
	if (x == 0)
		return x;		/* keeps -0 */
	return (double)mx_expm1l(x);
}

double asinh(double x)
{
	ld a = fabs(x), r;

	if (isnan(x) || isinf(x) || x == 0)
		return x;
	if (a > 0x1p32L)		/* sqrt(a^2 + 1) = a to long double precision */
		return (x < 0 ? -1 : 1) * (log(fabs(x)) + M_LN2);
	/* asinh(a) = log1p(a + a^2 / (1 + sqrt(1 + a^2))): no cancellation */
	r = mx_log1pl(a + a * a / (1.0L + mx_sqrtl(1.0L + a * a)));
	return (double)(x < 0 ? -r : r);
}

double acosh(double x)
{
	ld t;

	if (isnan(x))
		return x;
	if (x < 1) {
		errno = EDOM;
		return NAN;
	}
	if (isinf(x))
		return x;
	if (x > 0x1p32)
		return log(x) + M_LN2;
	t = (ld)x - 1.0L;		/* exact */
	return (double)mx_log1pl(t + mx_sqrtl(2.0L * t + t * t));
}

double atanh(double x)
{
	ld a = fabs(x), r;

	if (isnan(x))
		return x;
	if (a > 1) {
		errno = EDOM;
		return NAN;
	}
	if (a == 1) {
		errno = ERANGE;
		return x > 0 ? HUGE_VAL : -HUGE_VAL;
	}
	if (x == 0)
		return x;
	/* atanh(a) = log1p(2a / (1 - a)) / 2; 1 - a is exact in long double */
	r = 0.5L * mx_log1pl(2.0L * a / (1.0L - a));
	return (double)(x < 0 ? -r : r);
}
