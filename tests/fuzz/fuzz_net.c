/*
 * libFuzzer target for the network stack's parsers.  Each input is run
 * against a fresh stack (10.0.0.1/24) with a TCP listener on port 80, a
 * TCP connection from 10.0.0.2:1234 already established with unsent and
 * unacknowledged data both ways, a UDP socket on port 53, an ICMP echo
 * socket and a raw UDP socket.  The input is a flags byte, then frames, each a time step
 * (1 byte, ms), a length (2 bytes, big-endian) and the frame.  Flag 1
 * recomputes the IP, TCP, UDP and ICMP checksums so mutations reach
 * past them; flag 2 makes a TCP segment's sequence and acknowledgment
 * numbers offsets from what the connection expects, so mutations reach
 * the established-state code.  Flag 4 gives the stack a NIC with TSO and
 * checksum offload (super-segments out), flag 8 has that NIC vouch for
 * every frame's checksum (NS_RX_CSUM_OK: large and partial-checksum
 * frames reach TCP and UDP unchecked).  The DNS and DHCP reply parsers
 * also get the whole input.  Anything may be dropped; nothing may crash
 * or leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/dhcp.h"
#include "net/stack/dns.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"
#include "net/stack/tcp.h"

#define PEER 0x0a000002u
#define SELF 0x0a000001u

static const uint8_t self_mac[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t peer_mac[6] = { 2, 0, 0, 0, 0, 2 };

struct out {
	uint32_t synack_seq;
	int seen;
};

static void
capture(void *ctx, const uint8_t *f, size_t len)
{
	struct out *o = ctx;

	/* The SYN-ACK: remember our ISN to finish the handshake. */
	if (len >= 54 && pkt_get16(f + 12) == 0x0800 && f[23] == 6 &&
	    (f[47] & 0x12) == 0x12) {
		o->synack_seq = pkt_get32(f + 38);
		o->seen = 1;
	}
}

static void
capture_meta(void *ctx, const uint8_t *f, size_t len, const struct ns_txmeta *m)
{
	/* A super-segment must stay within one IPv4 packet. */
	if (len > NS_GSO_FRAME_MAX || (m->gso_size == 0 && len > NS_FRAME_MAX))
		abort();
	capture(ctx, f, len);
}

static void
ignore(void *ctx, int h, unsigned ev)
{
	(void)ctx;
	(void)h;
	(void)ev;
}

/* Fixes checksums (and TCP numbers) in place; f has len bytes. */
static void
fixup(struct netstack *st, uint8_t *f, size_t len, int flags)
{
	uint8_t *ip = f + 14, *l4;
	size_t hl, total;

	if (len < 34 || pkt_get16(f + 12) != 0x0800)
		return;
	hl = (size_t)(ip[0] & 15) * 4;
	total = pkt_get16(ip + 2);
	if (hl < 20 || 14 + hl > len || total < hl || 14 + total > len)
		return;
	if (flags & 1) {
		pkt_put16(ip + 10, 0);
		pkt_put16(ip + 10, pkt_fold(pkt_sum(0, ip, hl)));
	}
	if ((pkt_get16(ip + 6) & 0x3fff) != 0)
		return;		/* a fragment: no layer-4 header to fix */
	l4 = ip + hl;
	total -= hl;
	if (ip[9] == 6 && total >= 20) {
		if (flags & 2) {
			struct tcp_pcb *p = tcp_lookup(st, pkt_get32(ip + 16),
			    pkt_get16(l4 + 2), pkt_get32(ip + 12),
			    pkt_get16(l4));

			if (p != NULL && p->state != TCP_LISTEN) {
				pkt_put32(l4 + 4, p->rcv_nxt + pkt_get32(l4 + 4));
				pkt_put32(l4 + 8, p->snd_una + pkt_get32(l4 + 8));
			}
		}
		if (flags & 1) {
			pkt_put16(l4 + 16, 0);
			pkt_put16(l4 + 16, pkt_fold(pkt_sum(pkt_pseudo(
			    pkt_get32(ip + 12), pkt_get32(ip + 16), 6, total),
			    l4, total)));
		}
	} else if (ip[9] == 17 && total >= 8 && (flags & 1)) {
		pkt_put16(l4 + 6, 0);
		pkt_put16(l4 + 6, pkt_fold(pkt_sum(pkt_pseudo(
		    pkt_get32(ip + 12), pkt_get32(ip + 16), 17, total), l4,
		    total)));
	} else if (ip[9] == 1 && total >= 8 && (flags & 1)) {
		pkt_put16(l4 + 2, 0);
		pkt_put16(l4 + 2, pkt_fold(pkt_sum(0, l4, total)));
	}
}

