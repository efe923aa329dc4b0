/* Raw IP sockets (raw.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/ip.h"
#include "net/stack/pkt.h"
#include "net/stack/raw.h"
#include "net/stack/sock.h"

struct raw_pkt {
	struct raw_pkt *next;
	size_t len;
	uint8_t data[];
};

struct raw_sock {
	struct raw_sock *next;
	int handle;
	uint8_t proto;
	struct raw_pkt *head, *tail;
	int count;
};

struct raw_table {
	struct raw_sock *list;
};

int
raw_init(struct netstack *st)
{
	st->raw = calloc(1, sizeof(*st->raw));
	return st->raw == NULL ? -ENOMEM : 0;
}

static void
raw_free(struct raw_sock *r)
{
	struct raw_pkt *p, *n;

	for (p = r->head; p != NULL; p = n) {
		n = p->next;
		free(p);
	}
	free(r);
}

void
raw_fini(struct netstack *st)
{
	struct raw_sock *r, *n;

	if (st->raw == NULL)
		return;
	for (r = st->raw->list; r != NULL; r = n) {
		n = r->next;
		raw_free(r);
	}
	free(st->raw);
	st->raw = NULL;
}

void
raw_input(struct netstack *st, const uint8_t *pkt, size_t len)
{
	for (struct raw_sock *r = st->raw->list; r != NULL; r = r->next) {
		struct raw_pkt *p;

		if (r->proto != pkt[9])
			continue;
		if (r->count >= RAW_QUEUE_MAX ||
		    (p = malloc(sizeof(*p) + len)) == NULL) {
			st->stats.ip_drop++;
			continue;
		}
		p->next = NULL;
		p->len = len;
		memcpy(p->data, pkt, len);
		if (r->tail != NULL)
			r->tail->next = p;
		else
			r->head = p;
		r->tail = p;
		r->count++;
		ns_notify(st, r->handle, raw_poll(r));
	}
}

int
raw_open(struct netstack *st, uint8_t proto, int handle,
    struct raw_sock **out)
{
	struct raw_sock *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return -ENOMEM;
	r->handle = handle;
	r->proto = proto;
	r->next = st->raw->list;
	st->raw->list = r;
	*out = r;
	return 0;
}

ssize_t
raw_send(struct netstack *st, struct raw_sock *r, const void *buf, size_t n)
{
	const uint8_t *p = buf;
	size_t hl;
	int e;

	if (n < IP_HLEN || (p[0] >> 4) != 4)
		return -EINVAL;
	hl = (size_t)(p[0] & 15) * 4;
	if (hl < IP_HLEN || hl > n || p[9] != r->proto)
		return -EINVAL;
	e = ip_output(st, 0, pkt_get32(p + 16), r->proto, p + hl, n - hl,
	    NULL, 0);
	if (e < 0)
		return e;
	ns_flush(st);
	return (ssize_t)n;
}

ssize_t
raw_recv(struct netstack *st, struct raw_sock *r, void *buf, size_t n)
{
	struct raw_pkt *p = r->head;
	size_t k;

	(void)st;
	if (p == NULL)
		return -EAGAIN;
	r->head = p->next;
	if (r->head == NULL)
		r->tail = NULL;
	r->count--;
	k = p->len < n ? p->len : n;
	memcpy(buf, p->data, k);
	free(p);
	return (ssize_t)k;
}

void
raw_close(struct netstack *st, struct raw_sock *r)
{
	struct raw_sock **pp;

	for (pp = &st->raw->list; *pp != NULL; pp = &(*pp)->next)
		if (*pp == r) {
			*pp = r->next;
			raw_free(r);
			return;
		}
}

unsigned
raw_poll(struct raw_sock *r)
{
	return NS_EV_WRITE | (r->head != NULL ? NS_EV_READ : 0);
}

uint8_t
raw_proto(struct raw_sock *r)
{
	return r->proto;
}
