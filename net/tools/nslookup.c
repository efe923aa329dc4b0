/*
 * nslookup - a name's IPv4 addresses, as the resolver (getaddrinfo:
 * /etc/hosts, then the stack's dns:, which asks the server in
 * /etc/net/dns) finds them.
 *   nslookup NAME
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

static void
show_server(void)
{
	char line[64] = "";
	FILE *f = fopen("/etc/net/dns", "r");
	if (f) {
		if (!fgets(line, sizeof line, f))
			line[0] = 0;
		fclose(f);
	}
	line[strcspn(line, "\r\n")] = 0;
	printf("Server:\t\t%s\n\n", line[0] ? line : "(none: /etc/net/dns is empty)");
}

int
main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: nslookup NAME\n");
		return 2;
	}
	show_server();
	struct addrinfo h = { 0 }, *r, *p;
	h.ai_family = AF_INET;
	h.ai_socktype = SOCK_STREAM;
	int e = getaddrinfo(argv[1], NULL, &h, &r);
	if (e) {
		printf("** server can't find %s: %s\n", argv[1], gai_strerror(e));
		return 1;
	}
	printf("Name:\t%s\n", argv[1]);
	for (p = r; p; p = p->ai_next) {
		char ip[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &((struct sockaddr_in *)p->ai_addr)->sin_addr, ip, sizeof ip);
		printf("Address: %s\n", ip);
	}
	freeaddrinfo(r);
	return 0;
}
