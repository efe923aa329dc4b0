/* TCP connection blocks, user calls and timers (tcp.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/ip.h"
#include "net/stack/sock.h"
#include "net/stack/tcp.h"
#include "net/stack/tcp_in.h"
#include "net/stack/tcp_out.h"

#define PORT_FIRST 49152
#define PORT_LAST 65535

int
tcp_init(struct netstack *st)
{
	st->tcp = calloc(1, sizeof(*st->tcp));
	if (st->tcp == NULL)
		return -ENOMEM;
	st->tcp->next_port = (uint16_t)(PORT_FIRST +
	    ns_random(st) % (PORT_LAST - PORT_FIRST + 1));
	st->tcp->msl_ms = 30000;
	st->tcp->keep_idle_ms = 7200000;
	st->tcp->keep_intvl_ms = 75000;
	st->tcp->keep_cnt = 9;
	return 0;
}

static void
tcp_free(struct tcp_pcb *p)
{
	free(p->sbuf);
	free(p->rbuf);
	free(p);
}

void
tcp_fini(struct netstack *st)
{
	struct tcp_pcb *p, *n;

	if (st->tcp == NULL)
		return;
	for (p = st->tcp->list; p != NULL; p = n) {
		n = p->next;
		tcp_free(p);
	}
	free(st->tcp);
	st->tcp = NULL;
}

void
tcp_tune(struct netstack *st, uint32_t msl_ms, uint32_t keep_idle_ms,
    uint32_t keep_intvl_ms, uint32_t keep_cnt)
{
	if (msl_ms)
		st->tcp->msl_ms = msl_ms;
	if (keep_idle_ms)
		st->tcp->keep_idle_ms = keep_idle_ms;
	if (keep_intvl_ms)
		st->tcp->keep_intvl_ms = keep_intvl_ms;
	if (keep_cnt)
		st->tcp->keep_cnt = keep_cnt;
}

void
tcp_set_keepalive(struct tcp_pcb *p, int on)
{
	p->keepalive = on;
	p->keep_probes = 0;
}

void
tcp_set_nodelay(struct tcp_pcb *p, int on)
{
	p->nodelay = on;
}

int
tcp_count(struct netstack *st)
{
	return st->tcp->npcb;
}

void
tcp_send_held_acks(struct netstack *st)
{
	for (struct tcp_pcb *p = st->tcp->list; p != NULL; p = p->next)
		if (p->ack_held) {
			p->ack_held = 0;
			if (p->need_ack)
				tcp_send_ctl(st, p, p->snd_nxt, TH_ACK);
		}
}

static struct tcp_pcb *
tcp_new(struct netstack *st)
{
	struct tcp_pcb *p;

	if (st->tcp->npcb >= TCP_PCB_MAX)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->handle = -1;
	p->iss = ns_random(st);
	p->snd_una = p->snd_nxt = p->snd_max = p->iss;
	p->sbuf_seq = p->iss + 1;
	p->recover = p->iss;
	p->rto = TCP_RTO_INIT;
	p->mss = 536;
	p->cwnd = 2 * 536;
	p->ssthresh = 0xffffffffu;
	/* The smallest scale that lets the whole buffer be advertised. */
	while ((TCP_BUF >> p->rcv_ws) > 65535)
		p->rcv_ws++;
	p->created = st->now;
	p->last_rx = st->now;
	p->next = st->tcp->list;
	st->tcp->list = p;
	st->tcp->npcb++;
	return p;
}

int
tcp_alloc_bufs(struct tcp_pcb *p)
{
	if (p->rbuf != NULL)
		return 0;
	p->sbuf = malloc(TCP_BUF);
	p->rbuf = malloc(TCP_BUF);
	if (p->sbuf == NULL || p->rbuf == NULL) {
		free(p->sbuf);
		free(p->rbuf);
		p->sbuf = p->rbuf = NULL;
		return -ENOMEM;
	}
	p->scap = p->rcap = TCP_BUF;
	return 0;
}

