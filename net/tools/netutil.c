/* netutil.c - resolving, connecting and listening for the network tools. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
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
net_dial(const char *host, const char *port, int type, int timeout_ms,
    char *err, size_t errlen)
{
	struct addrinfo h = { 0 }, *r;
	h.ai_family = AF_INET;
	h.ai_socktype = type;
	int e = getaddrinfo(host, port, &h, &r);
	if (e) {
		snprintf(err, errlen, "%s port %s: %s", host, port, gai_strerror(e));
		return e == EAI_NONAME ? -ENOENT : -EHOSTUNREACH;
	}
	int s = socket(AF_INET, type, 0);
	if (s < 0) {
		e = errno;
		snprintf(err, errlen, "socket: %s%s", strerror(e),
		    e == ENODEV ? " (is the network stack running?)" : "");
		freeaddrinfo(r);
		return -e;
	}
	if (timeout_ms > 0) {
		/* Bounds the connect (SO_SNDTIMEO) and every later read. */
		struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
		if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0 ||
		    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0) {
			e = errno;
			snprintf(err, errlen, "setting a timeout: %s", strerror(e));
			close(s);
			freeaddrinfo(r);
			return -e;
		}
	}
	if (connect(s, r->ai_addr, r->ai_addrlen) < 0) {
		e = errno == EAGAIN || errno == EINPROGRESS ? ETIMEDOUT : errno;
		snprintf(err, errlen, "connecting to %s port %s: %s", host, port,
		    strerror(e));
		close(s);
		freeaddrinfo(r);
		return -e;
	}
	freeaddrinfo(r);
	return s;
}

int
net_connect(const char *host, const char *port, int type)
{
	char err[512];
	int s = net_dial(host, port, type, 0, err, sizeof err);
	if (s < 0)
		fprintf(stderr, "%s: %s\n", net_prog, err);
	return s < 0 ? -1 : s;
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
