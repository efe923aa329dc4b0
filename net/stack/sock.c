/* Socket handles over the protocol modules (sock.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/stack/dns.h"
#include "net/stack/eth.h"
#include "net/stack/icmp.h"
#include "net/stack/ip.h"
#include "net/stack/pkt.h"
#include "net/stack/raw.h"
#include "net/stack/sock.h"
#include "net/stack/tcp.h"
#include "net/stack/udp.h"

struct ns_sock {
	int type;
	void *obj;
};

struct sock_table {
	struct ns_sock s[NS_SOCK_MAX];
	int next;
};

int
sock_init(struct netstack *st)
{
	st->sock = calloc(1, sizeof(*st->sock));
	return st->sock == NULL ? -ENOMEM : 0;
}

void
sock_fini(struct netstack *st)
{
	free(st->sock);
	st->sock = NULL;
}

/* A free handle; handles are reused as late as possible so a stale
 * number is unlikely to name a new socket at once. */
static int
sock_alloc(struct netstack *st)
{
	for (int i = 0; i < NS_SOCK_MAX; i++) {
		int h = (st->sock->next + i) % NS_SOCK_MAX;

		if (st->sock->s[h].type == NS_FREE) {
			st->sock->next = (h + 1) % NS_SOCK_MAX;
			return h;
		}
	}
	return -EMFILE;
}

static struct ns_sock *
sock_get(struct netstack *st, int h)
{
	if (h < 0 || h >= NS_SOCK_MAX || st->sock->s[h].type == NS_FREE)
		return NULL;
	return &st->sock->s[h];
}

static int
sock_set(struct netstack *st, int h, int type, void *obj)
{
	st->sock->s[h].type = type;
	st->sock->s[h].obj = obj;
	return h;
}

int
ns_tcp_connect(struct netstack *st, uint32_t raddr, uint16_t rport,
    uint32_t laddr, uint16_t lport)
{
	struct tcp_pcb *p;
	int h = sock_alloc(st), r;

	if (h < 0)
		return h;
	r = tcp_connect(st, laddr, lport, raddr, rport, &p);
	if (r < 0)
		return r;
	p->handle = h;
	sock_set(st, h, NS_TCP, p);
	ns_flush(st);
	return h;
}

int
ns_tcp_listen(struct netstack *st, uint32_t laddr, uint16_t lport,
    int backlog)
{
	struct tcp_pcb *p;
	int h = sock_alloc(st), r;

	if (h < 0)
		return h;
	r = tcp_listen(st, laddr, lport, backlog, &p);
	if (r < 0)
		return r;
	p->handle = h;
	return sock_set(st, h, NS_TCP, p);
}

int
ns_accept(struct netstack *st, int h)
{
	struct ns_sock *s = sock_get(st, h);
	struct tcp_pcb *p;
	int nh, r;

	if (s == NULL)
		return -EBADF;
	if (s->type != NS_TCP)
		return -EOPNOTSUPP;
	nh = sock_alloc(st);
	if (nh < 0)
		return nh;
	r = tcp_accept(st, s->obj, &p);
	if (r < 0)
		return r;
	p->handle = nh;
	return sock_set(st, nh, NS_TCP, p);
}

int
ns_udp_open(struct netstack *st, uint32_t laddr, uint16_t lport,
    uint32_t raddr, uint16_t rport)
{
	struct udp_sock *u;
	int h = sock_alloc(st), r;

	if (h < 0)
		return h;
	r = udp_open(st, laddr, lport, raddr, rport, &u);
	if (r < 0)
		return r;
	udp_set_handle(u, h);
	return sock_set(st, h, NS_UDP, u);
}

int
ns_icmp_echo(struct netstack *st, uint32_t raddr)
{
	struct icmp_sock *i;
	int h = sock_alloc(st), r;

	if (h < 0)
		return h;
	r = icmp_open(st, raddr, h, &i);
	if (r < 0)
		return r;
	return sock_set(st, h, NS_ICMP, i);
}

int
ns_ip_raw(struct netstack *st, uint8_t proto)
{
	struct raw_sock *r;
	int h = sock_alloc(st), e;

	if (h < 0)
		return h;
	e = raw_open(st, proto, h, &r);
	if (e < 0)
		return e;
	return sock_set(st, h, NS_RAW, r);
}

