/* dirname - prints each path without its last component. */
#include <stdio.h>
#include <string.h>
#include "lib/cu.h"

static void
dirname_print(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	while (n > 0 && path[n - 1] != '/')
		n--;
	if (n == 0) {
		puts(".");
		return;
	}
	while (n > 1 && path[n - 1] == '/')
		n--;
	printf("%.*s\n", (int)n, path);
}

int
main(int argc, char **argv)
{
	struct cu_opt o;

	cu_init("dirname", "NAME...\nPrint each NAME without its last component.\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "") != -1)
		;
	if (o.ind >= argc) {
		cu_msg("missing operand");
		cu_usage(1);
	}
	for (int i = o.ind; i < argc; i++)
		dirname_print(argv[i]);
	return fflush(stdout) != 0;
}
