/* TCP input (tcp_in.h). */
#include <errno.h>
#include <string.h>

#include "net/stack/ip.h"
#include "net/stack/pkt.h"
#include "net/stack/tcp_in.h"
#include "net/stack/tcp_out.h"
#include "net/stack/tcp_sack.h"

struct tcp_seg {
	uint32_t src, dst;
	uint16_t sport, dport;
	uint32_t seq, ack, wnd;
	uint8_t flags;
	const uint8_t *data;
	uint32_t len;
	int mss, ws;		/* options; -1 when absent */
	int sackok;
	int nsack;
	uint32_t sack[8];	/* start, end pairs */
};

/* Parses the options; -1 if any is malformed. */
static int
tcp_options(struct tcp_seg *s, const uint8_t *o, size_t n)
{
	size_t i = 0;

	s->mss = -1;
	s->ws = -1;
	while (i < n) {
		uint8_t kind = o[i], len;

		if (kind == 0)
			break;
		if (kind == 1) {
			i++;
			continue;
		}
		if (i + 1 >= n)
			return -1;
		len = o[i + 1];
		if (len < 2 || len > n - i)
			return -1;
		if (kind == 2) {
			if (len != 4)
				return -1;
			s->mss = pkt_get16(o + i + 2);
		} else if (kind == 3) {
			if (len != 3)
				return -1;
			s->ws = o[i + 2] > 14 ? 14 : o[i + 2];
		} else if (kind == 4) {
			if (len != 2)
				return -1;
			s->sackok = 1;
		} else if (kind == 5) {
			if (len < 10 || (len - 2) % 8 != 0)
				return -1;
			for (size_t b = i + 2; b < i + len && s->nsack < 4; b += 8) {
				s->sack[2 * s->nsack] = pkt_get32(o + b);
				s->sack[2 * s->nsack + 1] = pkt_get32(o + b + 4);
				s->nsack++;
			}
		}
		i += len;
	}
	return 0;
}

/* Takes the peer's MSS and window scale from its SYN. */
static void
tcp_syn_options(struct tcp_pcb *p, const struct tcp_seg *s)
{
	uint32_t mss = s->mss < 0 ? 536 : (uint32_t)s->mss;

	if (mss > TCP_MSS)
		mss = TCP_MSS;
	if (mss < TCP_MSS_MIN)
		mss = TCP_MSS_MIN;
	p->mss = (uint16_t)mss;
	p->sack_ok = s->sackok;
	if (s->ws >= 0) {
		p->snd_ws = (uint8_t)s->ws;
	} else {
		p->snd_ws = 0;
		p->rcv_ws = 0;
	}
	/* RFC 5681 initial window. */
	p->cwnd = 4 * mss < 4380 ? 4 * mss : (2 * mss > 4380 ? 2 * mss : 4380);
	p->ssthresh = 0xffffffffu;
}

static void
tcp_rtt_sample(struct netstack *st, struct tcp_pcb *p)
{
	uint32_t r = (uint32_t)(st->now - p->rtt_start);
	uint32_t rto;

	if (p->srtt8 == 0) {
		p->srtt8 = r * 8 + 1;
		p->rttvar4 = r * 2;
	} else {
		int32_t delta = (int32_t)r - (int32_t)(p->srtt8 / 8);

		p->srtt8 = (uint32_t)((int32_t)p->srtt8 + delta);
		if (delta < 0)
			delta = -delta;
		p->rttvar4 = (uint32_t)((int32_t)p->rttvar4 + delta -
		    (int32_t)(p->rttvar4 / 4));
	}
	rto = p->srtt8 / 8 + (p->rttvar4 > 1 ? p->rttvar4 : 1);
	if (rto < TCP_RTO_MIN)
		rto = TCP_RTO_MIN;
	if (rto > TCP_RTO_MAX)
		rto = TCP_RTO_MAX;
	p->rto = rto;
	p->rtt_active = 0;
}

