/* What netstackd's batching and the socket options rely on: ACKs held
 * over a batch of received frames, per-socket TTL, raw Ethernet sockets. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "net/stack/pkt.h"
#include "net/stack/sock.h"
#include "net/stack/tcp.h"
#include "tests/net/check.h"
#include "tests/net/sim.h"

#define CAP_MAX 64

/* Frames one stack sent, kept while the link drops them. */
struct capture {
	int from;
	int n;
	size_t len[CAP_MAX];
	uint8_t f[CAP_MAX][NS_FRAME_MAX];
};

static void
capture_tap(void *ctx, int from, const uint8_t *f, size_t len)
{
	struct capture *c = ctx;

	if (from != c->from || c->n >= CAP_MAX || len > NS_FRAME_MAX)
		return;
	memcpy(c->f[c->n], f, len);
	c->len[c->n++] = len;
}

/* An IPv4 frame's TTL and protocol; -1 for anything else. */
static int
frame_ttl(const uint8_t *f, size_t len, int proto)
{
	if (len < NS_ETH_HLEN + 20 || pkt_get16(f + 12) != NS_ETHERTYPE_IP ||
	    f[NS_ETH_HLEN + 9] != proto)
		return -1;
	return f[NS_ETH_HLEN + 8];
}

/* A TCP connection B -> A on port; 0, or -1 after failing the test. */
static int
pair(struct sim *s, uint16_t port, int *ah, int *bh)
{
	int r = sim_tcp_pair(s, SIM_B, port, 5000, bh, ah);

	CHECK_EQ(r, 0);
	sim_run(s, 5);
	return r;
}

/* A's data segments, captured, then fed to B in one batch or one by one;
 * how many frames B answered with.  *acked: the last ACK number. */
static int
feed(int batch, uint32_t *acked, size_t *got)
{
	static struct capture in, out;
	static uint8_t data[14600], buf[16384];
	struct sim s;
	int ah, bh, n = -1;

	*got = 0;
	CHECK_EQ(sim_init(&s, 11), 0);
	if (pair(&s, 9000, &ah, &bh) == 0) {
		/* Slow start first, so A's window lets ten segments out. */
		for (int i = 0; i < 40; i++) {
			(void)ns_write(s.st[SIM_A], ah, data, sizeof(data));
			sim_run(&s, 5);
			while (ns_read(s.st[SIM_B], bh, buf, sizeof(buf)) > 0)
				;
		}
		sim_run(&s, 300);
		while (ns_read(s.st[SIM_B], bh, buf, sizeof(buf)) > 0)
			;
		memset(&in, 0, sizeof(in));
		in.from = SIM_A;
		s.tap = capture_tap;
		s.tap_ctx = &in;
		sim_impair(&s, 1000, 0, 0);	/* the link drops all */
		for (size_t i = 0; i < sizeof(data); i++)
			data[i] = (uint8_t)(i * 7);
		CHECK_EQ(ns_write(s.st[SIM_A], ah, data, sizeof(data)),
		    (long long)sizeof(data));
		CHECK(in.n >= 8);
		memset(&out, 0, sizeof(out));
		out.from = SIM_B;
		s.tap_ctx = &out;
		if (batch)
			ns_input_batch(s.st[SIM_B], 1);
		for (int i = 0; i < in.n; i++)
			ns_input(s.st[SIM_B], in.f[i], in.len[i], s.now);
		if (batch)
			ns_input_batch(s.st[SIM_B], 0);
		n = out.n;
		*acked = n > 0 ? pkt_get32(out.f[n - 1] + NS_ETH_HLEN + 20 + 8) : 0;
		ssize_t r;
		while ((r = ns_read(s.st[SIM_B], bh, buf, sizeof(buf))) > 0) {
			CHECK(memcmp(buf, data + *got, (size_t)r) == 0);
			*got += (size_t)r;
		}
		/* The data A sent so far, in order. */
		CHECK_EQ(*acked, pkt_get32(in.f[in.n - 1] + NS_ETH_HLEN + 20 + 4) +
		    (in.len[in.n - 1] - NS_ETH_HLEN - 40));
	}
	sim_fini(&s);
	return n;
}

static void
test_batch_acks(void)
{
	uint32_t ack1, ackn;
	size_t got1, gotn;
	int one = feed(1, &ack1, &got1), each = feed(0, &ackn, &gotn);

	printf("  ACK frames: %d in a batch, %d frame by frame\n", one, each);
	CHECK_EQ(one, 1);
	CHECK(each >= 4);
	CHECK_EQ(ack1, ackn);
	CHECK_EQ(got1, gotn);
	CHECK(got1 >= 8 * 1460);
}

