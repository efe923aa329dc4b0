/* TCP over the simulated link: handshakes, transfers under loss, close
 * sequences, resets, a SYN flood, zero windows, keep-alive, timeouts. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "net/stack/pkt.h"
#include "net/stack/sock.h"
#include "net/stack/tcp.h"
#include "tests/net/check.h"
#include "tests/net/sim.h"

/* One direction of a transfer: a seeded byte stream written on one
 * handle and checked as it is read on another. */
struct flow {
	struct netstack *wst, *rst;
	int wh, rh;
	size_t total, sent, got;
	uint32_t wseed, rseed;
	int bad, eof, shut;
};

static uint8_t
flow_byte(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (uint8_t)(*seed >> 16);
}

static void
flow_init(struct flow *f, struct netstack *wst, int wh, struct netstack *rst,
    int rh, size_t total, uint32_t seed)
{
	memset(f, 0, sizeof(*f));
	f->wst = wst;
	f->rst = rst;
	f->wh = wh;
	f->rh = rh;
	f->total = total;
	f->wseed = f->rseed = seed;
}

static void
flow_pump(struct flow *f)
{
	uint8_t buf[16384];
	ssize_t n = -EAGAIN;

	while (f->sent < f->total) {
		size_t k = f->total - f->sent < sizeof(buf) ?
		    f->total - f->sent : sizeof(buf);
		uint32_t save = f->wseed;

		for (size_t i = 0; i < k; i++)
			buf[i] = flow_byte(&f->wseed);
		n = ns_write(f->wst, f->wh, buf, k);
		if (n <= 0) {
			f->wseed = save;
			break;
		}
		/* Take back the generator for bytes not accepted. */
		f->wseed = save;
		for (ssize_t i = 0; i < n; i++)
			(void)flow_byte(&f->wseed);
		f->sent += (size_t)n;
	}
	if (f->sent == f->total && !f->shut) {
		f->shut = 1;
		CHECK_EQ(ns_shutdown(f->wst, f->wh), 0);
	}
	while (!f->eof && (n = ns_read(f->rst, f->rh, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (n != -EAGAIN) {
				f->bad = 1;
				fprintf(stderr, "  read: %s after %zu bytes\n",
				    strerror((int)-n), f->got);
			}
			break;
		}
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != flow_byte(&f->rseed) && !f->bad) {
				f->bad = 1;
				fprintf(stderr, "  stream differs at byte %zu\n",
				    f->got + (size_t)i);
			}
		f->got += (size_t)n;
	}
	if (n == 0)
		f->eof = 1;
}

struct pair {
	struct flow ab, ba;
};

static int
pair_done(void *ctx)
{
	struct pair *p = ctx;

	flow_pump(&p->ab);
	flow_pump(&p->ba);
	return (p->ab.eof && p->ba.eof) || p->ab.bad || p->ba.bad;
}

static int
state_is(struct netstack *st, int h, int state)
{
	return ns_tcp_state(st, h) == state;
}

struct want {
	struct netstack *st;
	int h, state;
};

static int
want_state(void *ctx)
{
	struct want *w = ctx;

	return state_is(w->st, w->h, w->state);
}

/* B connects to A's port; returns the two ends or fails the test. */
static int
tcp_pair(struct sim *s, uint16_t port, int *ah, int *bh)
{
	int r = sim_tcp_pair(s, SIM_B, port, 60000, bh, ah);

	CHECK_EQ(r, 0);
	return r;
}