static void
tcp_in_listen(struct netstack *st, struct tcp_pcb *l, struct tcp_seg *s)
{
	struct tcp_pcb *p;

	if (s->flags & TH_RST)
		return;
	if (s->flags & TH_ACK) {
		tcp_send_reset(st, s->dst, s->src, s->dport, s->sport, s->ack,
		    0, 0);
		return;
	}
	if (!(s->flags & TH_SYN) || s->src == 0xffffffffu) {
		st->stats.tcp_drop++;
		return;
	}
	p = tcp_new_child(st, l);
	if (p == NULL) {
		st->stats.tcp_syn_drop++;
		return;
	}
	p->laddr = s->dst;
	p->raddr = s->src;
	p->lport = s->dport;
	p->rport = s->sport;
	p->irs = s->seq;
	p->rcv_nxt = s->seq + 1;
	p->rcv_adv = p->rcv_nxt;
	tcp_syn_options(p, s);
	p->snd_wnd = s->wnd;
	p->snd_wl1 = s->seq;
	p->last_rx = st->now;
	tcp_set_state(st, p, TCP_SYN_RCVD);
	tcp_output(st, p);
}

static void
tcp_in_synsent(struct netstack *st, struct tcp_pcb *p, struct tcp_seg *s)
{
	if ((s->flags & TH_ACK) &&
	    (SEQ_LEQ(s->ack, p->iss) || SEQ_GT(s->ack, p->snd_max))) {
		if (!(s->flags & TH_RST))
			tcp_send_reset(st, s->dst, s->src, s->dport, s->sport,
			    s->ack, 0, 0);
		return;
	}
	if (s->flags & TH_RST) {
		if (s->flags & TH_ACK)
			tcp_drop(st, p, ECONNREFUSED);
		return;
	}
	if (!(s->flags & TH_SYN))
		return;
	p->irs = s->seq;
	p->rcv_nxt = s->seq + 1;
	p->rcv_adv = p->rcv_nxt;
	tcp_syn_options(p, s);
	if (!(s->flags & TH_ACK)) {
		/* Simultaneous open: answer with SYN-ACK. */
		tcp_set_state(st, p, TCP_SYN_RCVD);
		p->snd_nxt = p->iss;
		tcp_output(st, p);
		return;
	}
	if (p->rtt_active)
		tcp_rtt_sample(st, p);
	p->snd_una = s->ack;
	p->snd_wnd = s->wnd;	/* never scaled in a SYN */
	p->snd_wl1 = s->seq;
	p->snd_wl2 = s->ack;
	p->rexmit_at = 0;
	p->retries = 0;
	p->backoff = 0;
	tcp_established(st, p);
	p->need_ack = 1;
	tcp_output(st, p);
}

/* Trims s to the receive window; 0 if nothing acceptable is left. */
static int
tcp_acceptable(struct tcp_pcb *p, struct tcp_seg *s)
{
	uint32_t wnd = tcp_rcv_window(p);
	uint32_t seglen = s->len + ((s->flags & TH_SYN) ? 1 : 0) +
	    ((s->flags & TH_FIN) ? 1 : 0);
	uint32_t end = p->rcv_nxt + wnd;

	if (seglen == 0)
		return wnd == 0 ? s->seq == p->rcv_nxt :
		    SEQ_GEQ(s->seq, p->rcv_nxt) && SEQ_LT(s->seq, end);
	if (wnd == 0) {
		/* Keep the ACK of a zero-window probe, drop its data. */
		if (s->seq != p->rcv_nxt)
			return 0;
		s->len = 0;
		s->flags &= (uint8_t)~(TH_SYN | TH_FIN);
		return 1;
	}
	if (!(SEQ_GEQ(s->seq, p->rcv_nxt) && SEQ_LT(s->seq, end)) &&
	    !(SEQ_GEQ(s->seq + seglen - 1, p->rcv_nxt) &&
	    SEQ_LT(s->seq + seglen - 1, end)))
		return 0;
	if (SEQ_LT(s->seq, p->rcv_nxt)) {
		uint32_t cut = p->rcv_nxt - s->seq;

		if (s->flags & TH_SYN) {
			s->flags &= (uint8_t)~TH_SYN;
			s->seq++;
			cut--;
		}
		if (cut > s->len)
			cut = s->len;
		s->data += cut;
		s->len -= cut;
		s->seq += cut;
	}
	if (SEQ_GT(s->seq + s->len, end)) {
		s->len = end - s->seq;
		s->flags &= (uint8_t)~TH_FIN;
	}
	return 1;
}

