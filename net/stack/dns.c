/* DNS resolver (dns.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/dns.h"
#include "net/stack/pkt.h"
#include "net/stack/udp.h"

struct dns_query {
	struct dns_query *next;
	int handle;
	int result;		/* -EAGAIN while waiting */
	uint32_t addr;
	uint16_t id;
	int tries;
	uint64_t next_at;
	struct udp_sock *u;
	size_t qlen;
	uint8_t q[12 + DNS_NAME_MAX + 2 + 4];
};

struct dns_table {
	struct dns_query *list;
};

int
dns_init(struct netstack *st)
{
	st->dnsq = calloc(1, sizeof(*st->dnsq));
	return st->dnsq == NULL ? -ENOMEM : 0;
}

void
dns_fini(struct netstack *st)
{
	struct dns_query *q, *n;

	if (st->dnsq == NULL)
		return;
	for (q = st->dnsq->list; q != NULL; q = n) {
		n = q->next;
		free(q);	/* the UDP sockets go with udp_fini */
	}
	free(st->dnsq);
	st->dnsq = NULL;
}

/* Skips a (possibly compressed) name at *off; -1 if malformed. */
static int
dns_skip_name(const uint8_t *p, size_t len, size_t *off)
{
	size_t i = *off;

	for (int labels = 0; labels < 128; labels++) {
		uint8_t c;

		if (i >= len)
			return -1;
		c = p[i];
		if (c == 0) {
			*off = i + 1;
			return 0;
		}
		if ((c & 0xc0) == 0xc0) {
			if (i + 2 > len)
				return -1;
			*off = i + 2;
			return 0;
		}
		if (c & 0xc0)
			return -1;
		i += 1 + (size_t)c;
	}
	return -1;
}

int
dns_parse(const uint8_t *p, size_t len, uint16_t id, uint32_t *addr)
{
	size_t off = 12;
	unsigned qd, an;

	if (len < 12 || pkt_get16(p) != id || !(p[2] & 0x80))
		return -EIO;
	if ((p[3] & 15) == 3)
		return -ENOENT;
	if ((p[3] & 15) != 0)
		return -EIO;
	qd = pkt_get16(p + 4);
	an = pkt_get16(p + 6);
	for (unsigned i = 0; i < qd; i++) {
		if (dns_skip_name(p, len, &off) < 0 || off + 4 > len)
			return -EIO;
		off += 4;
	}
	for (unsigned i = 0; i < an; i++) {
		uint16_t type, class, rdlen;

		if (dns_skip_name(p, len, &off) < 0 || off + 10 > len)
			return -EIO;
		type = pkt_get16(p + off);
		class = pkt_get16(p + off + 2);
		rdlen = pkt_get16(p + off + 8);
		off += 10;
		if (rdlen > len - off)
			return -EIO;
		if (type == 1 && class == 1 && rdlen == 4) {
			*addr = pkt_get32(p + off);
			return 0;
		}
		off += rdlen;	/* a CNAME: its A record follows */
	}
	return -ENOENT;
}

static void
dns_finish(struct netstack *st, struct dns_query *q, int result)
{
	q->result = result;
	if (q->u != NULL) {
		udp_close(st, q->u);
		q->u = NULL;
	}
	ns_notify(st, q->handle, 1);
}

static void
dns_deliver(struct netstack *st, void *ctx, uint32_t src, uint16_t sport,
    const uint8_t *data, size_t len)
{
	struct dns_query *q = ctx;
	int r;

	(void)src;
	(void)sport;
	if (q->result != -EAGAIN)
		return;
	r = dns_parse(data, len, q->id, &q->addr);
	if (r == -EIO && (len < 2 || pkt_get16(data) != q->id)) {
		st->stats.dns_drop++;	/* not ours: keep waiting */
		return;
	}
	dns_finish(st, q, r);
}

/* Encodes name as a query; -EINVAL if it is no valid host name. */
static int
dns_encode(struct dns_query *q, const char *name, size_t len)
{
	uint8_t *b = q->q;
	size_t o = 12, start = 0;

	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > DNS_NAME_MAX)
		return -EINVAL;
	memset(b, 0, 12);
	pkt_put16(b, q->id);
	b[2] = 0x01;		/* recursion desired */
	pkt_put16(b + 4, 1);
	for (size_t i = 0; i <= len; i++) {
		if (i < len && name[i] != '.') {
			char c = name[i];

			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_'))
				return -EINVAL;
			continue;
		}
		if (i - start == 0 || i - start > 63)
			return -EINVAL;
		b[o++] = (uint8_t)(i - start);
		memcpy(b + o, name + start, i - start);
		o += i - start;
		start = i + 1;
	}
	b[o++] = 0;
	pkt_put16(b + o, 1);
	pkt_put16(b + o + 2, 1);
	q->qlen = o + 4;
	return 0;
}

static void
dns_send(struct netstack *st, struct dns_query *q)
{
	q->tries++;
	q->next_at = st->now + DNS_RETRY_MS;
	if (udp_sendto(st, q->u, q->q, q->qlen, 0, 0) < 0)
		dns_finish(st, q, -ENETUNREACH);
}

int
dns_start(struct netstack *st, const char *name, size_t len, int handle,
    struct dns_query **out)
{
	struct dns_query *q = calloc(1, sizeof(*q));
	int r;

	if (q == NULL)
		return -ENOMEM;
	q->handle = handle;
	q->id = (uint16_t)ns_random(st);
	q->result = -EAGAIN;
	q->next = st->dnsq->list;
	st->dnsq->list = q;
	*out = q;
	if (pkt_aton(name, len, &q->addr) == 0) {
		q->result = 0;
		return 0;
	}
	if ((len == 9 || len == 10) && strncmp(name, "localhost.", len) == 0) {
		q->addr = NS_LOOPBACK;
		q->result = 0;
		return 0;
	}
	r = dns_encode(q, name, len);
	if (r < 0) {
		dns_cancel(st, q);
		return r;
	}
	if (st->dns == 0) {
		q->result = -ENETUNREACH;
		return 0;
	}
	r = udp_open(st, 0, 0, st->dns, DNS_PORT, &q->u);
	if (r < 0) {
		dns_cancel(st, q);
		return r;
	}
	udp_set_deliver(q->u, dns_deliver, q);
	dns_send(st, q);
	return 0;
}

int
dns_result(struct dns_query *q, uint32_t *addr)
{
	if (q->result == 0)
		*addr = q->addr;
	return q->result;
}

void
dns_cancel(struct netstack *st, struct dns_query *q)
{
	struct dns_query **pp;

	if (q->u != NULL)
		udp_close(st, q->u);
	for (pp = &st->dnsq->list; *pp != NULL; pp = &(*pp)->next)
		if (*pp == q) {
			*pp = q->next;
			break;
		}
	free(q);
}

void
dns_tick(struct netstack *st)
{
	for (struct dns_query *q = st->dnsq->list; q != NULL; q = q->next) {
		if (q->result != -EAGAIN || st->now < q->next_at)
			continue;
		if (q->tries >= DNS_TRIES)
			dns_finish(st, q, -ETIMEDOUT);
		else
			dns_send(st, q);
	}
}
