/*
 * math.c - the double-precision math library.
 *
 * Plain methods, chosen to be checkable rather than fast: bit operations
 * for the exact functions (trunc, floor, fmod, ldexp, ...), argument
 * reduction plus a Taylor series in long double for exp, log, sin, cos
 * and atan.  Results are within an ulp of glibc's (libc/tests/
 * math_glibc.c); the reduction for sin/cos loses accuracy beyond
 * |x| ~ 1e9.  Domain errors give NaN and
 * EDOM, overflow gives HUGE_VAL and ERANGE.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static uint64_t m_bits(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof(u));
	return u;
}

static double m_from(uint64_t u)
{
	double x;

	memcpy(&x, &u, sizeof(x));
	return x;
}

static double m_domain(void)
{
	errno = EDOM;
	return NAN;
}

static double m_range(double v)
{
	errno = ERANGE;
	return v;
}

/* x87 square root: correctly rounded in long double */
static long double m_sqrtl(long double v)
{
	__asm__("fsqrt" : "+t"(v));
	return v;
}

double fabs(double x)
{
	return m_from(m_bits(x) & ~(1ull << 63));
}

float fabsf(float x)
{
	return x < 0 ? -x : (x == 0 ? 0.0f : x);
}

double copysign(double x, double y)
{
	return m_from((m_bits(x) & ~(1ull << 63)) | (m_bits(y) & (1ull << 63)));
}

double trunc(double x)
{
	uint64_t u = m_bits(x);
	int e = (int)((u >> 52) & 0x7ff) - 1023;

	if (e >= 52)
		return x;		/* integral, inf or nan */
	if (e < 0)
		return m_from(u & (1ull << 63));	/* +-0 */
	return m_from(u & ~((1ull << (52 - e)) - 1));
}

double floor(double x)
{
	double t = trunc(x);

	return (x < 0 && t != x) ? t - 1 : t;
}

double ceil(double x)
{
	double t = trunc(x);

	return (x > 0 && t != x) ? t + 1 : t;
}

float floorf(float x) { return (float)floor(x); }
float ceilf(float x) { return (float)ceil(x); }

/* Halfway cases away from zero; x - trunc(x) is exact. */
double round(double x)
{
	double t = trunc(x);

	if (fabs(x - t) >= 0.5)
		t += copysign(1.0, x);
	return t;
}

long lround(double x)
{
	return (long)round(x);
}

double fmin(double x, double y)
{
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	return x < y ? x : y;
}

double fmax(double x, double y)
{
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	return x > y ? x : y;
}

double frexp(double x, int *e)
{
	uint64_t u = m_bits(x);
	int ex = (int)((u >> 52) & 0x7ff);

	*e = 0;
	if (ex == 0x7ff || x == 0)
		return x;
	if (ex == 0) {			/* subnormal: normalise first */
		x *= 0x1p64;
		u = m_bits(x);
		ex = (int)((u >> 52) & 0x7ff) - 64;
	}
	*e = ex - 1022;
	return m_from((u & ~(0x7ffull << 52)) | (1022ull << 52));
}

double ldexp(double x, int e)
{
	double m;
	int ex;

	if (x == 0 || !isfinite(x))
		return x;
	m = frexp(x, &ex);		/* x = m * 2^ex, m in [0.5, 1) */
	if (e > 5000)
		e = 5000;
	if (e < -5000)
		e = -5000;
	ex += e;
	if (ex > 1024)
		return m_range(copysign(HUGE_VAL, x));
	if (ex >= -1021)		/* normal: set the exponent field */
		return m_from((m_bits(m) & ~(0x7ffull << 52)) |
		    ((uint64_t)(ex + 1022) << 52));
	if (ex < -1080)
		return m_range(copysign(0.0, x));
	/* Subnormal: an exact scaling, then one rounding multiply. */
	return m * m_from((uint64_t)(ex + 1074 + 1023) << 52) * 0x1p-1074;
}

double modf(double x, double *ip)
{
	double t = trunc(x);

	*ip = t;
	if (isinf(x))
		return copysign(0.0, x);
	return copysign(x - t, x);
}

