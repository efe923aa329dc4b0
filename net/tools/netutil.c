/* netutil.c - resolving, connecting and listening for the network tools. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/tools/netutil.h"

const char *net_prog = "net";

int
net_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
net_resolve(const char *host, struct in_addr *out)
{
	struct addrinfo h = { 0 }, *r;
	h.ai_family = AF_INET;
	h.ai_socktype = SOCK_STREAM;
	int e = getaddrinfo(host, NULL, &h, &r);
	if (e) {
		fprintf(stderr, "%s: %s: %s\n", net_prog, host, gai_strerror(e));
		return -1;
	}
	*out = ((struct sockaddr_in *)r->ai_addr)->sin_addr;
	freeaddrinfo(r);
	return 0;
}

int
net_connect(const char *host, const char *port, int type)
{
	struct addrinfo h = { 0 }, *r;
	h.ai_family = AF_INET;
	h.ai_socktype = type;
	int e = getaddrinfo(host, port, &h, &r);
	if (e) {
		fprintf(stderr, "%s: %s port %s: %s\n", net_prog, host, port, gai_strerror(e));
		return -1;
	}
	int s = socket(AF_INET, type, 0);
	if (s < 0) {
		fprintf(stderr, "%s: socket: %s%s\n", net_prog, strerror(errno),
		    errno == ENODEV ? " (is the network stack running?)" : "");
		freeaddrinfo(r);
		return -1;
	}
	if (connect(s, r->ai_addr, r->ai_addrlen) < 0) {
		fprintf(stderr, "%s: connecting to %s port %s: %s\n", net_prog, host, port,
		    strerror(errno));
		close(s);
		freeaddrinfo(r);
		return -1;
	}
	freeaddrinfo(r);
	return s;
}

int
net_listen(const char *port, int type)
{
	struct addrinfo h = { 0 }, *r;
	h.ai_family = AF_INET;
	h.ai_socktype = type;
	h.ai_flags = AI_PASSIVE;
	int e = getaddrinfo(NULL, port, &h, &r);
	if (e) {
		fprintf(stderr, "%s: port %s: %s\n", net_prog, port, gai_strerror(e));
		return -1;
	}
	int s = socket(AF_INET, type, 0);
	if (s < 0) {
		fprintf(stderr, "%s: socket: %s%s\n", net_prog, strerror(errno),
		    errno == ENODEV ? " (is the network stack running?)" : "");
		freeaddrinfo(r);
		return -1;
	}
	if (bind(s, r->ai_addr, r->ai_addrlen) < 0 ||
	    (type == SOCK_STREAM && listen(s, SOMAXCONN) < 0)) {
		fprintf(stderr, "%s: port %s: %s\n", net_prog, port, strerror(errno));
		close(s);
		freeaddrinfo(r);
		return -1;
	}
	freeaddrinfo(r);
	return s;
}

void
net_addr_text(const struct sockaddr_in *a, char *buf, size_t n)
{
	char ip[INET_ADDRSTRLEN];
	if (!inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip))
		snprintf(ip, sizeof ip, "?");
	snprintf(buf, n, "%s:%u", ip, ntohs(a->sin_port));
}
