/* ARP cache and resolution (arp.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/arp.h"
#include "net/stack/pkt.h"

enum { ARP_FREE, ARP_RESOLVING, ARP_VALID };

struct arp_pkt {
	size_t len;
	uint8_t *data;
};

struct arp_entry {
	int state;
	uint32_t addr;
	uint8_t mac[6];
	uint64_t expires;	/* VALID: drop after; RESOLVING: next try */
	int tries;
	int npending;
	struct arp_pkt pending[ARP_PENDING];
};

struct arp_table {
	struct arp_entry e[ARP_ENTRIES];
	uint8_t frame[NS_FRAME_MAX];
};

static const uint8_t bcast_mac[6] = { 255, 255, 255, 255, 255, 255 };

int
arp_init(struct netstack *st)
{
	st->arp = calloc(1, sizeof(*st->arp));
	return st->arp == NULL ? -ENOMEM : 0;
}

static void
arp_clear(struct netstack *st, struct arp_entry *e, int count_drops)
{
	for (int i = 0; i < e->npending; i++) {
		free(e->pending[i].data);
		if (count_drops)
			st->stats.arp_pending_drop++;
	}
	memset(e, 0, sizeof(*e));
}

void
arp_flush(struct netstack *st)
{
	if (st->arp == NULL)
		return;
	for (int i = 0; i < ARP_ENTRIES; i++)
		arp_clear(st, &st->arp->e[i], 1);
}

void
arp_fini(struct netstack *st)
{
	arp_flush(st);
	free(st->arp);
	st->arp = NULL;
}

static void
arp_send(struct netstack *st, int op, const uint8_t *tmac, uint32_t tip,
    const uint8_t *dst)
{
	uint8_t f[NS_ETH_HLEN + 28];
	uint8_t *a = f + NS_ETH_HLEN;

	memcpy(f, dst, 6);
	memcpy(f + 6, st->mac, 6);
	pkt_put16(f + 12, NS_ETHERTYPE_ARP);
	pkt_put16(a, 1);
	pkt_put16(a + 2, NS_ETHERTYPE_IP);
	a[4] = 6;
	a[5] = 4;
	pkt_put16(a + 6, (uint16_t)op);
	memcpy(a + 8, st->mac, 6);
	pkt_put32(a + 14, st->addr);
	memcpy(a + 18, tmac, 6);
	pkt_put32(a + 24, tip);
	ns_send_frame(st, f, sizeof(f));
}

void
arp_announce(struct netstack *st)
{
	static const uint8_t zero[6];

	arp_send(st, 1, zero, st->addr, bcast_mac);
}

static struct arp_entry *
arp_find(struct netstack *st, uint32_t addr)
{
	for (int i = 0; i < ARP_ENTRIES; i++)
		if (st->arp->e[i].state != ARP_FREE &&
		    st->arp->e[i].addr == addr)
			return &st->arp->e[i];
	return NULL;
}

/* A free entry, else the valid one that expires first (resolving
 * entries hold packets and are left to time out). */
static struct arp_entry *
arp_alloc(struct netstack *st)
{
	struct arp_entry *victim = NULL;

	for (int i = 0; i < ARP_ENTRIES; i++) {
		struct arp_entry *e = &st->arp->e[i];

		if (e->state == ARP_FREE)
			return e;
		if (e->state == ARP_VALID &&
		    (victim == NULL || e->expires < victim->expires))
			victim = e;
	}
	if (victim != NULL)
		arp_clear(st, victim, 1);
	return victim;
}

static void
arp_transmit(struct netstack *st, const uint8_t *mac, const uint8_t *pkt,
    size_t len)
{
	uint8_t *f = st->arp->frame;

	if (len > NS_MTU)
		return;
	memcpy(f, mac, 6);
	memcpy(f + 6, st->mac, 6);
	pkt_put16(f + 12, NS_ETHERTYPE_IP);
	memcpy(f + NS_ETH_HLEN, pkt, len);
	ns_send_frame(st, f, NS_ETH_HLEN + len);
}

static void
arp_learn(struct netstack *st, uint32_t addr, const uint8_t *mac, int create)
{
	struct arp_entry *e = arp_find(st, addr);

	if (e == NULL) {
		if (!create || (e = arp_alloc(st)) == NULL)
			return;
		e->addr = addr;
	}
	memcpy(e->mac, mac, 6);
	e->state = ARP_VALID;
	e->expires = st->now + ARP_TTL_MS;
	e->tries = 0;
	/* Send what waited; the packets leave in the order they came. */
	for (int i = 0; i < e->npending; i++) {
		arp_transmit(st, e->mac, e->pending[i].data, e->pending[i].len);
		free(e->pending[i].data);
	}
	e->npending = 0;
}

