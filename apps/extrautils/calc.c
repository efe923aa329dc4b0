/*
 * calc - evaluates arithmetic expressions: + - * / % ^, parentheses,
 * floats, unary minus.  The arguments, joined by spaces, are one
 * expression; with none, each line of stdin is one (blank lines are
 * skipped).  Results that are whole numbers print without a fraction,
 * others with up to 12 significant digits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calcexpr.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: calc [EXPRESSION...]\n"
	    "  evaluates EXPRESSION, or each line of stdin without one\n"
	    "  operators: + - * / %% ^ (power), unary -, ( )\n"
	    "  --help  show this help\n");
}

static void
print_value(double v)
{
	if (v != v)
		printf("nan\n");
	else if (v > 1e308 || v < -1e308)
		printf("%sinf\n", v < 0 ? "-" : "");
	else if (v < 1e15 && v > -1e15 && calcexpr_is_int(v))
		printf("%lld\n", (long long)v);
	else
		printf("%.12g\n", v);
}

/* Evaluates one expression; where names its source in errors. */
static int
calc_one(const char *s, const char *where)
{
	double v;
	const char *why = "error";
	if (calcexpr_eval(s, &v, &why) < 0) {
		fprintf(stderr, "calc: %s%s%s\n", where, where[0] ? ": " : "", why);
		return -1;
	}
	print_value(v);
	return 0;
}

int
main(int argc, char **argv)
{
	int rc = 0;
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	/* "-3+4" is an expression, but "--x" and "-h" are meant as flags. */
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] && !strchr("0123456789.( ", argv[1][1])) {
		fprintf(stderr, "calc: unknown option '%s'\n", argv[1]);
		usage(stderr);
		return 1;
	}
	if (argc > 1) {
		size_t len = 0;
		for (int i = 1; i < argc; i++)
			len += strlen(argv[i]) + 1;
		char *s = malloc(len + 1);
		if (!s) {
			fprintf(stderr, "calc: out of memory\n");
			return 1;
		}
		size_t o = 0;
		for (int i = 1; i < argc; i++) {
			size_t l = strlen(argv[i]);
			memcpy(s + o, argv[i], l);
			o += l;
			s[o++] = ' ';
		}
		s[o] = 0;
		rc = calc_one(s, "") < 0;
		free(s);
	} else {
		char *line = NULL, where[32];
		size_t cap = 0;
		long n = 0;
		while (getline(&line, &cap, stdin) >= 0) {
			n++;
			if (strspn(line, " \t\r\n") == strlen(line))
				continue;
			snprintf(where, sizeof where, "line %ld", n);
			if (calc_one(line, where) < 0)
				rc = 1;
		}
		if (ferror(stdin)) {
			fprintf(stderr, "calc: stdin: %s\n", strerror(errno));
			rc = 1;
		}
		free(line);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "calc: write error: %s\n", strerror(errno));
		return 1;
	}
	return rc;
}
