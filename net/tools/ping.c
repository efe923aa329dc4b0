/*
 * ping - ICMP echo through the stack's icmp:echo/ADDR.
 *   ping [-c COUNT] [-i SECS] [-W SECS] [-s SIZE] HOST
 * Each write to the socket sends one echo request with that payload (the
 * stack numbers them); each read gives one reply: its 16-bit sequence
 * number (little-endian), then the payload.  The payload starts with
 * the send time, so the round trip is measured on replies alone.  Exit
 * 0 if any reply came.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "net/tools/netutil.h"

static volatile sig_atomic_t stop;

static void
on_int(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t
now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

int
main(int argc, char **argv)
{
	long count = -1, size = 56;
	double interval = 1, wait_s = 2;
	int c;

	net_prog = "ping";
	while ((c = getopt(argc, argv, "c:i:W:s:")) != -1) {
		char *end;
		switch (c) {
		case 'c': count = strtol(optarg, &end, 10); if (*end || count <= 0) goto usage; break;
		case 'i': interval = strtod(optarg, &end); if (*end || interval < 0.01) goto usage; break;
		case 'W': wait_s = strtod(optarg, &end); if (*end || wait_s <= 0) goto usage; break;
		case 's': size = strtol(optarg, &end, 10); if (*end || size < 8 || size > 1400) goto usage; break;
		default: goto usage;
		}
	}
	if (argc - optind != 1)
		goto usage;
	struct in_addr a;
	if (net_resolve(argv[optind], &a) < 0)
		return 2;
	char ip[INET_ADDRSTRLEN], url[64];
	inet_ntop(AF_INET, &a, ip, sizeof ip);
	snprintf(url, sizeof url, "icmp:echo/%s", ip);
	int s = open(url, O_RDWR);
	if (s < 0) {
		fprintf(stderr, "ping: %s: %s%s\n", url, strerror(errno),
		    errno == ENODEV ? " (is the network stack running?)" : "");
		return 2;
	}
	signal(SIGINT, on_int);
	printf("PING %s (%s): %ld data bytes\n", argv[optind], ip, size);
	fflush(stdout);

	long sent = 0, got = 0;
	double tmin = 1e9, tmax = 0, tsum = 0;
	uint8_t pkt[1400], rep[1500];
	for (uint16_t seq = 0; !stop && (count < 0 || sent < count); seq++) {
		uint64_t t0 = now_us();
		memcpy(pkt, &t0, sizeof t0);
		for (long i = 8; i < size; i++)
			pkt[i] = (uint8_t)i;
		if (write(s, pkt, (size_t)size) < 0) {
			fprintf(stderr, "ping: sending to %s: %s\n", ip, strerror(errno));
			return 2;
		}
		sent++;
		/* Wait for this one's reply, or until the next is due. */
		uint64_t until = t0 + (uint64_t)((count >= 0 && sent == count ? wait_s : interval) * 1e6);
		while (!stop) {
			uint64_t t = now_us();
			if (t >= until)
				break;
			struct pollfd p = { s, POLLIN, 0 };
			int n = poll(&p, 1, (int)((until - t) / 1000) + 1);
			if (n <= 0)
				continue;
			ssize_t r = read(s, rep, sizeof rep);
			if (r < 10)
				continue;
			uint16_t rseq = (uint16_t)(rep[0] | rep[1] << 8);
			uint64_t ts;
			memcpy(&ts, rep + 2, sizeof ts);
			double ms = (double)(now_us() - ts) / 1000.0;
			got++;
			tsum += ms;
			tmin = ms < tmin ? ms : tmin;
			tmax = ms > tmax ? ms : tmax;
			printf("%ld bytes from %s: icmp_seq=%u time=%.3f ms\n", (long)r - 2, ip, rseq, ms);
			fflush(stdout);
			if (count >= 0 && got >= sent && sent == count)
				break;
		}
	}
	printf("--- %s ping statistics ---\n%ld packets transmitted, %ld received, %ld%% packet loss\n",
	    argv[optind], sent, got, sent ? (sent - (got < sent ? got : sent)) * 100 / sent : 0);
	if (got)
		printf("round-trip min/avg/max = %.3f/%.3f/%.3f ms\n", tmin, tsum / (double)got, tmax);
	close(s);
	return got ? 0 : 1;
usage:
	fprintf(stderr, "usage: ping [-c COUNT] [-i SECS] [-W SECS] [-s SIZE] HOST\n");
	return 2;
}
