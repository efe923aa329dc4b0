/* TCP output (tcp_out.h). */
#include <string.h>

#include "net/stack/ip.h"
#include "net/stack/pkt.h"
#include "net/stack/tcp_out.h"
#include "net/stack/tcp_sack.h"

uint32_t
tcp_rcv_window(struct tcp_pcb *p)
{
	uint32_t free = p->rcap - p->rlen;

	/* A half-open connection gets its buffers when it completes;
	 * data riding on the handshake's last ACK must fit. */
	if (p->rcap == 0)
		return TCP_BUF;
	/* Never move the right edge left (RFC 9293 3.8.6). */
	if (p->rcap != 0 && SEQ_LT(p->rcv_nxt + free, p->rcv_adv))
		free = p->rcv_adv - p->rcv_nxt;
	return free;
}

void
tcp_timer_start(struct netstack *st, struct tcp_pcb *p)
{
	p->rexmit_at = st->now + p->rto;
	p->persist_at = 0;
}

/* Copies n bytes of the send buffer starting off bytes in. */
static void
tcp_copy_out(struct tcp_pcb *p, uint32_t off, uint8_t *dst, uint32_t n)
{
	uint32_t i = (p->shead + off) % p->scap;
	uint32_t first = p->scap - i < n ? p->scap - i : n;

	memcpy(dst, p->sbuf + i, first);
	memcpy(dst + first, p->sbuf, n - first);
}

/* The SACK option's length for an ACK now (0: none). */
static size_t
tcp_sack_len(struct tcp_pcb *p)
{
	int n = p->nooo < 4 ? p->nooo : 4;

	return p->sack_ok && n > 0 ? 4 + 8 * (size_t)n : 0;
}

/* Writes the SACK option (NOP-padded) for the held out-of-order
 * ranges, latest first; returns its length. */
static size_t
tcp_sack_blocks(struct tcp_pcb *p, uint8_t flags, uint8_t *o)
{
	size_t len = tcp_sack_len(p);

	if (len == 0 || !(flags & TH_ACK))
		return 0;
	o[0] = 1;
	o[1] = 1;
	o[2] = 5;
	o[3] = (uint8_t)(len - 2);
	for (size_t i = 0; 4 + 8 * i < len; i++) {
		pkt_put32(o + 4 + 8 * i, p->ooo[i].start);
		pkt_put32(o + 8 + 8 * i, p->ooo[i].end);
	}
	return len;
}

/* Builds and sends one segment; data are n bytes from the send buffer
 * at offset off.  With offload (ip_offload's NS_OFF_*), the NIC fills
 * the checksum, and a segment of more than gso bytes is a super-segment
 * it cuts into pieces of gso. */
static void
tcp_send(struct netstack *st, struct tcp_pcb *p, uint32_t seq, uint8_t flags,
    uint32_t off, uint32_t n, unsigned offload, uint32_t gso)
{
	uint8_t *h = st->tcp->seg + TCP_SEG_HEAD;
	size_t hl = TCP_HLEN;
	uint32_t win = tcp_rcv_window(p);
	uint32_t sum;

	if (flags & TH_SYN) {
		/* MSS, then window scale (NOP-padded to 4 bytes) in a SYN,
		 * or in a SYN-ACK when the peer offered it (RFC 7323 2.2). */
		h[20] = 2;
		h[21] = 4;
		pkt_put16(h + 22, TCP_MSS);
		hl += 4;
		if (p->state == TCP_SYN_SENT || p->rcv_ws != 0) {
			h[hl] = 1;
			h[hl + 1] = 3;
			h[hl + 2] = 3;
			h[hl + 3] = p->rcv_ws;
			hl += 4;
		}
		if (p->state == TCP_SYN_SENT || p->sack_ok) {
			h[hl] = 1;
			h[hl + 1] = 1;
			h[hl + 2] = 4;
			h[hl + 3] = 2;
			hl += 4;
		}
		if (win > 65535)
			win = 65535;
	} else {
		win >>= p->rcv_ws;
		if (win > 65535)
			win = 65535;
		hl += tcp_sack_blocks(p, flags, h + hl);
	}
	pkt_put16(h, p->lport);
	pkt_put16(h + 2, p->rport);
	pkt_put32(h + 4, seq);
	pkt_put32(h + 8, (flags & TH_ACK) ? p->rcv_nxt : 0);
	h[12] = (uint8_t)((hl / 4) << 4);
	h[13] = flags;
	pkt_put16(h + 14, (uint16_t)win);
	pkt_put16(h + 16, 0);
	pkt_put16(h + 18, 0);
	if (n > 0)
		tcp_copy_out(p, off, h + hl, n);
	sum = pkt_pseudo(p->laddr, p->raddr, IP_PROTO_TCP, hl + n);
	if (offload & NS_OFF_CSUM) {
		/* The pseudo-header sum, not complemented: the NIC adds the
		 * rest (per piece, for a super-segment). */
		pkt_put16(h + 16, (uint16_t)~pkt_fold(sum));
	} else {
		pkt_put16(h + 16, pkt_fold(pkt_sum(sum, h, hl + n)));
	}
	if (flags & TH_ACK) {
		p->need_ack = 0;
		if (!(flags & TH_SYN))
			win <<= p->rcv_ws;
		if (SEQ_GT(p->rcv_nxt + win, p->rcv_adv))
			p->rcv_adv = p->rcv_nxt + win;
	}
	if (offload & NS_OFF_CSUM) {
		struct ns_txmeta m = { .flags = NS_TX_CSUM };

		if ((offload & NS_OFF_TSO) && n > gso)
			m.gso_size = (uint16_t)gso;
		(void)ip_output_frame_meta(st, p->laddr, p->raddr,
		    IP_PROTO_TCP, p->ttl, st->tcp->seg, hl + n, &m);
		return;
	}
	(void)ip_output_frame(st, p->laddr, p->raddr, IP_PROTO_TCP, p->ttl,
	    st->tcp->seg, hl + n);
}

