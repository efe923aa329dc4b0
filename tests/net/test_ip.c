/* ARP, IPv4 (checks, fragments), ICMP echo and UDP over the simulated
 * link, and malformed frames of every kind. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "net/stack/arp.h"
#include "net/stack/ipfrag.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"
#include "tests/net/check.h"
#include "tests/net/sim.h"

static const uint8_t mac_a[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t mac_b[6] = { 2, 0, 0, 0, 0, 2 };

/* An IPv4 frame to A from B with the given id/fragment field, protocol
 * and payload; returns its length. */
static size_t
make_ip(uint8_t *f, uint16_t id, uint16_t frag, uint8_t proto,
    const uint8_t *pl, size_t n)
{
	uint8_t *ip = f + 14;

	memcpy(f, mac_a, 6);
	memcpy(f + 6, mac_b, 6);
	pkt_put16(f + 12, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	pkt_put16(ip + 2, (uint16_t)(20 + n));
	pkt_put16(ip + 4, id);
	pkt_put16(ip + 6, frag);
	ip[8] = 64;
	ip[9] = proto;
	pkt_put32(ip + 12, SIM_ADDR_B);
	pkt_put32(ip + 16, SIM_ADDR_A);
	pkt_put16(ip + 10, pkt_fold(pkt_sum(0, ip, 20)));
	memcpy(ip + 20, pl, n);
	return 14 + 20 + n;
}

/* A UDP datagram from B:1000 to A:port with n payload bytes of value v. */
static size_t
make_udp(uint8_t *u, uint16_t port, size_t n, uint8_t v)
{
	pkt_put16(u, 1000);
	pkt_put16(u + 2, port);
	pkt_put16(u + 4, (uint16_t)(8 + n));
	pkt_put16(u + 6, 0);
	memset(u + 8, v, n);
	pkt_put16(u + 6, pkt_fold(pkt_sum(pkt_pseudo(SIM_ADDR_B, SIM_ADDR_A,
	    17, 8 + n), u, 8 + n)));
	return 8 + n;
}

static void
test_arp(void)
{
	struct sim s;
	uint8_t mac[6], buf[64];
	int ua, ub;

	CHECK_EQ(sim_init(&s, 31), 0);
	CHECK_EQ(arp_lookup(s.st[SIM_A], SIM_ADDR_B, mac), -ENOENT);
	ub = ns_udp_open(s.st[SIM_B], 0, 5000, 0, 0);
	ua = ns_udp_open(s.st[SIM_A], 0, 0, SIM_ADDR_B, 5000);
	CHECK(ua >= 0 && ub >= 0);
	/* Three datagrams wait for the ARP reply, then all go. */
	for (int i = 0; i < 3; i++)
		CHECK_EQ(ns_write(s.st[SIM_A], ua, "abc", 3), 3);
	sim_run(&s, 10);
	CHECK_EQ(arp_lookup(s.st[SIM_A], SIM_ADDR_B, mac), 0);
	CHECK(memcmp(mac, mac_b, 6) == 0);
	/* B learned A from the request. */
	CHECK_EQ(arp_lookup(s.st[SIM_B], SIM_ADDR_A, mac), 0);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(ns_read(s.st[SIM_B], ub, buf, sizeof(buf)), 3);
	CHECK_EQ(ns_read(s.st[SIM_B], ub, buf, sizeof(buf)), -EAGAIN);
	/* Entries expire. */
	sim_run(&s, ARP_TTL_MS + 10);
	CHECK_EQ(arp_lookup(s.st[SIM_A], SIM_ADDR_B, mac), -ENOENT);
	/* Nobody answers for .99: held packets are dropped after the
	 * tries, and more than ARP_PENDING are not held at all. */
	ns_close(s.st[SIM_A], ua);
	ua = ns_udp_open(s.st[SIM_A], 0, 0, 0x0a000063u, 5000);
	for (int i = 0; i < ARP_PENDING + 2; i++)
		CHECK_EQ(ns_write(s.st[SIM_A], ua, "x", 1), 1);
	CHECK_EQ(s.st[SIM_A]->stats.arp_pending_drop, 2);
	sim_run(&s, ARP_RETRY_MS * (ARP_TRIES + 1));
	CHECK_EQ(s.st[SIM_A]->stats.arp_pending_drop, ARP_PENDING + 2);
	/* A malformed ARP packet is counted. */
	{
		uint8_t f[42];

		memset(f, 0, sizeof(f));
		memcpy(f, mac_a, 6);
		memcpy(f + 6, mac_b, 6);
		pkt_put16(f + 12, 0x0806);
		f[15] = 1;
		f[18] = 9;	/* hardware length 9 */
		sim_inject(&s, SIM_A, f, sizeof(f));
		CHECK_EQ(s.st[SIM_A]->stats.arp_drop, 1);
	}
	sim_fini(&s);
}

static void
ping(struct sim *s, int from, uint32_t to, size_t size)
{
	static uint8_t out[9000], in[9002];
	int h = ns_icmp_echo(s->st[from], to);

	CHECK(h >= 0);
	for (size_t i = 0; i < size; i++)
		out[i] = (uint8_t)(i * 7);
	for (uint16_t seq = 0; seq < 3; seq++) {
		CHECK_EQ(ns_write(s->st[from], h, out, size), size);
		sim_run(s, 10);
		CHECK_EQ(ns_read(s->st[from], h, in, sizeof(in)), size + 2);
		CHECK_EQ(in[0] | in[1] << 8, seq);	/* little-endian */
		CHECK(memcmp(in + 2, out, size) == 0);
	}
	CHECK_EQ(ns_read(s->st[from], h, in, sizeof(in)), -EAGAIN);
	ns_close(s->st[from], h);
}

static void
test_ping(void)
{
	struct sim s;

	CHECK_EQ(sim_init(&s, 32), 0);
	ping(&s, SIM_A, SIM_ADDR_B, 56);
	CHECK_EQ(s.st[SIM_B]->stats.icmp_echo_replies, 3);
	/* Larger than the MTU: fragmented both ways and reassembled. */
	ping(&s, SIM_A, SIM_ADDR_B, 8000);
	CHECK_EQ(s.st[SIM_B]->stats.frag_done, 3);
	CHECK_EQ(s.st[SIM_A]->stats.frag_done, 3);
	/* Loopback, and our own address. */
	ping(&s, SIM_A, 0x7f000001u, 100);
	ping(&s, SIM_A, SIM_ADDR_A, 100);
	sim_fini(&s);
}

static void
test_udp(void)
{
	struct sim s;
	static uint8_t big[8000], buf[9000];
	uint32_t addr;
	uint16_t port;
	struct ns_endpoints e;
	int ua, ub;

	CHECK_EQ(sim_init(&s, 33), 0);
	ub = ns_udp_open(s.st[SIM_B], 0, 53, 0, 0);
	ua = ns_udp_open(s.st[SIM_A], 0, 0, SIM_ADDR_B, 53);
	CHECK(ua >= 0 && ub >= 0);
	CHECK_EQ(ns_udp_open(s.st[SIM_B], 0, 53, 0, 0), -EADDRINUSE);
	CHECK_EQ(ns_endpoints(s.st[SIM_A], ua, &e), 0);
	CHECK_EQ(ns_write(s.st[SIM_A], ua, "query", 5), 5);
	sim_run(&s, 10);
	CHECK(s.events[SIM_B][ub] & NS_EV_READ);
	CHECK_EQ(ns_recvfrom(s.st[SIM_B], ub, buf, sizeof(buf), &addr, &port),
	    5);
	CHECK_EQ(addr, SIM_ADDR_A);
	CHECK_EQ(port, e.lport);
	CHECK_EQ(ns_sendto(s.st[SIM_B], ub, "answer", 6, addr, port), 6);
	sim_run(&s, 10);
	CHECK_EQ(ns_read(s.st[SIM_A], ua, buf, sizeof(buf)), 6);
	CHECK(memcmp(buf, "answer", 6) == 0);
	/* A datagram larger than the MTU, and one read into a short
	 * buffer (the rest is discarded, like a datagram socket). */
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i ^ (i >> 8));
	CHECK_EQ(ns_write(s.st[SIM_A], ua, big, sizeof(big)), sizeof(big));
	CHECK_EQ(ns_write(s.st[SIM_A], ua, big, sizeof(big)), sizeof(big));
	sim_run(&s, 10);
	CHECK_EQ(ns_read(s.st[SIM_B], ub, buf, sizeof(buf)), sizeof(big));
	CHECK(memcmp(buf, big, sizeof(big)) == 0);
	CHECK_EQ(ns_read(s.st[SIM_B], ub, buf, 10), 10);
	CHECK_EQ(ns_read(s.st[SIM_B], ub, buf, sizeof(buf)), -EAGAIN);
	/* The receive queue is bounded. */
	for (int i = 0; i < 100; i++)
		CHECK_EQ(ns_write(s.st[SIM_A], ua, "x", 1), 1);
	sim_run(&s, 10);
	for (int i = 0; i < 64; i++)
		CHECK_EQ(ns_read(s.st[SIM_B], ub, buf, sizeof(buf)), 1);
	CHECK_EQ(ns_read(s.st[SIM_B], ub, buf, sizeof(buf)), -EAGAIN);
	CHECK_EQ(s.st[SIM_B]->stats.udp_drop, 36);
	/* No socket on the port. */
	ns_close(s.st[SIM_B], ub);
	CHECK_EQ(ns_write(s.st[SIM_A], ua, "x", 1), 1);
	sim_run(&s, 10);
	CHECK_EQ(s.st[SIM_B]->stats.udp_noport, 1);
	/* Loopback UDP. */
	ub = ns_udp_open(s.st[SIM_A], 0x7f000001u, 6000, 0, 0);
	CHECK_EQ(ns_sendto(s.st[SIM_A], ua, "lo", 2, 0x7f000001u, 6000), 2);
	CHECK_EQ(ns_recvfrom(s.st[SIM_A], ub, buf, sizeof(buf), &addr, &port),
	    2);
	CHECK_EQ(addr, 0x7f000001u);
	sim_fini(&s);
}

