/* seq - prints numbers from FIRST (1) by INCREMENT (1) to LAST; -w pads
 * with zeros to equal width, -s sets the separator.  Integers only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/cu.h"

static int
seq_num(const char *s, long long *v)
{
	char *end;
	*v = strtoll(s, &end, 10);
	if (end == s || *end) {
		cu_msg("invalid floating point argument: '%s'", s);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	long long first = 1, incr = 1, last;
	const char *sep = "\n";
	int wide = 0, c, n;

	cu_init("seq", "[-w] [-s SEP] [FIRST [INCREMENT]] LAST\nPrint numbers from FIRST to LAST by INCREMENT.\n", 1);
	cu_opt_init(&o, argc, argv);
	o.permute = 0;
	/* "seq -1 1" is a negative number, not an option. */
	while (o.ind < argc && !(argv[o.ind][0] == '-' && argv[o.ind][1] >= '0' && argv[o.ind][1] <= '9') &&
	    (c = cu_opt_next(&o, "ws:")) != -1) {
		if (c == 'w')
			wide = 1;
		else
			sep = o.arg;
	}
	n = argc - o.ind;
	if (n < 1 || n > 3) {
		if (n < 1)
			cu_msg("missing operand");
		else
			cu_msg("extra operand '%s'", argv[o.ind + 3]);
		cu_usage(1);
	}
	if (seq_num(argv[argc - 1], &last) || (n >= 2 && seq_num(argv[o.ind], &first)) ||
	    (n == 3 && seq_num(argv[o.ind + 1], &incr)))
		cu_usage(1);
	if (incr == 0) {
		cu_msg("invalid Zero increment value: '0'");
		cu_usage(1);
	}
	int width = 0;
	if (wide) {
		char a[32], b[32];
		int la = snprintf(a, sizeof a, "%lld", first), lb = snprintf(b, sizeof b, "%lld", last);
		width = la > lb ? la : lb;
	}
	int any = 0;
	for (long long v = first; incr > 0 ? v <= last : v >= last; v += incr) {
		if (any)
			fputs(sep, stdout);
		printf("%0*lld", width, v);
		any = 1;
	}
	if (any)
		putchar('\n');
	return fflush(stdout) != 0;
}