/* Copies data into the receive ring, off bytes after the in-order data. */
static void
tcp_copy_in(struct tcp_pcb *p, uint32_t off, const uint8_t *d, uint32_t n)
{
	uint32_t i = (p->rhead + p->rlen + off) % p->rcap;
	uint32_t first = p->rcap - i < n ? p->rcap - i : n;

	memcpy(p->rbuf + i, d, first);
	memcpy(p->rbuf, d + first, n - first);
}

static void tcp_ooo_merge(struct tcp_pcb *p, uint32_t start, uint32_t end);

/* Moves the range holding seq to the front: SACK reports the block
 * that changed last first (RFC 2018 4). */
static void
tcp_ooo_front(struct tcp_pcb *p, uint32_t seq)
{
	for (int i = 0; i < p->nooo; i++) {
		struct tcp_range r = p->ooo[i];

		if (SEQ_LEQ(r.start, seq) && SEQ_LT(seq, r.end)) {
			memmove(&p->ooo[1], &p->ooo[0], (size_t)i * sizeof(r));
			p->ooo[0] = r;
			return;
		}
	}
}

/* Records [start,end) as held out of order; merges neighbours. */
static void
tcp_ooo_add(struct tcp_pcb *p, uint32_t start, uint32_t end)
{
	tcp_ooo_merge(p, start, end);
	tcp_ooo_front(p, start);
}

static void
tcp_ooo_merge(struct tcp_pcb *p, uint32_t start, uint32_t end)
{
	int i, j;

	for (i = 0; i < p->nooo; i++) {
		struct tcp_range *r = &p->ooo[i];

		if (SEQ_LEQ(start, r->end) && SEQ_GEQ(end, r->start)) {
			if (SEQ_LT(start, r->start))
				r->start = start;
			if (SEQ_GT(end, r->end))
				r->end = end;
			/* It may now reach the ones after it. */
			for (j = 0; j < p->nooo; j++) {
				struct tcp_range *o = &p->ooo[j];

				if (j == i || !(SEQ_LEQ(o->start, r->end) &&
				    SEQ_GEQ(o->end, r->start)))
					continue;
				if (SEQ_LT(o->start, r->start))
					r->start = o->start;
				if (SEQ_GT(o->end, r->end))
					r->end = o->end;
				p->ooo[j] = p->ooo[--p->nooo];
				if (i == p->nooo)
					i = j;
				r = &p->ooo[i];
				j = -1;
			}
			return;
		}
	}
	if (p->nooo < TCP_OOO_MAX) {
		p->ooo[p->nooo].start = start;
		p->ooo[p->nooo].end = end;
		p->nooo++;
	}
}

/* Accepts the segment's data; returns whether the FIN is now in order. */
static int
tcp_data(struct netstack *st, struct tcp_pcb *p, struct tcp_seg *s)
{
	uint32_t room = p->rcap - p->rlen, off = s->seq - p->rcv_nxt;
	uint32_t n = s->len;
	int fin = (s->flags & TH_FIN) != 0;

	if (n > 0) {
		if (off >= room)
			return 0;
		if (n > room - off) {
			n = room - off;
			fin = 0;
		}
		tcp_copy_in(p, off, s->data, n);
	}
	if (off != 0) {
		/* Out of order: hold it and ACK at once, so the sender sees
		 * duplicate ACKs (RFC 5681 4.2). */
		if (n > 0)
			tcp_ooo_add(p, s->seq, s->seq + n);
		if (fin) {
			p->ooo_fin = 1;
			p->ooo_fin_seq = s->seq + n;
		}
		p->need_ack = 1;
		return 0;
	}
	p->rlen += n;
	p->rcv_nxt += n;
	for (int i = 0; i < p->nooo;) {
		struct tcp_range *r = &p->ooo[i];

		if (SEQ_LEQ(r->start, p->rcv_nxt)) {
			if (SEQ_GT(r->end, p->rcv_nxt)) {
				p->rlen += r->end - p->rcv_nxt;
				p->rcv_nxt = r->end;
			}
			p->ooo[i] = p->ooo[--p->nooo];
			i = 0;
			continue;
		}
		i++;
	}
	if (p->rd_shut && p->rcap != 0) {
		/* Shut for reading: taken (so the sender goes on) and
		 * dropped, the window staying open. */
		p->rhead = (p->rhead + p->rlen) % p->rcap;
		p->rlen = 0;
	}
	if (p->ooo_fin && p->ooo_fin_seq == p->rcv_nxt)
		fin = 1;
	p->need_ack = 1;
	if (p->rlen > 0)
		tcp_wakeup(st, p);
	return fin;
}

