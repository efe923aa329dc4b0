/*
 * math_glibc.c - a host program: our math.c (compiled against our headers,
 * its functions renamed our_NAME by objcopy) against glibc's libm.
 * Exact functions must agree bit for bit; the others within a few ulps
 * over special values and pseudo-random arguments.  Prints the functions
 * whose worst error is over their bound, and fails if there are any.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F1(n) double our_##n(double);
#define F2(n) double our_##n(double, double);
F1(fabs) F1(floor) F1(ceil) F1(trunc) F1(round) F1(sqrt) F1(exp) F1(exp2)
F1(log) F1(log2) F1(log10) F1(sin) F1(cos) F1(tan) F1(atan) F1(asin) F1(acos)
F2(fmod) F2(pow) F2(atan2) F2(hypot) F2(fmin) F2(fmax) F2(copysign)
double our_ldexp(double, int);
double our_frexp(double, int *);

static uint64_t seed = 88172645463325252ull;

static uint64_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

/* uniform in [lo, hi) */
static double urand(double lo, double hi)
{
	return lo + (hi - lo) * (double)(rnd() >> 11) * 0x1p-53;
}

/* ulps between a and b; 0 if both NaN or identical, huge if one is NaN. */
static double ulps(double a, double b)
{
	int64_t ia, ib;

	if (isnan(a) && isnan(b))
		return 0;
	if (isnan(a) || isnan(b))
		return 1e300;
	if (a == b)
		return signbit(a) == signbit(b) ? 0 : 1e300;
	memcpy(&ia, &a, 8);
	memcpy(&ib, &b, 8);
	if ((ia < 0) != (ib < 0))
		return 1e300;
	if (ia < 0) {
		ia = -(ia & INT64_MAX);
		ib = -(ib & INT64_MAX);
	}
	return (double)(ia > ib ? ia - ib : ib - ia);
}

static int failures, nchecked;

static void report(const char *name, double worst, double bound, double at, double at2)
{
	int bad = worst > bound;

	nchecked++;

	if (!bad)
		return;		/* quiet unless out of bounds */
	printf("FAIL %-9s worst %6.0f ulp (bound %.0f)", name,
	    worst > 1e9 ? 1e9 : worst, bound);
	if (worst > 0)
		printf(" at %.17g, %.17g", at, at2);
	printf("\n");
	failures += bad;
}

static const double specials[] = {
	0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.0, -2.5, 3.0, 10.0, 100.0,
	1e-300, -1e-300, 4.9e-324, 2.2250738585072014e-308, 1e300, -1e300,
	1.7976931348623157e308, 0.1, 0.7, 1e22, 1e23, 4503599627370495.5,
	4503599627370496.0, 9007199254740993.0, M_PI, M_PI_2, M_PI_4, M_E,
	INFINITY, -INFINITY, NAN, 123456.789, -0.999, 1e-5,
};
#define NSPEC (sizeof(specials) / sizeof(specials[0]))

/* one-argument function over specials and random arguments in [lo, hi) */
static void check1(const char *name, double (*ours)(double), double (*ref)(double),
    double lo, double hi, double bound)
{
	double worst = 0, at = 0, u, x;
	size_t i;

	for (i = 0; i < NSPEC + 200000; i++) {
		x = i < NSPEC ? specials[i] : urand(lo, hi);
		if (i < NSPEC && bound > 0 && (x < lo || x > hi) && isfinite(x))
			continue;	/* inexact functions: only in their range */
		u = ulps(ours(x), ref(x));
		if (u > worst) {
			worst = u;
			at = x;
		}
	}
	report(name, worst, bound, at, 0);
}

static void check2(const char *name, double (*ours)(double, double),
    double (*ref)(double, double), double lo, double hi, double lo2, double hi2,
    double bound)
{
	double worst = 0, at = 0, at2 = 0, u, x, y;
	size_t i, j;

	for (i = 0; i < NSPEC; i++)
		for (j = 0; j < NSPEC; j++) {
			x = specials[i];
			y = specials[j];
			u = ulps(ours(x, y), ref(x, y));
			if (u > worst && (bound == 0 || u > bound)) {
				worst = u, at = x, at2 = y;
			}
		}
	for (i = 0; i < 200000; i++) {
		x = urand(lo, hi);
		y = urand(lo2, hi2);
		u = ulps(ours(x, y), ref(x, y));
		if (u > worst)
			worst = u, at = x, at2 = y;
	}
	report(name, worst, bound, at, at2);
}

