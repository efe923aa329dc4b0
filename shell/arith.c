/* arith.c - a precedence-climbing evaluator over integers and floats.
 * Integers stay exact (64-bit); a float anywhere makes the result float. */
#include "shell/arith.h"
#include "shell/str.h"
#include "shell/var.h"
#include <ctype.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct num {
	int isf;
	long long i;
	double f;
};

struct ax {
	const char *s;
	const char *err;
	int depth;	/* parentheses and unary operators open */
};

static double fval(struct num n)
{
	return n.isf ? n.f : (double)n.i;
}

/* A double's integer part, clamped (a plain cast of a huge one is UB). */
static long long to_ll(double d)
{
	if (d != d)
		return 0;
	if (d >= 9.2e18)
		return LLONG_MAX;
	if (d <= -9.2e18)
		return LLONG_MIN;
	return (long long)d;
}

void arith_fmt_float(double d, char *buf, size_t n)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	if (!strpbrk(buf, ".eninf")) {
		size_t l = strlen(buf);
		if (l + 3 <= n)
			memcpy(buf + l, ".0", 3);
	}
}

/* Decimal digits of i (n >= 21): a loop's counter is formatted on every
 * `let i += 1`, and snprintf cost a tenth of such a loop. */
static void fmt_int(long long i, char *buf, size_t n)
{
	char tmp[24];
	size_t k = 0;
	unsigned long long u = i < 0 ? 0ull - (unsigned long long)i : (unsigned long long)i;
	do {
		tmp[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (i < 0)
		tmp[k++] = '-';
	size_t j = 0;
	while (k > 0 && j + 1 < n)
		buf[j++] = tmp[--k];
	buf[j] = 0;
}

static void fmt(struct num v, char *buf, size_t n)
{
	if (v.isf)
		arith_fmt_float(v.f, buf, n);
	else
		fmt_int(v.i, buf, n);
}

/* Text to number; -1 if it is not one. */
static int to_num(const char *s, struct num *v)
{
	char *end;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return -1;
	errno = 0;
	long long i = strtoll(s, &end, 10);
	if (!*end && errno == 0) {
		v->isf = 0;
		v->i = i;
		return 0;
	}
	double d = strtod(s, &end);
	if (*end)
		return -1;
	v->isf = 1;
	v->f = d;
	return 0;
}

static void skip(struct ax *a)
{
	while (isspace((unsigned char)*a->s))
		a->s++;
}

static struct num expr(struct ax *a, int minprec);

static struct num primary_in(struct ax *a);

static struct num primary(struct ax *a)
{
	struct num v = {0, 0, 0};
	if (a->depth >= 256) {
		a->err = "nested too deeply";
		return v;
	}
	a->depth++;
	v = primary_in(a);
	a->depth--;
	return v;
}

static struct num primary_in(struct ax *a)
{
	struct num v = {0, 0, 0};
	skip(a);
	char c = *a->s;
	if (c == '(') {
		a->s++;
		v = expr(a, 0);
		skip(a);
		if (*a->s != ')')
			a->err = "missing )";
		else
			a->s++;
		return v;
	}
	if (c == '-' || c == '+' || c == '~' || c == '!') {
		a->s++;
		v = primary(a);
		if (c == '-') {
			if (v.isf)
				v.f = -v.f;
			else
				v.i = -v.i;
		} else if (c == '~') {
			v.i = ~(v.isf ? to_ll(v.f) : v.i);
			v.isf = 0;
		} else if (c == '!') {
			v.i = fval(v) == 0;
			v.isf = 0;
		}
		return v;
	}
	if (isdigit((unsigned char)c) || c == '.') {
		const char *st = a->s;
		while (isalnum((unsigned char)*a->s) || *a->s == '.')
			a->s++;
		char *t = str_ndup(st, (size_t)(a->s - st));
		if (to_num(t, &v) < 0)
			a->err = "bad number";
		free(t);
		return v;
	}
	if (c == '$')
		c = *++a->s;
	if (isalpha((unsigned char)c) || c == '_') {
		const char *st = a->s;
		while (isalnum((unsigned char)*a->s) || *a->s == '_')
			a->s++;
		char *name = str_ndup(st, (size_t)(a->s - st));
		const struct value *val = var_get(name);
		const char *txt = val && val->t == V_STR ? val->s : getenv(name);
		if (!txt || to_num(txt, &v) < 0)
			a->err = "variable is not a number";
		free(name);
		return v;
	}
	a->err = "expected a number";
	return v;
}

/* Binary operators, loosest first. */
static const struct {
	const char *op;
	int prec;
} ops[] = {
	{"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4}, {"&", 5},
	{"==", 6}, {"!=", 6}, {"<=", 7}, {">=", 7}, {"<<", 8}, {">>", 8},
	{"<", 7}, {">", 7}, {"+", 9}, {"-", 9}, {"**", 11}, {"//", 10},
	{"*", 10}, {"/", 10}, {"%", 10},
};

/* b ** e by squaring: big exponents cost their bit count, not their size. */
static double fpow(double b, long long e)
{
	int neg = e < 0;
	unsigned long long u = neg ? 0ull - (unsigned long long)e : (unsigned long long)e;
	double p = 1;
	for (; u; u >>= 1, b *= b)
		if (u & 1)
			p *= b;
	return neg ? 1 / p : p;
}

static int apply(const char *op, struct num x, struct num y, struct num *r)
{
	int f = x.isf || y.isf;
	/* LLONG_MIN / -1 does not fit: do it in floats */
	if (!f && y.i == -1 && x.i == LLONG_MIN)
		f = 1;
	r->isf = 0;
	r->f = 0;
	r->i = 0;
	if (!strcmp(op, "+") || !strcmp(op, "-") || !strcmp(op, "*")) {
		char o = op[0];
		long long v;
		int over = !f && (o == '+' ? __builtin_add_overflow(x.i, y.i, &v) :
		    o == '-' ? __builtin_sub_overflow(x.i, y.i, &v) : __builtin_mul_overflow(x.i, y.i, &v));
		if (f || over) {	/* past 64 bits integers become floats */
			r->isf = 1;
			r->f = o == '+' ? fval(x) + fval(y) : o == '-' ? fval(x) - fval(y) : fval(x) * fval(y);
		} else {
			r->i = v;
		}
	} else if (!strcmp(op, "/")) {
		if (fval(y) == 0)
			return -1;
		if (!f && x.i % y.i == 0) {
			r->i = x.i / y.i;
		} else {
			r->isf = 1;
			r->f = fval(x) / fval(y);
		}
	} else if (!strcmp(op, "//")) {
		if (fval(y) == 0)
			return -1;
		if (f) {
			double q = fval(x) / fval(y);
			if (!(q > -9.2e18 && q < 9.2e18))	/* no integer holds it */
				return -1;
			r->i = (long long)q - (q < 0 && (double)(long long)q != q);
		} else {
			r->i = x.i / y.i - ((x.i % y.i != 0) && ((x.i < 0) != (y.i < 0)));
		}
	} else if (!strcmp(op, "%")) {
		if (fval(y) == 0)
			return -1;
		if (f) {
			r->isf = 1;
			double q = fval(x) / fval(y);
			r->f = q > -9.2e18 && q < 9.2e18 ? fval(x) - fval(y) * (double)(long long)q : 0;
		} else {
			r->i = x.i % y.i;
		}
	} else if (!strcmp(op, "**")) {
		long long p = 1;
		int over = !f && y.i > 64 && (x.i > 1 || x.i < -1);
		for (long long k = 0; !f && !over && y.i >= 0 && k < y.i && k < 64; k++)
			over = __builtin_mul_overflow(p, x.i, &p);
		if (!f && y.i >= 0 && !over && (y.i <= 64 || x.i == 0 || x.i == 1 || x.i == -1)) {
			r->i = x.i == -1 ? (y.i % 2 ? -1 : 1) : (x.i == 1 ? 1 : (x.i == 0 ? y.i == 0 : p));
		} else {
			r->isf = 1;
			double e = fval(y);
			e = e > 4096 ? 4096 : e < -4096 ? -4096 : e;	/* past this all is inf or 0 */
			r->f = fpow(fval(x), (long long)e);
		}
	} else {
		double xf = x.isf && !(x.f > -9.2e18 && x.f < 9.2e18) ? 0 : x.f;
		double yf = y.isf && !(y.f > -9.2e18 && y.f < 9.2e18) ? 0 : y.f;
		long long a = x.isf ? (long long)xf : x.i, b = y.isf ? (long long)yf : y.i;
		double fa = fval(x), fb = fval(y);
		if (!strcmp(op, "&")) r->i = a & b;
		else if (!strcmp(op, "|")) r->i = a | b;
		else if (!strcmp(op, "^")) r->i = a ^ b;
		else if (!strcmp(op, "<<")) r->i = (long long)((unsigned long long)a << (b & 63));
		else if (!strcmp(op, ">>")) r->i = a >> (b & 63);
		else if (!strcmp(op, "==")) r->i = fa == fb;
		else if (!strcmp(op, "!=")) r->i = fa != fb;
		else if (!strcmp(op, "<")) r->i = fa < fb;
		else if (!strcmp(op, ">")) r->i = fa > fb;
		else if (!strcmp(op, "<=")) r->i = fa <= fb;
		else if (!strcmp(op, ">=")) r->i = fa >= fb;
		else if (!strcmp(op, "&&")) r->i = fa != 0 && fb != 0;
		else if (!strcmp(op, "||")) r->i = fa != 0 || fb != 0;
	}
	return 0;
}

static struct num expr(struct ax *a, int minprec)
{
	struct num lhs = primary(a);
	for (;;) {
		skip(a);
		if (a->err)
			return lhs;
		size_t k;
		for (k = 0; k < sizeof ops / sizeof ops[0]; k++)
			if (!strncmp(a->s, ops[k].op, strlen(ops[k].op)))
				break;
		if (k == sizeof ops / sizeof ops[0] || ops[k].prec < minprec)
			return lhs;
		a->s += strlen(ops[k].op);
		/* ** is right-associative */
		int next = ops[k].prec + (strcmp(ops[k].op, "**") ? 1 : 0);
		if (++a->depth > 256) {
			a->err = "nested too deeply";
			return lhs;
		}
		struct num rhs = expr(a, next);
		a->depth--;
		if (a->err)
			return lhs;
		struct num r;
		if (apply(ops[k].op, lhs, rhs, &r) < 0) {
			a->err = "division by zero or out of range";
			return lhs;
		}
		lhs = r;
	}
}

/* The infix evaluation; *err says why it failed (nothing printed). */
static int eval_infix(const char *text, char **out, const char **err)
{
	struct ax a = {text, NULL, 0};
	struct num v = expr(&a, 0);
	skip(&a);
	if (!a.err && *a.s)
		a.err = "unexpected text";
	if (a.err) {
		*err = a.err;
		return -1;
	}
	char buf[64];
	fmt(v, buf, sizeof buf);
	*out = str_dup(buf);
	return 0;
}

int arith_eval(const char *text, char **out)
{
	const char *err;
	if (eval_infix(text, out, &err) < 0) {
		fprintf(stderr, "ion: arithmetic error: %s in `%s'\n", err, text);
		return -1;
	}
	return 0;
}

/* Polish notation, as ion's math takes it: "+ * 2 3 1" is 2 * 3 + 1.
 * Operands are numbers or variable names. */
static int polish(const char **s, struct num *v, int depth)
{
	static const char *const ops[] = {"+", "-", "*", "/", "//", "%", "**", "^"};
	char tok[64];
	size_t n = 0;
	while (isspace((unsigned char)**s))
		(*s)++;
	while (**s && !isspace((unsigned char)**s) && n + 1 < sizeof tok)
		tok[n++] = *(*s)++;
	tok[n] = 0;
	if (n == 0 || depth > 64 || (**s && !isspace((unsigned char)**s)))
		return -1;
	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		if (strcmp(tok, ops[k]))
			continue;
		struct num x, y;
		if (polish(s, &x, depth + 1) < 0 || polish(s, &y, depth + 1) < 0)
			return -1;
		const char *op = strcmp(tok, "^") ? ops[k] : "**";
		if (!strcmp(op, "/") || !strcmp(op, "**")) {
			x.f = fval(x);
			x.isf = 1;
		}
		return apply(op, x, y, v);
	}
	const struct value *val = var_get(tok);
	const char *txt = val && val->t == V_STR ? val->s : getenv(tok);
	return to_num(txt ? txt : tok, v);
}

int arith_math(const char *text, char **out)
{
	const char *err, *s = text;
	struct num v;
	if (eval_infix(text, out, &err) == 0)
		return 0;
	if (polish(&s, &v, 0) == 0) {
		while (isspace((unsigned char)*s))
			s++;
		if (!*s) {
			char buf[64];
			fmt(v, buf, sizeof buf);
			*out = str_dup(buf);
			return 0;
		}
	}
	fprintf(stderr, "ion: math: %s in `%s'\n", err, text);
	return -1;
}

int arith_op(const char *lhs, const char *op, const char *rhs, char **out)
{
	struct num x, y, r;
	if (to_num(lhs, &x) < 0 || to_num(rhs, &y) < 0) {
		fprintf(stderr, "ion: arithmetic error: `%s %s %s': not a number\n", lhs, op, rhs);
		return -1;
	}
	if (!strcmp(op, "/") || !strcmp(op, "**")) {
		x.f = fval(x);
		x.isf = 1;
	}
	if (apply(op, x, y, &r) < 0) {
		fprintf(stderr, "ion: arithmetic error: division by zero or out of range\n");
		return -1;
	}
	char buf[64];
	fmt(r, buf, sizeof buf);
	*out = str_dup(buf);
	return 0;
}
