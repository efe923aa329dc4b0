/* true - exits 0 and ignores its arguments (GNU's --help aside). */
#include <string.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	cu_init("true", "\nExit with status 0.\n", 0);
	if (argc == 2 && !strcmp(argv[1], "--help"))
		cu_usage(0);
	return 0;
}