void
arp_input(struct netstack *st, const uint8_t *p, size_t len)
{
	uint32_t sip, tip;
	int op;

	if (len < 28 || pkt_get16(p) != 1 || pkt_get16(p + 2) != NS_ETHERTYPE_IP ||
	    p[4] != 6 || p[5] != 4) {
		st->stats.arp_drop++;
		return;
	}
	op = pkt_get16(p + 6);
	sip = pkt_get32(p + 14);
	tip = pkt_get32(p + 24);
	if ((op != 1 && op != 2) || memcmp(p + 8, bcast_mac, 6) == 0 ||
	    memcmp(p + 8, st->mac, 6) == 0 || (p[8] & 1)) {
		st->stats.arp_drop++;
		return;
	}
	if (st->addr == 0) {
		st->stats.arp_drop++;
		return;
	}
	if (sip != 0 && sip != st->addr)
		arp_learn(st, sip, p + 8, tip == st->addr);
	if (op == 1 && tip == st->addr)
		arp_send(st, 2, p + 8, sip, p + 8);
}

static int
arp_is_broadcast(struct netstack *st, uint32_t a)
{
	return a == 0xffffffffu ||
	    (st->mask != 0 && st->mask != 0xffffffffu &&
	    (a & ~st->mask) == ~st->mask && (a & st->mask) == (st->addr & st->mask));
}

void
arp_output(struct netstack *st, uint32_t nexthop, const uint8_t *pkt,
    size_t len)
{
	struct arp_entry *e;
	uint8_t *copy;

	if (arp_is_broadcast(st, nexthop)) {
		arp_transmit(st, bcast_mac, pkt, len);
		return;
	}
	e = arp_find(st, nexthop);
	if (e != NULL && e->state == ARP_VALID) {
		arp_transmit(st, e->mac, pkt, len);
		return;
	}
	if (e == NULL) {
		static const uint8_t zero[6];

		if ((e = arp_alloc(st)) == NULL) {
			st->stats.arp_pending_drop++;
			return;
		}
		e->state = ARP_RESOLVING;
		e->addr = nexthop;
		e->tries = 1;
		e->expires = st->now + ARP_RETRY_MS;
		arp_send(st, 1, zero, nexthop, bcast_mac);
	}
	if (e->npending >= ARP_PENDING ||
	    (copy = malloc(len)) == NULL) {
		st->stats.arp_pending_drop++;
		return;
	}
	memcpy(copy, pkt, len);
	e->pending[e->npending].data = copy;
	e->pending[e->npending].len = len;
	e->npending++;
}

void
arp_output_frame(struct netstack *st, uint32_t nexthop, uint8_t *frame,
    size_t len)
{
	struct arp_entry *e = NULL;

	if (len < NS_ETH_HLEN || len > NS_FRAME_MAX)
		return;
	if (!arp_is_broadcast(st, nexthop) &&
	    ((e = arp_find(st, nexthop)) == NULL || e->state != ARP_VALID)) {
		arp_output(st, nexthop, frame + NS_ETH_HLEN, len - NS_ETH_HLEN);
		return;
	}
	memcpy(frame, e != NULL ? e->mac : bcast_mac, 6);
	memcpy(frame + 6, st->mac, 6);
	pkt_put16(frame + 12, NS_ETHERTYPE_IP);
	ns_send_frame(st, frame, len);
}

void
arp_output_frame_meta(struct netstack *st, uint32_t nexthop, uint8_t *frame,
    size_t len, const struct ns_txmeta *m)
{
	struct arp_entry *e;

	if (len < NS_ETH_HLEN || len > NS_GSO_FRAME_MAX ||
	    (e = arp_find(st, nexthop)) == NULL || e->state != ARP_VALID) {
		st->stats.arp_pending_drop++;
		return;
	}
	memcpy(frame, e->mac, 6);
	memcpy(frame + 6, st->mac, 6);
	pkt_put16(frame + 12, NS_ETHERTYPE_IP);
	ns_send_frame_meta(st, frame, len, m);
}

void
arp_tick(struct netstack *st)
{
	static const uint8_t zero[6];

	for (int i = 0; i < ARP_ENTRIES; i++) {
		struct arp_entry *e = &st->arp->e[i];

		if (e->state == ARP_FREE || st->now < e->expires)
			continue;
		if (e->state == ARP_VALID || e->tries >= ARP_TRIES) {
			arp_clear(st, e, 1);
			continue;
		}
		e->tries++;
		e->expires = st->now + ARP_RETRY_MS;
		arp_send(st, 1, zero, e->addr, bcast_mac);
	}
}

int
arp_lookup(struct netstack *st, uint32_t addr, uint8_t mac[6])
{
	struct arp_entry *e = arp_find(st, addr);

	if (e == NULL || e->state != ARP_VALID)
		return -ENOENT;
	memcpy(mac, e->mac, 6);
	return 0;
}
