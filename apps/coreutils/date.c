/* date - prints the time, in +FORMAT (strftime) if given; -u for UTC. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	int utc = 0, c;
	char buf[1024];

	cu_init("date", "[-u] [+FORMAT]\nPrint the date and time (FORMAT as strftime; -u: UTC).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "u")) != -1)
		utc = 1;
	if (o.ind < argc) {
		if (argv[o.ind][0] != '+') {
			cu_msg("invalid date '%s'", argv[o.ind]);
			return 1;
		}
		if (o.ind + 1 < argc) {
			cu_msg("extra operand '%s'", argv[o.ind + 1]);
			cu_usage(1);
		}
		fmt = argv[o.ind] + 1;
	}
	time_t now = time(NULL);
	struct tm *tm = utc ? gmtime(&now) : localtime(&now);
	if (tm == NULL) {
		cu_msg("cannot convert the time");
		return 1;
	}
	/* strftime's 0 is also "empty result": an empty format prints a line. */
	size_t n = strftime(buf, sizeof buf, fmt, tm);
	if (n == 0 && *fmt) {
		cu_msg("format too long");
		return 1;
	}
	puts(buf);
	return fflush(stdout) != 0;
}