static void
tcp_fin(struct netstack *st, struct tcp_pcb *p, int our_fin_acked)
{
	p->rcv_nxt++;
	p->fin_rcvd = 1;
	p->need_ack = 1;
	switch (p->state) {
	case TCP_SYN_RCVD:
	case TCP_ESTABLISHED:
		tcp_set_state(st, p, TCP_CLOSE_WAIT);
		break;
	case TCP_FIN_WAIT_1:
		tcp_set_state(st, p, our_fin_acked ? TCP_TIME_WAIT : TCP_CLOSING);
		break;
	case TCP_FIN_WAIT_2:
		tcp_set_state(st, p, TCP_TIME_WAIT);
		break;
	default:
		break;
	}
	tcp_wakeup(st, p);
}

/* The congestion response to a new cumulative ACK of acked bytes. */
static void
tcp_newack(struct netstack *st, struct tcp_pcb *p, uint32_t ack,
    uint32_t acked)
{
	if (p->in_recovery) {
		if (SEQ_GEQ(ack, p->recover)) {
			uint32_t flight = p->snd_max - ack;

			p->cwnd = p->ssthresh < flight + p->mss ?
			    p->ssthresh : flight + p->mss;
			p->in_recovery = 0;
			p->dupacks = 0;
		} else if (p->sack_ok) {
			if (SEQ_LT(p->rexmit_hi, ack))
				p->rexmit_hi = ack;
			tcp_sack_recover(st, p);
		} else {
			/* Partial ACK: the next hole is lost too. */
			tcp_retransmit(st, p);
			p->cwnd = p->cwnd > acked ? p->cwnd - acked : 0;
			p->cwnd += p->mss;
		}
		return;
	}
	p->dupacks = 0;
	/* Byte counting (RFC 3465): one ACK may cover a whole TSO
	 * super-segment, or a batch, not one or two segments. */
	if (acked > 64u * p->mss)
		acked = 64u * p->mss;
	if (p->cwnd < p->ssthresh)
		p->cwnd += acked;
	else
		p->cwnd += (uint32_t)((uint64_t)p->mss * acked / p->cwnd) + 1;
	if (p->cwnd > 4 * TCP_BUF)
		p->cwnd = 4 * TCP_BUF;
}

static void
tcp_dupack(struct netstack *st, struct tcp_pcb *p)
{
	uint32_t flight = p->snd_max - p->snd_una;

	p->dupacks++;
	if (p->in_recovery) {
		if (p->sack_ok)
			tcp_sack_recover(st, p);
		else
			p->cwnd += p->mss;	/* a segment left the network */
		return;
	}
	if (p->dupacks != 3)
		return;
	/* RFC 6582: duplicate ACKs for data sent before the last timeout
	 * or recovery began start no new recovery. */
	if (SEQ_LT(p->snd_una, p->recover))
		return;
	st->stats.tcp_fast_rexmit++;
	p->ssthresh = flight / 2 > 2u * p->mss ? flight / 2 : 2u * p->mss;
	p->recover = p->snd_max;
	p->in_recovery = 1;
	if (p->sack_ok) {
		/* The scoreboard says what to resend; cwnd is the pipe's
		 * limit (RFC 6675 5). */
		p->cwnd = p->ssthresh;
		p->rexmit_hi = p->snd_una;
		tcp_sack_recover(st, p);
		return;
	}
	tcp_retransmit(st, p);
	p->cwnd = p->ssthresh + 3u * p->mss;
}

