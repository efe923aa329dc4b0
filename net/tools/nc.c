/*
 * nc - netcat: a TCP (or UDP, -u) connection between the network and
 * stdin/stdout.
 *   nc [-u] [-v] [-w SECS] HOST PORT   connect
 *   nc -l [-u] [-v] [-w SECS] [-p] PORT   wait for one connection
 * Bytes from stdin go out; bytes that arrive go to stdout.  When stdin
 * ends, TCP sends FIN (shutdown) and nc goes on until the other side
 * closes too; -w gives up after SECS without traffic (and bounds the
 * connect).
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/tools/netutil.h"

static int verbose;

static void
usage(void)
{
	fprintf(stderr, "usage: nc [-uv] [-w SECS] HOST PORT\n"
	    "       nc -l [-uv] [-w SECS] [-p] PORT\n");
	exit(2);
}

/* Moves bytes both ways until the socket's end is closed (or, for UDP,
 * stdin ends); 0, or 1 on an error. */
static int
relay(int s, int udp, int wait_ms)
{
	struct pollfd p[2] = { { 0, POLLIN, 0 }, { s, POLLIN, 0 } };
	char buf[16384];
	int in_open = 1;

	for (;;) {
		p[0].fd = in_open ? 0 : -1;
		int n = poll(p, 2, wait_ms > 0 ? wait_ms : -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("nc: poll");
			return 1;
		}
		if (n == 0) {
			if (verbose)
				fprintf(stderr, "nc: no traffic for %d s, giving up\n", wait_ms / 1000);
			return 0;
		}
		if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t r = recv(s, buf, sizeof buf, 0);
			if (r < 0) {
				perror("nc: receiving");
				return 1;
			}
			if (r == 0)
				return 0;	/* the other side is done */
			if (net_write_all(1, buf, (size_t)r) < 0) {
				perror("nc: stdout");
				return 1;
			}
		}
		if (in_open && (p[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			ssize_t r = read(0, buf, sizeof buf);
			if (r < 0) {
				perror("nc: stdin");
				return 1;
			}
			if (r == 0) {
				in_open = 0;
				if (udp)
					return 0;
				if (shutdown(s, SHUT_WR) < 0 && verbose)
					perror("nc: shutdown");
				continue;
			}
			if (net_write_all(s, buf, (size_t)r) < 0) {
				perror("nc: sending");
				return 1;
			}
		}
	}
}

int
main(int argc, char **argv)
{
	int listen_mode = 0, udp = 0, wait_s = 0, c;

	net_prog = "nc";

	while ((c = getopt(argc, argv, "luvw:p")) != -1) {
		switch (c) {
		case 'l': listen_mode = 1; break;
		case 'u': udp = 1; break;
		case 'v': verbose = 1; break;
		case 'p': break;	/* "-l -p PORT", as older netcats take it */
		case 'w':
			wait_s = atoi(optarg);
			if (wait_s <= 0) {
				fprintf(stderr, "nc: -w wants seconds > 0\n");
				return 2;
			}
			break;
		default: usage();
		}
	}
	int type = udp ? SOCK_DGRAM : SOCK_STREAM, s;
	if (listen_mode) {
		if (argc - optind != 1)
			usage();
		int ls = net_listen(argv[optind], type);
		if (ls < 0)
			return 1;
		if (udp) {
			s = ls;		/* a bound UDP socket talks to whoever sent last */
		} else {
			struct sockaddr_in peer;
			socklen_t pl = sizeof peer;
			s = accept(ls, (struct sockaddr *)&peer, &pl);
			if (s < 0) {
				perror("nc: accept");
				return 1;
			}
			close(ls);
			if (verbose) {
				char who[64];
				net_addr_text(&peer, who, sizeof who);
				fprintf(stderr, "nc: connection from %s\n", who);
			}
		}
	} else {
		if (argc - optind != 2)
			usage();
		s = net_connect(argv[optind], argv[optind + 1], type);
		if (s < 0)
			return 1;
		if (verbose)
			fprintf(stderr, "nc: connected to %s port %s\n", argv[optind], argv[optind + 1]);
	}
	int r = relay(s, udp, wait_s * 1000);
	close(s);
	return r;
}
