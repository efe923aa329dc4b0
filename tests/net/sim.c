/* The simulated link (sim.h). */
#include <stdlib.h>
#include <string.h>

#include "net/stack/sock.h"
#include "tests/net/sim.h"

struct sim_frame {
	struct sim_frame *next;
	uint64_t at;
	int to;
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
sim_queue(struct sim *s, int to, const uint8_t *f, size_t len, uint64_t at)
{
	struct sim_frame *fr = malloc(sizeof(*fr) + len), **pp;

	if (fr == NULL)
		abort();
	fr->at = at;
	fr->to = to;
	fr->len = len;
	memcpy(fr->data, f, len);
	for (pp = &s->q; *pp != NULL && (*pp)->at <= at; pp = &(*pp)->next)
		;
	fr->next = *pp;
	*pp = fr;
	s->inflight[to]++;
}

static void
sim_output(void *ctx, const uint8_t *f, size_t len)
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
	sim_queue(s, to, f, len, at);
	if (s->dup && (int)(sim_rand(s) % 1000) < s->dup)
		sim_queue(s, to, f, len, at + sim_rand(s) % 3);
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
			ns_input(s->st[f->to], f->data, f->len, s->now);
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