static void
test_ttl(void)
{
	static struct capture c;
	struct sim s;
	uint8_t buf[64];
	int ua, ub, ah, bh;

	CHECK_EQ(sim_init(&s, 12), 0);
	memset(&c, 0, sizeof(c));
	c.from = SIM_A;
	s.tap = capture_tap;
	s.tap_ctx = &c;
	ub = ns_udp_open(s.st[SIM_B], 0, 5000, 0, 0);
	ua = ns_udp_open(s.st[SIM_A], 0, 0, SIM_ADDR_B, 5000);
	CHECK(ua >= 0 && ub >= 0);
	CHECK_EQ(ns_getopt(s.st[SIM_A], ua, NS_OPT_TTL), 64);
	CHECK_EQ(ns_setopt(s.st[SIM_A], ua, NS_OPT_TTL, 0), -EINVAL);
	CHECK_EQ(ns_setopt(s.st[SIM_A], ua, NS_OPT_TTL, 256), -EINVAL);
	CHECK_EQ(ns_setopt(s.st[SIM_A], ua, NS_OPT_TTL, 7), 0);
	CHECK_EQ(ns_getopt(s.st[SIM_A], ua, NS_OPT_TTL), 7);
	CHECK_EQ(ns_write(s.st[SIM_A], ua, "ttl", 3), 3);
	sim_run(&s, 5);
	CHECK_EQ(ns_read(s.st[SIM_B], ub, buf, sizeof(buf)), 3);
	CHECK(c.n >= 1);
	/* ARP first, then the datagram. */
	CHECK_EQ(frame_ttl(c.f[c.n - 1], c.len[c.n - 1], 17), 7);
	if (pair(&s, 9001, &ah, &bh) == 0) {
		CHECK_EQ(ns_setopt(s.st[SIM_A], ah, NS_OPT_TTL, 200), 0);
		c.n = 0;
		CHECK_EQ(ns_write(s.st[SIM_A], ah, "x", 1), 1);
		CHECK(c.n >= 1);
		CHECK_EQ(frame_ttl(c.f[0], c.len[0], 6), 200);
		CHECK_EQ(ns_getopt(s.st[SIM_B], bh, NS_OPT_TTL), 64);
	}
	sim_fini(&s);
}

static void
test_ethernet(void)
{
	static struct capture c;
	struct sim s;
	uint8_t f[64], got[128];
	int ea, eb, arp, ua, ub;

	CHECK_EQ(sim_init(&s, 13), 0);
	CHECK_EQ(ns_eth_raw(s.st[SIM_A], 0x0800 - 0x300), -EINVAL);
	ea = ns_eth_raw(s.st[SIM_A], 0x88b5);
	eb = ns_eth_raw(s.st[SIM_B], 0x88b5);
	arp = ns_eth_raw(s.st[SIM_B], 0x0806);
	CHECK(ea >= 0 && eb >= 0 && arp >= 0);
	memset(f, 0, sizeof(f));
	memcpy(f, s.st[SIM_B]->mac, 6);		/* to B, from "zero" */
	pkt_put16(f + 12, 0x88b5);
	memcpy(f + 14, "raw frame", 9);
	CHECK_EQ(ns_write(s.st[SIM_A], ea, f, 14), 14);
	CHECK_EQ(ns_write(s.st[SIM_A], ea, f, 13), -EINVAL);	/* no type */
	CHECK_EQ(ns_write(s.st[SIM_A], ea, f, sizeof(f)), (long long)sizeof(f));
	pkt_put16(f + 12, 0x88b6);
	CHECK_EQ(ns_write(s.st[SIM_A], ea, f, sizeof(f)), -EINVAL);
	CHECK_EQ(ns_read(s.st[SIM_B], eb, got, sizeof(got)), -EAGAIN);
	sim_run(&s, 5);
	CHECK(ns_poll(s.st[SIM_B], eb) & NS_EV_READ);
	CHECK_EQ(ns_read(s.st[SIM_B], eb, got, sizeof(got)), 14);
	CHECK_EQ(ns_read(s.st[SIM_B], eb, got, sizeof(got)), (long long)sizeof(f));
	CHECK(memcmp(got, s.st[SIM_B]->mac, 6) == 0);
	CHECK(memcmp(got + 6, s.st[SIM_A]->mac, 6) == 0);	/* filled in */
	CHECK(memcmp(got + 14, "raw frame", 9) == 0);
	CHECK_EQ(ns_read(s.st[SIM_B], eb, got, sizeof(got)), -EAGAIN);
	/* A socket for ARP sees the stack's ARP, which still works. */
	ub = ns_udp_open(s.st[SIM_B], 0, 5000, 0, 0);
	ua = ns_udp_open(s.st[SIM_A], 0, 0, SIM_ADDR_B, 5000);
	CHECK_EQ(ns_write(s.st[SIM_A], ua, "x", 1), 1);
	sim_run(&s, 5);
	CHECK_EQ(ns_read(s.st[SIM_B], ub, got, sizeof(got)), 1);
	CHECK(ns_read(s.st[SIM_B], arp, got, sizeof(got)) >= 42);
	CHECK_EQ(pkt_get16(got + 12), 0x0806);
	/* A reader that never reads holds at most ETH_QUEUE_MAX frames. */
	memset(&c, 0, sizeof(c));
	pkt_put16(f + 12, 0x88b5);
	for (int i = 0; i < 200; i++) {
		CHECK_EQ(ns_write(s.st[SIM_A], ea, f, sizeof(f)), (long long)sizeof(f));
		sim_run(&s, 1);
	}
	int n = 0;
	while (ns_read(s.st[SIM_B], eb, got, sizeof(got)) > 0)
		n++;
	CHECK_EQ(n, 64);
	CHECK_EQ(ns_close(s.st[SIM_B], eb), 0);
	CHECK_EQ(ns_read(s.st[SIM_B], eb, got, sizeof(got)), -EBADF);
	sim_fini(&s);
}