int
ns_eth_raw(struct netstack *st, uint16_t type)
{
	struct eth_sock *e;
	int h = sock_alloc(st), r;

	if (h < 0)
		return h;
	r = eth_open(st, type, h, &e);
	if (r < 0)
		return r;
	return sock_set(st, h, NS_ETH, e);
}

int
ns_dns_lookup(struct netstack *st, const char *name, size_t len)
{
	struct dns_query *q;
	int h = sock_alloc(st), r;

	if (h < 0)
		return h;
	r = dns_start(st, name, len, h, &q);
	if (r < 0)
		return r;
	return sock_set(st, h, NS_DNS, q);
}

ssize_t
ns_read(struct netstack *st, int h, void *buf, size_t n)
{
	return ns_recvfrom(st, h, buf, n, NULL, NULL);
}

ssize_t
ns_recvfrom(struct netstack *st, int h, void *buf, size_t n, uint32_t *addr,
    uint16_t *port)
{
	struct ns_sock *s = sock_get(st, h);
	uint32_t a;
	int r;

	if (s == NULL)
		return -EBADF;
	switch (s->type) {
	case NS_TCP:
		return tcp_read(st, s->obj, buf, n);
	case NS_UDP:
		return udp_recvfrom(st, s->obj, buf, n, addr, port);
	case NS_ICMP:
		return icmp_recv(st, s->obj, buf, n);
	case NS_RAW:
		return raw_recv(st, s->obj, buf, n);
	case NS_ETH:
		return eth_recv(s->obj, buf, n);
	case NS_DNS:
		r = dns_result(s->obj, &a);
		if (r < 0)
			return r;
		if (n < 4)
			return -EINVAL;
		pkt_put32(buf, a);
		return 4;
	}
	return -EBADF;
}

int
ns_write_ready(struct netstack *st, int h, size_t n)
{
	struct ns_sock *s = sock_get(st, h);
	struct tcp_pcb *p;
	uint32_t room;

	if (s == NULL || s->type != NS_TCP)
		return 1;
	p = s->obj;
	if (p->err || p->scap == 0 || (p->state != TCP_ESTABLISHED &&
	    p->state != TCP_CLOSE_WAIT))
		return 1;
	room = p->scap - p->slen;
	return room >= n || room >= p->scap / 2;
}

ssize_t
ns_write(struct netstack *st, int h, const void *buf, size_t n)
{
	return ns_sendto(st, h, buf, n, 0, 0);
}

ssize_t
ns_sendto(struct netstack *st, int h, const void *buf, size_t n,
    uint32_t addr, uint16_t port)
{
	struct ns_sock *s = sock_get(st, h);

	if (s == NULL)
		return -EBADF;
	switch (s->type) {
	case NS_TCP:
		return tcp_write(st, s->obj, buf, n);
	case NS_UDP:
		return udp_sendto(st, s->obj, buf, n, addr, port);
	case NS_ICMP:
		return icmp_send(st, s->obj, buf, n);
	case NS_RAW:
		return raw_send(st, s->obj, buf, n);
	case NS_ETH:
		return eth_send(st, s->obj, buf, n);
	default:
		return -EOPNOTSUPP;
	}
}

int
ns_shutdown(struct netstack *st, int h)
{
	struct ns_sock *s = sock_get(st, h);

	if (s == NULL)
		return -EBADF;
	if (s->type != NS_TCP)
		return -EOPNOTSUPP;
	return tcp_shutdown(st, s->obj);
}

int
ns_shutdown_read(struct netstack *st, int h)
{
	struct ns_sock *s = sock_get(st, h);

	if (s == NULL)
		return -EBADF;
	if (s->type != NS_TCP)
		return -EOPNOTSUPP;
	tcp_shutdown_read(st, s->obj);
	return 0;
}

int
ns_close(struct netstack *st, int h)
{
	struct ns_sock *s = sock_get(st, h);

	if (s == NULL)
		return -EBADF;
	switch (s->type) {
	case NS_TCP:
		tcp_close(st, s->obj);
		break;
	case NS_UDP:
		udp_close(st, s->obj);
		break;
	case NS_ICMP:
		icmp_close(st, s->obj);
		break;
	case NS_DNS:
		dns_cancel(st, s->obj);
		break;
	case NS_RAW:
		raw_close(st, s->obj);
		break;
	case NS_ETH:
		eth_close(st, s->obj);
		break;
	}
	s->type = NS_FREE;
	s->obj = NULL;
	return 0;
}

