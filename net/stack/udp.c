/* UDP sockets (udp.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/ip.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"
#include "net/stack/udp.h"

struct udp_dgram {
	struct udp_dgram *next;
	uint32_t src;
	uint16_t sport;
	size_t len;
	uint8_t data[];
};

struct udp_sock {
	struct udp_sock *next;
	int handle;
	uint32_t laddr, raddr;
	uint16_t lport, rport;
	struct udp_dgram *head, *tail;
	int count;
	size_t bytes;
	udp_deliver_fn deliver;
	void *ctx;
	uint8_t ttl;
};

struct udp_table {
	struct udp_sock *list;
	uint16_t next_port;
	uint8_t buf[UDP_HLEN + IP_MAXPACKET];
};

int
udp_init(struct netstack *st)
{
	st->udp = calloc(1, sizeof(*st->udp));
	if (st->udp == NULL)
		return -ENOMEM;
	st->udp->next_port = (uint16_t)(49152 + ns_random(st) % 16384);
	return 0;
}

static void
udp_free(struct udp_sock *u)
{
	struct udp_dgram *d, *n;

	for (d = u->head; d != NULL; d = n) {
		n = d->next;
		free(d);
	}
	free(u);
}

void
udp_fini(struct netstack *st)
{
	struct udp_sock *u, *n;

	if (st->udp == NULL)
		return;
	for (u = st->udp->list; u != NULL; u = n) {
		n = u->next;
		udp_free(u);
	}
	free(st->udp);
	st->udp = NULL;
}

static struct udp_sock *
udp_find(struct netstack *st, uint32_t dst, uint16_t dport, uint32_t src,
    uint16_t sport)
{
	struct udp_sock *u, *best = NULL;

	for (u = st->udp->list; u != NULL; u = u->next) {
		if (u->lport != dport || (u->laddr != 0 && u->laddr != dst &&
		    dst != 0xffffffffu))
			continue;
		if (u->raddr != 0 && (u->raddr != src || u->rport != sport))
			continue;
		/* A connected socket is the better match. */
		if (best == NULL || u->raddr != 0)
			best = u;
	}
	return best;
}

void
udp_input(struct netstack *st, uint32_t src, uint32_t dst, const uint8_t *p,
    size_t len)
{
	size_t ulen;
	uint16_t sum;
	struct udp_sock *u;
	struct udp_dgram *d;

	if (len < UDP_HLEN) {
		st->stats.udp_drop++;
		return;
	}
	ulen = pkt_get16(p + 4);
	if (ulen < UDP_HLEN || ulen > len || pkt_get16(p + 2) == 0) {
		st->stats.udp_drop++;
		return;
	}
	sum = pkt_get16(p + 6);
	if (sum != 0 && !st->rx_csum_ok &&
	    pkt_fold(pkt_sum(pkt_pseudo(src, dst, IP_PROTO_UDP,
	    ulen), p, ulen)) != 0) {
		st->stats.udp_drop++;
		return;
	}
	u = udp_find(st, dst, pkt_get16(p + 2), src, pkt_get16(p));
	if (u == NULL) {
		st->stats.udp_noport++;
		return;
	}
	if (u->deliver != NULL) {
		u->deliver(st, u->ctx, src, pkt_get16(p), p + UDP_HLEN,
		    ulen - UDP_HLEN);
		return;
	}
	if (u->count >= UDP_QUEUE_MAX ||
	    u->bytes + ulen > UDP_QUEUE_BYTES ||
	    (d = malloc(sizeof(*d) + ulen - UDP_HLEN)) == NULL) {
		st->stats.udp_drop++;
		return;
	}
	d->next = NULL;
	d->src = src;
	d->sport = pkt_get16(p);
	d->len = ulen - UDP_HLEN;
	memcpy(d->data, p + UDP_HLEN, d->len);
	if (u->tail != NULL)
		u->tail->next = d;
	else
		u->head = d;
	u->tail = d;
	u->count++;
	u->bytes += d->len;
	if (u->handle >= 0)
		ns_notify(st, u->handle, udp_poll(u));
}

static int
udp_port_used(struct netstack *st, uint16_t port)
{
	for (struct udp_sock *u = st->udp->list; u != NULL; u = u->next)
		if (u->lport == port)
			return 1;
	return 0;
}