static void
transfer(uint64_t seed, int loss, int reorder, int dup, size_t bytes)
{
	struct sim s;
	struct pair p;
	int ah, bh;

	CHECK_EQ(sim_init(&s, seed), 0);
	sim_impair(&s, loss, reorder, dup);
	if (tcp_pair(&s, 80, &ah, &bh) == 0) {
		flow_init(&p.ab, s.st[SIM_A], ah, s.st[SIM_B], bh, bytes,
		    (uint32_t)seed);
		flow_init(&p.ba, s.st[SIM_B], bh, s.st[SIM_A], ah, bytes,
		    (uint32_t)seed * 7 + 1);
		uint64_t t0 = s.now;

		CHECK(sim_until(&s, pair_done, &p, 600000));
		printf("  %zu KiB each way, loss %d/1000: %llu ms, "
		    "%llu resent, %llu fast retransmits, %llu timeouts\n",
		    bytes >> 10, loss, (unsigned long long)(s.now - t0),
		    (unsigned long long)(s.st[0]->stats.tcp_rexmit +
		    s.st[1]->stats.tcp_rexmit),
		    (unsigned long long)(s.st[0]->stats.tcp_fast_rexmit +
		    s.st[1]->stats.tcp_fast_rexmit),
		    (unsigned long long)(s.st[0]->stats.tcp_timeouts +
		    s.st[1]->stats.tcp_timeouts));
		CHECK(!p.ab.bad && !p.ba.bad);
		CHECK_EQ(p.ab.got, bytes);
		CHECK_EQ(p.ba.got, bytes);
		CHECK(p.ab.eof && p.ba.eof);
		if (loss > 0)
			CHECK(s.st[SIM_A]->stats.tcp_rexmit > 0);
		ns_close(s.st[SIM_A], ah);
		ns_close(s.st[SIM_B], bh);
		/* Both ends finish closing and are freed after TIME_WAIT. */
		sim_run(&s, 70000);
		CHECK_EQ(tcp_count(s.st[SIM_A]), 0);
		CHECK_EQ(tcp_count(s.st[SIM_B]), 0);
	}
	sim_fini(&s);
}

static void
test_handshake(void)
{
	struct sim s;
	struct ns_endpoints ea, eb;
	uint8_t buf[64];
	int ah, bh;

	CHECK_EQ(sim_init(&s, 1), 0);
	if (tcp_pair(&s, 7000, &ah, &bh) == 0) {
		CHECK(state_is(s.st[SIM_A], ah, TCP_ESTABLISHED));
		sim_run(&s, 5);
		CHECK(state_is(s.st[SIM_B], bh, TCP_ESTABLISHED));
		CHECK(s.events[SIM_B][bh] & NS_EV_WRITE);
		CHECK_EQ(ns_endpoints(s.st[SIM_A], ah, &ea), 0);
		CHECK_EQ(ns_endpoints(s.st[SIM_B], bh, &eb), 0);
		CHECK_EQ(ea.laddr, SIM_ADDR_A);
		CHECK_EQ(ea.lport, 7000);
		CHECK_EQ(ea.raddr, SIM_ADDR_B);
		CHECK_EQ(ea.rport, eb.lport);
		CHECK(eb.lport >= 49152);
		CHECK_EQ(ns_read(s.st[SIM_A], ah, buf, sizeof(buf)), -EAGAIN);
		CHECK_EQ(ns_write(s.st[SIM_B], bh, "hello", 5), 5);
		sim_run(&s, 5);
		CHECK(s.events[SIM_A][ah] & NS_EV_READ);
		CHECK_EQ(ns_read(s.st[SIM_A], ah, buf, sizeof(buf)), 5);
		CHECK(memcmp(buf, "hello", 5) == 0);
		CHECK_EQ(ns_write(s.st[SIM_A], ah, "world!", 6), 6);
		sim_run(&s, 5);
		CHECK_EQ(ns_read(s.st[SIM_B], bh, buf, sizeof(buf)), 6);
		CHECK(memcmp(buf, "world!", 6) == 0);
	}
	sim_fini(&s);
}

static void
test_transfer_clean(void)
{
	transfer(2, 0, 0, 0, 4 << 20);
}

static void
test_transfer_loss(void)
{
	/* 5% loss, a quarter of frames delayed (reordered), 1% doubled. */
	transfer(3, 50, 250, 10, 4 << 20);
	transfer(4, 50, 250, 10, 2 << 20);
	transfer(5, 50, 250, 10, 2 << 20);
}

static void
test_transfer_heavy_loss(void)
{
	transfer(6, 150, 300, 30, 512 << 10);
}

