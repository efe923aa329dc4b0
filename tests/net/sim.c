/* The simulated link (sim.h). */
#include <stdlib.h>
#include <string.h>

#include "net/stack/sock.h"
#include "tests/net/sim.h"

struct sim_frame {
	struct sim_frame *next;
	uint64_t at;
	int to;
	unsigned flags;		/* ns_input_meta's */
	size_t len;
	uint8_t data[];
};

struct sim_port {
	struct sim *s;
	int id;
};

static struct sim_port ports[2];	/* the test is single-threaded */

uint32_t
sim_rand(struct sim *s)
{
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return (uint32_t)((s->rng * 0x2545f4914f6cdd1dull) >> 32);
}

static void
sim_queue(struct sim *s, int to, const uint8_t *f, size_t len, uint64_t at,
    unsigned flags)
{
	struct sim_frame *fr = malloc(sizeof(*fr) + len), **pp;

	if (fr == NULL)
		abort();
	fr->at = at;
	fr->to = to;
	fr->flags = flags;
	fr->len = len;
	memcpy(fr->data, f, len);
	for (pp = &s->q; *pp != NULL && (*pp)->at <= at; pp = &(*pp)->next)
		;
	fr->next = *pp;
	*pp = fr;
	s->inflight[to]++;
}

static void
sim_send(void *ctx, const uint8_t *f, size_t len, unsigned flags)
{
	struct sim_port *p = ctx;
	struct sim *s = p->s;
	int to = !p->id;
	uint64_t at = s->now + (uint64_t)s->delay_ms;

	s->sent[p->id]++;
	if (s->tap != NULL)
		s->tap(s->tap_ctx, p->id, f, len);
	if (s->inflight[to] >= s->qmax ||
	    (s->loss && (int)(sim_rand(s) % 1000) < s->loss)) {
		s->lost[p->id]++;
		return;
	}
	if (s->reorder && (int)(sim_rand(s) % 1000) < s->reorder)
		at += 1 + sim_rand(s) % 4;
	sim_queue(s, to, f, len, at, flags);
	if (s->dup && (int)(sim_rand(s) % 1000) < s->dup)
		sim_queue(s, to, f, len, at + sim_rand(s) % 3, flags);
}

static void
sim_output(void *ctx, const uint8_t *f, size_t len)
{
	sim_send(ctx, f, len, 0);
}

