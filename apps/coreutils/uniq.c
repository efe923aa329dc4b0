/* uniq - drops repeated adjacent lines; -c counts, -d only repeated ones,
 * -u only unrepeated ones.  [INPUT [OUTPUT]] files, else stdin/stdout. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include "lib/cu.h"

struct uniq_opts {
	int count, dups, uniques;
};

static void
uniq_emit(FILE *out, const char *line, size_t len, long n, const struct uniq_opts *u)
{
	if ((u->dups && n < 2) || (u->uniques && n > 1))
		return;
	if (u->count)
		fprintf(out, "%7ld ", n);
	fwrite(line, 1, len, out);
	if (len == 0 || line[len - 1] != '\n')
		fputc('\n', out);
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct uniq_opts u = { 0, 0, 0 };
	FILE *in = stdin, *out = stdout;
	char *prev = NULL, *line = NULL;
	size_t pcap = 0, lcap = 0, plen = 0;
	ssize_t n;
	long count = 0;
	int c;

	cu_init("uniq", "[-cdu] [INPUT [OUTPUT]]\nDrop repeated adjacent lines of INPUT (or stdin).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "cdu")) != -1) {
		if (c == 'c')
			u.count = 1;
		else if (c == 'd')
			u.dups = 1;
		else
			u.uniques = 1;
	}
	if (argc - o.ind > 2) {
		cu_msg("extra operand '%s'", argv[o.ind + 2]);
		cu_usage(1);
	}
	if (o.ind < argc && strcmp(argv[o.ind], "-") && (in = fopen(argv[o.ind], "r")) == NULL) {
		cu_err(argv[o.ind], errno);
		return 1;
	}
	if (o.ind + 1 < argc && (out = fopen(argv[o.ind + 1], "w")) == NULL) {
		cu_err(argv[o.ind + 1], errno);
		return 1;
	}
	while ((n = getline(&line, &lcap, in)) > 0) {
		/* A last line without '\n' equals the same line with one. */
		size_t cmp = (size_t)n - (line[n - 1] == '\n');
		size_t pcmp = plen ? plen - (prev[plen - 1] == '\n') : 0;
		if (count > 0 && cmp == pcmp && memcmp(line, prev, cmp) == 0) {
			count++;
			continue;
		}
		if (count > 0)
			uniq_emit(out, prev, plen, count, &u);
		if ((size_t)n + 1 > pcap) {
			char *np = realloc(prev, (size_t)n + 1);
			if (np == NULL) {
				cu_err("memory", ENOMEM);
				return 1;
			}
			prev = np;
			pcap = (size_t)n + 1;
		}
		memcpy(prev, line, (size_t)n);
		plen = (size_t)n;
		count = 1;
	}
	if (count > 0)
		uniq_emit(out, prev, plen, count, &u);
	if (ferror(in)) {
		cu_err(o.ind < argc ? argv[o.ind] : "standard input", errno);
		return 1;
	}
	free(line);
	free(prev);
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
		cu_err("write error", errno);
		return 1;
	}
	return 0;
}