/* Exact: |x| - k * |y| for the largest fitting power-of-two multiples. */
double fmod(double x, double y)
{
	double r, ay;
	int ex, ey;

	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return m_domain();
	if (isinf(y) || x == 0)
		return x;
	r = fabs(x);
	ay = fabs(y);
	frexp(ay, &ey);
	while (r >= ay) {
		double s;

		frexp(r, &ex);
		s = ldexp(ay, ex - ey);
		if (s > r)
			s = ldexp(ay, ex - ey - 1);
		r -= s;			/* s <= r < 2s: exact */
	}
	return copysign(r, x);
}

double sqrt(double x)
{
	double r;

	if (x < 0)
		return m_domain();
	__asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
	return r;
}

float sqrtf(float x)
{
	float r;

	if (x < 0)
		return (float)m_domain();
	__asm__("sqrtss %1, %0" : "=x"(r) : "x"(x));
	return r;
}

double hypot(double x, double y)
{
	long double a = fabs(x), b = fabs(y);

	if (isinf(x) || isinf(y))
		return INFINITY;
	if (isnan(x) || isnan(y))
		return x + y;
	/* long double's range holds the squares; one rounding at the end */
	return (double)m_sqrtl(a * a + b * b);
}

/*
 * The transcendental functions work in long double (x87, 64-bit
 * mantissa) and round to double once at the end, so the errors of the
 * series and of the argument reduction stay far below a double's ulp.
 */
typedef long double ld;

static const ld LN2L = 0.693147180559945309417232121458176568L;
static const ld LN10L = 2.30258509299404568401799145468436421L;
static const ld PIL = 3.14159265358979323846264338327950288L;
static const ld PIO2L = 1.57079632679489661923132169163975144L;
static const ld PIO4L = 0.785398163397448309615660845819875721L;

/* ln 2 = LN2_HI + LN2_LO, LN2_HI with zero low bits so k * LN2_HI is
 * exact. */
static const double LN2_HI = 6.93147180369123816490e-01;
static const double LN2_LO = 1.90821492927058770002e-10;

/* pi/2 = PIO2_1 + PIO2_2 + PIO2_2T, the first two with 33 bits. */
static const double PIO2_1 = 1.57079632673412561417e+00;
static const double PIO2_2 = 6.07710050630396597660e-11;
static const double PIO2_2T = 2.02226624879595063154e-21;

/* v * 2^k rounded once to double (|k| < 2200). */
static double m_scale(ld v, int k)
{
	int h = k / 2;

	v *= (ld)ldexp(1.0, h);
	v *= (ld)ldexp(1.0, k - h);
	return (double)v;
}

/* e^r for |r| <= 0.35: Horner on the Taylor series. */
static ld m_expk(ld r)
{
	ld p = 1;
	int i;

	for (i = 22; i >= 1; i--)
		p = 1 + p * r / i;
	return p;
}

/* e^t rounded to double. */
static double m_exp_ld(ld t)
{
	double res;
	ld k, r;

	if (t != t)
		return (double)t;
	if (t > 709.8L)
		return m_range(HUGE_VAL);
	if (t < -745.2L)
		return m_range(0);
	k = (ld)(long)(t / LN2L + (t < 0 ? -0.5L : 0.5L));
	r = (t - k * LN2_HI) - k * (ld)LN2_LO;
	res = m_scale(m_expk(r), (int)k);
	if (res == 0 || isinf(res))
		errno = ERANGE;
	return res;
}

double exp(double x)
{
	if (x == -INFINITY)
		return 0;
	if (x == INFINITY)
		return x;
	return m_exp_ld(x);
}

double exp2(double x)
{
	double k;

	if (isnan(x))
		return x;
	if (x == -INFINITY)
		return 0;
	if (x > 1024)
		return m_range(HUGE_VAL);
	if (x < -1080)
		return m_range(0);
	k = round(x);
	if (k == x)
		return ldexp(1.0, (int)x);	/* exact */
	return m_scale(m_expk((ld)(x - k) * LN2L), (int)k);
}

