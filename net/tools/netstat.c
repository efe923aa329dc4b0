/*
 * netstat - the stack's sockets, from netcfg:sockets (one per line:
 * PROTO LOCAL REMOTE STATE).
 *   netstat [-t] [-u] [-l]     TCP only, UDP only, listening only
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int tcp = 0, udp = 0, listening = 0, c;
	while ((c = getopt(argc, argv, "tul")) != -1) {
		if (c == 't') tcp = 1;
		else if (c == 'u') udp = 1;
		else if (c == 'l') listening = 1;
		else {
			fprintf(stderr, "usage: netstat [-t] [-u] [-l]\n");
			return 2;
		}
	}
	if (!tcp && !udp)
		tcp = udp = 1;
	FILE *f = fopen("netcfg:sockets", "r");
	if (!f) {
		fprintf(stderr, "netstat: netcfg:sockets: %s (is the network stack running?)\n",
		    strerror(errno));
		return 1;
	}
	char line[256], proto[8], local[32], remote[32], state[24];
	printf("%-6s %-22s %-22s %s\n", "Proto", "Local Address", "Foreign Address", "State");
	while (fgets(line, sizeof line, f)) {
		int n = sscanf(line, "%7s %31s %31s %23s", proto, local, remote, state);
		if (n < 3)
			continue;
		if (n == 3)
			state[0] = 0;
		if ((!strcmp(proto, "tcp") && !tcp) || (!strcmp(proto, "udp") && !udp))
			continue;
		if (listening && strcmp(state, "LISTEN") && !(strcmp(proto, "udp") == 0 &&
		    !strcmp(remote, "0.0.0.0:0")))
			continue;
		printf("%-6s %-22s %-22s %s\n", proto, local, remote, state);
	}
	fclose(f);
	return 0;
}