static void
test_close_sequences(void)
{
	struct sim s;
	struct want w;
	uint8_t buf[16];
	int ah, bh;

	CHECK_EQ(sim_init(&s, 7), 0);
	tcp_tune(s.st[SIM_A], 1000, 0, 0, 0);
	tcp_tune(s.st[SIM_B], 1000, 0, 0, 0);
	if (tcp_pair(&s, 80, &ah, &bh) == 0) {
		/* B closes first: B FIN_WAIT_2, A CLOSE_WAIT and EOF. */
		CHECK_EQ(ns_shutdown(s.st[SIM_B], bh), 0);
		sim_run(&s, 10);
		CHECK(state_is(s.st[SIM_B], bh, TCP_FIN_WAIT_2));
		CHECK(state_is(s.st[SIM_A], ah, TCP_CLOSE_WAIT));
		CHECK_EQ(ns_read(s.st[SIM_A], ah, buf, sizeof(buf)), 0);
		CHECK(ns_poll(s.st[SIM_A], ah) & NS_EV_HUP);
		/* A may still send in CLOSE_WAIT; B still reads. */
		CHECK_EQ(ns_write(s.st[SIM_A], ah, "late", 4), 4);
		CHECK_EQ(ns_write(s.st[SIM_B], bh, "x", 1), -EPIPE);
		sim_run(&s, 10);
		CHECK_EQ(ns_read(s.st[SIM_B], bh, buf, sizeof(buf)), 4);
		CHECK_EQ(ns_close(s.st[SIM_A], ah), 0);
		sim_run(&s, 10);
		CHECK(state_is(s.st[SIM_B], bh, TCP_TIME_WAIT));
		CHECK_EQ(ns_read(s.st[SIM_B], bh, buf, sizeof(buf)), 0);
		CHECK_EQ(tcp_count(s.st[SIM_A]), 0);	/* LAST_ACK done */
		w.st = s.st[SIM_B];
		w.h = bh;
		w.state = TCP_CLOSED;
		CHECK(sim_until(&s, want_state, &w, 2100));
		CHECK(!state_is(s.st[SIM_B], bh, TCP_TIME_WAIT));
		ns_close(s.st[SIM_B], bh);
		sim_run(&s, 2);
		CHECK_EQ(tcp_count(s.st[SIM_B]), 0);
	}
	/* Simultaneous close: both FIN at once, both through CLOSING. */
	if (tcp_pair(&s, 81, &ah, &bh) == 0) {
		sim_run(&s, 5);
		CHECK_EQ(ns_shutdown(s.st[SIM_A], ah), 0);
		CHECK_EQ(ns_shutdown(s.st[SIM_B], bh), 0);
		sim_run(&s, 20);
		CHECK(state_is(s.st[SIM_A], ah, TCP_TIME_WAIT));
		CHECK(state_is(s.st[SIM_B], bh, TCP_TIME_WAIT));
		ns_close(s.st[SIM_A], ah);
		ns_close(s.st[SIM_B], bh);
		sim_run(&s, 2100);
		CHECK_EQ(tcp_count(s.st[SIM_A]), 0);
		CHECK_EQ(tcp_count(s.st[SIM_B]), 0);
	}
	sim_fini(&s);
}

static void
test_refused_and_reset(void)
{
	struct sim s;
	uint8_t buf[16];
	int ah, bh, h;

	CHECK_EQ(sim_init(&s, 8), 0);
	h = ns_tcp_connect(s.st[SIM_B], SIM_ADDR_A, 9999, 0, 0);
	CHECK(h >= 0);
	sim_run(&s, 10);
	CHECK(ns_poll(s.st[SIM_B], h) & NS_EV_ERR);
	CHECK_EQ(ns_read(s.st[SIM_B], h, buf, sizeof(buf)), -ECONNREFUSED);
	CHECK(s.st[SIM_A]->stats.tcp_rst_sent >= 1);
	ns_close(s.st[SIM_B], h);
	/* Closing with unread data resets the peer (RFC 2525). */
	if (tcp_pair(&s, 80, &ah, &bh) == 0) {
		CHECK_EQ(ns_write(s.st[SIM_B], bh, "unread", 6), 6);
		sim_run(&s, 10);
		ns_close(s.st[SIM_A], ah);
		sim_run(&s, 10);
		CHECK_EQ(ns_read(s.st[SIM_B], bh, buf, sizeof(buf)),
		    -ECONNRESET);
		CHECK_EQ(ns_write(s.st[SIM_B], bh, "x", 1), -ECONNRESET);
		ns_close(s.st[SIM_B], bh);
		sim_run(&s, 2);
		CHECK_EQ(tcp_count(s.st[SIM_A]), 0);
		CHECK_EQ(tcp_count(s.st[SIM_B]), 0);
	}
	/* Listener on 80 is gone: the same port can listen again. */
	h = ns_tcp_listen(s.st[SIM_A], 0, 80, 4);
	CHECK(h >= 0);
	CHECK_EQ(ns_tcp_listen(s.st[SIM_A], 0, 80, 4), -EADDRINUSE);
	sim_fini(&s);
}

