/* IPv4 input and output (ip.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/arp.h"
#include "net/stack/icmp.h"
#include "net/stack/ip.h"
#include "net/stack/ipfrag.h"
#include "net/stack/pkt.h"
#include "net/stack/raw.h"
#include "net/stack/tcp_in.h"
#include "net/stack/udp.h"

struct ip_state {
	uint16_t id;
	uint8_t buf[IP_HLEN + IP_MAXPACKET];
};

int
ip_init(struct netstack *st)
{
	st->ip = calloc(1, sizeof(*st->ip));
	if (st->ip == NULL)
		return -ENOMEM;
	st->ip->id = (uint16_t)ns_random(st);
	return 0;
}

void
ip_fini(struct netstack *st)
{
	free(st->ip);
	st->ip = NULL;
}

int
ip_is_loopback(struct netstack *st, uint32_t dst)
{
	return (dst >> 24) == 127 || (st->addr != 0 && dst == st->addr);
}

int
ip_is_local(struct netstack *st, uint32_t addr)
{
	return (addr >> 24) == 127 || (st->addr != 0 && addr == st->addr);
}

uint32_t
ip_source(struct netstack *st, uint32_t dst)
{
	if ((dst >> 24) == 127)
		return NS_LOOPBACK;
	return st->addr;
}

static int
ip_for_us(struct netstack *st, uint32_t dst, int lo)
{
	if (lo)
		return ip_is_local(st, dst);
	if (dst == 0xffffffffu)
		return 1;
	/* Unconfigured (DHCP in progress): the offer may come unicast to
	 * the address being offered. */
	if (st->addr == 0)
		return 1;
	if (dst == st->addr)
		return 1;
	return st->mask != 0 && st->mask != 0xffffffffu &&
	    (dst & ~st->mask) == ~st->mask &&
	    (dst & st->mask) == (st->addr & st->mask);
}

static void
ip_deliver(struct netstack *st, uint8_t proto, uint32_t src, uint32_t dst,
    const uint8_t *p, size_t len)
{
	switch (proto) {
	case IP_PROTO_ICMP:
		icmp_input(st, src, dst, p, len);
		break;
	case IP_PROTO_UDP:
		udp_input(st, src, dst, p, len);
		break;
	case IP_PROTO_TCP:
		tcp_input(st, src, dst, p, len);
		break;
	default:
		st->stats.ip_noproto++;
		break;
	}
}

void
ip_input(struct netstack *st, const uint8_t *pkt, size_t len, int lo)
{
	size_t hl, total;
	uint32_t src, dst;
	uint16_t frag;

	if (len < IP_HLEN || (pkt[0] >> 4) != 4) {
		st->stats.ip_drop++;
		return;
	}
	hl = (size_t)(pkt[0] & 15) * 4;
	total = pkt_get16(pkt + 2);
	if (hl < IP_HLEN || hl > len || total < hl || total > len) {
		st->stats.ip_drop++;
		return;
	}
	if (pkt_fold(pkt_sum(0, pkt, hl)) != 0) {
		st->stats.ip_cksum++;
		return;
	}
	if (pkt[8] == 0) {
		st->stats.ip_ttl++;
		return;
	}
	src = pkt_get32(pkt + 12);
	dst = pkt_get32(pkt + 16);
	if (src >= 0xe0000000u || !ip_for_us(st, dst, lo) ||
	    (!lo && (src >> 24) == 127)) {
		st->stats.ip_drop++;
		return;
	}
	frag = pkt_get16(pkt + 6);
	if ((frag & 0x8000) != 0) {	/* the reserved bit */
		st->stats.ip_drop++;
		return;
	}
	/* Raw sockets see every packet for us, fragments as they come. */
	raw_input(st, pkt, total);
	if ((frag & 0x3fff) != 0) {	/* MF or an offset: a fragment */
		uint8_t *whole;
		size_t wlen;

		/* The NIC vouched for this piece, not the ones before. */
		st->rx_csum_ok = 0;
		whole = ipfrag_input(st, pkt, hl, total, &wlen);
		if (whole != NULL) {
			ip_deliver(st, pkt[9], src, dst, whole, wlen);
			free(whole);
		}
		return;
	}
	ip_deliver(st, pkt[9], src, dst, pkt + hl, total - hl);
}

static void
ip_header(uint8_t *h, size_t total, uint16_t id, uint16_t frag,
    uint8_t proto, uint8_t ttl, uint32_t src, uint32_t dst)
{
	h[0] = 0x45;
	h[1] = 0;
	pkt_put16(h + 2, (uint16_t)total);
	pkt_put16(h + 4, id);
	pkt_put16(h + 6, frag);
	h[8] = ttl;
	h[9] = proto;
	pkt_put16(h + 10, 0);
	pkt_put32(h + 12, src);
	pkt_put32(h + 16, dst);
	pkt_put16(h + 10, pkt_fold(pkt_sum(0, h, IP_HLEN)));
}

/* The next hop towards dst (not loopback); 0, or -errno. */
static int
ip_route(struct netstack *st, uint32_t dst, uint32_t *nexthop)
{
	if (dst == 0xffffffffu)
		*nexthop = dst;
	else if (st->addr == 0)
		return -ENETUNREACH;
	else if ((dst & st->mask) == (st->addr & st->mask))
		*nexthop = dst;
	else if (st->router != 0)
		*nexthop = st->router;
	else
		return -EHOSTUNREACH;
	return 0;
}

