/* SACK scoreboard and recovery (tcp_sack.h). */
#include <string.h>

#include "net/stack/tcp_out.h"
#include "net/stack/tcp_sack.h"

static void
sack_add(struct tcp_pcb *p, uint32_t start, uint32_t end)
{
	int i = 0;

	/* Sorted by start; a new block swallows the ones it touches. */
	while (i < p->nsacked && SEQ_LT(p->sacked[i].end, start))
		i++;
	while (i < p->nsacked && SEQ_LEQ(p->sacked[i].start, end)) {
		if (SEQ_LT(p->sacked[i].start, start))
			start = p->sacked[i].start;
		if (SEQ_GT(p->sacked[i].end, end))
			end = p->sacked[i].end;
		memmove(&p->sacked[i], &p->sacked[i + 1],
		    (size_t)(p->nsacked - i - 1) * sizeof(p->sacked[0]));
		p->nsacked--;
	}
	if (p->nsacked == TCP_SACKED_MAX)
		return;		/* full: the block is just not used */
	memmove(&p->sacked[i + 1], &p->sacked[i],
	    (size_t)(p->nsacked - i) * sizeof(p->sacked[0]));
	p->sacked[i].start = start;
	p->sacked[i].end = end;
	p->nsacked++;
}

void
tcp_sack_update(struct tcp_pcb *p, uint32_t ack, const uint32_t *blocks,
    int n)
{
	int i, j;

	for (i = 0; i < n; i++) {
		uint32_t s = blocks[2 * i], e = blocks[2 * i + 1];

		/* Only blocks inside what was sent and not yet acked
		 * (a D-SACK below ack or a bogus one is ignored). */
		if (SEQ_GEQ(s, e) || SEQ_LEQ(s, ack) || SEQ_GT(e, p->snd_max))
			continue;
		sack_add(p, s, e);
	}
	for (i = j = 0; i < p->nsacked; i++) {
		if (SEQ_LEQ(p->sacked[i].end, ack))
			continue;
		if (SEQ_LT(p->sacked[i].start, ack))
			p->sacked[i].start = ack;
		p->sacked[j++] = p->sacked[i];
	}
	p->nsacked = j;
}

uint32_t
tcp_sack_held(const struct tcp_pcb *p, uint32_t a, uint32_t b)
{
	uint32_t n = 0;

	for (int i = 0; i < p->nsacked; i++) {
		uint32_t s = p->sacked[i].start, e = p->sacked[i].end;

		if (SEQ_LT(s, a))
			s = a;
		if (SEQ_GT(e, b))
			e = b;
		if (SEQ_LT(s, e))
			n += e - s;
	}
	return n;
}

uint32_t
tcp_sack_skip(const struct tcp_pcb *p, uint32_t seq)
{
	for (int i = 0; i < p->nsacked; i++)
		if (SEQ_LEQ(p->sacked[i].start, seq) &&
		    SEQ_LT(seq, p->sacked[i].end))
			seq = p->sacked[i].end;
	return seq;
}

void
tcp_sack_recover(struct netstack *st, struct tcp_pcb *p)
{
	uint32_t hi = p->nsacked > 0 ? p->sacked[p->nsacked - 1].end :
	    p->snd_una;
	int sent = 0;

	if (SEQ_LT(p->rexmit_hi, p->snd_una))
		p->rexmit_hi = p->snd_una;
	/* Without blocks (they were lost, or the peer sends none) the
	 * first unacknowledged segment counts as lost, as in NewReno. */
	if (p->nsacked == 0 && p->rexmit_hi == p->snd_una)
		hi = p->snd_una + (p->snd_max - p->snd_una < p->mss ?
		    p->snd_max - p->snd_una : p->mss);
	for (int guard = 0; guard < 256; guard++) {
		/* In flight: everything above the highest SACKed byte,
		 * and the holes below it that were resent. */
		uint32_t pipe = (SEQ_GT(p->snd_max, hi) ? p->snd_max - hi : 0) +
		    (p->rexmit_hi - p->snd_una) -
		    tcp_sack_held(p, p->snd_una, p->rexmit_hi);
		uint32_t seq = p->rexmit_hi, used, lim = p->mss;

		if (pipe + p->mss > p->cwnd)
			break;
		/* The next hole at or after rexmit_hi. */
		for (int i = 0; i < p->nsacked; i++)
			if (SEQ_LEQ(p->sacked[i].start, seq) &&
			    SEQ_LT(seq, p->sacked[i].end))
				seq = p->sacked[i].end;
		if (SEQ_LT(seq, hi)) {
			if (hi - seq < lim)
				lim = hi - seq;
			for (int i = 0; i < p->nsacked; i++)
				if (SEQ_GT(p->sacked[i].start, seq) &&
				    p->sacked[i].start - seq < lim)
					lim = p->sacked[i].start - seq;
			used = tcp_send_at(st, p, seq, lim);
			if (used == 0)
				break;
			st->stats.tcp_rexmit++;
			p->rtt_active = 0;	/* Karn */
			p->rexmit_hi = seq + used;
			if (SEQ_GT(p->rexmit_hi, p->snd_nxt))
				p->snd_nxt = p->rexmit_hi;
			if (SEQ_GT(p->snd_nxt, p->snd_max))
				p->snd_max = p->snd_nxt;
			sent = 1;
			continue;
		}
		p->rexmit_hi = hi;
		/* No hole left: new data, within the peer's window. */
		if (p->snd_nxt - p->snd_una + p->mss > p->snd_wnd)
			break;
		used = tcp_send_at(st, p, p->snd_nxt, p->mss);
		if (used == 0)
			break;
		p->snd_nxt += used;
		if (SEQ_GT(p->snd_nxt, p->snd_max))
			p->snd_max = p->snd_nxt;
		sent = 1;
	}
	if (sent)
		tcp_timer_start(st, p);
}
