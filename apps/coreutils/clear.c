/* clear - clears the terminal (ANSI: home, erase screen and scrollback). */
#include <stdio.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;

	cu_init("clear", "\nClear the terminal screen.\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "x") != -1)
		;
	fputs("\033[H\033[2J\033[3J", stdout);
	return fflush(stdout) != 0;
}