unsigned
ns_poll(struct netstack *st, int h)
{
	struct ns_sock *s = sock_get(st, h);
	uint32_t a;

	if (s == NULL)
		return NS_EV_ERR;
	switch (s->type) {
	case NS_TCP:
		return tcp_poll(st, s->obj);
	case NS_UDP:
		return udp_poll(s->obj);
	case NS_ICMP:
		return icmp_poll(s->obj);
	case NS_RAW:
		return raw_poll(s->obj);
	case NS_ETH:
		return eth_poll(s->obj);
	case NS_DNS:
		return dns_result(s->obj, &a) == -EAGAIN ? 0 : NS_EV_READ;
	}
	return NS_EV_ERR;
}

int
ns_endpoints(struct netstack *st, int h, struct ns_endpoints *e)
{
	struct ns_sock *s = sock_get(st, h);
	struct tcp_pcb *p;

	if (s == NULL)
		return -EBADF;
	memset(e, 0, sizeof(*e));
	switch (s->type) {
	case NS_TCP:
		p = s->obj;
		e->laddr = p->laddr;
		e->lport = p->lport;
		e->raddr = p->raddr;
		e->rport = p->rport;
		return 0;
	case NS_UDP:
		udp_endpoints(s->obj, &e->laddr, &e->lport, &e->raddr,
		    &e->rport);
		return 0;
	case NS_ICMP:
		e->raddr = icmp_peer(s->obj);
		return 0;
	case NS_RAW:
		e->lport = raw_proto(s->obj);	/* the protocol, for fpath */
		return 0;
	case NS_ETH:
		e->lport = eth_type(s->obj);	/* the ethertype, for fpath */
		return 0;
	}
	return -EOPNOTSUPP;
}

int
ns_setopt(struct netstack *st, int h, int opt, int val)
{
	struct ns_sock *s = sock_get(st, h);

	if (s == NULL)
		return -EBADF;
	if (opt == NS_OPT_TTL) {
		if (val < 1 || val > 255)
			return -EINVAL;
		if (s->type == NS_TCP)
			((struct tcp_pcb *)s->obj)->ttl = (uint8_t)val;
		else if (s->type == NS_UDP)
			udp_set_ttl(s->obj, (uint8_t)val);
		else
			return -EOPNOTSUPP;
		return 0;
	}
	if (s->type != NS_TCP)
		return -EOPNOTSUPP;
	switch (opt) {
	case NS_OPT_KEEPALIVE:
		tcp_set_keepalive(s->obj, val != 0);
		return 0;
	case NS_OPT_NODELAY:
		tcp_set_nodelay(s->obj, val != 0);
		return 0;
	}
	return -EINVAL;
}

int
ns_getopt(struct netstack *st, int h, int opt)
{
	struct ns_sock *s = sock_get(st, h);

	if (s == NULL)
		return -EBADF;
	if (opt == NS_OPT_SNDBUF || opt == NS_OPT_RCVBUF) {
		struct tcp_pcb *p = s->obj;

		if (s->type == NS_UDP)
			return opt == NS_OPT_SNDBUF ?
			    IP_MAXPACKET - IP_HLEN - UDP_HLEN : UDP_QUEUE_BYTES;
		if (s->type != NS_TCP)
			return -EOPNOTSUPP;
		/* Buffers come with the handshake's end; their size is
		 * TCP_BUF before. */
		if (opt == NS_OPT_SNDBUF)
			return p->scap ? (int)p->scap : TCP_BUF;
		return p->rcap ? (int)p->rcap : TCP_BUF;
	}
	if (opt != NS_OPT_TTL)
		return -EINVAL;
	if (s->type == NS_TCP) {
		uint8_t t = ((struct tcp_pcb *)s->obj)->ttl;

		return t ? t : IP_TTL;
	}
	if (s->type == NS_UDP)
		return udp_ttl(s->obj);
	return -EOPNOTSUPP;
}

int
ns_type(struct netstack *st, int h)
{
	struct ns_sock *s = sock_get(st, h);

	return s == NULL ? -EBADF : s->type;
}

int
ns_tcp_state(struct netstack *st, int h)
{
	struct ns_sock *s = sock_get(st, h);

	if (s == NULL)
		return -EBADF;
	if (s->type != NS_TCP)
		return -EOPNOTSUPP;
	return ((struct tcp_pcb *)s->obj)->state;
}