struct tcp_pcb *
tcp_lookup(struct netstack *st, uint32_t laddr, uint16_t lport,
    uint32_t raddr, uint16_t rport)
{
	struct tcp_pcb *p, *listener = NULL;

	for (p = st->tcp->list; p != NULL; p = p->next) {
		if (p->state == TCP_CLOSED || p->lport != lport)
			continue;
		if (p->state == TCP_LISTEN) {
			if (p->laddr == 0 || p->laddr == laddr)
				listener = p;
			continue;
		}
		if (p->laddr == laddr && p->raddr == raddr && p->rport == rport)
			return p;
	}
	return listener;
}

struct tcp_pcb *
tcp_new_child(struct netstack *st, struct tcp_pcb *l)
{
	struct tcp_pcb *p;

	if (l->syn_count >= TCP_SYN_QUEUE) {
		/* A full queue of half-open connections (a SYN flood) makes
		 * room by dropping the oldest: memory stays bounded and a
		 * real client still gets through when it retries. */
		struct tcp_pcb *old = NULL;

		for (p = st->tcp->list; p != NULL; p = p->next)
			if (p->parent == l && p->state == TCP_SYN_RCVD &&
			    (old == NULL || p->created <= old->created))
				old = p;
		if (old == NULL)
			return NULL;
		st->stats.tcp_syn_evict++;
		tcp_drop(st, old, 0);
	}
	p = tcp_new(st);
	if (p == NULL)
		return NULL;
	p->parent = l;
	p->ttl = l->ttl;	/* accepted connections keep the listener's */
	l->syn_count++;
	return p;
}

void
tcp_wakeup(struct netstack *st, struct tcp_pcb *p)
{
	if (p->handle >= 0)
		ns_notify(st, p->handle, tcp_poll(st, p));
}

void
tcp_set_state(struct netstack *st, struct tcp_pcb *p, int state)
{
	p->state = state;
	if (state == TCP_TIME_WAIT) {
		p->timewait_at = st->now + 2 * (uint64_t)st->tcp->msl_ms;
		p->rexmit_at = 0;
		p->persist_at = 0;
	}
}

void
tcp_drop(struct netstack *st, struct tcp_pcb *p, int err)
{
	if (p->state == TCP_CLOSED)
		return;
	if (p->parent != NULL) {
		p->parent->syn_count--;
		p->parent = NULL;
	}
	if (err)
		p->err = err;
	p->state = TCP_CLOSED;
	p->rexmit_at = p->persist_at = 0;
	st->tcp->nclosed++;
	tcp_wakeup(st, p);
}

void
tcp_established(struct netstack *st, struct tcp_pcb *p)
{
	struct tcp_pcb *l = p->parent;

	if (tcp_alloc_bufs(p) < 0) {
		tcp_send_reset(st, p->laddr, p->raddr, p->lport, p->rport,
		    p->snd_nxt, 0, 0);
		tcp_drop(st, p, ENOMEM);
		return;
	}
	p->state = TCP_ESTABLISHED;
	p->rcv_adv = p->rcv_nxt;
	p->last_rx = st->now;
	if (l != NULL) {
		l->syn_count--;
		p->parent = NULL;
		p->user = 1;
		p->in_aq = 1;
		if (l->aq_tail != NULL)
			l->aq_tail->aq_next = p;
		else
			l->aq_head = p;
		l->aq_tail = p;
		l->aq_len++;
		tcp_wakeup(st, l);
	}
	tcp_wakeup(st, p);
}

void
tcp_reap(struct netstack *st)
{
	struct tcp_pcb **pp = &st->tcp->list, *p;

	if (st->tcp->nclosed == 0)
		return;
	while ((p = *pp) != NULL) {
		if (p->state == TCP_CLOSED && !p->user) {
			*pp = p->next;
			st->tcp->npcb--;
			tcp_free(p);
			continue;
		}
		pp = &p->next;
	}
	/* One still held is counted again when the user closes it. */
	st->tcp->nclosed = 0;
}

static int
tcp_port_used(struct netstack *st, uint16_t port)
{
	for (struct tcp_pcb *p = st->tcp->list; p != NULL; p = p->next)
		if (p->lport == port && p->state != TCP_CLOSED)
			return 1;
	return 0;
}