/* One's complement sum of n bytes (n even or odd). */
static uint32_t
sim_sum(uint32_t s, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static uint16_t
sim_fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/*
 * What a TSO NIC does with a frame the stack marked: the checksum field
 * holds the pseudo-header sum for the whole L4 length; each piece gets
 * that sum moved to its own length plus its bytes (as Linux's
 * tcp_gso_segment does), the IP length, id and checksum, and the
 * sequence number; FIN and PSH only on the last piece.
 */
static void
sim_output_meta(void *ctx, const uint8_t *f, size_t len,
    const struct ns_txmeta *m)
{
	struct sim_port *p = ctx;
	static uint8_t piece[NS_GSO_FRAME_MAX];
	size_t ihl, l4off, thl, pay, total, gso, done = 0;
	uint16_t partial, id;
	int tcp;

	if (p->s->gro[p->id]) {
		if (m->gso_size != 0)
			p->s->gso[p->id]++;
		sim_send(ctx, f, len, NS_RX_CSUM_OK);
		return;
	}
	if (len < 34 || f[12] != 8 || f[13] != 0 || !(m->flags & NS_TX_CSUM)) {
		p->s->bad_csum[p->id]++;
		return;
	}
	ihl = (size_t)(f[14] & 15) * 4;
	l4off = 14 + ihl;
	tcp = f[23] == 6;
	thl = tcp ? (size_t)(f[l4off + 12] >> 4) * 4 : 8;
	total = (size_t)f[16] << 8 | f[17];
	if (l4off + thl > len || 14 + total != len) {
		p->s->bad_csum[p->id]++;
		return;
	}
	pay = len - l4off - thl;
	gso = m->gso_size != 0 ? m->gso_size : pay;
	if (m->gso_size != 0) {
		p->s->gso[p->id]++;
		if (!tcp || len - 14 > 65535 || gso == 0 ||
		    l4off + thl + gso > NS_FRAME_MAX) {
			p->s->bad_csum[p->id]++;
			return;
		}
	}
	partial = (uint16_t)(f[l4off + (tcp ? 16 : 6)] << 8 |
	    f[l4off + (tcp ? 17 : 7)]);
	id = (uint16_t)(f[18] << 8 | f[19]);
	do {
		size_t n = pay - done < gso ? pay - done : gso;
		size_t plen = l4off + thl + n, co = l4off + (tcp ? 16 : 6);
		uint32_t s;

		memcpy(piece, f, l4off + thl);
		memcpy(piece + l4off + thl, f + l4off + thl + done, n);
		piece[16] = (uint8_t)((plen - 14) >> 8);
		piece[17] = (uint8_t)(plen - 14);
		piece[18] = (uint8_t)(id >> 8);
		piece[19] = (uint8_t)id;
		id++;
		piece[24] = piece[25] = 0;
		s = ~(uint32_t)sim_fold(sim_sum(0, piece + 14, ihl)) & 0xffff;
		piece[24] = (uint8_t)(s >> 8);
		piece[25] = (uint8_t)s;
		if (tcp) {
			uint32_t seq = (uint32_t)f[l4off + 4] << 24 |
			    (uint32_t)f[l4off + 5] << 16 |
			    (uint32_t)f[l4off + 6] << 8 | f[l4off + 7];

			seq += (uint32_t)done;
			piece[l4off + 4] = (uint8_t)(seq >> 24);
			piece[l4off + 5] = (uint8_t)(seq >> 16);
			piece[l4off + 6] = (uint8_t)(seq >> 8);
			piece[l4off + 7] = (uint8_t)seq;
			if (done + n < pay)
				piece[l4off + 13] &= (uint8_t)~0x09;
		}
		/* Move the pseudo-header sum from the whole length to this
		 * piece's: less the old length, plus the new. */
		piece[co] = piece[co + 1] = 0;
		s = partial + (~(uint32_t)(len - l4off) & 0xffff) +
		    (uint32_t)(plen - l4off);
		s = ~(uint32_t)sim_fold(sim_sum(s, piece + l4off,
		    plen - l4off)) & 0xffff;
		piece[co] = (uint8_t)(s >> 8);
		piece[co + 1] = (uint8_t)s;
		sim_output(ctx, piece, plen);
		done += n;
	} while (done < pay);
}

void
sim_offload(struct sim *s, int id, unsigned off)
{
	ns_set_offload(s->st[id], off, off ? sim_output_meta : NULL);
}

static void
sim_ready(void *ctx, int h, unsigned ev)
{
	struct sim_port *p = ctx;

	if (h >= 0 && h < 64)
		p->s->events[p->id][h] |= ev;
}

int
sim_init(struct sim *s, uint64_t seed)
{
	static const uint8_t mac[2][6] = {
		{ 2, 0, 0, 0, 0, 1 }, { 2, 0, 0, 0, 0, 2 }
	};

	memset(s, 0, sizeof(*s));
	s->rng = seed * 2654435761u + 1;
	s->delay_ms = 1;
	s->qmax = 256;
	s->now = 1000;
	for (int i = 0; i < 2; i++) {
		s->st[i] = ns_create(mac[i], seed + (uint64_t)i + 1, s->now);
		if (s->st[i] == NULL)
			return -1;
		ports[i].s = s;
		ports[i].id = i;
		ns_set_output(s->st[i], sim_output, &ports[i]);
		ns_set_ready(s->st[i], sim_ready, &ports[i]);
	}
	ns_configure(s->st[0], SIM_ADDR_A, 0xffffff00u, 0, 0);
	ns_configure(s->st[1], SIM_ADDR_B, 0xffffff00u, 0, 0);
	return 0;
}

void
sim_fini(struct sim *s)
{
	struct sim_frame *f, *n;

	for (f = s->q; f != NULL; f = n) {
		n = f->next;
		free(f);
	}
	s->q = NULL;
	ns_destroy(s->st[0]);
	ns_destroy(s->st[1]);
}

void
sim_impair(struct sim *s, int loss, int reorder, int dup)
{
	s->loss = loss;
	s->reorder = reorder;
	s->dup = dup;
}

void
sim_inject(struct sim *s, int to, const uint8_t *f, size_t len)
{
	ns_input(s->st[to], f, len, s->now);
}

void
sim_run(struct sim *s, uint64_t ms)
{
	uint64_t end = s->now + ms;

	while (s->now < end) {
		struct sim_frame *f;

		while ((f = s->q) != NULL && f->at <= s->now) {
			s->q = f->next;
			s->inflight[f->to]--;
			ns_input_meta(s->st[f->to], f->data, f->len, s->now,
			    f->flags);
			free(f);
		}
		ns_tick(s->st[0], s->now);
		ns_tick(s->st[1], s->now);
		s->now++;
	}
}

int
sim_until(struct sim *s, int (*done)(void *), void *ctx, uint64_t max_ms)
{
	for (uint64_t t = 0; t < max_ms; t++) {
		if (done(ctx))
			return 1;
		sim_run(s, 1);
	}
	return done(ctx);
}

int
sim_accepted(void *ctx)
{
	struct sim_acc *a = ctx;

	if (a->h < 0)
		a->h = ns_accept(a->st, a->lh);
	return a->h >= 0;
}

int
sim_tcp_pair(struct sim *s, int from, uint16_t port, uint64_t max_ms, int *fh, int *th)
{
	int to = !from;
	struct sim_acc a = { s->st[to], -1, -1 };

	a.lh = ns_tcp_listen(s->st[to], 0, port, 16);
	if (a.lh < 0)
		return -1;
	*fh = ns_tcp_connect(s->st[from], to == SIM_A ? SIM_ADDR_A : SIM_ADDR_B, port, 0, 0);
	if (*fh >= 0)
		(void)sim_until(s, sim_accepted, &a, max_ms);
	ns_close(s->st[to], a.lh);
	*th = a.h;
	return *fh >= 0 && a.h >= 0 ? 0 : -1;
}

