/* Raw Ethernet sockets (eth.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/eth.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"

struct eth_frame {
	struct eth_frame *next;
	size_t len;
	uint8_t data[];
};

struct eth_sock {
	struct eth_sock *next;
	int handle;
	uint16_t type;
	struct eth_frame *head, *tail;
	int count;
};

struct eth_table {
	struct eth_sock *list;
};

int
eth_init(struct netstack *st)
{
	st->eth = calloc(1, sizeof(*st->eth));
	return st->eth == NULL ? -ENOMEM : 0;
}

static void
eth_free(struct eth_sock *e)
{
	struct eth_frame *f, *n;

	for (f = e->head; f != NULL; f = n) {
		n = f->next;
		free(f);
	}
	free(e);
}

void
eth_fini(struct netstack *st)
{
	struct eth_sock *e, *n;

	if (st->eth == NULL)
		return;
	for (e = st->eth->list; e != NULL; e = n) {
		n = e->next;
		eth_free(e);
	}
	free(st->eth);
	st->eth = NULL;
}

void
eth_input(struct netstack *st, const uint8_t *frame, size_t len)
{
	uint16_t type = pkt_get16(frame + 12);

	for (struct eth_sock *e = st->eth->list; e != NULL; e = e->next) {
		struct eth_frame *f;

		if (e->type != type)
			continue;
		/* A reader that falls behind loses frames, as on a NIC. */
		if (e->count >= ETH_QUEUE_MAX ||
		    (f = malloc(sizeof(*f) + len)) == NULL) {
			st->stats.eth_drop++;
			continue;
		}
		f->next = NULL;
		f->len = len;
		memcpy(f->data, frame, len);
		if (e->tail != NULL)
			e->tail->next = f;
		else
			e->head = f;
		e->tail = f;
		e->count++;
		ns_notify(st, e->handle, eth_poll(e));
	}
}

int
eth_open(struct netstack *st, uint16_t type, int handle, struct eth_sock **out)
{
	struct eth_sock *e;

	/* Below 0x600 the field is an 802.3 length, not a type. */
	if (type < 0x600)
		return -EINVAL;
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return -ENOMEM;
	e->handle = handle;
	e->type = type;
	e->next = st->eth->list;
	st->eth->list = e;
	*out = e;
	return 0;
}

ssize_t
eth_send(struct netstack *st, struct eth_sock *e, const void *frame, size_t n)
{
	static const uint8_t zero[6];
	uint8_t f[NS_FRAME_MAX];

	if (n < NS_ETH_HLEN || n > NS_FRAME_MAX ||
	    pkt_get16((const uint8_t *)frame + 12) != e->type)
		return -EINVAL;
	memcpy(f, frame, n);
	if (memcmp(f + 6, zero, 6) == 0)
		memcpy(f + 6, st->mac, 6);
	ns_send_frame(st, f, n);
	return (ssize_t)n;
}

ssize_t
eth_recv(struct eth_sock *e, void *buf, size_t n)
{
	struct eth_frame *f = e->head;
	size_t k;

	if (f == NULL)
		return -EAGAIN;
	e->head = f->next;
	if (e->head == NULL)
		e->tail = NULL;
	e->count--;
	k = f->len < n ? f->len : n;
	memcpy(buf, f->data, k);
	free(f);
	return (ssize_t)k;
}

void
eth_close(struct netstack *st, struct eth_sock *e)
{
	struct eth_sock **pp;

	for (pp = &st->eth->list; *pp != NULL; pp = &(*pp)->next)
		if (*pp == e) {
			*pp = e->next;
			eth_free(e);
			return;
		}
}

unsigned
eth_poll(struct eth_sock *e)
{
	return NS_EV_WRITE | (e->head != NULL ? NS_EV_READ : 0);
}

uint16_t
eth_type(struct eth_sock *e)
{
	return e->type;
}
