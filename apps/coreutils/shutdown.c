/*
 * shutdown - asks init to end the system: init stops every process and
 * exits, and the core powers the machine off (status 0).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: shutdown\nStops every process and powers the machine off.\n");
		return 0;
	}
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