/* Removes acknowledged bytes; returns whether our FIN is acknowledged. */
static int
tcp_ack_data(struct netstack *st, struct tcp_pcb *p, uint32_t ack)
{
	uint32_t n = 0;

	if (SEQ_GT(ack, p->sbuf_seq)) {
		n = ack - p->sbuf_seq;
		if (n > p->slen)
			n = p->slen;
		p->shead = (p->shead + n) % (p->scap ? p->scap : 1);
		p->slen -= n;
		p->sbuf_seq += n;
	}
	if (n > 0)
		tcp_wakeup(st, p);
	return p->fin_queued && SEQ_GT(ack, p->sbuf_seq + p->slen);
}

/* The ACK field in a synchronized state; -1 when the segment is done. */
static int
tcp_ack(struct netstack *st, struct tcp_pcb *p, struct tcp_seg *s,
    int *fin_acked)
{
	uint32_t wnd = s->wnd << p->snd_ws;

	if (p->state == TCP_SYN_RCVD) {
		if (SEQ_LEQ(s->ack, p->snd_una) || SEQ_GT(s->ack, p->snd_max)) {
			tcp_send_reset(st, s->dst, s->src, s->dport, s->sport,
			    s->ack, 0, 0);
			return -1;
		}
		if (p->parent != NULL && p->parent->aq_len >= p->parent->backlog) {
			/* No room to accept: as if the ACK was lost. */
			return -1;
		}
		if (p->rtt_active)
			tcp_rtt_sample(st, p);
		p->snd_una = s->ack;
		p->snd_wnd = wnd;
		p->snd_wl1 = s->seq;
		p->snd_wl2 = s->ack;
		p->rexmit_at = 0;
		p->retries = 0;
		p->backoff = 0;
		tcp_established(st, p);
		if (p->state == TCP_CLOSED)
			return -1;
		return 0;
	}
	if (SEQ_GT(s->ack, p->snd_max)) {
		p->need_ack = 1;
		tcp_output(st, p);
		return -1;
	}
	if (SEQ_LT(s->ack, p->snd_una))
		return 0;	/* old: ignore the ACK, keep the data */
	p->retries = 0;
	if (p->sack_ok)
		tcp_sack_update(p, s->ack, s->sack, s->nsack);
	if (s->ack == p->snd_una) {
		if (s->len == 0 && !(s->flags & (TH_SYN | TH_FIN)) &&
		    wnd == p->snd_wnd && p->snd_max != p->snd_una)
			tcp_dupack(st, p);
	} else {
		uint32_t acked = s->ack - p->snd_una;

		if (p->rtt_active && SEQ_GEQ(s->ack, p->rtt_seq))
			tcp_rtt_sample(st, p);
		*fin_acked = tcp_ack_data(st, p, s->ack);
		p->snd_una = s->ack;
		if (SEQ_LT(p->snd_nxt, p->snd_una))
			p->snd_nxt = p->snd_una;
		p->backoff = 0;
		tcp_newack(st, p, s->ack, acked);
		if (p->snd_una == p->snd_max)
			p->rexmit_at = 0;
		else
			tcp_timer_start(st, p);
	}
	if (SEQ_LT(p->snd_wl1, s->seq) ||
	    (p->snd_wl1 == s->seq && SEQ_LEQ(p->snd_wl2, s->ack))) {
		if (wnd > p->snd_wnd)
			p->persist_at = 0;
		p->snd_wnd = wnd;
		p->snd_wl1 = s->seq;
		p->snd_wl2 = s->ack;
	}
	if (p->fin_queued && SEQ_GT(s->ack, p->sbuf_seq + p->slen))
		*fin_acked = 1;
	return 0;
}

