/*
 * printf - prints ARGUMENTs under FORMAT: %d %i %u %o %x %X %c %s %b
 * %f %e %g %%, with flags, width and precision (* too), and backslash
 * escapes.  The format is reused while arguments remain.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/cu.h"

struct pf_state {
	char **args;
	int nargs, next, status;
};

static const char *
pf_arg(struct pf_state *s)
{
	return s->next < s->nargs ? s->args[s->next++] : NULL;
}

/* Checks a number's conversion as GNU does: message, status 1, value kept. */
static void
pf_check(struct pf_state *s, const char *arg, const char *end)
{
	if (end == arg) {
		fprintf(stderr, "printf: '%s': expected a numeric value\n", arg);
		s->status = 1;
	} else if (*end) {
		fprintf(stderr, "printf: '%s': value not completely converted\n", arg);
		s->status = 1;
	} else if (errno == ERANGE) {
		fprintf(stderr, "printf: '%s': %s\n", arg, strerror(ERANGE));
		s->status = 1;
	}
}

static long long
pf_int(struct pf_state *s, const char *a, int is_unsigned)
{
	char *end;
	if (a == NULL)
		return 0;
	if ((a[0] == '\'' || a[0] == '"') && a[1])
		return (unsigned char)a[1];
	errno = 0;
	long long v = is_unsigned && a[0] != '-' ? (long long)strtoull(a, &end, 0) : strtoll(a, &end, 0);
	pf_check(s, a, end);
	return v;
}

/* One backslash escape at *p (after the backslash); returns 1 on \c. */
static int
pf_escape(const char **pp, int in_b)
{
	const char *p = *pp;
	int c = *p, v = 0, i;
	switch (c) {
	case 'a': putchar('\a'); break;
	case 'b': putchar('\b'); break;
	case 'c': return 1;
	case 'e': putchar(033); break;
	case 'f': putchar('\f'); break;
	case 'n': putchar('\n'); break;
	case 'r': putchar('\r'); break;
	case 't': putchar('\t'); break;
	case 'v': putchar('\v'); break;
	case '\\': putchar('\\'); break;
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
		/* %b takes \0NNN, the format \NNN. */
		if (in_b && c == '0')
			p++;
		for (i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
			v = v * 8 + (*p++ - '0');
		putchar(v);
		*pp = p - 1;
		return 0;
	default:
		putchar('\\');
		if (c)
			putchar(c);
		else
			p--;
	}
	*pp = p;
	return 0;
}

/* Prints the format once; returns 1 if \c stopped everything. */
static int
pf_run(const char *fmt, struct pf_state *s)
{
	char spec[64], buf[512];
	for (const char *p = fmt; *p; p++) {
		if (*p == '\\') {
			p++;
			if (pf_escape(&p, 0))
				return 1;
			continue;
		}
		if (*p != '%') {
			putchar(*p);
			continue;
		}
		if (p[1] == '%') {
			putchar('%');
			p++;
			continue;
		}
		/* Copy "%flags width .prec" into spec, resolving '*'. */
		size_t n = 0;
		spec[n++] = *p++;
		while (*p && strchr("-+ #0", *p) && n < 20)
			spec[n++] = *p++;
		for (int part = 0; part < 2; part++) {
			if (part == 1) {
				if (*p != '.')
					break;
				spec[n++] = *p++;
			}
			if (*p == '*') {
				n += (size_t)snprintf(spec + n, sizeof spec - n - 8, "%d",
				    (int)pf_int(s, pf_arg(s), 0));
				p++;
			} else {
				while (*p >= '0' && *p <= '9' && n < 40)
					spec[n++] = *p++;
			}
		}
		char conv = *p;
		if (!conv || !strchr("diouxXcsbfeEgG", conv)) {
			fprintf(stderr, "printf: %%%c: invalid conversion specification\n", conv ? conv : ' ');
			exit(1);
		}
		const char *a = pf_arg(s);
		if (conv == 'b') {
			/* %b: the argument's escapes, printed with %s's width. */
			const char *q = a ? a : "";
			for (; *q; q++) {
				if (*q == '\\' && q[1]) {
					q++;
					if (pf_escape(&q, 1))
						return 1;
				} else {
					putchar(*q);
				}
			}
			continue;
		}
		if (strchr("diouxX", conv)) {
			memcpy(spec + n, "ll", 2);
			n += 2;
			spec[n++] = conv;
			spec[n] = 0;
			long long v = pf_int(s, a, conv != 'd' && conv != 'i');
			snprintf(buf, sizeof buf, spec, v);
		} else if (strchr("feEgG", conv)) {
			spec[n++] = conv;
			spec[n] = 0;
			double d = 0;
			if (a) {
				char *end;
				errno = 0;
				d = strtod(a, &end);
				pf_check(s, a, end);
			}
			snprintf(buf, sizeof buf, spec, d);
		} else {
			spec[n++] = conv == 'c' ? 's' : 's';
			spec[n] = 0;
			char one[2] = { a ? a[0] : 0, 0 };
			snprintf(buf, sizeof buf, spec, conv == 'c' ? one : (a ? a : ""));
		}
		fputs(buf, stdout);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct pf_state s;

	cu_init("printf", "FORMAT [ARGUMENT]...\nPrint ARGUMENTs according to FORMAT.\n", 1);
	if (argc == 2 && !strcmp(argv[1], "--help"))
		cu_usage(0);
	int i = argc > 1 && !strcmp(argv[1], "--") ? 2 : 1;
	if (i >= argc) {
		cu_msg("missing operand");
		cu_usage(1);
	}
	s.args = argv + i + 1;
	s.nargs = argc - i - 1;
	s.next = 0;
	s.status = 0;
	do {
		if (pf_run(argv[i], &s))
			break;
	} while (s.next > 0 && s.next < s.nargs);
	if (fflush(stdout) != 0) {
		cu_err("write error", errno);
		return 1;
	}
	return s.status;
}