int
tcp_connect(struct netstack *st, uint32_t laddr, uint16_t lport,
    uint32_t raddr, uint16_t rport, struct tcp_pcb **out)
{
	struct tcp_pcb *p;

	if (raddr == 0 || rport == 0 || raddr == 0xffffffffu ||
	    raddr >= 0xe0000000u)
		return -EINVAL;
	if (laddr == 0)
		laddr = ip_source(st, raddr);
	if (laddr == 0)
		return -ENETUNREACH;
	if (lport == 0) {
		int tries;

		for (tries = 0; tries <= PORT_LAST - PORT_FIRST; tries++) {
			lport = st->tcp->next_port;
			st->tcp->next_port = lport == PORT_LAST ? PORT_FIRST :
			    (uint16_t)(lport + 1);
			if (!tcp_port_used(st, lport))
				break;
		}
		if (tries > PORT_LAST - PORT_FIRST)
			return -EADDRNOTAVAIL;
	} else {
		p = tcp_lookup(st, laddr, lport, raddr, rport);
		if (p != NULL && p->state != TCP_LISTEN)
			return -EADDRINUSE;
	}
	p = tcp_new(st);
	if (p == NULL)
		return -ENOBUFS;
	if (tcp_alloc_bufs(p) < 0) {
		p->state = TCP_CLOSED;
		st->tcp->nclosed++;
		return -ENOMEM;
	}
	p->laddr = laddr;
	p->lport = lport;
	p->raddr = raddr;
	p->rport = rport;
	p->user = 1;
	p->state = TCP_SYN_SENT;
	p->rtt_active = 1;
	p->rtt_seq = p->iss + 1;
	p->rtt_start = st->now;
	tcp_output(st, p);
	*out = p;
	return 0;
}

int
tcp_listen(struct netstack *st, uint32_t laddr, uint16_t lport, int backlog,
    struct tcp_pcb **out)
{
	struct tcp_pcb *p;

	if (lport == 0)
		return -EINVAL;
	for (p = st->tcp->list; p != NULL; p = p->next)
		if (p->state == TCP_LISTEN && p->lport == lport &&
		    (p->laddr == laddr || p->laddr == 0 || laddr == 0))
			return -EADDRINUSE;
	p = tcp_new(st);
	if (p == NULL)
		return -ENOBUFS;
	p->laddr = laddr;
	p->lport = lport;
	p->user = 1;
	p->backlog = backlog <= 0 ? 128 : (backlog > 1024 ? 1024 : backlog);
	p->state = TCP_LISTEN;
	*out = p;
	return 0;
}

int
tcp_accept(struct netstack *st, struct tcp_pcb *l, struct tcp_pcb **out)
{
	struct tcp_pcb *p = l->aq_head;

	(void)st;
	if (l->state != TCP_LISTEN)
		return -EINVAL;
	if (p == NULL)
		return -EAGAIN;
	l->aq_head = p->aq_next;
	if (l->aq_head == NULL)
		l->aq_tail = NULL;
	l->aq_len--;
	p->aq_next = NULL;
	p->in_aq = 0;
	*out = p;
	return 0;
}

ssize_t
tcp_read(struct netstack *st, struct tcp_pcb *p, void *buf, size_t n)
{
	uint32_t k, first, before;

	if (p->state == TCP_LISTEN)
		return -EINVAL;
	if (p->rd_shut)
		return 0;
	if (p->rlen == 0) {
		if (p->err)
			return -p->err;
		if (p->fin_rcvd || p->state == TCP_CLOSED)
			return 0;
		return -EAGAIN;
	}
	before = tcp_rcv_window(p);
	k = n < p->rlen ? (uint32_t)n : p->rlen;
	first = p->rcap - p->rhead < k ? p->rcap - p->rhead : k;
	memcpy(buf, p->rbuf + p->rhead, first);
	memcpy((uint8_t *)buf + first, p->rbuf, k - first);
	p->rhead = (p->rhead + k) % p->rcap;
	p->rlen -= k;
	/* Tell the peer about a window that opened by much (RFC 9293
	 * 3.8.6.2.2), so a sender stopped by it goes on. */
	if (p->state != TCP_CLOSED && tcp_rcv_window(p) - before >= k &&
	    (p->rcv_adv - p->rcv_nxt) < p->rcap / 2 &&
	    tcp_rcv_window(p) - (p->rcv_adv - p->rcv_nxt) >=
	    (p->rcap / 4 < 2u * p->mss ? p->rcap / 4 : 2u * p->mss)) {
		p->need_ack = 1;
		tcp_output(st, p);
		ns_flush(st);
	}
	return k;
}

