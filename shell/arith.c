/* arith.c - a precedence-climbing evaluator over integers and floats.
 * Integers stay exact (64-bit); a float anywhere makes the result float. */
#include "shell/arith.h"
#include "shell/str.h"
#include "shell/var.h"
#include <ctype.h>
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
};

static double fval(struct num n)
{
	return n.isf ? n.f : (double)n.i;
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

static void fmt(struct num v, char *buf, size_t n)
{
	if (v.isf)
		arith_fmt_float(v.f, buf, n);
	else
		snprintf(buf, n, "%lld", v.i);
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

static struct num primary(struct ax *a)
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
			v.i = ~(v.isf ? (long long)v.f : v.i);
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

static int apply(const char *op, struct num x, struct num y, struct num *r)
{
	int f = x.isf || y.isf;
	r->isf = 0;
	r->f = 0;
	r->i = 0;
	if (!strcmp(op, "+") || !strcmp(op, "-") || !strcmp(op, "*")) {
		char o = op[0];
		if (f) {
			r->isf = 1;
			r->f = o == '+' ? fval(x) + fval(y) : o == '-' ? fval(x) - fval(y) : fval(x) * fval(y);
		} else {
			r->i = o == '+' ? x.i + y.i : o == '-' ? x.i - y.i : x.i * y.i;
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
			r->f = fval(x) - fval(y) * (double)(long long)q;
		} else {
			r->i = x.i % y.i;
		}
	} else if (!strcmp(op, "**")) {
		if (!f && y.i >= 0) {
			long long p = 1;
			for (long long k = 0; k < y.i; k++)
				p *= x.i;
			r->i = p;
		} else {
			double p = 1, b = fval(x);
			long long e = (long long)fval(y);
			int neg = e < 0;
			for (long long k = 0; k < (neg ? -e : e); k++)
				p *= b;
			r->isf = 1;
			r->f = neg ? 1 / p : p;
		}
	} else {
		long long a = x.isf ? (long long)x.f : x.i, b = y.isf ? (long long)y.f : y.i;
		double fa = fval(x), fb = fval(y);
		if (!strcmp(op, "&")) r->i = a & b;
		else if (!strcmp(op, "|")) r->i = a | b;
		else if (!strcmp(op, "^")) r->i = a ^ b;
		else if (!strcmp(op, "<<")) r->i = a << (b & 63);
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
		struct num rhs = expr(a, next);
		if (a->err)
			return lhs;
		struct num r;
		if (apply(ops[k].op, lhs, rhs, &r) < 0) {
			a->err = "division by zero";
			return lhs;
		}
		lhs = r;
	}
}

int arith_eval(const char *text, char **out)
{
	struct ax a = {text, NULL};
	struct num v = expr(&a, 0);
	skip(&a);
	if (!a.err && *a.s)
		a.err = "unexpected text";
	if (a.err) {
		fprintf(stderr, "ion: arithmetic error: %s in `%s'\n", a.err, text);
		return -1;
	}
	char buf[64];
	fmt(v, buf, sizeof buf);
	*out = str_dup(buf);
	return 0;
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
		fprintf(stderr, "ion: arithmetic error: division by zero\n");
		return -1;
	}
	char buf[64];
	fmt(r, buf, sizeof buf);
	*out = str_dup(buf);
	return 0;
}