static void
tcp_in_sync(struct netstack *st, struct tcp_pcb *p, struct tcp_seg *s)
{
	int fin_acked = 0;

	if (p->state == TCP_SYN_RCVD && (s->flags & TH_SYN) &&
	    !(s->flags & TH_ACK) && s->seq == p->irs) {
		/* Our SYN-ACK was lost and the peer repeats its SYN. */
		tcp_retransmit(st, p);
		return;
	}
	if (!tcp_acceptable(p, s)) {
		if (!(s->flags & TH_RST)) {
			p->need_ack = 1;
			tcp_output(st, p);
		}
		return;
	}
	if (s->flags & TH_RST) {
		if (s->seq == p->rcv_nxt)
			tcp_drop(st, p, p->state == TCP_SYN_RCVD ?
			    ECONNREFUSED : ECONNRESET);
		else
			tcp_send_ctl(st, p, p->snd_nxt, TH_ACK); /* challenge */
		return;
	}
	if (s->flags & TH_SYN) {
		tcp_send_ctl(st, p, p->snd_nxt, TH_ACK);	/* RFC 5961 4 */
		return;
	}
	if (!(s->flags & TH_ACK))
		return;
	p->last_rx = st->now;
	p->keep_probes = 0;
	if (tcp_ack(st, p, s, &fin_acked) < 0)
		return;
	switch (p->state) {
	case TCP_FIN_WAIT_1:
		if (fin_acked)
			tcp_set_state(st, p, TCP_FIN_WAIT_2);
		break;
	case TCP_CLOSING:
		if (fin_acked)
			tcp_set_state(st, p, TCP_TIME_WAIT);
		break;
	case TCP_LAST_ACK:
		if (fin_acked) {
			tcp_drop(st, p, 0);
			return;
		}
		break;
	case TCP_TIME_WAIT:
		if (s->flags & TH_FIN) {
			p->need_ack = 1;
			tcp_set_state(st, p, TCP_TIME_WAIT);	/* restart 2MSL */
		}
		tcp_output(st, p);
		return;
	default:
		break;
	}
	if (p->state == TCP_ESTABLISHED || p->state == TCP_FIN_WAIT_1 ||
	    p->state == TCP_FIN_WAIT_2) {
		if ((s->len > 0 || (s->flags & TH_FIN)) && p->rcap != 0 &&
		    tcp_data(st, p, s))
			tcp_fin(st, p, p->state == TCP_FIN_WAIT_2 ||
			    (p->state == TCP_FIN_WAIT_1 && fin_acked));
	}
	tcp_output(st, p);
}

void
tcp_input(struct netstack *st, uint32_t src, uint32_t dst,
    const uint8_t *seg, size_t len)
{
	struct tcp_seg s;
	struct tcp_pcb *p;
	size_t off;

	tcp_reap(st);
	if (len < TCP_HLEN) {
		st->stats.tcp_drop++;
		return;
	}
	off = (size_t)(seg[12] >> 4) * 4;
	if (off < TCP_HLEN || off > len) {
		st->stats.tcp_drop++;
		return;
	}
	/* A NIC with offload may vouch for the checksum (and leave only
	 * the pseudo-header sum in it): then it is not ours to check. */
	if (!st->rx_csum_ok && pkt_fold(pkt_sum(pkt_pseudo(src, dst,
	    IP_PROTO_TCP, len), seg, len)) != 0) {
		st->stats.tcp_cksum++;
		return;
	}
	memset(&s, 0, sizeof(s));
	if (tcp_options(&s, seg + TCP_HLEN, off - TCP_HLEN) < 0) {
		st->stats.tcp_badopt++;
		return;
	}
	s.src = src;
	s.dst = dst;
	s.sport = pkt_get16(seg);
	s.dport = pkt_get16(seg + 2);
	s.seq = pkt_get32(seg + 4);
	s.ack = pkt_get32(seg + 8);
	s.flags = seg[13] & 0x3f;
	s.wnd = pkt_get16(seg + 14);
	s.data = seg + off;
	s.len = (uint32_t)(len - off);
	if (s.sport == 0 || s.dport == 0 || !ip_is_local(st, dst) ||
	    ((s.flags & TH_SYN) && (s.flags & TH_FIN))) {
		st->stats.tcp_drop++;
		return;
	}
	p = tcp_lookup(st, dst, s.dport, src, s.sport);
	if (p == NULL) {
		if (s.flags & TH_RST)
			return;
		if (s.flags & TH_ACK)
			tcp_send_reset(st, dst, src, s.dport, s.sport, s.ack, 0, 0);
		else
			tcp_send_reset(st, dst, src, s.dport, s.sport, 0,
			    s.seq + s.len + ((s.flags & TH_SYN) ? 1 : 0) +
			    ((s.flags & TH_FIN) ? 1 : 0), 1);
		return;
	}
	if (p->state == TCP_LISTEN)
		tcp_in_listen(st, p, &s);
	else if (p->state == TCP_SYN_SENT)
		tcp_in_synsent(st, p, &s);
	else
		tcp_in_sync(st, p, &s);
}
