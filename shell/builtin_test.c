/* builtin_test.c - test / [ and ion's predicate builtins. */
#include "shell/builtin.h"
#include "shell/assign.h"
#include "shell/exec.h"
#include "shell/func.h"
#include "shell/rx.h"
#include "shell/var.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int num(const char *s, long long *v)
{
	char *end;
	*v = strtoll(s, &end, 10);
	return *s && !*end ? 0 : -1;
}

static int unary(const char *op, const char *arg)
{
	struct stat st;
	if (str_eq(op, "-z")) return !*arg;
	if (str_eq(op, "-n")) return *arg != 0;
	if (str_eq(op, "-e")) return stat(arg, &st) == 0;
	if (str_eq(op, "-f")) return stat(arg, &st) == 0 && S_ISREG(st.st_mode);
	if (str_eq(op, "-d")) return stat(arg, &st) == 0 && S_ISDIR(st.st_mode);
	if (str_eq(op, "-s")) return stat(arg, &st) == 0 && st.st_size > 0;
	if (str_eq(op, "-r")) return access(arg, R_OK) == 0;
	if (str_eq(op, "-w")) return access(arg, W_OK) == 0;
	if (str_eq(op, "-x")) return access(arg, X_OK) == 0;
	if (str_eq(op, "-L")) return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
	return -1;
}

static int binary(const char *a, const char *op, const char *b)
{
	long long x, y;
	if (str_eq(op, "=") || str_eq(op, "==")) return str_eq(a, b);
	if (str_eq(op, "!=")) return !str_eq(a, b);
	if (str_eq(op, "<")) return strcmp(a, b) < 0;
	if (str_eq(op, ">")) return strcmp(a, b) > 0;
	if (op[0] != '-')
		return -1;
	if (num(a, &x) < 0 || num(b, &y) < 0)
		return -2;
	if (str_eq(op, "-eq")) return x == y;
	if (str_eq(op, "-ne")) return x != y;
	if (str_eq(op, "-lt")) return x < y;
	if (str_eq(op, "-le")) return x <= y;
	if (str_eq(op, "-gt")) return x > y;
	if (str_eq(op, "-ge")) return x >= y;
	return -1;
}

/* Evaluates argv[from..to); 1 true, 0 false, negative on error. */
static int expr(char **v, size_t n)
{
	if (n == 0)
		return 0;
	if (str_eq(v[0], "!")) {
		int r = expr(v + 1, n - 1);
		return r < 0 ? r : !r;
	}
	for (size_t i = 1; i + 1 < n; i++)
		if (str_eq(v[i], "-a") || str_eq(v[i], "-o")) {
			int l = expr(v, i), r = expr(v + i + 1, n - i - 1);
			if (l < 0 || r < 0)
				return -1;
			return v[i][1] == 'a' ? l && r : l || r;
		}
	if (n == 1)
		return *v[0] != 0;
	if (n == 2)
		return unary(v[0], v[1]);
	if (n == 3)
		return binary(v[0], v[1], v[2]);
	return -1;
}

int builtin_test(struct slist *a)
{
	size_t n = a->n - 1;
	if (str_eq(a->v[0], "[")) {
		if (!n || !str_eq(a->v[n], "]")) {
			fprintf(stderr, "ion: [: missing ]\n");
			return 2;
		}
		n--;
	}
	int r = expr(a->v + 1, n);
	if (r == -2) {
		fprintf(stderr, "ion: test: integer expected\n");
		return 2;
	}
	if (r < 0) {
		fprintf(stderr, "ion: test: bad expression\n");
		return 2;
	}
	return !r;
}

static int exists(struct slist *a)
{
	struct stat st;
	if (a->n == 1)
		return 1;
	if (a->n == 2)
		return !*a->v[1];
	const char *f = a->v[1], *x = a->v[2];
	if (str_eq(f, "-a")) {
		const struct value *v = var_get(x);
		return !(v && v->t != V_STR && v->a.n);
	}
	if (str_eq(f, "-s")) {
		const struct value *v = var_get(x);
		return !(v && v->t == V_STR && *v->s);
	}
	if (str_eq(f, "-f")) return !(stat(x, &st) == 0 && S_ISREG(st.st_mode));
	if (str_eq(f, "-d")) return !(stat(x, &st) == 0 && S_ISDIR(st.st_mode));
	if (str_eq(f, "-x")) return access(x, X_OK) != 0;
	if (str_eq(f, "--fn")) return !func_exists(x);
	if (str_eq(f, "-b")) {
		const char *path = getenv("PATH");
		for (const char *p = path ? path : ""; *p;) {
			const char *e = strchr(p, ':');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char buf[4096];
			snprintf(buf, sizeof buf, "%.*s/%s", (int)n, p, x);
			if (access(buf, X_OK) == 0)
				return 0;
			p += n + (e ? 1 : 0);
		}
		return 1;
	}
	if (str_eq(f, "-n") || str_eq(f, "--not-empty"))
		return !*x;
	fprintf(stderr, "ion: exists: unknown option %s\n", f);
	return 2;
}

int builtin_pred(const char *name, struct slist *a)
{
	if (str_eq(name, "exists"))
		return exists(a);
	if (str_eq(name, "bool")) {
		if (a->n != 2) {
			fprintf(stderr, "ion: bool: needs one value\n");
			return 2;
		}
		return assign_bool(a->v[1]) != 1;
	}
	if (str_eq(name, "is") || str_eq(name, "eq")) {
		int neg = a->n == 4 && str_eq(a->v[1], "not");
		if (a->n != 3 && !neg) {
			fprintf(stderr, "ion: %s: needs two values\n", name);
			return 2;
		}
		int eq = str_eq(a->v[a->n - 2], a->v[a->n - 1]);
		return neg ? eq : !eq;
	}
	if (a->n < 3) {
		fprintf(stderr, "ion: %s: needs a string and patterns\n", name);
		return 2;
	}
	const char *s = a->v[1];
	size_t sl = strlen(s);
	for (size_t i = 2; i < a->n; i++) {
		const char *p = a->v[i];
		size_t pl = strlen(p);
		if (str_eq(name, "contains") && strstr(s, p))
			return 0;
		if (str_eq(name, "starts-with") && !strncmp(s, p, pl))
			return 0;
		if (str_eq(name, "ends-with") && pl <= sl && !strcmp(s + sl - pl, p))
			return 0;
		if (str_eq(name, "matches")) {
			int m = rx_match(p, s);
			if (m < 0)
				return 2;
			if (m)
				return 0;
		}
	}
	return 1;
}