void
tcp_send_ctl(struct netstack *st, struct tcp_pcb *p, uint32_t seq,
    uint8_t flags)
{
	/* A bare ACK carries the next new sequence number even while
	 * resending older data, or the peer finds it outside its window
	 * and ignores what it acknowledges. */
	if (flags == TH_ACK && seq == p->snd_nxt)
		seq = p->snd_max;
	tcp_send(st, p, seq, flags, 0, 0, 0, 0);
}

void
tcp_send_reset(struct netstack *st, uint32_t laddr, uint32_t raddr,
    uint16_t lport, uint16_t rport, uint32_t seq, uint32_t ack, int with_ack)
{
	uint8_t h[TCP_HLEN];

	st->stats.tcp_rst_sent++;
	pkt_put16(h, lport);
	pkt_put16(h + 2, rport);
	pkt_put32(h + 4, seq);
	pkt_put32(h + 8, with_ack ? ack : 0);
	h[12] = 5 << 4;
	h[13] = TH_RST | (with_ack ? TH_ACK : 0);
	pkt_put16(h + 14, 0);
	pkt_put16(h + 16, 0);
	pkt_put16(h + 18, 0);
	pkt_put16(h + 16, pkt_fold(pkt_sum(pkt_pseudo(laddr, raddr,
	    IP_PROTO_TCP, TCP_HLEN), h, TCP_HLEN)));
	(void)ip_output(st, laddr, raddr, IP_PROTO_TCP, h, TCP_HLEN, NULL, 0);
}

/* The sequence number the FIN occupies (valid once fin_queued). */
static uint32_t
tcp_fin_seq(struct tcp_pcb *p)
{
	return p->sbuf_seq + p->slen;
}

/*
 * Sends the segment that starts at seq, at most maxn data bytes, with
 * FIN if it reaches the end of a finished stream.  Returns the sequence
 * space it used (0: nothing to send there).
 */
uint32_t
tcp_send_at(struct netstack *st, struct tcp_pcb *p, uint32_t seq,
    uint32_t maxn)
{
	uint32_t off = seq - p->sbuf_seq, n = 0;
	uint32_t gso = p->mss - (uint32_t)tcp_sack_len(p), lim = gso;
	uint8_t flags = TH_ACK;
	unsigned offload = ip_offload(st, p->raddr);

	if (SEQ_LT(seq, p->sbuf_seq))
		return 0;
	if (off < p->slen)
		n = p->slen - off;
	if (n > maxn)
		n = maxn;
	/* SACK blocks ride along and take room from the data.  With TSO,
	 * as many whole segments as an IP packet holds go as one. */
	if ((offload & NS_OFF_TSO) && gso >= TCP_TSO_MSS_MIN)
		lim = TCP_TSO_MAX / gso * gso;
	else
		offload &= ~(unsigned)NS_OFF_TSO;
	if (n > lim)
		n = lim;
	if (p->fin_queued && seq + n == tcp_fin_seq(p))
		flags |= TH_FIN;
	if (n == 0 && !(flags & TH_FIN))
		return 0;
	if (n > 0 && seq + n == p->sbuf_seq + p->slen)
		flags |= TH_PSH;
	tcp_send(st, p, seq, flags, off, n, offload, gso);
	return n + ((flags & TH_FIN) ? 1 : 0);
}

