/*
 * test - evaluates an expression; exit 0 true, 1 false, 2 error.
 * Files: -e -f -d -r -w -x -s -L -h -b -c -p -S; strings: -z -n = != ;
 * integers: -eq -ne -lt -le -gt -ge; ! -a -o ( ).  Run as "[" it wants
 * a closing "]".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/cu.h"

struct test_state {
	char **a;
	int n, pos;
};

static _Noreturn void
test_fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "test: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(2);
}

static long long
test_int(const char *s)
{
	char *end;
	const char *p = s;
	while (*p == ' ' || *p == '\t')
		p++;
	errno = 0;
	long long v = strtoll(p, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (end == p || *end || errno)
		test_fail("invalid integer '%s'", s);
	return v;
}

static int
test_isbinop(const char *s)
{
	static const char *const ops[] = { "=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt",
		"-ge", "-nt", "-ot", "-ef", NULL };
	for (int i = 0; ops[i]; i++)
		if (!strcmp(s, ops[i]))
			return 1;
	return 0;
}

static int
test_isunop(const char *s)
{
	return s[0] == '-' && s[1] && !s[2] && strchr("efdrwxsLhbcpSznugkt", s[1]);
}

static int
test_unary(char op, const char *arg)
{
	struct stat sb;
	if (op == 'z')
		return arg[0] == 0;
	if (op == 'n')
		return arg[0] != 0;
	if (op == 't')
		return isatty((int)test_int(arg));
	if (op == 'r' || op == 'w' || op == 'x')
		return access(arg, op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK) == 0;
	if ((op == 'L' || op == 'h') )
		return lstat(arg, &sb) == 0 && S_ISLNK(sb.st_mode);
	if (stat(arg, &sb) != 0)
		return 0;
	switch (op) {
	case 'e': return 1;
	case 'f': return S_ISREG(sb.st_mode);
	case 'd': return S_ISDIR(sb.st_mode);
	case 's': return sb.st_size > 0;
	case 'b': return S_ISBLK(sb.st_mode);
	case 'c': return S_ISCHR(sb.st_mode);
	case 'p': return S_ISFIFO(sb.st_mode);
	case 'S': return S_ISSOCK(sb.st_mode);
	case 'u': return (sb.st_mode & S_ISUID) != 0;
	case 'g': return (sb.st_mode & S_ISGID) != 0;
	case 'k': return (sb.st_mode & S_ISVTX) != 0;
	}
	return 0;
}

static int
test_binary(const char *l, const char *op, const char *r)
{
	if (!strcmp(op, "=") || !strcmp(op, "=="))
		return strcmp(l, r) == 0;
	if (!strcmp(op, "!="))
		return strcmp(l, r) != 0;
	if (op[1] == 'n' || op[1] == 'o' || !strcmp(op, "-ef")) {
		struct stat a, b;
		int ha = stat(l, &a) == 0, hb = stat(r, &b) == 0;
		if (!strcmp(op, "-ef"))
			return ha && hb && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
		if (!strcmp(op, "-nt"))
			return ha && (!hb || a.st_mtime > b.st_mtime);
		if (!strcmp(op, "-ot"))
			return hb && (!ha || a.st_mtime < b.st_mtime);
	}
	long long x = test_int(l), y = test_int(r);
	if (!strcmp(op, "-eq")) return x == y;
	if (!strcmp(op, "-ne")) return x != y;
	if (!strcmp(op, "-lt")) return x < y;
	if (!strcmp(op, "-le")) return x <= y;
	if (!strcmp(op, "-gt")) return x > y;
	return x >= y;
}

static int test_or(struct test_state *t);

static int
test_primary(struct test_state *t)
{
	if (t->pos >= t->n)
		test_fail("missing argument after '%s'", t->n ? t->a[t->n - 1] : "");
	const char *s = t->a[t->pos];
	if (t->pos + 2 < t->n + 0 && test_isbinop(t->a[t->pos + 1])) {
		t->pos += 3;
		return test_binary(s, t->a[t->pos - 2], t->a[t->pos - 1]);
	}
	if (t->pos + 1 < t->n && test_isbinop(t->a[t->pos + 1]))
		test_fail("missing argument after '%s'", t->a[t->pos + 1]);
	if (!strcmp(s, "(") && t->pos + 1 < t->n) {
		t->pos++;
		int v = test_or(t);
		if (t->pos >= t->n || strcmp(t->a[t->pos], ")"))
			test_fail("missing argument after '%s'", t->a[t->pos - 1]);
		t->pos++;
		return v;
	}
	if (test_isunop(s) && t->pos + 1 < t->n) {
		t->pos += 2;
		return test_unary(s[1], t->a[t->pos - 1]);
	}
	t->pos++;
	return s[0] != 0;
}

static int
test_not(struct test_state *t)
{
	if (t->pos < t->n && !strcmp(t->a[t->pos], "!") && t->pos + 1 < t->n) {
		t->pos++;
		return !test_not(t);
	}
	return test_primary(t);
}

static int
test_and(struct test_state *t)
{
	int v = test_not(t);
	while (t->pos < t->n && !strcmp(t->a[t->pos], "-a")) {
		t->pos++;
		v = test_not(t) && v;
	}
	return v;
}

static int
test_or(struct test_state *t)
{
	int v = test_and(t);
	while (t->pos < t->n && !strcmp(t->a[t->pos], "-o")) {
		t->pos++;
		v = test_and(t) || v;
	}
	return v;
}

int
main(int argc, char **argv)
{
	struct test_state t = { argv + 1, argc - 1, 0 };
	const char *b = strrchr(argv[0], '/');
	b = b ? b + 1 : argv[0];

	cu_init("test", "EXPRESSION\n   or: [ EXPRESSION ]\nExit 0 if EXPRESSION is true, 1 if false.\n", 2);
	if (!strcmp(b, "[")) {
		if (argc == 2 && !strcmp(argv[1], "--help"))
			cu_usage(0);
		if (argc < 2 || strcmp(argv[argc - 1], "]")) {
			fprintf(stderr, "[: missing ']'\n");
			return 2;
		}
		t.n--;
	}
	if (t.n == 0)
		return 1;
	int v = test_or(&t);
	if (t.pos < t.n)
		test_fail("extra argument '%s'", t.a[t.pos]);
	return !v;
}
