/* basename - prints a path's last component, minus an optional suffix. */
#include <stdio.h>
#include <string.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	char buf[4096];

	cu_init("basename", "NAME [SUFFIX]\nPrint NAME without its directories (and SUFFIX).\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "") != -1)
		;
	if (o.ind >= argc) {
		cu_msg("missing operand");
		cu_usage(1);
	}
	if (argc - o.ind > 2) {
		cu_msg("extra operand '%s'", argv[o.ind + 2]);
		cu_usage(1);
	}
	size_t n = strlen(argv[o.ind]);
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, argv[o.ind], n);
	buf[n] = 0;
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = 0;
	char *base = strrchr(buf, '/');
	base = base && base[1] ? base + 1 : buf;
	if (o.ind + 1 < argc) {
		size_t bl = strlen(base), sl = strlen(argv[o.ind + 1]);
		if (sl < bl && !strcmp(base + bl - sl, argv[o.ind + 1]))
			base[bl - sl] = 0;
	}
	puts(base);
	return fflush(stdout) != 0;
}
