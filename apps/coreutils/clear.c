/* clear - clears the terminal (ANSI: home, erase screen and scrollback). */
#include <stdio.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int keep = 0;

	cu_init("clear", "[-x]\nClear the terminal screen (-x: keep the scrollback).\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "x") != -1)
		keep = 1;
	fputs(keep ? "\033[H\033[2J" : "\033[H\033[2J\033[3J", stdout);
	return fflush(stdout) != 0;
}
