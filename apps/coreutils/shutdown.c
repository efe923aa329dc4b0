/*
 * shutdown - asks init to end the system: init stops every process and
 * exits, and the core powers the machine off (status 0).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;

	cu_init("shutdown", "\nStop every process and power the machine off.\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "") != -1)
		;
	if (geteuid() != 0) {
		fprintf(stderr, "shutdown: only root can shut the system down\n");
		return 1;
	}
	if (kill(1, SIGTERM) != 0) {
		perror("shutdown: signalling init");
		return 1;
	}
	for (;;)
		pause();
}
