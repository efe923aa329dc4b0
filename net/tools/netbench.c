/*
 * netbench - TCP throughput and UDP round trips, the same program inside
 * the OS and on Linux (build/host/netbench), so both ends time alike.
 *
 *   netbench recv [-w SECS] PORT          take one TCP connection, read to EOF
 *   netbench send HOST PORT BYTES         connect, send BYTES, close
 *   netbench echo [-w SECS] PORT COUNT    echo COUNT UDP datagrams back
 *   netbench ping HOST PORT COUNT         COUNT 64-byte UDP round trips
 *
 * Throughput is the receiver's: from the first byte to EOF, so the
 * handshake and the sender's buffering count for nothing on either side.
 * Lines start with "netbench:" and carry the figure the bench reads:
 *   netbench: received N bytes in S s: M Mbit/s
 *   netbench: sent N bytes in S s: M Mbit/s
 *   netbench: N of C echoes, rtt min/median/mean US/US/US us
 * -w bounds every wait (default 30 s); a peer that never comes is an
 * error, never a hang.  Not iperf3's protocol: a plain byte stream.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define BLOCK (128 * 1024)
#define DGRAM 64
#define MAX_PINGS 100000

static int wait_s = 30;

static void
usage(void)
{
	fprintf(stderr, "usage: netbench recv [-w SECS] PORT\n"
	    "       netbench send HOST PORT BYTES\n"
	    "       netbench echo [-w SECS] PORT COUNT\n"
	    "       netbench ping HOST PORT COUNT\n");
	exit(2);
}

static double
now_s(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A decimal count in [min, max]; exits with usage on anything else. */
static long long
number(const char *s, long long min, long long max)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "netbench: %s: not a number from %lld to %lld\n", s, min, max);
		exit(2);
	}
	return v;
}

static int
timeout(int fd, int secs)
{
	struct timeval tv = { secs, 0 };

	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0) {
		perror("netbench: SO_RCVTIMEO");
		return -1;
	}
	return 0;
}

/* A socket of type connected to host:port; the fd or -1 after saying why. */
static int
dial(const char *host, const char *port, int type)
{
	struct addrinfo hints, *res;
	int e, fd;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_socktype = type;
	e = getaddrinfo(host, port, &hints, &res);
	if (e != 0) {
		fprintf(stderr, "netbench: %s: %s\n", host, gai_strerror(e));
		return -1;
	}
	/* A receiver started beside us may not listen yet: 5 s of tries. */
	for (int i = 0;; i++) {
		fd = socket(AF_INET, type, 0);
		if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) == 0)
			break;
		e = errno;
		if (fd >= 0)
			close(fd);
		fd = -1;
		if (e != ECONNREFUSED || i == 50) {
			fprintf(stderr, "netbench: %s:%s: %s\n", host, port, strerror(e));
			break;
		}
		usleep(100000);
	}
	freeaddrinfo(res);
	return fd;
}

