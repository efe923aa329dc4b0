/* DHCP client (dhcp.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/dhcp.h"
#include "net/stack/pkt.h"
#include "net/stack/udp.h"

#define DHCP_SPORT 67
#define DHCP_CPORT 68
#define DHCP_FIXED 240		/* BOOTP header and the magic cookie */

enum { MSG_DISCOVER = 1, MSG_OFFER, MSG_REQUEST, MSG_DECLINE, MSG_ACK,
    MSG_NAK };

struct dhcp_client {
	int state;
	uint32_t xid;
	struct udp_sock *u;
	struct dhcp_lease offer, lease;
	uint64_t next_at;	/* the next retransmission */
	int tries;
	uint64_t bound_at, t1, t2, end;
};

int
dhcp_init(struct netstack *st)
{
	st->dhcp = calloc(1, sizeof(*st->dhcp));
	return st->dhcp == NULL ? -ENOMEM : 0;
}

void
dhcp_fini(struct netstack *st)
{
	free(st->dhcp);	/* its UDP socket goes with udp_fini */
	st->dhcp = NULL;
}

int
dhcp_state(struct netstack *st)
{
	return st->dhcp->state;
}

void
dhcp_lease(struct netstack *st, struct dhcp_lease *l)
{
	*l = st->dhcp->lease;
}

int
dhcp_parse(const uint8_t *p, size_t len, uint32_t xid, const uint8_t mac[6],
    struct dhcp_lease *l)
{
	size_t i = DHCP_FIXED;
	int type = -1;

	if (len < DHCP_FIXED || p[0] != 2 || p[1] != 1 || p[2] != 6 ||
	    pkt_get32(p + 4) != xid || memcmp(p + 28, mac, 6) != 0 ||
	    pkt_get32(p + 236) != 0x63825363u)
		return -1;
	memset(l, 0, sizeof(*l));
	l->addr = pkt_get32(p + 16);
	while (i < len && p[i] != 255) {
		uint8_t opt = p[i], olen;
		const uint8_t *v;

		if (opt == 0) {
			i++;
			continue;
		}
		if (i + 2 > len)
			return -1;
		olen = p[i + 1];
		if (olen > len - i - 2)
			return -1;
		v = p + i + 2;
		switch (opt) {
		case 1:
			if (olen >= 4)
				l->mask = pkt_get32(v);
			break;
		case 3:
			if (olen >= 4)
				l->router = pkt_get32(v);
			break;
		case 6:
			if (olen >= 4)
				l->dns = pkt_get32(v);
			break;
		case 51:
			if (olen >= 4)
				l->lease_s = pkt_get32(v);
			break;
		case 53:
			if (olen >= 1)
				type = v[0];
			break;
		case 54:
			if (olen >= 4)
				l->server = pkt_get32(v);
			break;
		}
		i += 2 + (size_t)olen;
	}
	if (type != MSG_OFFER && type != MSG_ACK && type != MSG_NAK)
		return -1;
	return type;
}

static void
dhcp_send(struct netstack *st, int type)
{
	struct dhcp_client *c = st->dhcp;
	uint8_t b[300];
	size_t o = DHCP_FIXED;
	int renewing = c->state == DHCP_RENEWING || c->state == DHCP_REBINDING;

	memset(b, 0, sizeof(b));
	b[0] = 1;
	b[1] = 1;
	b[2] = 6;
	pkt_put32(b + 4, c->xid);
	if (!renewing)
		pkt_put16(b + 10, 0x8000);	/* answer by broadcast */
	else
		pkt_put32(b + 12, c->lease.addr);
	memcpy(b + 28, st->mac, 6);
	pkt_put32(b + 236, 0x63825363u);
	b[o++] = 53;
	b[o++] = 1;
	b[o++] = (uint8_t)type;
	if (type == MSG_REQUEST && c->state == DHCP_REQUESTING) {
		b[o++] = 50;
		b[o++] = 4;
		pkt_put32(b + o, c->offer.addr);
		o += 4;
		b[o++] = 54;
		b[o++] = 4;
		pkt_put32(b + o, c->offer.server);
		o += 4;
	}
	b[o++] = 55;
	b[o++] = 4;
	b[o++] = 1;
	b[o++] = 3;
	b[o++] = 6;
	b[o++] = 51;
	b[o++] = 255;
	c->next_at = st->now + DHCP_RETRY_MS;
	c->tries++;
	if (c->state == DHCP_RENEWING)
		(void)udp_send_raw(st, c->lease.addr, DHCP_CPORT,
		    c->lease.server, DHCP_SPORT, b, sizeof(b));
	else
		(void)udp_send_raw(st, renewing ? c->lease.addr : 0,
		    DHCP_CPORT, 0xffffffffu, DHCP_SPORT, b, sizeof(b));
}

