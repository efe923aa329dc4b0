/* uname - prints system information: -s name (default), -n node, -r
 * release, -v version, -m machine, -a all of them. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "lib/cu.h"
#include <sys/utsname.h>

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct utsname u;
	int want = 0, c;

	cu_init("uname", "[-asnrvm]\nPrint system information (-s by default, -a all).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "asnrvm")) != -1) {
		const char *all = "snrvm";
		if (c == 'a')
			want = 0x1f;
		else
			want |= 1 << (strchr(all, c) - all);
	}
	if (o.ind < argc) {
		cu_msg("extra operand '%s'", argv[o.ind]);
		cu_usage(1);
	}
	if (want == 0)
		want = 1;
	if (uname(&u) != 0) {
		cu_err("cannot get system name", errno);
		return 1;
	}
	const char *f[5] = { u.sysname, u.nodename, u.release, u.version, u.machine };
	const char *sep = "";
	for (int i = 0; i < 5; i++) {
		if (!(want & (1 << i)))
			continue;
		/* -a leaves out what the system does not know. */
		if (want == 0x1f && !f[i][0])
			continue;
		printf("%s%s", sep, f[i]);
		sep = " ";
	}
	putchar('\n');
	return fflush(stdout) != 0;
}