/* x = m * 2^e with m in [sqrt(1/2), sqrt(2)); x finite and > 0. */
static double m_split(double x, int *e)
{
	double m = frexp(x, e);		/* [0.5, 1) */

	if (m < M_SQRT1_2) {
		m *= 2;
		--*e;
	}
	return m;
}

/* log(m) for m in [sqrt(1/2), sqrt(2)): 2 atanh(f), f = (m-1)/(m+1). */
static ld m_logm(double m)
{
	ld f = ((ld)m - 1) / ((ld)m + 1), f2 = f * f, q = 1.0L / 33;
	int i;

	for (i = 31; i >= 1; i -= 2)
		q = 1.0L / i + f2 * q;
	return 2 * f * q;
}

/* log(x) for finite x > 0. */
static ld m_logl(double x)
{
	int e;
	double m = m_split(x, &e);

	return e * LN2L + m_logm(m);
}

/* The special cases shared by the logs; 1 if *r is the answer. */
static int m_log_special(double x, double *r)
{
	if (isnan(x) || x == INFINITY)
		*r = x;
	else if (x < 0)
		*r = m_domain();
	else if (x == 0)
		*r = m_range(-HUGE_VAL);
	else
		return 0;
	return 1;
}

double log(double x)
{
	double r;

	if (m_log_special(x, &r))
		return r;
	if (x == 1)
		return 0;
	return (double)m_logl(x);
}

double log2(double x)
{
	double r, m;
	int e;

	if (m_log_special(x, &r))
		return r;
	m = m_split(x, &e);
	if (m == 1)
		return e;		/* powers of two: exact */
	return (double)(e + m_logm(m) / LN2L);
}

double log10(double x)
{
	double r, p = 1;
	int k;

	if (m_log_special(x, &r))
		return r;
	/* Exact powers of ten (up to 1e22 they are exact doubles). */
	for (k = 0; k <= 22 && p <= x; k++, p *= 10)
		if (p == x)
			return k;
	return (double)(m_logl(x) / LN10L);
}

/* x^n by squaring in long double: exact while the products fit in 64
 * bits, otherwise off by far less than a double's ulp. */
static ld m_powi(double x, long n)
{
	ld r = 1, b = x;
	int neg = n < 0;

	if (neg)
		n = -n;
	while (n > 0) {
		if (n & 1)
			r *= b;
		n >>= 1;
		if (n > 0)
			b *= b;
	}
	return neg ? 1 / r : r;
}

static int m_is_odd_int(double y)
{
	double h = y / 2;

	return fabs(y) < 0x1p53 && trunc(y) == y && trunc(h) != h;
}

double pow(double x, double y)
{
	double ax, r;
	int odd, neg = 0;

	if (y == 0 || x == 1)
		return 1;
	if (isnan(x) || isnan(y))
		return x + y;
	odd = m_is_odd_int(y);
	if (isinf(y)) {
		ax = fabs(x);
		if (ax == 1)
			return 1;
		return (ax > 1) == (y > 0) ? INFINITY : 0;
	}
	if (x == 0) {
		if (y < 0) {
			errno = ERANGE;
			return odd ? copysign(INFINITY, x) : INFINITY;
		}
		return odd ? x : 0;
	}
	if (isinf(x)) {
		if (x > 0)
			return y > 0 ? INFINITY : 0;
		if (y > 0)
			return odd ? -INFINITY : INFINITY;
		return odd ? -0.0 : 0;
	}
	if (x < 0) {
		if (trunc(y) != y)
			return m_domain();
		neg = odd;
		x = -x;
	}
	if (y == 0.5)
		return sqrt(x);
	if (trunc(y) == y && fabs(y) <= 1024) {
		r = (double)m_powi(x, (long)y);
		if (isinf(r) || r == 0)
			errno = ERANGE;
	} else {
		r = m_exp_ld((ld)y * m_logl(x));
	}
	return neg ? -r : r;
}

/* x - k pi/2 for the nearest k (exact products while |k| < 2^31);
 * *q = k mod 4. */
static ld m_reduce(double x, int *q)
{
	double k = round(x * M_2_PI);
	long long ki = (long long)k;

	*q = (int)(ki & 3);
	return (((ld)x - (ld)k * PIO2_1) - (ld)k * PIO2_2) - (ld)k * PIO2_2T;
}

