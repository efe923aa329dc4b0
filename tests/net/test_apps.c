/* The DHCP client and the DNS resolver against tiny servers run on the
 * other stack's UDP sockets. */
#include <errno.h>
#include <string.h>

#include "net/stack/dhcp.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"
#include "tests/net/check.h"
#include "tests/net/sim.h"

#define LEASED 0x0a000032u	/* 10.0.0.50 */
#define ROUTER 0x0a0000feu

struct dhcpd {
	struct netstack *st;
	int h;
	int answer;		/* 0: stay silent */
	int discovers, requests, renewals;
};

static void
dhcpd_reply(struct dhcpd *d, const uint8_t *q, int type)
{
	uint8_t r[300];
	size_t o = 240;

	memset(r, 0, sizeof(r));
	r[0] = 2;
	r[1] = 1;
	r[2] = 6;
	memcpy(r + 4, q + 4, 4);	/* xid */
	pkt_put32(r + 16, LEASED);
	memcpy(r + 28, q + 28, 16);
	pkt_put32(r + 236, 0x63825363u);
	r[o++] = 53; r[o++] = 1; r[o++] = (uint8_t)type;
	r[o++] = 54; r[o++] = 4; pkt_put32(r + o, SIM_ADDR_B); o += 4;
	r[o++] = 1; r[o++] = 4; pkt_put32(r + o, 0xffffff00u); o += 4;
	r[o++] = 3; r[o++] = 4; pkt_put32(r + o, ROUTER); o += 4;
	r[o++] = 6; r[o++] = 4; pkt_put32(r + o, SIM_ADDR_B); o += 4;
	r[o++] = 51; r[o++] = 4; pkt_put32(r + o, 60); o += 4;
	r[o++] = 255;
	CHECK_EQ(ns_sendto(d->st, d->h, r, sizeof(r), 0xffffffffu, 68),
	    sizeof(r));
}

/* Serves what arrived; returns whether the client is bound. */
static int
dhcpd_serve(void *ctx)
{
	struct dhcpd *d = ctx;
	uint8_t q[600];
	uint32_t from;
	ssize_t n;

	while ((n = ns_recvfrom(d->st, d->h, q, sizeof(q), &from, NULL)) > 0) {
		int type = 0;

		CHECK(n >= 244);
		if (n < 244)
			continue;
		for (ssize_t i = 240; i + 2 < n && q[i] != 255; i += 2 + q[i + 1])
			if (q[i] == 53)
				type = q[i + 2];
		if (type == 1) {
			d->discovers++;
			if (d->answer)
				dhcpd_reply(d, q, 2);
		} else if (type == 3) {
			if (pkt_get32(q + 12) == LEASED)
				d->renewals++;
			else
				d->requests++;
			if (d->answer)
				dhcpd_reply(d, q, 5);
		}
	}
	return 0;
}

struct bound {
	struct dhcpd *d;
	struct netstack *client;
	int state;
};

static int
dhcp_reached(void *ctx)
{
	struct bound *b = ctx;

	dhcpd_serve(b->d);
	return dhcp_state(b->client) == b->state;
}

static void
test_dhcp(void)
{
	struct sim s;
	struct dhcpd d;
	struct bound b;
	struct dhcp_lease l;

	CHECK_EQ(sim_init(&s, 41), 0);
	ns_configure(s.st[SIM_A], 0, 0, 0, 0);
	memset(&d, 0, sizeof(d));
	d.st = s.st[SIM_B];
	d.h = ns_udp_open(d.st, 0, 67, 0, 0);
	CHECK(d.h >= 0);
	/* No server answers: DISCOVER is repeated. */
	CHECK_EQ(dhcp_start(s.st[SIM_A]), 0);
	sim_run(&s, 5000);
	dhcpd_serve(&d);
	CHECK(d.discovers >= 3);
	CHECK_EQ(dhcp_state(s.st[SIM_A]), DHCP_SELECTING);
	CHECK_EQ(s.st[SIM_A]->addr, 0);
	/* It answers: bound, and the lease configures the interface. */
	d.answer = 1;
	b.d = &d;
	b.client = s.st[SIM_A];
	b.state = DHCP_BOUND;
	CHECK(sim_until(&s, dhcp_reached, &b, 5000));
	CHECK_EQ(d.requests, 1);
	CHECK_EQ(s.st[SIM_A]->addr, LEASED);
	CHECK_EQ(s.st[SIM_A]->mask, 0xffffff00u);
	CHECK_EQ(s.st[SIM_A]->router, ROUTER);
	CHECK_EQ(s.st[SIM_A]->dns, SIM_ADDR_B);
	dhcp_lease(s.st[SIM_A], &l);
	CHECK_EQ(l.lease_s, 60);
	CHECK_EQ(l.server, SIM_ADDR_B);
	/* The address works: B reaches A over TCP. */
	{
		int lh = ns_tcp_listen(s.st[SIM_A], 0, 80, 1);
		int h = ns_tcp_connect(s.st[SIM_B], LEASED, 80, 0, 0);

		sim_run(&s, 20);
		CHECK(ns_accept(s.st[SIM_A], lh) >= 0);
		CHECK(h >= 0);
	}
	/* At T1 (30 s) it renews by unicast and stays bound. */
	b.state = DHCP_RENEWING;
	CHECK(sim_until(&s, dhcp_reached, &b, 31000));
	b.state = DHCP_BOUND;
	CHECK(sim_until(&s, dhcp_reached, &b, 1000));
	CHECK_EQ(d.renewals, 1);
	/* The server goes away: renewing, rebinding, then the lease ends
	 * and the address is dropped. */
	d.answer = 0;
	b.state = DHCP_SELECTING;
	CHECK(sim_until(&s, dhcp_reached, &b, 61000));
	CHECK_EQ(s.st[SIM_A]->addr, 0);
	CHECK(d.renewals > 2);
	sim_fini(&s);
}