int
udp_open(struct netstack *st, uint32_t laddr, uint16_t lport, uint32_t raddr,
    uint16_t rport, struct udp_sock **out)
{
	struct udp_sock *u;

	if ((raddr != 0) != (rport != 0))
		return -EINVAL;
	if (lport == 0) {
		int tries;

		for (tries = 0; tries < 16384; tries++) {
			lport = st->udp->next_port;
			st->udp->next_port = lport == 65535 ? 49152 :
			    (uint16_t)(lport + 1);
			if (!udp_port_used(st, lport))
				break;
		}
		if (tries == 16384)
			return -EADDRNOTAVAIL;
	} else {
		for (u = st->udp->list; u != NULL; u = u->next)
			if (u->lport == lport && (u->laddr == laddr ||
			    u->laddr == 0 || laddr == 0))
				return -EADDRINUSE;
	}
	u = calloc(1, sizeof(*u));
	if (u == NULL)
		return -ENOMEM;
	u->handle = -1;
	u->laddr = laddr;
	u->lport = lport;
	u->raddr = raddr;
	u->rport = rport;
	u->next = st->udp->list;
	st->udp->list = u;
	*out = u;
	return 0;
}

void
udp_set_deliver(struct udp_sock *u, udp_deliver_fn fn, void *ctx)
{
	u->deliver = fn;
	u->ctx = ctx;
}

void
udp_set_handle(struct udp_sock *u, int handle)
{
	u->handle = handle;
}

ssize_t
udp_recvfrom(struct netstack *st, struct udp_sock *u, void *buf, size_t n,
    uint32_t *addr, uint16_t *port)
{
	struct udp_dgram *d = u->head;
	size_t k;

	(void)st;
	if (d == NULL)
		return -EAGAIN;
	u->head = d->next;
	if (u->head == NULL)
		u->tail = NULL;
	u->count--;
	u->bytes -= d->len;
	/* Like a datagram socket: what does not fit is discarded. */
	k = d->len < n ? d->len : n;
	memcpy(buf, d->data, k);
	if (addr != NULL)
		*addr = d->src;
	if (port != NULL)
		*port = d->sport;
	free(d);
	return (ssize_t)k;
}

void
udp_set_ttl(struct udp_sock *u, uint8_t ttl)
{
	u->ttl = ttl;
}

uint8_t
udp_ttl(struct udp_sock *u)
{
	return u->ttl ? u->ttl : IP_TTL;
}

static int
udp_send_ttl(struct netstack *st, uint32_t src, uint16_t sport, uint32_t dst,
    uint16_t dport, uint8_t ttl, const void *buf, size_t n)
{
	uint8_t *h = st->udp->buf;
	uint16_t sum;
	int r;

	if (n > IP_MAXPACKET - IP_HLEN - UDP_HLEN)
		return -EMSGSIZE;
	if (src == 0 && dst != 0xffffffffu)
		src = ip_source(st, dst);
	pkt_put16(h, sport);
	pkt_put16(h + 2, dport);
	pkt_put16(h + 4, (uint16_t)(UDP_HLEN + n));
	pkt_put16(h + 6, 0);
	if (n > 0)
		memcpy(h + UDP_HLEN, buf, n);
	sum = pkt_fold(pkt_sum(pkt_pseudo(src, dst, IP_PROTO_UDP,
	    UDP_HLEN + n), h, UDP_HLEN + n));
	pkt_put16(h + 6, sum == 0 ? 0xffff : sum);
	r = ip_output_ttl(st, src, dst, IP_PROTO_UDP, ttl, h, UDP_HLEN + n,
	    NULL, 0);
	return r < 0 ? r : 0;
}

int
udp_send_raw(struct netstack *st, uint32_t src, uint16_t sport, uint32_t dst,
    uint16_t dport, const void *buf, size_t n)
{
	return udp_send_ttl(st, src, sport, dst, dport, 0, buf, n);
}

ssize_t
udp_sendto(struct netstack *st, struct udp_sock *u, const void *buf,
    size_t n, uint32_t addr, uint16_t port)
{
	uint32_t src;
	int r;

	if (addr == 0) {
		addr = u->raddr;
		port = u->rport;
	}
	if (addr == 0 || port == 0)
		return -ENOTCONN;
	src = u->laddr != 0 ? u->laddr : ip_source(st, addr);
	if (src == 0 && addr != 0xffffffffu)
		return -ENETUNREACH;
	r = udp_send_ttl(st, src, u->lport, addr, port, u->ttl, buf, n);
	if (r < 0)
		return r;
	ns_flush(st);
	return (ssize_t)n;
}

void
udp_close(struct netstack *st, struct udp_sock *u)
{
	struct udp_sock **pp;

	for (pp = &st->udp->list; *pp != NULL; pp = &(*pp)->next)
		if (*pp == u) {
			*pp = u->next;
			udp_free(u);
			return;
		}
}

unsigned
udp_poll(struct udp_sock *u)
{
	return NS_EV_WRITE | (u->head != NULL ? NS_EV_READ : 0);
}

void
udp_endpoints(struct udp_sock *u, uint32_t *laddr, uint16_t *lport,
    uint32_t *raddr, uint16_t *rport)
{
	*laddr = u->laddr;
	*lport = u->lport;
	*raddr = u->raddr;
	*rport = u->rport;
}
