/* reset - puts the terminal back in a sane state: a full reset (RIS),
 * then attributes off and the cursor shown. */
#include <stdio.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;

	cu_init("reset", "\nReset the terminal.\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "") != -1)
		;
	fputs("\033c\033[0m\033[?25h", stdout);
	return fflush(stdout) != 0;
}
