/*
 * calcexpr - a recursive-descent evaluator over doubles.  Grammar:
 *   expr   = term { ("+" | "-") term }
 *   term   = unary { ("*" | "/" | "%") unary }
 *   unary  = ("-" | "+") unary | power
 *   power  = atom [ "^" unary ]
 *   atom   = NUMBER | "(" expr ")"
 * Our libc has no math.h, so the power's log and exp are here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "calcexpr.h"

#define MAX_DEPTH 200

struct parser {
	const char *p;
	const char *why;
	int depth;
};

static int expr(struct parser *ps, double *v);

static void
skip_space(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r' || *ps->p == '\n')
		ps->p++;
}

static int
fail(struct parser *ps, const char *why, int err)
{
	if (!ps->why)
		ps->why = why;
	return -err;
}

/* ln(x) for x > 0: x = m * 2^k with m in [0.75, 1.5), then atanh series. */
static double
ln(double x)
{
	static const double LN2 = 0.69314718055994530942;
	int k = 0;
	while (x >= 1.5) {
		x /= 2;
		k++;
	}
	while (x < 0.75) {
		x *= 2;
		k--;
	}
	double t = (x - 1) / (x + 1), t2 = t * t, term = t, sum = 0;
	for (int n = 1; n < 200; n += 2) {
		sum += term / n;
		term *= t2;
	}
	return 2 * sum + k * LN2;
}

/* e^x: halve x until small, Taylor series, then square back. */
static double
ex(double x)
{
	int halvings = 0;
	if (x > 710)
		return 1.0 / 0.0;
	if (x < -745)
		return 0;
	while (x > 0.5 || x < -0.5) {
		x /= 2;
		halvings++;
	}
	double sum = 1, term = 1;
	for (int n = 1; n < 30; n++) {
		term *= x / n;
		sum += term;
	}
	while (halvings--)
		sum *= sum;
	return sum;
}

/* Whole numbers that fit a long long; the range test comes first, since
 * converting a larger double to an integer is undefined. */
int
calcexpr_is_int(double v)
{
	return v > -9e18 && v < 9e18 && v == (double)(long long)v;
}

double
calcexpr_pow(double x, double y)
{
	if (calcexpr_is_int(y)) {
		long long n = (long long)y;
		int neg = n < 0;
		unsigned long long u = neg ? -(unsigned long long)n : (unsigned long long)n;
		double r = 1, b = x;
		while (u) {
			if (u & 1)
				r *= b;
			b *= b;
			u >>= 1;
		}
		return neg ? 1 / r : r;
	}
	/* Past 2^53 every double is even, so a negative base is harmless. */
	if (x < 0)
		x = -x;
	if (x == 0)
		return 0;
	if (x > 1e308)		/* infinity: ln() would never finish halving it */
		return y > 0 ? x : 0;
	return ex(y * ln(x));
}

static int
atom(struct parser *ps, double *v)
{
	skip_space(ps);
	if (*ps->p == '(') {
		ps->p++;
		int rc = expr(ps, v);
		if (rc < 0)
			return rc;
		skip_space(ps);
		if (*ps->p != ')')
			return fail(ps, "missing ')'", EINVAL);
		ps->p++;
		return 0;
	}
	if ((*ps->p >= '0' && *ps->p <= '9') || *ps->p == '.') {
		char *end;
		*v = strtod(ps->p, &end);
		if (end == ps->p)
			return fail(ps, "bad number", EINVAL);
		ps->p = end;
		return 0;
	}
	if (!*ps->p)
		return fail(ps, "unexpected end of expression", EINVAL);
	return fail(ps, "unexpected character", EINVAL);
}

static int unary(struct parser *ps, double *v);

static int
power(struct parser *ps, double *v)
{
	int rc = atom(ps, v);
	if (rc < 0)
		return rc;
	skip_space(ps);
	if (*ps->p != '^')
		return 0;
	ps->p++;
	double e;
	if ((rc = unary(ps, &e)) < 0)
		return rc;
	if (*v < 0 && !calcexpr_is_int(e) && e > -9e18 && e < 9e18)
		return fail(ps, "no real result", EDOM);
	if (*v == 0 && e < 0)
		return fail(ps, "division by zero", EDOM);
	*v = calcexpr_pow(*v, e);
	return 0;
}

static int
unary(struct parser *ps, double *v)
{
	if (++ps->depth > MAX_DEPTH)
		return fail(ps, "expression too deep", EINVAL);
	skip_space(ps);
	int rc;
	if (*ps->p == '-' || *ps->p == '+') {
		int neg = *ps->p == '-';
		ps->p++;
		rc = unary(ps, v);
		if (rc == 0 && neg)
			*v = -*v;
	} else {
		rc = power(ps, v);
	}
	ps->depth--;
	return rc;
}

static int
term(struct parser *ps, double *v)
{
	int rc = unary(ps, v);
	while (rc == 0) {
		skip_space(ps);
		char op = *ps->p;
		if (op != '*' && op != '/' && op != '%')
			break;
		ps->p++;
		double r;
		if ((rc = unary(ps, &r)) < 0)
			break;
		if (op == '*') {
			*v *= r;
		} else if (r == 0) {
			return fail(ps, "division by zero", EDOM);
		} else if (op == '/') {
			*v /= r;
		} else {
			/* C's fmod: the sign follows the dividend. */
			double q = *v / r;
			if (q != q || q > 9e18 || q < -9e18)
				return fail(ps, "operands too large for %", ERANGE);
			q = q < 0 ? -(double)(long long)-q : (double)(long long)q;
			*v -= q * r;
		}
	}
	return rc;
}

static int
expr(struct parser *ps, double *v)
{
	if (++ps->depth > MAX_DEPTH)
		return fail(ps, "expression too deep", EINVAL);
	int rc = term(ps, v);
	while (rc == 0) {
		skip_space(ps);
		char op = *ps->p;
		if (op != '+' && op != '-')
			break;
		ps->p++;
		double r;
		if ((rc = term(ps, &r)) < 0)
			break;
		*v = op == '+' ? *v + r : *v - r;
	}
	ps->depth--;
	return rc;
}

int
calcexpr_eval(const char *s, double *out, const char **why)
{
	struct parser ps = { s, NULL, 0 };
	double v;
	int rc = expr(&ps, &v);
	if (rc == 0) {
		skip_space(&ps);
		if (*ps.p == ')')
			rc = fail(&ps, "unmatched ')'", EINVAL);
		else if (*ps.p)
			rc = fail(&ps, "unexpected character", EINVAL);
	}
	if (rc < 0) {
		*why = ps.why;
		return rc;
	}
	*out = v;
	return 0;
}