/* A socket of type bound to port on every address; -1 after saying why. */
static int
bound(const char *port, int type)
{
	struct sockaddr_in a;
	int one = 1, fd = socket(AF_INET, type, 0);

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)number(port, 1, 65535));
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)&a, sizeof a) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 4) < 0)) {
		fprintf(stderr, "netbench: port %s: %s\n", port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static void
rate(const char *what, long long bytes, double secs)
{
	if (secs <= 0)
		secs = 1e-9;
	printf("netbench: %s %lld bytes in %.3f s: %.1f Mbit/s\n", what, bytes, secs,
	    (double)bytes * 8 / secs / 1e6);
}

static int
do_recv(const char *port)
{
	static char buf[BLOCK];
	long long total = 0;
	double t0 = 0;
	int l, c;
	ssize_t n;

	l = bound(port, SOCK_STREAM);
	if (l < 0)
		return 1;
	printf("netbench: listening on %s\n", port);
	fflush(stdout);
	/* The accept waits as long as it must: the caller bounds the run. */
	c = accept(l, NULL, NULL);
	if (c < 0) {
		perror("netbench: accept");
		return 1;
	}
	if (timeout(c, wait_s) < 0)
		return 1;
	while ((n = recv(c, buf, sizeof buf, 0)) > 0) {
		if (total == 0)
			t0 = now_s();
		total += n;
	}
	if (n < 0) {
		fprintf(stderr, "netbench: receiving: %s\n",
		    errno == EAGAIN ? "no data for the -w time" : strerror(errno));
		return 1;
	}
	rate("received", total, now_s() - t0);
	close(c);
	close(l);
	return 0;
}

static int
do_send(const char *host, const char *port, long long bytes)
{
	static char buf[BLOCK];
	long long left = bytes;
	double t0;
	int fd;

	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (char)(i * 131 + (i >> 9));
	fd = dial(host, port, SOCK_STREAM);
	if (fd < 0)
		return 1;
	t0 = now_s();
	while (left > 0) {
		size_t chunk = left < BLOCK ? (size_t)left : BLOCK;
		ssize_t n = send(fd, buf, chunk, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "netbench: sending: %s\n", strerror(errno));
			return 1;
		}
		left -= n;
	}
	/* FIN, then wait for the receiver's close: everything has arrived. */
	if (shutdown(fd, SHUT_WR) < 0 || timeout(fd, wait_s) < 0) {
		perror("netbench: shutdown");
		return 1;
	}
	while (recv(fd, buf, sizeof buf, 0) > 0)
		;
	rate("sent", bytes, now_s() - t0);
	close(fd);
	return 0;
}

static int
do_echo(const char *port, long count)
{
	char buf[2048];
	struct sockaddr_in from;
	int fd = bound(port, SOCK_DGRAM);

	if (fd < 0 || timeout(fd, wait_s) < 0)
		return 1;
	printf("netbench: echoing on %s\n", port);
	fflush(stdout);
	for (long i = 0; i < count; i++) {
		socklen_t fl = sizeof from;
		ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);

		if (n < 0) {
			fprintf(stderr, "netbench: echo: %s after %ld\n",
			    errno == EAGAIN ? "no datagram for the -w time" : strerror(errno), i);
			return 1;
		}
		if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, fl) != n) {
			perror("netbench: echo: sendto");
			return 1;
		}
	}
	printf("netbench: echoed %ld\n", count);
	close(fd);
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
do_ping(const char *host, const char *port, long count)
{
	char out[DGRAM], in[DGRAM * 2];
	double *rtt = malloc((size_t)count * sizeof *rtt), sum = 0;
	long got = 0;
	int fd;

	if (!rtt) {
		fprintf(stderr, "netbench: out of memory\n");
		return 1;
	}
	fd = dial(host, port, SOCK_DGRAM);
	if (fd < 0 || timeout(fd, 1) < 0)
		return 1;
	for (long i = 0; i < count; i++) {
		int answered = 0;

		memset(out, 0, sizeof out);
		memcpy(out, &i, sizeof i);
		/* Three tries a second apart (an echo server started beside
		 * us may not be there yet); the time is the answered try's. */
		for (int try = 0; try < 3 && !answered; try++) {
			double t0 = now_s();

			if (send(fd, out, sizeof out, 0) != (ssize_t)sizeof out) {
				perror("netbench: ping: send");
				return 1;
			}
			/* Stale replies (to a try that timed out) are skipped. */
			for (;;) {
				ssize_t n = recv(fd, in, sizeof in, 0);
				long seq;

				if (n < 0)
					break;
				memcpy(&seq, in, sizeof seq);
				if (n == (ssize_t)sizeof out && seq == i) {
					rtt[got] = (now_s() - t0) * 1e6;
					sum += rtt[got++];
					answered = 1;
					break;
				}
			}
		}
	}
	if (got == 0) {
		fprintf(stderr, "netbench: ping: no replies from %s:%s\n", host, port);
		return 1;
	}
	qsort(rtt, (size_t)got, sizeof *rtt, cmp_double);
	printf("netbench: %ld of %ld echoes, rtt min/median/mean %.1f/%.1f/%.1f us\n", got,
	    count, rtt[0], rtt[got / 2], sum / (double)got);
	free(rtt);
	close(fd);
	return got == count ? 0 : 1;
}

int
main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2)
		usage();
	cmd = argv[1];
	argv += 2;
	argc -= 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[0], "-w")) {
		wait_s = (int)number(argv[1], 1, 3600);
		argv += 2;
		argc -= 2;
	}
	if (!strcmp(cmd, "recv") && argc == 1)
		return do_recv(argv[0]);
	if (!strcmp(cmd, "send") && argc == 3)
		return do_send(argv[0], argv[1], number(argv[2], 0, 1LL << 50));
	if (!strcmp(cmd, "echo") && argc == 2)
		return do_echo(argv[0], (long)number(argv[1], 1, MAX_PINGS));
	if (!strcmp(cmd, "ping") && argc == 3)
		return do_ping(argv[0], argv[1], (long)number(argv[2], 1, MAX_PINGS));
	usage();
	return 2;
}