static void
test_fragments(void)
{
	struct sim s;
	uint8_t dg[3000], f[1600], buf[4000];
	size_t n = make_udp(dg, 7, 2992, 0x5a);
	int u;

	CHECK_EQ(n, 3000);
	CHECK_EQ(sim_init(&s, 34), 0);
	u = ns_udp_open(s.st[SIM_A], 0, 7, 0, 0);
	CHECK(u >= 0);
	/* In reverse order, with a duplicate: reassembled once. */
	sim_inject(&s, SIM_A, f, make_ip(f, 1, 2000 / 8, 17, dg + 2000, 1000));
	sim_inject(&s, SIM_A, f, make_ip(f, 1, 0x2000 | 1000 / 8, 17,
	    dg + 1000, 1000));
	sim_inject(&s, SIM_A, f, make_ip(f, 1, 0x2000 | 1000 / 8, 17,
	    dg + 1000, 1000));
	CHECK_EQ(ns_read(s.st[SIM_A], u, buf, sizeof(buf)), -EAGAIN);
	sim_inject(&s, SIM_A, f, make_ip(f, 1, 0x2000, 17, dg, 1000));
	CHECK_EQ(ns_read(s.st[SIM_A], u, buf, sizeof(buf)), 2992);
	CHECK(buf[0] == 0x5a && buf[2991] == 0x5a);
	CHECK_EQ(ipfrag_pending(s.st[SIM_A]), 0);
	/* Overlapping pieces: the datagram is discarded, not delivered. */
	sim_inject(&s, SIM_A, f, make_ip(f, 2, 0x2000, 17, dg, 1000));
	sim_inject(&s, SIM_A, f, make_ip(f, 2, 0x2000 | 504 / 8, 17,
	    dg + 504, 1000));
	sim_inject(&s, SIM_A, f, make_ip(f, 2, 1504 / 8, 17, dg + 1504, 1496));
	CHECK_EQ(s.st[SIM_A]->stats.frag_overlap, 1);
	CHECK_EQ(ns_read(s.st[SIM_A], u, buf, sizeof(buf)), -EAGAIN);
	/* A piece with MF whose length is no multiple of 8; one that
	 * would end past 65535 bytes. */
	sim_inject(&s, SIM_A, f, make_ip(f, 3, 0x2000, 17, dg, 1001));
	sim_inject(&s, SIM_A, f, make_ip(f, 3, 8190, 17, dg, 1000));
	CHECK(s.st[SIM_A]->stats.frag_drop >= 2);
	/* Many incomplete datagrams: at most IPFRAG_SLOTS held, and they
	 * time out. */
	for (uint16_t id = 100; id < 300; id++)
		sim_inject(&s, SIM_A, f, make_ip(f, id, 0x2000, 17, dg, 1000));
	CHECK_EQ(ipfrag_pending(s.st[SIM_A]), IPFRAG_SLOTS);
	sim_run(&s, IPFRAG_TIMEOUT_MS + 10);
	CHECK_EQ(ipfrag_pending(s.st[SIM_A]), 0);
	CHECK(s.st[SIM_A]->stats.frag_timeout >= IPFRAG_SLOTS);
	sim_fini(&s);
}

