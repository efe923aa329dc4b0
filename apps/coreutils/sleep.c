/* sleep - waits for the sum of its durations (N[smhd], decimals allowed). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	double total = 0;

	cu_init("sleep", "NUMBER[SUFFIX]...\nPause for NUMBER seconds (suffix s, m, h or d).\n", 1);
	cu_opt_init(&o, argc, argv);
	if (argc > 1 && strcmp(argv[1], "-") != 0 && argv[1][0] == '-' &&
	    (argv[1][1] < '0' || argv[1][1] > '9') && argv[1][1] != '.')
		cu_opt_next(&o, "");
	if (o.ind >= argc) {
		cu_msg("missing operand");
		cu_usage(1);
	}
	for (int i = o.ind; i < argc; i++) {
		char *end;
		double v = strtod(argv[i], &end);
		double mul = 1;
		if (end == argv[i] || v < 0)
			goto bad;
		switch (*end) {
		case 0: case 's': break;
		case 'm': mul = 60; break;
		case 'h': mul = 3600; break;
		case 'd': mul = 86400; break;
		default: goto bad;
		}
		if (*end && end[1])
			goto bad;
		total += v * mul;
		continue;
bad:
		cu_msg("invalid time interval '%s'", argv[i]);
		cu_usage(1);
	}
	struct timespec ts = { (time_t)total, (long)((total - (double)(time_t)total) * 1e9) };
	while (nanosleep(&ts, &ts) != 0)
		if (errno != EINTR) {
			cu_err("nanosleep", errno);
			return 1;
		}
	return 0;
}