/* sin and cos of |r| <= pi/4 by Horner on their series. */
static ld m_sin(ld r)
{
	ld r2 = r * r, p = 1;
	int i;

	for (i = 13; i >= 1; i--)
		p = 1 - r2 / ((2 * i) * (2 * i + 1)) * p;
	return r * p;
}

static ld m_cos(ld r)
{
	ld r2 = r * r, p = 1;
	int i;

	for (i = 13; i >= 1; i--)
		p = 1 - r2 / ((2 * i - 1) * (2 * i)) * p;
	return p;
}

double sin(double x)
{
	ld r;
	int q;

	if (isnan(x))
		return x;
	if (isinf(x))
		return m_domain();
	if (x == 0)
		return x;
	r = m_reduce(x, &q);
	switch (q) {
	case 0: return (double)m_sin(r);
	case 1: return (double)m_cos(r);
	case 2: return (double)-m_sin(r);
	default: return (double)-m_cos(r);
	}
}

double cos(double x)
{
	ld r;
	int q;

	if (isnan(x))
		return x;
	if (isinf(x))
		return m_domain();
	r = m_reduce(x, &q);
	switch (q) {
	case 0: return (double)m_cos(r);
	case 1: return (double)-m_sin(r);
	case 2: return (double)-m_cos(r);
	default: return (double)m_sin(r);
	}
}

double tan(double x)
{
	ld r;
	int q;

	if (isnan(x))
		return x;
	if (isinf(x))
		return m_domain();
	if (x == 0)
		return x;
	r = m_reduce(x, &q);
	return (double)((q & 1) ? -m_cos(r) / m_sin(r) : m_sin(r) / m_cos(r));
}

/* atan(a) for a >= 0 (inf allowed). */
static ld m_atanl(ld a)
{
	ld base = 0, t2, q;
	int inv = 0, i;

	if (a > 1) {
		a = 1 / a;	/* atan(a) = pi/2 - atan(1/a) */
		inv = 1;
	}
	if (a > 0.414213562373095048801688724209698079L) {
		a = (a - 1) / (a + 1);	/* atan(a) = pi/4 + atan((a-1)/(a+1)) */
		base = PIO4L;
	}
	t2 = a * a;
	q = 1.0L / 61;
	for (i = 59; i >= 1; i -= 2)
		q = 1.0L / i - t2 * q;
	q = base + a * q;
	return inv ? PIO2L - q : q;
}

double atan(double x)
{
	if (isnan(x) || x == 0)
		return x;
	return copysign((double)m_atanl(fabs(x)), x);
}

double atan2(double y, double x)
{
	ld r;

	if (isnan(x) || isnan(y))
		return x + y;
	if (y == 0) {
		if (x > 0 || (x == 0 && !signbit(x)))
			return y;		/* +-0 */
		return copysign(M_PI, y);
	}
	if (x == 0)
		return copysign(M_PI_2, y);
	if (isinf(x)) {
		if (isinf(y))
			return copysign(x > 0 ? M_PI_4 : 3 * M_PI_4, y);
		return x > 0 ? copysign(0.0, y) : copysign(M_PI, y);
	}
	if (isinf(y))
		return copysign(M_PI_2, y);
	r = m_atanl((ld)fabs(y) / (ld)fabs(x));
	if (x < 0)
		r = PIL - r;
	return copysign((double)r, y);
}

double asin(double x)
{
	ld a = fabs(x);

	if (isnan(x))
		return x;
	if (a > 1)
		return m_domain();
	if (x == 0)
		return x;
	return copysign((double)m_atanl(a / m_sqrtl((1 - a) * (1 + a))), x);
}

double acos(double x)
{
	ld a = x, r;

	if (isnan(x))
		return x;
	if (fabs(x) > 1)
		return m_domain();
	if (x == 0)
		return (double)PIO2L;
	r = m_atanl(m_sqrtl((1 - a) * (1 + a)) / fabs(x));
	return (double)(x < 0 ? PIL - r : r);
}