static void
test_malformed(void)
{
	struct sim s;
	uint8_t dg[100], f[200], g[200], buf[100];
	size_t n = make_ip(f, 9, 0, 17, dg, make_udp(dg, 7, 50, 1));
	int u;

	CHECK_EQ(sim_init(&s, 35), 0);
	u = ns_udp_open(s.st[SIM_A], 0, 7, 0, 0);
	/* Every truncation of a valid frame is dropped. */
	for (size_t len = 0; len < n; len++)
		sim_inject(&s, SIM_A, f, len);
	CHECK_EQ(ns_read(s.st[SIM_A], u, buf, sizeof(buf)), -EAGAIN);
	CHECK(s.st[SIM_A]->stats.eth_drop + s.st[SIM_A]->stats.ip_drop +
	    s.st[SIM_A]->stats.udp_drop >= n - 1);
	/* Each header field made wrong in turn. */
	struct { size_t off; uint8_t val; } bad[] = {
		{ 14, 0x65 },		/* version 6 */
		{ 14, 0x44 },		/* header length 16 */
		{ 14, 0x4f },		/* header length past the data */
		{ 16, 0xff },		/* total length past the frame */
		{ 22, 0 },		/* TTL 0 */
		{ 24, 0x12 },		/* checksum */
		{ 20, 0x80 },		/* the reserved flag */
		{ 26, 0xe0 },		/* multicast source */
		{ 30, 99 },		/* not our address */
		{ 39, 0x04 },		/* UDP length below 8 */
		{ 38, 0xff },		/* UDP length past the packet */
		{ 41, 0x00 },		/* UDP checksum */
		{ 23, 200 },		/* unknown protocol */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memcpy(g, f, n);
		g[bad[i].off] = bad[i].val;
		if (bad[i].off >= 14 && bad[i].off < 34 && bad[i].off != 24) {
			/* Keep the IP checksum right so the field is what
			 * gets checked. */
			pkt_put16(g + 24, 0);
			pkt_put16(g + 24, pkt_fold(pkt_sum(0, g + 14, 20)));
		}
		sim_inject(&s, SIM_A, g, n);
		if (ns_read(s.st[SIM_A], u, buf, sizeof(buf)) != -EAGAIN) {
			fprintf(stderr, "  byte %zu = %#x: delivered\n",
			    bad[i].off, bad[i].val);
			check_failed = 1;
		}
	}
	/* The bad checksum, and the 60-byte header whose checksum then
	 * covers payload bytes. */
	CHECK_EQ(s.st[SIM_A]->stats.ip_cksum, 2);
	CHECK_EQ(s.st[SIM_A]->stats.ip_ttl, 1);
	CHECK_EQ(s.st[SIM_A]->stats.ip_noproto, 1);
	/* Another MAC, an unknown ethertype. */
	memcpy(g, f, n);
	g[0] = 8;
	sim_inject(&s, SIM_A, g, n);
	memcpy(g, f, n);
	g[12] = 0x86;
	sim_inject(&s, SIM_A, g, n);
	/* And the frame itself still arrives. */
	sim_inject(&s, SIM_A, f, n);
	CHECK_EQ(ns_read(s.st[SIM_A], u, buf, sizeof(buf)), 50);
	sim_fini(&s);
}

