/* ICMP echo (icmp.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/icmp.h"
#include "net/stack/ip.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"

struct icmp_reply {
	struct icmp_reply *next;
	size_t len;
	uint8_t data[];		/* sequence number, then payload */
};

struct icmp_sock {
	struct icmp_sock *next;
	int handle;
	uint32_t raddr;
	uint16_t ident, seq;
	struct icmp_reply *head, *tail;
	int count;
};

struct icmp_table {
	struct icmp_sock *list;
	uint16_t next_ident;
	uint8_t buf[IP_MAXPACKET];
};

int
icmp_init(struct netstack *st)
{
	st->icmp = calloc(1, sizeof(*st->icmp));
	if (st->icmp == NULL)
		return -ENOMEM;
	st->icmp->next_ident = (uint16_t)ns_random(st);
	return 0;
}

static void
icmp_free(struct icmp_sock *s)
{
	struct icmp_reply *r, *n;

	for (r = s->head; r != NULL; r = n) {
		n = r->next;
		free(r);
	}
	free(s);
}

void
icmp_fini(struct netstack *st)
{
	struct icmp_sock *s, *n;

	if (st->icmp == NULL)
		return;
	for (s = st->icmp->list; s != NULL; s = n) {
		n = s->next;
		icmp_free(s);
	}
	free(st->icmp);
	st->icmp = NULL;
}

static void
icmp_reply_in(struct netstack *st, uint32_t src, const uint8_t *p, size_t len)
{
	uint16_t ident = pkt_get16(p + 4);
	struct icmp_sock *s;
	struct icmp_reply *r;

	for (s = st->icmp->list; s != NULL; s = s->next)
		if (s->ident == ident && s->raddr == src)
			break;
	if (s == NULL || s->count >= ICMP_QUEUE_MAX ||
	    (r = malloc(sizeof(*r) + len - 6)) == NULL) {
		st->stats.icmp_drop++;
		return;
	}
	r->next = NULL;
	r->len = len - 6;
	/* The sequence number little-endian, as the OS's ping reads it. */
	r->data[0] = p[7];
	r->data[1] = p[6];
	memcpy(r->data + 2, p + 8, r->len - 2);
	if (s->tail != NULL)
		s->tail->next = r;
	else
		s->head = r;
	s->tail = r;
	s->count++;
	ns_notify(st, s->handle, icmp_poll(s));
}

void
icmp_input(struct netstack *st, uint32_t src, uint32_t dst, const uint8_t *p,
    size_t len)
{
	uint8_t *b = st->icmp->buf;

	if (len < ICMP_HLEN || pkt_fold(pkt_sum(0, p, len)) != 0) {
		st->stats.icmp_drop++;
		return;
	}
	if (p[0] == 0 && p[1] == 0) {
		icmp_reply_in(st, src, p, len);
		return;
	}
	if (p[0] != 8 || p[1] != 0 || dst == 0xffffffffu || !ip_is_local(st, dst)) {
		st->stats.icmp_drop++;
		return;
	}
	/* An echo request: the same message back as a reply. */
	memcpy(b, p, len);
	b[0] = 0;
	pkt_put16(b + 2, 0);
	pkt_put16(b + 2, pkt_fold(pkt_sum(0, b, len)));
	st->stats.icmp_echo_replies++;
	(void)ip_output(st, dst, src, IP_PROTO_ICMP, b, len, NULL, 0);
}

int
icmp_open(struct netstack *st, uint32_t raddr, int handle,
    struct icmp_sock **out)
{
	struct icmp_sock *s;

	if (raddr == 0 || raddr >= 0xe0000000u)
		return -EINVAL;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	s->handle = handle;
	s->raddr = raddr;
	s->ident = st->icmp->next_ident++;
	s->next = st->icmp->list;
	st->icmp->list = s;
	*out = s;
	return 0;
}

ssize_t
icmp_send(struct netstack *st, struct icmp_sock *s, const void *data, size_t n)
{
	uint8_t *b = st->icmp->buf;
	int r;

	if (n > IP_MAXPACKET - IP_HLEN - ICMP_HLEN)
		return -EMSGSIZE;
	b[0] = 8;
	b[1] = 0;
	pkt_put16(b + 2, 0);
	pkt_put16(b + 4, s->ident);
	pkt_put16(b + 6, s->seq++);
	if (n > 0)
		memcpy(b + ICMP_HLEN, data, n);
	pkt_put16(b + 2, pkt_fold(pkt_sum(0, b, ICMP_HLEN + n)));
	r = ip_output(st, 0, s->raddr, IP_PROTO_ICMP, b, ICMP_HLEN + n, NULL, 0);
	if (r < 0)
		return r;
	ns_flush(st);
	return (ssize_t)n;
}

ssize_t
icmp_recv(struct netstack *st, struct icmp_sock *s, void *buf, size_t n)
{
	struct icmp_reply *r = s->head;
	size_t k;

	(void)st;
	if (r == NULL)
		return -EAGAIN;
	s->head = r->next;
	if (s->head == NULL)
		s->tail = NULL;
	s->count--;
	k = r->len < n ? r->len : n;
	memcpy(buf, r->data, k);
	free(r);
	return (ssize_t)k;
}

void
icmp_close(struct netstack *st, struct icmp_sock *s)
{
	struct icmp_sock **pp;

	for (pp = &st->icmp->list; *pp != NULL; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			icmp_free(s);
			return;
		}
}

unsigned
icmp_poll(struct icmp_sock *s)
{
	return NS_EV_WRITE | (s->head != NULL ? NS_EV_READ : 0);
}

uint32_t
icmp_peer(struct icmp_sock *s)
{
	return s->raddr;
}