ssize_t
tcp_write(struct netstack *st, struct tcp_pcb *p, const void *buf, size_t n)
{
	uint32_t k, tail, first;

	if (p->err)
		return -p->err;
	if (p->state == TCP_LISTEN)
		return -EINVAL;
	if (p->fin_queued || p->state == TCP_CLOSED ||
	    (p->state != TCP_ESTABLISHED && p->state != TCP_CLOSE_WAIT &&
	    p->state != TCP_SYN_SENT))
		return -EPIPE;
	if (p->scap == 0 || p->slen == p->scap)
		return -EAGAIN;
	k = n < p->scap - p->slen ? (uint32_t)n : p->scap - p->slen;
	tail = (p->shead + p->slen) % p->scap;
	first = p->scap - tail < k ? p->scap - tail : k;
	memcpy(p->sbuf + tail, buf, first);
	memcpy(p->sbuf, (const uint8_t *)buf + first, k - first);
	p->slen += k;
	tcp_output(st, p);
	ns_flush(st);
	return k;
}

int
tcp_shutdown(struct netstack *st, struct tcp_pcb *p)
{
	switch (p->state) {
	case TCP_SYN_SENT:
		tcp_drop(st, p, 0);
		return 0;
	case TCP_SYN_RCVD:
	case TCP_ESTABLISHED:
		p->fin_queued = 1;
		p->state = TCP_FIN_WAIT_1;
		break;
	case TCP_CLOSE_WAIT:
		p->fin_queued = 1;
		p->state = TCP_LAST_ACK;
		break;
	case TCP_LISTEN:
	case TCP_CLOSED:
		return -ENOTCONN;
	default:
		return 0;	/* already closing */
	}
	tcp_output(st, p);
	ns_flush(st);
	return 0;
}

static void
tcp_abort(struct netstack *st, struct tcp_pcb *p)
{
	if (p->state != TCP_CLOSED && p->state != TCP_LISTEN &&
	    p->state != TCP_SYN_SENT && p->state != TCP_TIME_WAIT)
		tcp_send_reset(st, p->laddr, p->raddr, p->lport, p->rport,
		    p->snd_nxt, 0, 0);
	tcp_drop(st, p, 0);
}

void
tcp_close(struct netstack *st, struct tcp_pcb *p)
{
	struct tcp_pcb *c;

	p->handle = -1;
	p->user = 0;
	if (p->state == TCP_CLOSED)
		st->tcp->nclosed++;	/* reaped now that nobody holds it */
	switch (p->state) {
	case TCP_LISTEN:
		for (c = st->tcp->list; c != NULL; c = c->next)
			if (c->parent == p)
				tcp_abort(st, c);
		while ((c = p->aq_head) != NULL) {
			p->aq_head = c->aq_next;
			c->in_aq = 0;
			c->user = 0;
			tcp_abort(st, c);
		}
		p->aq_tail = NULL;
		p->aq_len = 0;
		tcp_drop(st, p, 0);
		break;
	case TCP_SYN_SENT:
		tcp_drop(st, p, 0);
		break;
	case TCP_SYN_RCVD:
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		if (p->rlen > 0) {
			/* Unread data: the peer must learn it was not
			 * delivered (RFC 2525 2.17). */
			tcp_abort(st, p);
			break;
		}
		(void)tcp_shutdown(st, p);
		break;
	default:
		break;
	}
	ns_flush(st);
}

void
tcp_shutdown_read(struct netstack *st, struct tcp_pcb *p)
{
	p->rd_shut = 1;
	if (p->rcap != 0) {
		p->rhead = (p->rhead + p->rlen) % p->rcap;
		p->rlen = 0;
	}
	/* The window opened: say so, and wake readers waiting for data. */
	if (p->state == TCP_ESTABLISHED || p->state == TCP_FIN_WAIT_1 ||
	    p->state == TCP_FIN_WAIT_2) {
		p->need_ack = 1;
		tcp_output(st, p);
	}
	tcp_wakeup(st, p);
	ns_flush(st);
}