struct dnsd {
	struct netstack *st;
	int h;
	int queries;
};

/* Answers from the name in the question: host.test has a CNAME, then
 * an A record via a compression pointer; nx.test does not exist;
 * slow.test never answers; bad.test gets a truncated answer. */
static void
dnsd_serve(struct dnsd *d)
{
	uint8_t q[512], r[512];
	uint32_t from;
	uint16_t port;
	ssize_t n;

	while ((n = ns_recvfrom(d->st, d->h, q, sizeof(q), &from, &port)) > 0) {
		size_t o = (size_t)n;

		d->queries++;
		if (n < 17 || n > 400)
			continue;
		memcpy(r, q, (size_t)n);
		r[2] = 0x81;
		r[3] = 0x80;
		if (memcmp(q + 12, "\4slow", 5) == 0)
			continue;
		if (memcmp(q + 12, "\2nx", 3) == 0) {
			r[3] = 0x83;
		} else {
			static const uint8_t ans[] = {
				0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 0xc0, 12,
				0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4,
				10, 0, 0, 2
			};

			pkt_put16(r + 6, 2);
			memcpy(r + o, ans, sizeof(ans));
			o += sizeof(ans);
			if (memcmp(q + 12, "\3bad", 4) == 0)
				o -= 3;
		}
		CHECK_EQ(ns_sendto(d->st, d->h, r, o, from, port), o);
	}
}

struct lookup {
	struct dnsd *d;
	struct netstack *st;
	int h;
};

static int
lookup_done(void *ctx)
{
	struct lookup *l = ctx;

	dnsd_serve(l->d);
	return (ns_poll(l->st, l->h) & NS_EV_READ) != 0;
}

static ssize_t
resolve(struct sim *s, struct dnsd *d, const char *name, uint32_t *addr)
{
	struct lookup l = { d, s->st[SIM_A], -1 };
	uint8_t buf[4];
	ssize_t r;

	l.h = ns_dns_lookup(s->st[SIM_A], name, strlen(name));
	if (l.h < 0)
		return l.h;
	CHECK(sim_until(s, lookup_done, &l, 5000));
	r = ns_read(s->st[SIM_A], l.h, buf, sizeof(buf));
	if (r == 4)
		*addr = pkt_get32(buf);
	ns_close(s->st[SIM_A], l.h);
	return r;
}

static void
test_dns(void)
{
	struct sim s;
	struct dnsd d;
	uint32_t a = 0;

	CHECK_EQ(sim_init(&s, 42), 0);
	memset(&d, 0, sizeof(d));
	d.st = s.st[SIM_B];
	d.h = ns_udp_open(d.st, 0, 53, 0, 0);
	CHECK_EQ(resolve(&s, &d, "host.test", &a), -ENETUNREACH);
	ns_configure(s.st[SIM_A], SIM_ADDR_A, 0xffffff00u, 0, SIM_ADDR_B);
	CHECK_EQ(resolve(&s, &d, "host.test", &a), 4);
	CHECK_EQ(a, SIM_ADDR_B);
	CHECK_EQ(d.queries, 1);
	CHECK_EQ(resolve(&s, &d, "nx.test", &a), -ENOENT);
	CHECK_EQ(resolve(&s, &d, "bad.test", &a), -EIO);
	d.queries = 0;
	CHECK_EQ(resolve(&s, &d, "slow.test", &a), -ETIMEDOUT);
	CHECK_EQ(d.queries, 3);
	d.queries = 0;
	CHECK_EQ(resolve(&s, &d, "10.1.2.3", &a), 4);
	CHECK_EQ(a, 0x0a010203u);
	CHECK_EQ(resolve(&s, &d, "localhost", &a), 4);
	CHECK_EQ(a, 0x7f000001u);
	CHECK_EQ(d.queries, 0);
	CHECK_EQ(resolve(&s, &d, "bad..name", &a), -EINVAL);
	CHECK_EQ(resolve(&s, &d, "sp ace", &a), -EINVAL);
	CHECK_EQ(resolve(&s, &d, "", &a), -EINVAL);
	sim_fini(&s);
}

const struct net_test app_tests[] = {
	{ "dhcp", test_dhcp },
	{ "dns", test_dns },
	{ NULL, NULL }
};
