/*
 * shutdown - asks init to end the system: init stops every process and
 * exits, and the core powers the machine off (status 0).  -r (or running
 * as `reboot`) restarts it instead: init gets SIGINT, not SIGTERM.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	const char *base = strrchr(argv[0], '/');
	int reboot = strcmp(base ? base + 1 : argv[0], "reboot") == 0;
	int c;

	if (reboot)
		cu_init("reboot", "\nStop every process and restart the machine.\n", 1);
	else
		cu_init("shutdown", "[-r]\nStop every process and power the machine off.\n"
		    "  -r  restart the machine instead (as reboot)\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, reboot ? "" : "r")) != -1)
		if (c == 'r')
			reboot = 1;
	if (geteuid() != 0) {
		fprintf(stderr, "%s: only root can %s the system\n", reboot ? "reboot" : "shutdown",
		    reboot ? "restart" : "shut down");
		return 1;
	}
	if (kill(1, reboot ? SIGINT : SIGTERM) != 0) {
		fprintf(stderr, "%s: signalling init: %s\n", reboot ? "reboot" : "shutdown",
		    strerror(errno));
		return 1;
	}
	for (;;)
		pause();
}
