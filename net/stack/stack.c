/* The stack instance: creation, Ethernet demultiplexing, loopback, timers. */
#include <stdlib.h>
#include <string.h>

#include "net/stack/arp.h"
#include "net/stack/dhcp.h"
#include "net/stack/dns.h"
#include "net/stack/eth.h"
#include "net/stack/icmp.h"
#include "net/stack/ip.h"
#include "net/stack/ipfrag.h"
#include "net/stack/pkt.h"
#include "net/stack/raw.h"
#include "net/stack/sock.h"
#include "net/stack/stack.h"
#include "net/stack/tcp.h"
#include "net/stack/udp.h"

/* Loopback packets wait here so that sending never re-enters input. */
struct ns_lopkt {
	struct ns_lopkt *next;
	size_t len;
	uint8_t data[];
};

#define LO_MAX 4096	/* packets queued at once; beyond, dropped */

struct netstack *
ns_create(const uint8_t mac[6], uint64_t seed, uint64_t now)
{
	struct netstack *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	memcpy(st->mac, mac, 6);
	st->rng = seed ? seed : 0x9e3779b97f4a7c15ull;
	st->now = now;
	if (arp_init(st) < 0 || ip_init(st) < 0 || ipfrag_init(st) < 0 ||
	    icmp_init(st) < 0 || udp_init(st) < 0 || tcp_init(st) < 0 ||
	    sock_init(st) < 0 || dhcp_init(st) < 0 || dns_init(st) < 0 ||
	    raw_init(st) < 0 || eth_init(st) < 0) {
		ns_destroy(st);
		return NULL;
	}
	return st;
}

void
ns_destroy(struct netstack *st)
{
	struct ns_lopkt *p, *n;

	if (st == NULL)
		return;
	raw_fini(st);
	eth_fini(st);
	dns_fini(st);
	dhcp_fini(st);
	tcp_fini(st);
	udp_fini(st);
	icmp_fini(st);
	sock_fini(st);
	ipfrag_fini(st);
	ip_fini(st);
	arp_fini(st);
	for (p = st->lo_head; p != NULL; p = n) {
		n = p->next;
		free(p);
	}
	free(st);
}

void
ns_set_output(struct netstack *st, ns_output_fn fn, void *ctx)
{
	st->output = fn;
	st->output_ctx = ctx;
}

void
ns_set_offload(struct netstack *st, unsigned off, ns_output_meta_fn fn)
{
	st->offload = fn != NULL ? off & (NS_OFF_CSUM | NS_OFF_TSO) : 0;
	/* TSO leaves the checksum to the NIC too. */
	if (!(st->offload & NS_OFF_CSUM))
		st->offload = 0;
	st->output_meta = st->offload ? fn : NULL;
}

void
ns_set_ready(struct netstack *st, ns_ready_fn fn, void *ctx)
{
	st->ready = fn;
	st->ready_ctx = ctx;
}

void
ns_configure(struct netstack *st, uint32_t addr, uint32_t mask,
    uint32_t router, uint32_t dns)
{
	if (addr != st->addr)
		arp_flush(st);
	st->addr = addr;
	st->mask = mask;
	st->router = router;
	st->dns = dns;
	if (addr != 0)
		arp_announce(st);
}

uint32_t
ns_random(struct netstack *st)
{
	/* xorshift64*: fast, and good enough for ports, ids and ISNs
	 * once the caller seeds it from a real random source. */
	st->rng ^= st->rng >> 12;
	st->rng ^= st->rng << 25;
	st->rng ^= st->rng >> 27;
	return (uint32_t)((st->rng * 0x2545f4914f6cdd1dull) >> 32);
}

void
ns_send_frame(struct netstack *st, const uint8_t *frame, size_t len)
{
	st->stats.tx_frames++;
	if (st->output != NULL)
		st->output(st->output_ctx, frame, len);
}

