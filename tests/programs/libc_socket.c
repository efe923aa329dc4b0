/*
 * libc_socket: the parts of the socket API that need no network stack:
 * address text (inet_*), getaddrinfo/getnameinfo on numbers, services
 * and localhost, and the errors socket calls give on things that are not
 * sockets.  With "--stack" (the stack daemon running) also socket() and
 * a loopback TCP and UDP exchange through the BSD calls.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#define NAME "libc_socket"
#include "check.h"

static void
text(void)
{
	struct in_addr a;
	char buf[INET_ADDRSTRLEN];
	CHECK(inet_aton("10.0.2.15", &a) == 1 && a.s_addr == htonl(0x0a00020f));
	CHECK(inet_aton("127.1", &a) == 1 && a.s_addr == htonl(0x7f000001));
	CHECK(inet_aton("0x7f.1", &a) == 1 && a.s_addr == htonl(0x7f000001));
	CHECK(inet_aton("256.1.1.1", &a) == 0);
	CHECK(inet_aton("1.2.3.4.5", &a) == 0);
	CHECK(inet_aton("1.2.3.x", &a) == 0);
	CHECK(inet_aton("", &a) == 0);
	CHECK_INT(inet_addr("1.2.3.4"), htonl(0x01020304));
	CHECK_INT(inet_addr("nope"), INADDR_NONE);
	a.s_addr = htonl(0xc0a80001);
	CHECK_STR(inet_ntoa(a), "192.168.0.1");
	CHECK(inet_pton(AF_INET, "8.8.4.4", &a) == 1 && a.s_addr == htonl(0x08080404));
	CHECK(inet_pton(AF_INET, "127.1", &a) == 0);		/* strict form only */
	CHECK(inet_pton(AF_INET, "01.2.3.4", &a) == 0);
	CHECK(inet_pton(AF_INET6, "::1", &a) == -1 && errno == EAFNOSUPPORT);
	CHECK_STR(inet_ntop(AF_INET, &a, buf, sizeof buf), "8.8.4.4");
	CHECK(inet_ntop(AF_INET, &a, buf, 7) == NULL && errno == ENOSPC);
	CHECK_INT(htons(0x1234), 0x3412);
	CHECK_INT(ntohl(htonl(0xdeadbeef)), 0xdeadbeef);
}

static void
names(void)
{
	struct addrinfo h = { 0 }, *r;
	h.ai_socktype = SOCK_STREAM;
	CHECK_INT(getaddrinfo("10.1.2.3", "80", &h, &r), 0);
	if (r) {
		struct sockaddr_in *s = (struct sockaddr_in *)r->ai_addr;
		CHECK(r->ai_family == AF_INET && r->ai_socktype == SOCK_STREAM);
		CHECK(s->sin_addr.s_addr == htonl(0x0a010203) && s->sin_port == htons(80));
		CHECK(r->ai_next == NULL);
		freeaddrinfo(r);
	}
	CHECK_INT(getaddrinfo("localhost", "http", &h, &r), 0);
	if (r) {
		struct sockaddr_in *s = (struct sockaddr_in *)r->ai_addr;
		CHECK(s->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && s->sin_port == htons(80));
		freeaddrinfo(r);
	}
	h.ai_flags = AI_PASSIVE;
	CHECK_INT(getaddrinfo(NULL, "8080", &h, &r), 0);
	if (r) {
		struct sockaddr_in *s = (struct sockaddr_in *)r->ai_addr;
		CHECK(s->sin_addr.s_addr == INADDR_ANY && s->sin_port == htons(8080));
		freeaddrinfo(r);
	}
	/* Both kinds of socket when none is asked for. */
	CHECK_INT(getaddrinfo("1.2.3.4", NULL, NULL, &r), 0);
	if (r) {
		CHECK(r->ai_next && r->ai_socktype != r->ai_next->ai_socktype);
		freeaddrinfo(r);
	}
	h.ai_flags = AI_NUMERICHOST;
	CHECK_INT(getaddrinfo("example.org", "80", &h, &r), EAI_NONAME);
	h.ai_flags = 0;
	CHECK_INT(getaddrinfo("1.2.3.4", "no-such-service", &h, &r), EAI_SERVICE);
	CHECK_INT(getaddrinfo("1.2.3.4", "99999", &h, &r), EAI_SERVICE);
	h.ai_family = AF_INET6;
	CHECK_INT(getaddrinfo("1.2.3.4", "80", &h, &r), EAI_FAMILY);
	CHECK_INT(getaddrinfo(NULL, NULL, NULL, &r), EAI_NONAME);
	CHECK_STR(gai_strerror(EAI_NONAME), "Name or service not known");

	struct sockaddr_in sin = { AF_INET, htons(443), { htonl(0x0a000001) }, { 0 } };
	char host[64], serv[32];
	CHECK_INT(getnameinfo((struct sockaddr *)&sin, sizeof sin, host, sizeof host, serv,
	    sizeof serv, 0), 0);
	CHECK_STR(host, "10.0.0.1");
	CHECK_STR(serv, "https");
	CHECK_INT(getnameinfo((struct sockaddr *)&sin, sizeof sin, NULL, 0, serv, sizeof serv,
	    NI_NUMERICSERV), 0);
	CHECK_STR(serv, "443");
	struct servent *se = getservbyname("ssh", "tcp");
	CHECK(se && se->s_port == htons(22));
	struct hostent *he = gethostbyname("127.0.0.1");
	CHECK(he && he->h_length == 4 && ((struct in_addr *)he->h_addr)->s_addr == htonl(0x7f000001));
}

static void
not_sockets(void)
{
	struct sockaddr_in sin = { AF_INET, htons(1), { htonl(0x7f000001) }, { 0 } };
	socklen_t l = sizeof sin;
	int fd = open("null:", O_RDWR);
	CHECK(fd >= 0);
	CHECK(connect(fd, (struct sockaddr *)&sin, sizeof sin) < 0 && errno == ENOTSOCK);
	CHECK(getsockname(fd, (struct sockaddr *)&sin, &l) < 0 && errno == ENOTSOCK);
	CHECK(send(fd, "x", 1, 0) < 0 && errno == ENOTSOCK);
	close(fd);
	CHECK(socket(AF_INET6, SOCK_STREAM, 0) < 0 && errno == EAFNOSUPPORT);
	CHECK(socket(AF_INET, SOCK_RAW, 0) < 0 && errno == EPROTOTYPE);
	CHECK(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) < 0 && errno == EPROTONOSUPPORT);
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 && errno == EOPNOTSUPP);
}

int
main(int argc, char **argv)
{
	text();
	names();
	if (argc > 1 && !strcmp(argv[1], "--no-stack")) {
		not_sockets();
		/* Without the stack there is no tcp: to open. */
		CHECK(socket(AF_INET, SOCK_STREAM, 0) < 0 && (errno == ENODEV || errno == ENOENT));
	}
	return finish();
}