void
tcp_retransmit(struct netstack *st, struct tcp_pcb *p)
{
	uint32_t used;

	st->stats.tcp_rexmit++;
	p->rtt_active = 0;	/* Karn: no sample from a resent segment */
	if (p->state == TCP_SYN_SENT || p->state == TCP_SYN_RCVD) {
		tcp_send_ctl(st, p, p->iss, p->state == TCP_SYN_SENT ?
		    TH_SYN : (TH_SYN | TH_ACK));
		tcp_timer_start(st, p);
		return;
	}
	used = tcp_send_at(st, p, p->snd_una, p->mss);
	if (used > 0 && SEQ_GT(p->snd_una + used, p->snd_nxt))
		p->snd_nxt = p->snd_una + used;
	if (SEQ_GT(p->snd_nxt, p->snd_max))
		p->snd_max = p->snd_nxt;
	tcp_timer_start(st, p);
}

void
tcp_output(struct netstack *st, struct tcp_pcb *p)
{
	int sent = 0;

	switch (p->state) {
	case TCP_CLOSED:
	case TCP_LISTEN:
		return;
	case TCP_SYN_SENT:
	case TCP_SYN_RCVD:
		if (p->snd_nxt == p->iss) {
			tcp_send_ctl(st, p, p->iss, p->state == TCP_SYN_SENT ?
			    TH_SYN : (TH_SYN | TH_ACK));
			p->snd_nxt = p->iss + 1;
			if (SEQ_GT(p->snd_nxt, p->snd_max))
				p->snd_max = p->snd_nxt;
			if (p->rexmit_at == 0)
				tcp_timer_start(st, p);
		} else if (p->need_ack) {
			tcp_send_ctl(st, p, p->snd_nxt, TH_ACK);
		}
		return;
	case TCP_TIME_WAIT:
		if (p->need_ack)
			tcp_send_ctl(st, p, p->snd_nxt, TH_ACK);
		return;
	default:
		break;
	}
	for (;;) {
		/* Limited transmit (RFC 3042): each of the first two
		 * duplicate ACKs lets one new segment out. */
		uint32_t cw = p->cwnd + (p->in_recovery ? 0 :
		    (uint32_t)(p->dupacks < 2 ? p->dupacks : 2) * p->mss);
		uint32_t win = p->snd_wnd < cw ? p->snd_wnd : cw;
		uint32_t flight, off;

		/* Resending after a timeout skips what the peer reported
		 * holding, and that does not count as in flight. */
		if (p->nsacked > 0 && SEQ_LT(p->snd_nxt, p->snd_max)) {
			uint32_t to = tcp_sack_skip(p, p->snd_nxt);

			p->snd_nxt = SEQ_GT(to, p->snd_max) ? p->snd_max : to;
		}
		flight = p->snd_nxt - p->snd_una;
		if (p->nsacked > 0)
			flight -= tcp_sack_held(p, p->snd_una, p->snd_nxt);
		off = p->snd_nxt - p->sbuf_seq;
		uint32_t avail = off < p->slen ? p->slen - off : 0;
		uint32_t room, used;

		if (p->force_probe && flight == 0 && win == 0)
			win = 1;
		room = win > flight ? win - flight : 0;
		if (avail == 0 && !(p->fin_queued &&
		    SEQ_LEQ(p->snd_nxt, tcp_fin_seq(p))))
			break;
		if (avail > 0 && room == 0)
			break;
		/* Nagle: hold a small segment while data is unacknowledged,
		 * unless it is the last of a finished stream. */
		if (avail > 0 && avail < p->mss && room >= avail &&
		    flight > 0 && !p->nodelay && !p->fin_queued)
			break;
		if (avail > 0 && room < p->mss && room < avail && flight > 0)
			break;	/* wait for a full segment's room */
		used = tcp_send_at(st, p, p->snd_nxt, room);
		if (used == 0)
			break;
		sent = 1;
		if (!p->rtt_active && SEQ_GEQ(p->snd_nxt, p->snd_max)) {
			p->rtt_active = 1;
			p->rtt_seq = p->snd_nxt + used;
			p->rtt_start = st->now;
		}
		p->snd_nxt += used;
		if (SEQ_GT(p->snd_nxt, p->snd_max))
			p->snd_max = p->snd_nxt;
		if (p->rexmit_at == 0)
			tcp_timer_start(st, p);
		p->force_probe = 0;
	}
	/* In a batch of received frames, an ACK for in-order data waits
	 * for the batch's end (one ACK for all of it); with holes, each
	 * duplicate ACK goes at once (the peer's fast retransmit counts
	 * them). */
	if (!sent && p->need_ack && st->hold_acks && p->nooo == 0 &&
	    p->state == TCP_ESTABLISHED)
		p->ack_held = 1;
	else if (!sent && p->need_ack)
		tcp_send_ctl(st, p, p->snd_nxt, TH_ACK);
	/* Data waits behind a zero window with nothing in flight to bring
	 * an ACK: probe it (the persist timer, RFC 9293 3.8.6.1). */
	if (p->slen > p->snd_nxt - p->sbuf_seq && p->snd_nxt == p->snd_una &&
	    p->rexmit_at == 0 && p->persist_at == 0 &&
	    p->snd_wnd == 0)
		p->persist_at = st->now + p->rto;
}