unsigned
tcp_poll(struct netstack *st, struct tcp_pcb *p)
{
	unsigned ev = 0;

	(void)st;
	if (p->state == TCP_LISTEN)
		return p->aq_len > 0 ? NS_EV_READ : 0;
	if (p->rlen > 0 || p->fin_rcvd || p->err || p->state == TCP_CLOSED ||
	    p->rd_shut)
		ev |= NS_EV_READ;
	if ((p->state == TCP_ESTABLISHED || p->state == TCP_CLOSE_WAIT) &&
	    !p->fin_queued && p->slen < p->scap)
		ev |= NS_EV_WRITE;
	if (p->fin_rcvd || p->state == TCP_CLOSED)
		ev |= NS_EV_HUP;
	if (p->err)
		ev |= NS_EV_ERR | NS_EV_WRITE;
	return ev;
}

static void
tcp_timeout(struct netstack *st, struct tcp_pcb *p)
{
	int limit = (p->state == TCP_SYN_SENT || p->state == TCP_SYN_RCVD) ?
	    TCP_SYN_RETRIES : TCP_RETRIES;

	p->rexmit_at = 0;
	st->stats.tcp_timeouts++;
	if (++p->retries > limit) {
		tcp_drop(st, p, ETIMEDOUT);
		return;
	}
	if (p->backoff == 0) {
		uint32_t flight = p->snd_max - p->snd_una;

		p->ssthresh = flight / 2 > 2u * p->mss ? flight / 2 :
		    2u * p->mss;
	}
	p->cwnd = p->mss;
	p->in_recovery = 0;
	p->dupacks = 0;
	/* The scoreboard stays: going back to snd_una resends only the
	 * holes (our receivers never renege; RFC 2018 8 allows a sender
	 * to keep it when that is known). */
	p->recover = p->snd_max;
	p->backoff++;
	p->rto = p->rto * 2 > TCP_RTO_MAX ? TCP_RTO_MAX : p->rto * 2;
	p->rtt_active = 0;
	if (p->state == TCP_SYN_SENT || p->state == TCP_SYN_RCVD) {
		tcp_retransmit(st, p);
		return;
	}
	/* Go back to the first unacknowledged byte; the receiver's
	 * cumulative ACKs skip what it already holds. */
	st->stats.tcp_rexmit++;
	p->snd_nxt = p->snd_una;
	tcp_output(st, p);
}

static void
tcp_timers(struct netstack *st, struct tcp_pcb *p)
{
	uint64_t now = st->now;

	if (p->rexmit_at != 0 && now >= p->rexmit_at)
		tcp_timeout(st, p);
	if (p->state == TCP_CLOSED)
		return;
	if (p->persist_at != 0 && now >= p->persist_at) {
		p->persist_at = 0;
		p->force_probe = 1;
		p->rto = p->rto * 2 > TCP_RTO_MAX ? TCP_RTO_MAX : p->rto * 2;
		tcp_output(st, p);
	}
	if (p->state == TCP_TIME_WAIT && now >= p->timewait_at) {
		tcp_drop(st, p, 0);
		return;
	}
	/* An orphan in FIN_WAIT_2 waits for the peer's FIN only so long. */
	if (p->state == TCP_FIN_WAIT_2 && !p->user &&
	    now >= p->last_rx + 2 * (uint64_t)st->tcp->msl_ms) {
		tcp_drop(st, p, 0);
		return;
	}
	if (p->keepalive && (p->state == TCP_ESTABLISHED ||
	    p->state == TCP_CLOSE_WAIT) &&
	    now >= p->last_rx + st->tcp->keep_idle_ms +
	    (uint64_t)p->keep_probes * st->tcp->keep_intvl_ms) {
		if ((uint32_t)p->keep_probes >= st->tcp->keep_cnt) {
			tcp_drop(st, p, ETIMEDOUT);
			return;
		}
		p->keep_probes++;
		/* One byte before what the peer expects: it must ACK. */
		tcp_send_ctl(st, p, p->snd_una - 1, TH_ACK);
	}
}

void
tcp_tick(struct netstack *st)
{
	for (struct tcp_pcb *p = st->tcp->list; p != NULL; p = p->next)
		if (p->state != TCP_CLOSED)
			tcp_timers(st, p);
	tcp_reap(st);
}
