/*
 * Writes seed inputs for fuzz_net into a directory: a TCP data segment
 * and a FIN on the established connection, a SYN with options, UDP to
 * port 53, an ICMP echo request and reply, two fragments, an ARP
 * request.  Usage: seed_net DIR
 */
#include <stdio.h>
#include <string.h>

#include "net/stack/pkt.h"

static const uint8_t self_mac[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t peer_mac[6] = { 2, 0, 0, 0, 0, 2 };

/* Appends one record (time step, length, frame) for an IPv4 frame. */
static size_t
ipframe(uint8_t *out, uint8_t proto, uint16_t frag, const uint8_t *pl,
    size_t n)
{
	uint8_t *f = out + 3;

	out[0] = 5;
	pkt_put16(out + 1, (uint16_t)(34 + n));
	memcpy(f, self_mac, 6);
	memcpy(f + 6, peer_mac, 6);
	pkt_put16(f + 12, 0x0800);
	memset(f + 14, 0, 20);
	f[14] = 0x45;
	pkt_put16(f + 16, (uint16_t)(20 + n));
	pkt_put16(f + 18, 77);
	pkt_put16(f + 20, frag);
	f[22] = 64;
	f[23] = proto;
	pkt_put32(f + 26, 0x0a000002u);
	pkt_put32(f + 30, 0x0a000001u);
	memcpy(f + 34, pl, n);
	return 3 + 34 + n;
}

static int
put(const char *dir, const char *name, const uint8_t *b, size_t n)
{
	char path[512];
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return -1;
	f = fopen(path, "wb");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	if (fwrite(b, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	uint8_t b[4096], t[1500];
	size_t n;
	int bad = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: seed_net DIR\n");
		return 2;
	}
	/* TCP data then FIN|ACK on the connection (flags 3: relative). */
	b[0] = 3;
	memset(t, 0, 20);
	pkt_put16(t, 1234);
	pkt_put16(t + 2, 80);
	pkt_put32(t + 8, 100);
	t[12] = 5 << 4;
	t[13] = 0x18;
	pkt_put16(t + 14, 4096);
	memcpy(t + 20, "GET / HTTP/1.0\r\n\r\n", 18);
	n = 1 + ipframe(b + 1, 6, 0, t, 38);
	t[13] = 0x11;
	pkt_put32(t + 4, 18);
	n += ipframe(b + n, 6, 0, t, 20);
	bad |= put(argv[1], "tcp-data", b, n);
	/* A SYN with MSS, window scale, SACK-permitted and timestamps. */
	memset(t, 0, 40);
	pkt_put16(t, 5555);
	pkt_put16(t + 2, 80);
	pkt_put32(t + 4, 42);
	t[12] = 10 << 4;
	t[13] = 0x02;
	pkt_put16(t + 14, 65535);
	memcpy(t + 20, (const uint8_t[]){ 2, 4, 5, 180, 4, 2, 8, 10, 0, 0,
	    0, 1, 0, 0, 0, 0, 1, 3, 3, 7 }, 20);
	n = 1 + ipframe(b + 1, 6, 0, t, 40);
	bad |= put(argv[1], "tcp-syn", b, n);
	/* UDP to port 53 and an ICMP echo request and reply. */
	b[0] = 1;
	memset(t, 0, 8);
	pkt_put16(t, 53);
	pkt_put16(t + 2, 53);
	pkt_put16(t + 4, 8 + 12);
	memset(t + 8, 0x41, 12);
	n = 1 + ipframe(b + 1, 17, 0, t, 20);
	memset(t, 0, 8);
	t[0] = 8;
	memcpy(t + 8, "pingpingping", 12);
	n += ipframe(b + n, 1, 0, t, 20);
	t[0] = 0;
	n += ipframe(b + n, 1, 0, t, 20);
	bad |= put(argv[1], "udp-icmp", b, n);
	/* Two fragments of one UDP datagram. */
	memset(t, 0x33, 24);
	pkt_put16(t, 53);
	pkt_put16(t + 2, 53);
	pkt_put16(t + 4, 32);
	pkt_put16(t + 6, 0);
	n = 1 + ipframe(b + 1, 17, 0x2000, t, 16);
	n += ipframe(b + n, 17, 2, t, 16);
	bad |= put(argv[1], "fragments", b, n);
	/* An ARP request for us. */
	n = 1;
	b[n++] = 1;
	pkt_put16(b + n, 42);
	n += 2;
	memset(b + n, 255, 6);
	memcpy(b + n + 6, peer_mac, 6);
	pkt_put16(b + n + 12, 0x0806);
	memcpy(b + n + 14, (const uint8_t[]){ 0, 1, 8, 0, 6, 4, 0, 1 }, 8);
	memcpy(b + n + 22, peer_mac, 6);
	pkt_put32(b + n + 28, 0x0a000002u);
	memset(b + n + 32, 0, 6);
	pkt_put32(b + n + 38, 0x0a000001u);
	n += 42;
	bad |= put(argv[1], "arp", b, n);
	return bad ? 1 : 0;
}