/* The byte-pair sum pkt_sum replaced, as the reference. */
static uint32_t
slow_sum(uint32_t sum, const uint8_t *p, size_t len)
{
	uint64_t s = sum;

	for (; len >= 2; p += 2, len -= 2)
		s += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		s += (uint32_t)p[0] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint32_t)s;
}

static void
test_checksum(void)
{
	static uint8_t buf[2048];
	uint32_t x = 12345;
	int bad = 0;

	for (size_t i = 0; i < sizeof(buf); i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (uint8_t)(x >> 16);
	}
	memset(buf + 100, 0xff, 64);	/* carries */
	/* Every length and alignment up to a frame, partial sums chained. */
	for (size_t off = 0; off < 9; off++)
		for (size_t len = 0; len <= 1600; len++) {
			uint32_t start = (uint32_t)(len * 7919u) & 0xffff;

			if (pkt_sum(start, buf + off, len) != slow_sum(start, buf + off, len))
				bad++;
		}
	CHECK_EQ(bad, 0);
	CHECK_EQ(pkt_fold(pkt_sum(0, "\x45\x00\x00\x1c", 4)), 0xbae3);
}

static void
test_write_ready(void)
{
	static uint8_t data[65536], buf[65536];
	struct sim s;
	int ah, bh, u;

	CHECK_EQ(sim_init(&s, 14), 0);
	u = ns_udp_open(s.st[SIM_A], 0, 0, 0, 0);
	CHECK_EQ(ns_write_ready(s.st[SIM_A], u, 1 << 20), 1);
	if (pair(&s, 9002, &ah, &bh) == 0) {
		CHECK_EQ(ns_write_ready(s.st[SIM_A], ah, sizeof(data)), 1);
		sim_impair(&s, 1000, 0, 0);	/* nothing is acknowledged */
		while (ns_write(s.st[SIM_A], ah, data, sizeof(data)) > 0)
			;
		/* Full: neither a big write nor a byte should go now. */
		CHECK_EQ(ns_write_ready(s.st[SIM_A], ah, 1), 0);
		sim_impair(&s, 0, 0, 0);
		for (int i = 0; i < 200; i++) {
			sim_run(&s, 50);
			while (ns_read(s.st[SIM_B], bh, buf, sizeof(buf)) > 0)
				;
		}
		CHECK_EQ(ns_write_ready(s.st[SIM_A], ah, sizeof(data)), 1);
		/* No such socket: ns_write says so, so it is "ready". */
		ns_close(s.st[SIM_B], bh);
		CHECK_EQ(ns_write_ready(s.st[SIM_A], 4095, 1), 1);
	}
	sim_fini(&s);
}

const struct net_test batch_tests[] = {
	{ "batch_acks", test_batch_acks },
	{ "ttl", test_ttl },
	{ "ethernet", test_ethernet },
	{ "checksum", test_checksum },
	{ "write_ready", test_write_ready },
	{ NULL, NULL },
};