static double g_ldexp10(double x) { return ldexp(x, 10); }
static double o_ldexp10(double x) { return our_ldexp(x, 10); }
static double g_ldexpm(double x) { return ldexp(x, -1070); }
static double o_ldexpm(double x) { return our_ldexp(x, -1070); }
static double g_frexp(double x) { int e; double m = frexp(x, &e); return m + e * 4; }
static double o_frexp(double x) { int e; double m = our_frexp(x, &e); return m + e * 4; }

int main(void)
{
	double worst = 0, at = 0, at2 = 0, worst2 = 0, at3 = 0, at4 = 0, u;
	int i, n;

	/* exact ones: bit for bit everywhere */
	check1("fabs", our_fabs, fabs, -1e300, 1e300, 0);
	check1("floor", our_floor, floor, -1e6, 1e6, 0);
	check1("ceil", our_ceil, ceil, -1e6, 1e6, 0);
	check1("trunc", our_trunc, trunc, -1e6, 1e6, 0);
	check1("round", our_round, round, -1e6, 1e6, 0);
	check1("sqrt", our_sqrt, sqrt, 0, 1e10, 0);
	check1("ldexp+10", o_ldexp10, g_ldexp10, -1e300, 1e300, 0);
	check1("ldexp-1070", o_ldexpm, g_ldexpm, -1e3, 1e3, 0);
	check1("frexp", o_frexp, g_frexp, -1e300, 1e300, 0);
	check2("fmod", our_fmod, fmod, -1e6, 1e6, -100, 100, 0);
	check2("fmod-big", our_fmod, fmod, -1e300, 1e300, 1e-3, 10, 0);
	check2("copysign", our_copysign, copysign, -1, 1, -1, 1, 0);
	check2("fmin", our_fmin, fmin, -1, 1, -1, 1, 0);
	check2("fmax", our_fmax, fmax, -1, 1, -1, 1, 0);
	/* pow with integer exponents: exact when the result is an exact
	 * double (integers below 2^53, powers of two), else within an ulp */
	for (i = -30; i <= 30; i++)
		for (n = -20; n <= 60; n++) {
			double g = pow(i, n);
			int exact = (fabs(g) < 0x1p53 && trunc(g) == g) ||
			    (i != 0 && (abs(i) & (abs(i) - 1)) == 0);

			u = ulps(our_pow(i, n), g);
			if (exact && u > worst)
				worst = u, at = i, at2 = n;
			if (u > worst2)
				worst2 = u, at3 = i, at4 = n;
		}
	report("pow-int-exact", worst, 0, at, at2);
	report("pow-int", worst2, 1, at3, at4);
	/* the rest */
	check1("exp", our_exp, exp, -700, 700, 2);
	check1("exp-small", our_exp, exp, -1, 1, 2);
	check1("exp2", our_exp2, exp2, -1000, 1000, 2);
	check1("log", our_log, log, 1e-300, 1e300, 2);
	check1("log-near1", our_log, log, 0.5, 2, 2);
	check1("log2", our_log2, log2, 1e-300, 1e300, 2);
	check1("log10", our_log10, log10, 1e-300, 1e300, 2);
	check1("sin", our_sin, sin, -10, 10, 2);
	check1("sin-1e6", our_sin, sin, -1e6, 1e6, 4);
	check1("cos", our_cos, cos, -10, 10, 2);
	check1("cos-1e6", our_cos, cos, -1e6, 1e6, 4);
	check1("tan", our_tan, tan, -10, 10, 3);
	check1("atan", our_atan, atan, -100, 100, 2);
	check1("asin", our_asin, asin, -1, 1, 3);
	check1("acos", our_acos, acos, -1, 1, 3);
	check2("atan2", our_atan2, atan2, -10, 10, -10, 10, 3);
	check2("hypot", our_hypot, hypot, -1e200, 1e200, -1e200, 1e200, 2);
	check2("pow", our_pow, pow, 0, 100, -50, 50, 8);
	check2("pow-near1", our_pow, pow, 0.9, 1.1, -2000, 2000, 8);
	if (failures) {
		printf("math_glibc: %d functions out of bounds\n", failures);
		return 1;
	}
	printf("math_glibc: all %d functions within bounds of glibc\n", nchecked);
	return 0;
}