static void
dhcp_discover(struct netstack *st)
{
	st->dhcp->state = DHCP_SELECTING;
	st->dhcp->xid = ns_random(st);
	st->dhcp->tries = 0;
	dhcp_send(st, MSG_DISCOVER);
}

static void
dhcp_bind(struct netstack *st, const struct dhcp_lease *l)
{
	struct dhcp_client *c = st->dhcp;
	uint64_t lease = l->lease_s == 0 ? 3600 : l->lease_s;
	uint32_t mask = l->mask;

	if (mask == 0)	/* no option 1: the classful default */
		mask = (l->addr >> 24) < 128 ? 0xff000000u :
		    (l->addr >> 24) < 192 ? 0xffff0000u : 0xffffff00u;
	c->lease = *l;
	c->lease.mask = mask;
	if (l->server == 0)
		c->lease.server = c->offer.server;
	c->state = DHCP_BOUND;
	c->bound_at = st->now;
	if (lease > 0xffffffffu / 1000)
		lease = 0xffffffffu / 1000;
	c->t1 = st->now + lease * 500;
	c->t2 = st->now + lease * 875;
	c->end = st->now + lease * 1000;
	ns_configure(st, l->addr, mask, l->router, l->dns);
}

static void
dhcp_deliver(struct netstack *st, void *ctx, uint32_t src, uint16_t sport,
    const uint8_t *data, size_t len)
{
	struct dhcp_client *c = st->dhcp;
	struct dhcp_lease l;
	int type;

	(void)ctx;
	(void)src;
	(void)sport;
	type = dhcp_parse(data, len, c->xid, st->mac, &l);
	if (type < 0 || l.addr == 0 || l.addr >= 0xe0000000u) {
		if (type != MSG_NAK) {
			st->stats.dhcp_drop++;
			return;
		}
	}
	switch (c->state) {
	case DHCP_SELECTING:
		if (type != MSG_OFFER || l.server == 0)
			break;
		c->offer = l;
		c->state = DHCP_REQUESTING;
		c->tries = 0;
		dhcp_send(st, MSG_REQUEST);
		return;
	case DHCP_REQUESTING:
	case DHCP_RENEWING:
	case DHCP_REBINDING:
		if (type == MSG_NAK) {
			ns_configure(st, 0, 0, 0, 0);
			dhcp_discover(st);
			return;
		}
		if (type != MSG_ACK)
			break;
		dhcp_bind(st, &l);
		return;
	default:
		break;
	}
	st->stats.dhcp_drop++;
}

int
dhcp_start(struct netstack *st)
{
	struct dhcp_client *c = st->dhcp;
	int r;

	if (c->u == NULL) {
		r = udp_open(st, 0, DHCP_CPORT, 0, 0, &c->u);
		if (r < 0)
			return r;
		udp_set_deliver(c->u, dhcp_deliver, NULL);
	}
	dhcp_discover(st);
	return 0;
}

void
dhcp_tick(struct netstack *st)
{
	struct dhcp_client *c = st->dhcp;

	switch (c->state) {
	case DHCP_SELECTING:
		if (st->now >= c->next_at)
			dhcp_send(st, MSG_DISCOVER);
		break;
	case DHCP_REQUESTING:
		if (st->now < c->next_at)
			break;
		if (c->tries >= DHCP_REQUEST_TRIES)
			dhcp_discover(st);
		else
			dhcp_send(st, MSG_REQUEST);
		break;
	case DHCP_BOUND:
	case DHCP_RENEWING:
	case DHCP_REBINDING:
		if (st->now >= c->end) {
			ns_configure(st, 0, 0, 0, 0);
			dhcp_discover(st);
		} else if (st->now >= c->t2 && c->state != DHCP_REBINDING) {
			c->state = DHCP_REBINDING;
			dhcp_send(st, MSG_REQUEST);
		} else if (st->now >= c->t1 && c->state == DHCP_BOUND) {
			c->state = DHCP_RENEWING;
			dhcp_send(st, MSG_REQUEST);
		} else if (c->state != DHCP_BOUND && st->now >= c->next_at) {
			dhcp_send(st, MSG_REQUEST);
		}
		break;
	default:
		break;
	}
}