void
ns_send_frame_meta(struct netstack *st, const uint8_t *frame, size_t len,
    const struct ns_txmeta *m)
{
	if (m == NULL || st->output_meta == NULL) {
		ns_send_frame(st, frame, len);
		return;
	}
	st->stats.tx_frames++;
	if (m->gso_size != 0)
		st->stats.tx_gso++;
	st->output_meta(st->output_ctx, frame, len, m);
}

void
ns_notify(struct netstack *st, int handle, unsigned events)
{
	if (handle >= 0 && st->ready != NULL)
		st->ready(st->ready_ctx, handle, events);
}

void
ns_loopback(struct netstack *st, const uint8_t *pkt, size_t len)
{
	struct ns_lopkt *p;

	if (st->lo_count >= LO_MAX) {
		st->stats.ip_drop++;
		return;
	}
	p = malloc(sizeof(*p) + len);
	if (p == NULL) {
		st->stats.ip_drop++;
		return;
	}
	p->next = NULL;
	p->len = len;
	memcpy(p->data, pkt, len);
	if (st->lo_tail != NULL)
		st->lo_tail->next = p;
	else
		st->lo_head = p;
	st->lo_tail = p;
	st->lo_count++;
}

void
ns_flush(struct netstack *st)
{
	struct ns_lopkt *p;

	/* Input may queue more (an ACK for the data just delivered); the
	 * outermost caller drains until the queue is empty. */
	if (st->lo_draining)
		return;
	st->lo_draining = 1;
	while ((p = st->lo_head) != NULL) {
		st->lo_head = p->next;
		if (st->lo_head == NULL)
			st->lo_tail = NULL;
		st->lo_count--;
		ip_input(st, p->data, p->len, 1);
		free(p);
	}
	st->lo_draining = 0;
}

static int
ns_mac_for_us(const struct netstack *st, const uint8_t *dst)
{
	static const uint8_t bcast[6] = { 255, 255, 255, 255, 255, 255 };

	return memcmp(dst, st->mac, 6) == 0 || memcmp(dst, bcast, 6) == 0;
}

void
ns_input(struct netstack *st, const uint8_t *frame, size_t len, uint64_t now)
{
	ns_input_meta(st, frame, len, now, 0);
}

void
ns_input_meta(struct netstack *st, const uint8_t *frame, size_t len,
    uint64_t now, unsigned flags)
{
	uint16_t type;

	if (now > st->now)
		st->now = now;
	st->stats.rx_frames++;
	/* Frames past the MTU come from a NIC that joins segments (GRO);
	 * each layer checks its own lengths. */
	if (len < NS_ETH_HLEN || len > NS_GSO_FRAME_MAX + 4 ||
	    !ns_mac_for_us(st, frame)) {
		st->stats.eth_drop++;
		return;
	}
	type = pkt_get16(frame + 12);
	eth_input(st, frame, len);
	if (type == NS_ETHERTYPE_ARP)
		arp_input(st, frame + NS_ETH_HLEN, len - NS_ETH_HLEN);
	else if (type == NS_ETHERTYPE_IP) {
		st->rx_csum_ok = (flags & NS_RX_CSUM_OK) &&
		    (st->offload & NS_OFF_CSUM);
		ip_input(st, frame + NS_ETH_HLEN, len - NS_ETH_HLEN, 0);
		st->rx_csum_ok = 0;
	} else
		st->stats.eth_drop++;
	ns_flush(st);
}

void
ns_input_batch(struct netstack *st, int on)
{
	st->hold_acks = on;
	if (!on) {
		tcp_send_held_acks(st);
		ns_flush(st);
	}
}

void
ns_tick(struct netstack *st, uint64_t now)
{
	if (now > st->now)
		st->now = now;
	arp_tick(st);
	ipfrag_tick(st);
	tcp_tick(st);
	dhcp_tick(st);
	dns_tick(st);
	ns_flush(st);
}
