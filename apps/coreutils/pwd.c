/* pwd - prints the working directory. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	char buf[4096];

	cu_init("pwd", "[-P]\nPrint the working directory (symbolic links resolved).\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "P") != -1)
		;
	if (getcwd(buf, sizeof buf) == NULL) {
		cu_err("getcwd", errno);
		return 1;
	}
	puts(buf);
	return fflush(stdout) != 0;
}