static void
test_raw(void)
{
	struct sim s;
	uint8_t pkt[64], buf[256];
	int r, ra, u, e;

	CHECK_EQ(sim_init(&s, 36), 0);
	/* B's raw ICMP socket sees A's echo request, whole. */
	r = ns_ip_raw(s.st[SIM_B], 1);
	CHECK(r >= 0);
	e = ns_icmp_echo(s.st[SIM_A], SIM_ADDR_B);
	CHECK_EQ(ns_write(s.st[SIM_A], e, "hi", 2), 2);
	sim_run(&s, 10);
	CHECK_EQ(ns_read(s.st[SIM_B], r, buf, sizeof(buf)), 20 + 8 + 2);
	CHECK(buf[9] == 1 && buf[20] == 8);
	CHECK_EQ(pkt_get32(buf + 12), SIM_ADDR_A);
	CHECK_EQ(ns_read(s.st[SIM_B], r, buf, sizeof(buf)), -EAGAIN);
	/* A raw UDP packet from A reaches B's UDP socket. */
	ra = ns_ip_raw(s.st[SIM_A], 17);
	u = ns_udp_open(s.st[SIM_B], 0, 9000, 0, 0);
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x45;
	pkt[9] = 17;
	pkt_put32(pkt + 16, SIM_ADDR_B);
	pkt_put16(pkt + 20, 1234);
	pkt_put16(pkt + 22, 9000);
	pkt_put16(pkt + 24, 12);
	memcpy(pkt + 28, "raw!", 4);	/* UDP checksum 0: none */
	CHECK_EQ(ns_write(s.st[SIM_A], ra, pkt, 32), 32);
	sim_run(&s, 10);
	CHECK_EQ(ns_read(s.st[SIM_B], u, buf, sizeof(buf)), 4);
	CHECK(memcmp(buf, "raw!", 4) == 0);
	/* Short, not IPv4, another protocol: refused. */
	CHECK_EQ(ns_write(s.st[SIM_A], ra, pkt, 10), -EINVAL);
	pkt[9] = 6;
	CHECK_EQ(ns_write(s.st[SIM_A], ra, pkt, 32), -EINVAL);
	pkt[9] = 17;
	pkt[0] = 0x65;
	CHECK_EQ(ns_write(s.st[SIM_A], ra, pkt, 32), -EINVAL);
	sim_fini(&s);
}

const struct net_test ip_tests[] = {
	{ "ip_raw", test_raw },
	{ "arp", test_arp },
	{ "icmp_ping", test_ping },
	{ "udp", test_udp },
	{ "ip_fragments", test_fragments },
	{ "ip_malformed", test_malformed },
	{ NULL, NULL }
};