/* A TCP segment from a spoofed source, checksummed, as a frame. */
static size_t
make_segment(uint8_t *f, uint32_t src, uint16_t sport, uint32_t dst,
    uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
    const uint8_t *opt, size_t optlen, const uint8_t *data, size_t dlen)
{
	static const uint8_t amac[6] = { 2, 0, 0, 0, 0, 1 };
	uint8_t *ip = f + 14, *t = ip + 20;
	size_t tl = 20 + optlen + dlen;

	memcpy(f, amac, 6);
	memcpy(f + 6, (const uint8_t[]){ 2, 0, 0, 0, 0, 2 }, 6);
	pkt_put16(f + 12, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	pkt_put16(ip + 2, (uint16_t)(20 + tl));
	ip[8] = 64;
	ip[9] = 6;
	pkt_put32(ip + 12, src);
	pkt_put32(ip + 16, dst);
	pkt_put16(ip + 10, pkt_fold(pkt_sum(0, ip, 20)));
	memset(t, 0, 20);
	pkt_put16(t, sport);
	pkt_put16(t + 2, dport);
	pkt_put32(t + 4, seq);
	pkt_put32(t + 8, ack);
	t[12] = (uint8_t)(((20 + optlen) / 4) << 4);
	t[13] = flags;
	pkt_put16(t + 14, 65535);
	if (optlen > 0)
		memcpy(t + 20, opt, optlen);
	if (dlen > 0)
		memcpy(t + 20 + optlen, data, dlen);
	pkt_put16(t + 16, pkt_fold(pkt_sum(pkt_pseudo(src, dst, 6, tl), t, tl)));
	return 14 + 20 + tl;
}

static void
test_syn_flood(void)
{
	struct sim s;
	struct pair p;
	uint8_t f[128];
	int ah, bh, lh, h, max = 0;
	struct sim_acc a;

	CHECK_EQ(sim_init(&s, 9), 0);
	if (tcp_pair(&s, 80, &ah, &bh) != 0) {
		sim_fini(&s);
		return;
	}
	lh = ns_tcp_listen(s.st[SIM_A], 0, 443, 8);
	CHECK(lh >= 0);
	flow_init(&p.ab, s.st[SIM_A], ah, s.st[SIM_B], bh, 1 << 20, 11);
	flow_init(&p.ba, s.st[SIM_B], bh, s.st[SIM_A], ah, 1 << 20, 12);
	/* 10,000 SYNs from made-up hosts, interleaved with a transfer on
	 * the established connection. */
	for (int i = 0; i < 10000; i++) {
		size_t n = make_segment(f, 0x0a000100u + sim_rand(&s) % 200,
		    (uint16_t)(1024 + sim_rand(&s) % 60000), SIM_ADDR_A, 443,
		    sim_rand(&s), 0, 0x02, (const uint8_t[]){ 2, 4, 5, 180 },
		    4, NULL, 0);

		sim_inject(&s, SIM_A, f, n);
		if (tcp_count(s.st[SIM_A]) > max)
			max = tcp_count(s.st[SIM_A]);
		if (i % 50 == 0) {
			(void)pair_done(&p);
			sim_run(&s, 1);
		}
	}
	CHECK(max <= TCP_SYN_QUEUE + 4);
	CHECK(s.st[SIM_A]->stats.tcp_syn_evict >= 10000 - TCP_SYN_QUEUE - 10);
	CHECK(sim_until(&s, pair_done, &p, 120000));
	CHECK(!p.ab.bad && !p.ba.bad && p.ab.eof && p.ba.eof);
	/* A real client still gets in. */
	h = ns_tcp_connect(s.st[SIM_B], SIM_ADDR_A, 443, 0, 0);
	CHECK(h >= 0);
	a.st = s.st[SIM_A];
	a.lh = lh;
	a.h = -1;
	CHECK(sim_until(&s, sim_accepted, &a, 10000));
	/* The half-open ones time out and go away. */
	sim_run(&s, 200000);
	/* Left: the listener, the first connection, the accepted one. */
	CHECK_EQ(tcp_count(s.st[SIM_A]), 3);
	sim_fini(&s);
}

struct zw {
	struct flow f;
	int reading;
};

static int
zw_done(void *ctx)
{
	struct zw *z = ctx;

	if (z->reading)
		flow_pump(&z->f);
	else {
		size_t got = z->f.got;

		/* Write only: the receiver is not reading. */
		z->f.eof = 1;
		flow_pump(&z->f);
		z->f.eof = 0;
		z->f.got = got;
	}
	return z->f.eof || z->f.bad;
}

static void
test_zero_window(void)
{
	struct sim s;
	struct zw z;
	int ah, bh;

	CHECK_EQ(sim_init(&s, 10), 0);
	if (tcp_pair(&s, 80, &ah, &bh) == 0) {
		memset(&z, 0, sizeof(z));
		flow_init(&z.f, s.st[SIM_B], bh, s.st[SIM_A], ah, 1 << 20, 5);
		(void)sim_until(&s, zw_done, &z, 3000);
		/* The receiver's buffer and the sender's are full. */
		CHECK_EQ(z.f.sent, 2 * TCP_BUF);
		CHECK_EQ(ns_write(s.st[SIM_B], bh, "x", 1), -EAGAIN);
		CHECK(!(ns_poll(s.st[SIM_B], bh) & NS_EV_WRITE));
		/* Long stalls are held by window probes, not reset. */
		sim_run(&s, 120000);
		CHECK(state_is(s.st[SIM_B], bh, TCP_ESTABLISHED));
		z.reading = 1;
		CHECK(sim_until(&s, zw_done, &z, 120000));
		CHECK(!z.f.bad);
		CHECK_EQ(z.f.got, 1 << 20);
	}
	sim_fini(&s);
}

static void
test_keepalive_and_timeout(void)
{
	struct sim s;
	struct want w;
	uint8_t buf[8];
	int ah, bh, h;

	CHECK_EQ(sim_init(&s, 11), 0);
	tcp_tune(s.st[SIM_B], 0, 2000, 500, 3);
	if (tcp_pair(&s, 80, &ah, &bh) == 0) {
		CHECK_EQ(ns_setopt(s.st[SIM_B], bh, NS_OPT_KEEPALIVE, 1), 0);
		/* Probes answered: the connection stays up. */
		sim_run(&s, 10000);
		CHECK(state_is(s.st[SIM_B], bh, TCP_ESTABLISHED));
		/* The peer vanishes: after the probes, ETIMEDOUT. */
		sim_impair(&s, 1000, 0, 0);
		w.st = s.st[SIM_B];
		w.h = bh;
		w.state = TCP_CLOSED;
		CHECK(sim_until(&s, want_state, &w, 5000));
		CHECK_EQ(ns_read(s.st[SIM_B], bh, buf, sizeof(buf)),
		    -ETIMEDOUT);
	}
	/* No answer to a SYN: ETIMEDOUT after the retries. */
	h = ns_tcp_connect(s.st[SIM_B], SIM_ADDR_A, 80, 0, 0);
	CHECK(h >= 0);
	w.h = h;
	CHECK(sim_until(&s, want_state, &w, 300000));
	CHECK_EQ(ns_read(s.st[SIM_B], h, buf, sizeof(buf)), -ETIMEDOUT);
	sim_fini(&s);
}

static void
test_hostile_segments(void)
{
	struct sim s;
	struct ns_endpoints e;
	uint8_t f[256], buf[16];
	int ah, bh;
	size_t n;

	CHECK_EQ(sim_init(&s, 12), 0);
	if (tcp_pair(&s, 80, &ah, &bh) == 0) {
		uint64_t badopt = s.st[SIM_A]->stats.tcp_badopt;

		CHECK_EQ(ns_endpoints(s.st[SIM_B], bh, &e), 0);
		/* Option lengths of 0, past the header, and a bad MSS. */
		n = make_segment(f, SIM_ADDR_B, e.lport, SIM_ADDR_A, 80, 1, 1,
		    0x10, (const uint8_t[]){ 1, 1, 8, 0 }, 4, NULL, 0);
		sim_inject(&s, SIM_A, f, n);
		n = make_segment(f, SIM_ADDR_B, e.lport, SIM_ADDR_A, 80, 1, 1,
		    0x10, (const uint8_t[]){ 1, 1, 2, 9 }, 4, NULL, 0);
		sim_inject(&s, SIM_A, f, n);
		n = make_segment(f, SIM_ADDR_B, e.lport, SIM_ADDR_A, 80, 1, 1,
		    0x02, (const uint8_t[]){ 2, 3, 0, 0 }, 4, NULL, 0);
		sim_inject(&s, SIM_A, f, n);
		CHECK_EQ(s.st[SIM_A]->stats.tcp_badopt, badopt + 3);
		/* A bad checksum. */
		n = make_segment(f, SIM_ADDR_B, e.lport, SIM_ADDR_A, 80, 1, 1,
		    0x14, NULL, 0, NULL, 0);
		f[14 + 20 + 16] ^= 1;
		sim_inject(&s, SIM_A, f, n);
		CHECK_EQ(s.st[SIM_A]->stats.tcp_cksum, 1);
		/* A blind RST with a wrong sequence number only draws a
		 * challenge ACK (RFC 5961). */
		n = make_segment(f, SIM_ADDR_B, e.lport, SIM_ADDR_A, 80,
		    0x12345678, 0, 0x04, NULL, 0, NULL, 0);
		sim_inject(&s, SIM_A, f, n);
		/* A SYN on an established connection, likewise. */
		n = make_segment(f, SIM_ADDR_B, e.lport, SIM_ADDR_A, 80,
		    0x12345678, 0, 0x02, NULL, 0, NULL, 0);
		sim_inject(&s, SIM_A, f, n);
		/* Data far outside the window. */
		n = make_segment(f, SIM_ADDR_B, e.lport, SIM_ADDR_A, 80,
		    0x7eadbeef, 0, 0x18, NULL, 0, (const uint8_t *)"evil", 4);
		sim_inject(&s, SIM_A, f, n);
		sim_run(&s, 10);
		CHECK(state_is(s.st[SIM_A], ah, TCP_ESTABLISHED));
		CHECK(state_is(s.st[SIM_B], bh, TCP_ESTABLISHED));
		CHECK_EQ(ns_read(s.st[SIM_A], ah, buf, sizeof(buf)), -EAGAIN);
		CHECK_EQ(ns_write(s.st[SIM_B], bh, "fine", 4), 4);
		sim_run(&s, 10);
		CHECK_EQ(ns_read(s.st[SIM_A], ah, buf, sizeof(buf)), 4);
	}
	sim_fini(&s);
}

struct loop {
	struct netstack *st;
	int lh, ch, sh;
	struct flow a, b;
};

static int
loop_done(void *ctx)
{
	struct loop *l = ctx;

	if (l->sh < 0) {
		l->sh = ns_accept(l->st, l->lh);
		if (l->sh < 0)
			return 0;
		flow_init(&l->a, l->st, l->ch, l->st, l->sh, 1 << 20, 21);
		flow_init(&l->b, l->st, l->sh, l->st, l->ch, 1 << 20, 22);
	}
	flow_pump(&l->a);
	flow_pump(&l->b);
	return (l->a.eof && l->b.eof) || l->a.bad || l->b.bad;
}

static void
test_loopback(void)
{
	struct sim s;
	struct loop l;

	CHECK_EQ(sim_init(&s, 13), 0);
	memset(&l, 0, sizeof(l));
	l.st = s.st[SIM_A];
	l.sh = -1;
	l.lh = ns_tcp_listen(l.st, 0, 7000, 4);
	CHECK(l.lh >= 0);
	l.ch = ns_tcp_connect(l.st, NS_LOOPBACK, 7000, 0, 0);
	CHECK(l.ch >= 0);
	CHECK(sim_until(&s, loop_done, &l, 60000));
	CHECK(!l.a.bad && !l.b.bad);
	CHECK_EQ(l.a.got, 1 << 20);
	CHECK_EQ(l.b.got, 1 << 20);
	/* Nothing went on the wire. */
	CHECK_EQ(s.sent[SIM_A], 1);	/* the gratuitous ARP at start */
	sim_fini(&s);
}

const struct net_test tcp_tests[] = {
	{ "tcp_handshake", test_handshake },
	{ "tcp_transfer_clean", test_transfer_clean },
	{ "tcp_transfer_loss", test_transfer_loss },
	{ "tcp_transfer_heavy_loss", test_transfer_heavy_loss },
	{ "tcp_close_sequences", test_close_sequences },
	{ "tcp_refused_and_reset", test_refused_and_reset },
	{ "tcp_syn_flood", test_syn_flood },
	{ "tcp_zero_window", test_zero_window },
	{ "tcp_keepalive_and_timeout", test_keepalive_and_timeout },
	{ "tcp_hostile_segments", test_hostile_segments },
	{ "tcp_loopback", test_loopback },
	{ NULL, NULL }
};