int
ip_output_frame(struct netstack *st, uint32_t src, uint32_t dst,
    uint8_t proto, uint8_t ttl, uint8_t *frame, size_t plen)
{
	uint32_t nexthop;

	/* Loopback, fragments and errors take the copying way. */
	if (plen > NS_MTU - IP_HLEN || ip_is_loopback(st, dst) ||
	    ip_route(st, dst, &nexthop) < 0)
		return ip_output_ttl(st, src, dst, proto, ttl,
		    frame + NS_ETH_HLEN + IP_HLEN, plen, NULL, 0);
	if (src == 0)
		src = ip_source(st, dst);
	ip_header(frame + NS_ETH_HLEN, IP_HLEN + plen, st->ip->id++,
	    proto == IP_PROTO_TCP ? 0x4000 : 0, proto, ttl ? ttl : IP_TTL,
	    src, dst);
	arp_output_frame(st, nexthop, frame, NS_ETH_HLEN + IP_HLEN + plen);
	return 0;
}

unsigned
ip_offload(struct netstack *st, uint32_t dst)
{
	uint32_t nexthop;
	uint8_t mac[6];

	if (st->offload == 0 || ip_is_loopback(st, dst) ||
	    ip_route(st, dst, &nexthop) < 0 || nexthop == 0xffffffffu ||
	    arp_lookup(st, nexthop, mac) < 0)
		return 0;
	return st->offload;
}

int
ip_output_frame_meta(struct netstack *st, uint32_t src, uint32_t dst,
    uint8_t proto, uint8_t ttl, uint8_t *frame, size_t plen,
    const struct ns_txmeta *m)
{
	uint32_t nexthop;

	if (plen > IP_MAXPACKET - IP_HLEN || ip_route(st, dst, &nexthop) < 0)
		return -EMSGSIZE;
	if (src == 0)
		src = ip_source(st, dst);
	/* DF: a super-segment is cut by the NIC, never fragmented. */
	ip_header(frame + NS_ETH_HLEN, IP_HLEN + plen, st->ip->id,
	    proto == IP_PROTO_TCP ? 0x4000 : 0, proto, ttl ? ttl : IP_TTL,
	    src, dst);
	/* The NIC numbers the segments after the first from id on. */
	st->ip->id = (uint16_t)(st->ip->id + (m->gso_size != 0 ?
	    (plen + m->gso_size - 1) / m->gso_size : 1));
	arp_output_frame_meta(st, nexthop, frame, NS_ETH_HLEN + IP_HLEN + plen,
	    m);
	return 0;
}

int
ip_output(struct netstack *st, uint32_t src, uint32_t dst, uint8_t proto,
    const uint8_t *hdr, size_t hlen, const uint8_t *data, size_t dlen)
{
	return ip_output_ttl(st, src, dst, proto, 0, hdr, hlen, data, dlen);
}

int
ip_output_ttl(struct netstack *st, uint32_t src, uint32_t dst, uint8_t proto,
    uint8_t ttl, const uint8_t *hdr, size_t hlen, const uint8_t *data,
    size_t dlen)
{
	uint8_t *b = st->ip->buf;
	size_t plen = hlen + dlen, off;
	uint32_t nexthop;
	uint16_t id;
	int lo = ip_is_loopback(st, dst), e;

	if (plen > IP_MAXPACKET - IP_HLEN)
		return -EMSGSIZE;
	if (ttl == 0)
		ttl = IP_TTL;
	if (src == 0)
		src = ip_source(st, dst);
	if (lo)
		nexthop = dst;
	else if ((e = ip_route(st, dst, &nexthop)) < 0)
		return e;
	id = st->ip->id++;
	memcpy(b + IP_HLEN, hdr, hlen);
	if (dlen > 0)
		memcpy(b + IP_HLEN + hlen, data, dlen);
	if (lo) {
		/* Loopback carries whole datagrams: no MTU to respect. */
		ip_header(b, IP_HLEN + plen, id, 0, proto, ttl, src, dst);
		ns_loopback(st, b, IP_HLEN + plen);
		return 0;
	}
	if (plen <= NS_MTU - IP_HLEN) {
		ip_header(b, IP_HLEN + plen, id,
		    proto == IP_PROTO_TCP ? 0x4000 : 0, proto, ttl, src, dst);
		arp_output(st, nexthop, b, IP_HLEN + plen);
		return 0;
	}
	/* Fragments: each carries a multiple of 8 bytes but the last.  The
	 * header is rewritten in front of each piece in place, so the
	 * piece's first bytes are saved and put back after sending. */
	for (off = 0; off < plen;) {
		size_t n = plen - off, maxn = (NS_MTU - IP_HLEN) & ~(size_t)7;
		uint8_t save[IP_HLEN];
		uint8_t *h = b + off;	/* header goes right before the piece */
		uint16_t fl;

		if (n > maxn)
			n = maxn;
		fl = (uint16_t)(off / 8);
		if (off + n < plen)
			fl |= 0x2000;
		memcpy(save, h, IP_HLEN);
		ip_header(h, IP_HLEN + n, id, fl, proto, ttl, src, dst);
		arp_output(st, nexthop, h, IP_HLEN + n);
		memcpy(h, save, IP_HLEN);
		off += n;
	}
	return 0;
}
