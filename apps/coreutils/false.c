/* false - exits 1 and ignores its arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	cu_init("false", "\nExit with status 1.\n", 1);
	if (argc == 2 && !strcmp(argv[1], "--help")) {
		/* GNU's false exits 1 even for --help. */
		printf("usage: false\nExit with status 1.\n");
		return 1;
	}
	return 1;
}