/* A TCP segment from the peer to port 80 with fixed-up checksums. */
static void
peer_segment(struct netstack *st, uint32_t seq, uint32_t ack, uint8_t fl,
    const char *data, uint64_t now)
{
	uint8_t f[200];
	size_t dl = data ? strlen(data) : 0, tl = 20 + dl;

	memset(f, 0, sizeof(f));
	memcpy(f, self_mac, 6);
	memcpy(f + 6, peer_mac, 6);
	pkt_put16(f + 12, 0x0800);
	f[14] = 0x45;
	pkt_put16(f + 16, (uint16_t)(20 + tl));
	f[22] = 64;
	f[23] = 6;
	pkt_put32(f + 26, PEER);
	pkt_put32(f + 30, SELF);
	pkt_put16(f + 34, 1234);
	pkt_put16(f + 36, 80);
	pkt_put32(f + 38, seq);
	pkt_put32(f + 42, ack);
	f[46] = 5 << 4;
	f[47] = fl;
	pkt_put16(f + 48, 8192);
	if (dl)
		memcpy(f + 54, data, dl);
	fixup(st, f, 34 + tl, 1);
	ns_input(st, f, 34 + tl, now);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct out o = { 0, 0 };
	struct netstack *st;
	uint64_t now = 1000;
	uint32_t addr;
	struct dhcp_lease lease;
	uint8_t buf[2048];
	static uint8_t junk[20000];
	int lh, ch;
	size_t i = 1;
	int flags;

	(void)dns_parse(data, size, size > 1 ? pkt_get16(data) : 0, &addr);
	(void)dhcp_parse(data, size, size > 8 ? pkt_get32(data + 4) : 0,
	    size > 34 ? data + 28 : self_mac, &lease);
	if (size < 1)
		return 0;
	flags = data[0];
	st = ns_create(self_mac, 1, now);
	if (st == NULL)
		return 0;
	ns_set_output(st, capture, &o);
	if (flags & 4)
		ns_set_offload(st, NS_OFF_CSUM | NS_OFF_TSO, capture_meta);
	ns_set_ready(st, ignore, NULL);
	ns_configure(st, SELF, 0xffffff00u, 0x0a0000feu, PEER);
	lh = ns_tcp_listen(st, 0, 80, 4);
	(void)ns_udp_open(st, 0, 53, 0, 0);
	(void)ns_icmp_echo(st, PEER);
	(void)ns_dns_lookup(st, "fuzz.test", 9);
	(void)ns_ip_raw(st, 17);
	/* The peer's ARP entry, then the handshake with ISN 1000. */
	{
		uint8_t a[42];

		memset(a, 0, sizeof(a));
		memcpy(a, self_mac, 6);
		memcpy(a + 6, peer_mac, 6);
		pkt_put16(a + 12, 0x0806);
		pkt_put16(a + 14, 1);
		pkt_put16(a + 16, 0x0800);
		a[18] = 6;
		a[19] = 4;
		pkt_put16(a + 20, 1);
		memcpy(a + 22, peer_mac, 6);
		pkt_put32(a + 28, PEER);
		pkt_put32(a + 38, SELF);
		ns_input(st, a, sizeof(a), now);
	}
	peer_segment(st, 1000, 0, 0x02, NULL, now);
	if (o.seen)
		peer_segment(st, 1001, o.synack_seq + 1, 0x10, "hello", now);
	ch = ns_accept(st, lh);
	/* The setup itself must work, or the fuzzing would miss the
	 * established-state code without anyone noticing. */
	if (!o.seen || ch < 0 || ns_read(st, ch, buf, sizeof(buf)) != 5)
		abort();
	(void)ns_write(st, ch, junk, sizeof(junk));
	while (i + 3 <= size) {
		size_t len = pkt_get16(data + i + 1);
		static uint8_t f[NS_GSO_FRAME_MAX];

		now += data[i];
		i += 3;
		if (len > size - i)
			len = size - i;
		if (len > sizeof(f))
			len = sizeof(f);
		memcpy(f, data + i, len);
		i += len;
		fixup(st, f, len, flags);
		ns_input_meta(st, f, len, now, (flags & 8) ? NS_RX_CSUM_OK : 0);
		ns_tick(st, now);
		if (ch >= 0) {
			(void)ns_read(st, ch, buf, sizeof(buf));
			(void)ns_write(st, ch, junk, 1000);
		}
	}
	ns_tick(st, now + 200000);
	ns_destroy(st);
	return 0;
}
