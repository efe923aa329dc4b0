/* netstackd's handles and waiting requests (ndfile.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/netstackd/ndfile.h"
#include "net/netstackd/ndset.h"
#include "net/netstackd/netcfg.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"

const char *const nd_names[ND_NSCHEMES] = {
	"tcp", "udp", "icmp", "netcfg", "dns", "ip", "ethernet"
};

enum { OP_READ, OP_WRITE, OP_ACCEPT };

/* A kept request whose timeout passed (answered -EAGAIN). */
#define ETIMEDOUT_AS_EAGAIN 10000

/* A handler's "answered later" (the request was kept). */
#define SCHEME_DEFERRED INT64_MIN

static int
serve_positioned_rq(const struct scheme_request *rq)
{
	return (rq->op == SCHEME_READ || rq->op == SCHEME_WRITE) &&
	    (rq->d & SCHEME_IO_POSITIONED);
}



/* Kept writes are as big as a request (128 KiB): malloc gives those
 * fresh pages each time (mmap, faults, munmap), so one is kept. */
#define PEND_SMALL 4096

static struct ndpend *
nd_pend_alloc(struct nd *nd, uint32_t len)
{
	struct ndpend *p;
	uint32_t cap = len <= PEND_SMALL ? len : SCHEME_PAYLOAD_MAX;

	if (cap > PEND_SMALL && nd->spare != NULL) {
		p = nd->spare;
		nd->spare = NULL;
		return p;
	}
	p = malloc(sizeof(*p) + cap);
	if (p != NULL)
		p->cap = cap;
	return p;
}

static void
nd_pend_free(struct nd *nd, struct ndpend *p)
{
	if (p->cap > PEND_SMALL && nd->spare == NULL)
		nd->spare = p;
	else
		free(p);
}

int
nd_init(struct nd *nd, struct netstack *st)
{
	memset(nd, 0, sizeof(*nd));
	nd->st = st;
	for (int i = 0; i < ND_NSCHEMES; i++)
		nd->sfd[i] = -1;
	nd->files = calloc(ND_FILES, sizeof(*nd->files));
	nd->refs = calloc(NS_SOCK_MAX, sizeof(*nd->refs));
	nd->out = malloc(sizeof(struct scheme_response) + SCHEME_PAYLOAD_MAX);
	return nd->files && nd->refs && nd->out ? 0 : -ENOMEM;
}

/* Writes a response to scheme s: result and len bytes of payload
 * (already in nd->out after the header when data is NULL). */
static void
nd_reply(struct nd *nd, int s, uint64_t id, int64_t result, const void *data,
    uint32_t len)
{
	struct scheme_response rs = { id, result, result < 0 ? 0 : len, 0 };
	size_t n = sizeof(rs) + rs.len;

	memcpy(nd->out, &rs, sizeof(rs));
	if (data != NULL && rs.len > 0)
		memmove(nd->out + sizeof(rs), data, rs.len);
	while (write(nd->sfd[s], nd->out, n) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "netstackd: %s: answering: %s\n",
			    nd_names[s], strerror(errno));
			return;
		}
	}
}

static int
nd_alloc(struct nd *nd, int scheme, int sh)
{
	for (int i = 0; i < ND_FILES; i++)
		if (!nd->files[i].used) {
			memset(&nd->files[i], 0, sizeof(nd->files[i]));
			nd->files[i].used = 1;
			nd->files[i].scheme = scheme;
			nd->files[i].sh = sh;
			if (sh >= 0)
				nd->refs[sh]++;
			return i;
		}
	return -ENFILE;
}

static struct ndfile *
nd_file(struct nd *nd, int s, uint64_t h)
{
	if (h >= ND_FILES || !nd->files[h].used || nd->files[h].scheme != s)
		return NULL;
	return &nd->files[h];
}

/* "a.b.c.d:port", any part may be empty; 0 or -EINVAL. */
static int
nd_endpoint(const char *s, size_t len, uint32_t *addr, uint16_t *port)
{
	const char *colon = memchr(s, ':', len);
	size_t alen = colon ? (size_t)(colon - s) : len;
	uint32_t p = 0;

	*addr = 0;
	*port = 0;
	if (alen > 0 && pkt_aton(s, alen, addr) < 0)
		return -EINVAL;
	if (colon != NULL) {
		size_t i = alen + 1;

		if (i == len || len - i > 5)
			return -EINVAL;
		for (; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -EINVAL;
			p = p * 10 + (uint32_t)(s[i] - '0');
		}
		if (p > 65535)
			return -EINVAL;
	}
	*port = (uint16_t)p;
	return 0;
}

/* tcp: and udp: paths: REMOTE[/LOCAL]; an empty REMOTE listens/binds. */
static int
nd_open_inet(struct nd *nd, int s, const struct scheme_request *rq,
    const char *path, size_t len)
{
	const char *slash = memchr(path, '/', len);
	size_t rlen = slash ? (size_t)(slash - path) : len;
	uint32_t ra, la;
	uint16_t rp, lp;
	int sh, f;

	if (len == 0)		/* socket(): bound and connected by dup */
		return nd_alloc(nd, s, -1);
	if (nd_endpoint(path, rlen, &ra, &rp) < 0 ||
	    (slash && nd_endpoint(slash + 1, len - rlen - 1, &la, &lp) < 0))
		return -EINVAL;
	if (!slash) {
		la = 0;
		lp = 0;
	}
	if (lp != 0 && lp <= 1024 && rq->uid != 0)
		return -EACCES;
	if (s == ND_TCP) {
		if (ra == 0 && rp == 0) {
			if (lp == 0)
				return -EINVAL;
			sh = ns_tcp_listen(nd->st, la, lp, 128);
		} else {
			sh = ns_tcp_connect(nd->st, ra, rp, la, lp);
		}
	} else {
		sh = ns_udp_open(nd->st, la, lp, ra, rp);
	}
	if (sh < 0)
		return sh;
	f = nd_alloc(nd, s, sh);
	if (f < 0) {
		ns_close(nd->st, sh);
		nd->refs[sh] = 0;
	}
	return f;
}

/* dup(fd, ""): another description of the same socket. */
static int64_t
nd_dup_plain(struct nd *nd, struct ndfile *f)
{
	struct ndfile copy = *f;
	int nf = nd_alloc(nd, copy.scheme, copy.sh);

	if (nf >= 0) {
		nd->files[nf] = copy;	/* nd_alloc counted the reference */
		nd->files[nf].events = 0;
		if (copy.text != NULL) {
			nd->files[nf].text = malloc(copy.tlen + 1);
			if (nd->files[nf].text == NULL) {
				nd->files[nf].used = 0;
				if (copy.sh >= 0)
					nd->refs[copy.sh]--;
				return -ENOMEM;
			}
			memcpy(nd->files[nf].text, copy.text, copy.tlen);
		}
	}
	return nf;
}

/*
 * dup(fd, "REMOTE[/LOCAL]") on tcp: and udp:, as the libc's sockets use
 * it: on a socket not bound yet it opens what the path says (connect,
 * or bind: a bound TCP socket listens); on a UDP socket it gives a
 * description whose writes go to REMOTE from the same socket (sendto,
 * and connect), binding an ephemeral port first if there is none.
 */
static int64_t
nd_dup_addr(struct nd *nd, int s, const struct scheme_request *rq,
    struct ndfile *f, const char *path, size_t len)
{
	uint32_t ra;
	uint16_t rp;
	int nf, sh;

	if (s != ND_TCP && s != ND_UDP)
		return -EINVAL;
	if (s == ND_TCP || path[0] == '/') {
		if (f->sh >= 0)
			return -EISCONN;
		nf = nd_open_inet(nd, s, rq, path, len);
		if (nf >= 0) {
			/* What setsockopt set before connect or bind. */
			nd->files[nf].rd_to = f->rd_to;
			nd->files[nf].wr_to = f->wr_to;
			nd->files[nf].ttl = f->ttl;
			if (f->ttl)
				(void)ns_setopt(nd->st, nd->files[nf].sh,
				    NS_OPT_TTL, f->ttl);
		}
		return nf;
	}
	if (memchr(path, '/', len) != NULL ||
	    nd_endpoint(path, len, &ra, &rp) < 0 || ra == 0 || rp == 0)
		return -EINVAL;
	if (f->sh < 0) {
		sh = ns_udp_open(nd->st, 0, 0, 0, 0);
		if (sh < 0)
			return sh;
		f->sh = sh;
		nd->refs[sh]++;
		if (f->ttl)
			(void)ns_setopt(nd->st, sh, NS_OPT_TTL, f->ttl);
	}
	nf = nd_alloc(nd, s, f->sh);
	if (nf >= 0) {
		nd->files[nf].taddr = ra;
		nd->files[nf].tport = rp;
	}
	return nf;
}

static int64_t
nd_open(struct nd *nd, int s, const struct scheme_request *rq,
    const char *path, size_t len)
{
	uint32_t a;
	int sh, f, node;

	switch (s) {
	case ND_TCP:
	case ND_UDP:
		f = nd_open_inet(nd, s, rq, path, len);
		break;
	case ND_ICMP:
		if (len < 5 || memcmp(path, "echo/", 5) != 0)
			return -ENOENT;
		if (pkt_aton(path + 5, len - 5, &a) < 0)
			return -EINVAL;
		sh = ns_icmp_echo(nd->st, a);
		if (sh < 0)
			return sh;
		f = nd_alloc(nd, s, sh);
		break;
	case ND_IP: {
		/* ip:PROTO, decimal or 0x-hex, as smolnetd takes it. */
		char num[8];
		char *end;
		long proto;

		if (len == 0 || len >= sizeof(num))
			return -ENOENT;
		memcpy(num, path, len);
		num[len] = '\0';
		proto = strtol(num, &end, 0);
		if (*end != '\0' || proto < 0 || proto > 255)
			return -ENOENT;
		if (rq->uid != 0)
			return -EACCES;
		sh = ns_ip_raw(nd->st, (uint8_t)proto);
		if (sh < 0)
			return sh;
		f = nd_alloc(nd, s, sh);
		break;
	}
	case ND_ETH: {
		/* ethernet:TYPE, the ethertype in hex (ethernet:806 is
		 * ARP), as the original ethernetd took it. */
		char num[8];
		char *end;
		unsigned long type;

		if (len == 0 || len >= sizeof(num))
			return -ENOENT;
		memcpy(num, path, len);
		num[len] = '\0';
		type = strtoul(num, &end, 16);
		if (*end != '\0' || num[0] == '-' || num[0] == '+' ||
		    type > 0xffff)
			return -ENOENT;
		if (rq->uid != 0)
			return -EACCES;
		sh = ns_eth_raw(nd->st, (uint16_t)type);
		if (sh < 0)
			return sh;
		f = nd_alloc(nd, s, sh);
		break;
	}
	case ND_DNS:
		sh = ns_dns_lookup(nd->st, path, len);
		if (sh < 0)
			return sh;
		f = nd_alloc(nd, s, sh);
		break;
	default:
		node = netcfg_lookup(path, len);
		if (node < 0)
			return node;
		f = nd_alloc(nd, s, -1);
		if (f >= 0) {
			struct ndfile *nf = &nd->files[f];

			nf->node = node;
			nf->text = malloc(NETCFG_TEXT_MAX);
			if (nf->text == NULL) {
				nf->used = 0;
				return -ENOMEM;
			}
			nf->tlen = netcfg_read(nd->st, node, nf->text,
			    NETCFG_TEXT_MAX);
			nf->have_text = 1;
		}
		break;
	}
	if (f >= 0)
		nd->files[f].nonblock = (rq->flags & O_NONBLOCK) != 0;
	return f;
}

/* A read of file f; -EAGAIN when it must wait. */
static int64_t
nd_read(struct nd *nd, struct ndfile *f, uint64_t want, uint8_t *out,
    uint32_t *out_len)
{
	ssize_t n;

	if (want > SCHEME_PAYLOAD_MAX)
		want = SCHEME_PAYLOAD_MAX;
	if (f->scheme == ND_DNS && !f->have_text) {
		uint8_t a[4];
		char s[16];
		int k;

		n = ns_read(nd->st, f->sh, a, sizeof(a));
		if (n < 0)
			return n;
		f->text = malloc(20);
		if (f->text == NULL)
			return -ENOMEM;
		k = snprintf(f->text, 20, "%s\n",
		    pkt_ntoa(pkt_get32(a), s, sizeof(s)));
		f->tlen = k > 0 ? (size_t)k : 0;
		f->have_text = 1;
	}
	if (f->have_text) {
		size_t k = f->tlen - f->tpos;

		if (k > want)
			k = (size_t)want;
		memcpy(out, f->text + f->tpos, k);
		f->tpos += k;
		*out_len = (uint32_t)k;
		return (int64_t)k;
	}
	if (f->sh < 0)
		return -ENOTCONN;
	if (f->scheme == ND_UDP) {
		n = ns_recvfrom(nd->st, f->sh, out, (size_t)want, &f->faddr,
		    &f->fport);
		if (n >= 0)
			*out_len = (uint32_t)n;
		return n;
	}
	n = ns_read(nd->st, f->sh, out, (size_t)want);
	if (n >= 0)
		*out_len = (uint32_t)n;
	return n;
}

static int64_t
nd_write(struct nd *nd, struct ndfile *f, const uint8_t *in, uint32_t len)
{
	int r;

	if (f->scheme == ND_NETCFG) {
		r = netcfg_write(nd->st, f->node, (const char *)in, len);
		return r < 0 ? r : (int64_t)len;
	}
	if (f->scheme == ND_DNS)
		return -EBADF;
	if (f->sh < 0)
		return -ENOTCONN;
	if (f->taddr != 0)
		return ns_sendto(nd->st, f->sh, in, len, f->taddr, f->tport);
	return ns_write(nd->st, f->sh, in, len);
}

static int64_t
nd_accept(struct nd *nd, struct ndfile *f)
{
	int sh = ns_accept(nd->st, f->sh), nf;

	if (sh < 0)
		return sh;
	nf = nd_alloc(nd, ND_TCP, sh);
	if (nf < 0) {
		ns_close(nd->st, sh);
		nd->refs[sh] = 0;
	}
	return nf;
}

static int
nd_defer(struct nd *nd, int s, const struct scheme_request *rq, int file,
    int op, const uint8_t *data, uint32_t len)
{
	struct ndpend *p = nd_pend_alloc(nd, len), **pp;

	if (p == NULL)
		return -ENOMEM;
	p->next = NULL;
	p->scheme = s;
	p->file = file;
	p->op = op;
	p->id = rq->id;
	{
		uint64_t to = op == OP_WRITE ? nd->files[file].wr_to :
		    nd->files[file].rd_to;

		p->deadline = to ? nd->st->now + to : 0;
	}
	p->len = op == OP_WRITE ? len : (uint32_t)(rq->c < SCHEME_PAYLOAD_MAX ?
	    rq->c : SCHEME_PAYLOAD_MAX);
	if (op == OP_WRITE && len > 0)
		memcpy(p->data, data, len);
	/* In arrival order, so readers are served first come first. */
	for (pp = &nd->pend; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = p;
	return 0;
}

static int64_t
nd_fpath(struct nd *nd, struct ndfile *f, uint64_t cap, char *out,
    uint32_t *out_len)
{
	struct ns_endpoints e;
	char ra[16], la[16];
	int n;

	memset(&e, 0, sizeof(e));
	if (f->scheme == ND_NETCFG || f->scheme == ND_DNS)
		n = snprintf(out, 64, "%s:", nd_names[f->scheme]);
	else if (f->sh >= 0 && ns_endpoints(nd->st, f->sh, &e) < 0)
		return -EBADF;
	else if (f->scheme == ND_ICMP)
		n = snprintf(out, 64, "icmp:echo/%s",
		    pkt_ntoa(e.raddr, ra, sizeof(ra)));
	else if (f->scheme == ND_IP)
		n = snprintf(out, 64, "ip:%u", e.lport);
	else if (f->scheme == ND_ETH)
		n = snprintf(out, 64, "ethernet:%x", e.lport);
	else
		n = snprintf(out, 96, "%s:%s:%u/%s:%u", nd_names[f->scheme],
		    pkt_ntoa(f->taddr ? f->taddr : e.raddr ? e.raddr :
		    f->faddr, ra, sizeof(ra)),
		    f->taddr ? f->tport : e.raddr ? e.rport : f->fport,
		    pkt_ntoa(e.laddr, la, sizeof(la)), e.lport);
	if (n < 0)
		return -EIO;
	if ((uint64_t)n > cap)
		n = (int)cap;
	*out_len = (uint32_t)n;
	return n;
}

static void
nd_close(struct nd *nd, int h)
{
	struct ndfile *f = &nd->files[h];
	struct ndpend **pp = &nd->pend, *p;

	/* The last close comes when no call is in flight; drop any
	 * request still kept for it all the same. */
	while ((p = *pp) != NULL) {
		if (p->file == h && p->scheme == f->scheme) {
			*pp = p->next;
			nd_reply(nd, p->scheme, p->id, -EBADF, NULL, 0);
			nd_pend_free(nd, p);
			continue;
		}
		pp = &p->next;
	}
	if (f->sh >= 0 && --nd->refs[f->sh] == 0)
		ns_close(nd->st, f->sh);
	free(f->text);
	f->text = NULL;
	f->used = 0;
}

static uint32_t
nd_ready(struct nd *nd, struct ndfile *f)
{
	unsigned ev;

	if (f->scheme == ND_NETCFG)
		return EVENT_READ | EVENT_WRITE;
	if (f->scheme == ND_DNS && f->have_text)
		return EVENT_READ;
	if (f->sh < 0)
		return 0;
	ev = ns_poll(nd->st, f->sh);
	return ((ev & (NS_EV_READ | NS_EV_HUP | NS_EV_ERR)) ? EVENT_READ : 0) |
	    ((ev & (NS_EV_WRITE | NS_EV_ERR)) ? EVENT_WRITE : 0);
}

static int64_t
nd_op(struct nd *nd, int s, const struct scheme_request *rq,
    const uint8_t *in, uint8_t *out, uint32_t *out_len)
{
	struct ndfile *f = nd_file(nd, s, rq->a);
	uint32_t len = rq->len < rq->c ? rq->len : (uint32_t)rq->c;
	int nonblock = (rq->flags & O_NONBLOCK) != 0;
	int64_t r;

	if (f == NULL)
		return scheme_op_missing(rq->op);
	if (f->setting != SET_NONE &&
	    (rq->op == SCHEME_READ || rq->op == SCHEME_WRITE))
		return ndset_io(nd, f, rq, in, len, out, out_len);
	switch (rq->op) {
	case SCHEME_READ:
		if (serve_positioned_rq(rq) && f->scheme != ND_NETCFG)
			return -ESPIPE;
		if (serve_positioned_rq(rq))
			f->tpos = rq->b < f->tlen ? (size_t)rq->b : f->tlen;
		r = nd_read(nd, f, rq->c, out, out_len);
		if (r == -EAGAIN && !nonblock)
			return nd_defer(nd, s, rq, (int)rq->a, OP_READ, NULL, 0) < 0 ?
			    -ENOMEM : SCHEME_DEFERRED;
		return r;
	case SCHEME_WRITE:
		if (serve_positioned_rq(rq) && f->scheme != ND_NETCFG)
			return -ESPIPE;
		/* A blocking write waits for room for much of it rather than
		 * going in small pieces, each a round trip for the writer and
		 * a copy of the rest into a kept request. */
		r = nonblock || f->sh < 0 || ns_write_ready(nd->st, f->sh, len) ?
		    nd_write(nd, f, in, len) : -EAGAIN;
		if (r == -EAGAIN && !nonblock)
			return nd_defer(nd, s, rq, (int)rq->a, OP_WRITE, in, len) < 0 ?
			    -ENOMEM : SCHEME_DEFERRED;
		return r;
	case SCHEME_DUP:
		if (rq->len == 0)
			return nd_dup_plain(nd, f);
		if (rq->len == 8 && memcmp(in, "shutdown", 8) == 0) {
			if (s != ND_TCP || f->sh < 0)
				return -ENOTCONN;
			r = ns_shutdown(nd->st, f->sh);
			return r < 0 ? r : nd_dup_plain(nd, f);
		}
		if (rq->len == 13 && memcmp(in, "shutdown_read", 13) == 0) {
			if (s != ND_TCP || f->sh < 0)
				return -ENOTCONN;
			r = ns_shutdown_read(nd->st, f->sh);
			return r < 0 ? r : nd_dup_plain(nd, f);
		}
		if ((rq->len == 12 && memcmp(in, "read_timeout", 12) == 0) ||
		    (rq->len == 13 && memcmp(in, "write_timeout", 13) == 0) ||
		    (((rq->len == 3 && memcmp(in, "ttl", 3) == 0) ||
		    (rq->len == 6 && memcmp(in, "sndbuf", 6) == 0) ||
		    (rq->len == 6 && memcmp(in, "rcvbuf", 6) == 0)) &&
		    (s == ND_TCP || s == ND_UDP))) {
			int nf = nd_alloc(nd, s, -1);

			if (nf < 0)
				return nf;
			nd->files[nf].setting = rq->len == 12 ?
			    SET_READ_TIMEOUT : rq->len == 13 ?
			    SET_WRITE_TIMEOUT : rq->len == 3 ? SET_TTL :
			    in[0] == 's' ? SET_SNDBUF : SET_RCVBUF;
			nd->files[nf].target = (int)rq->a;
			return nf;
		}
		if (rq->len != 6 || memcmp(in, "listen", 6) != 0)
			return nd_dup_addr(nd, s, rq, f, (const char *)in, rq->len);
		if (s != ND_TCP || f->sh < 0)
			return -EINVAL;
		r = nd_accept(nd, f);
		if (r == -EAGAIN && !f->nonblock)
			return nd_defer(nd, s, rq, (int)rq->a, OP_ACCEPT, NULL, 0) < 0 ?
			    -ENOMEM : SCHEME_DEFERRED;
		return r;
	case SCHEME_FPATH:
		return nd_fpath(nd, f, rq->c, (char *)out, out_len);
	case SCHEME_CLOSE:
		nd_close(nd, (int)rq->a);
		return 0;
	case SCHEME_FEVENT:
		return nd_ready(nd, f) & (uint32_t)rq->b;
	case SCHEME_FSTAT: {
		struct redox_stat st;

		if (rq->c < sizeof(st))
			return -EINVAL;
		memset(&st, 0, sizeof(st));
		st.st_mode = f->scheme == ND_NETCFG ? (MODE_FILE | 0644) :
		    (MODE_SOCK | 0666);
		st.st_nlink = 1;
		st.st_size = f->have_text ? f->tlen : 0;
		memcpy(out, &st, sizeof(st));
		*out_len = sizeof(st);
		return 0;
	}
	default:
		return scheme_op_missing(rq->op);
	}
}

void
nd_request(struct nd *nd, int s, const struct scheme_request *rq,
    const uint8_t *in)
{
	uint8_t *out = nd->out + sizeof(struct scheme_response);
	uint32_t out_len = 0;
	int64_t r;

	if (rq->op == SCHEME_CANCEL) {
		struct ndpend **pp, *p;

		for (pp = &nd->pend; (p = *pp) != NULL; pp = &p->next)
			if (p->id == rq->a && p->scheme == s) {
				*pp = p->next;
				nd_pend_free(nd, p);
				break;
			}
		return;
	}
	if (rq->op == SCHEME_OPEN)
		r = nd_open(nd, s, rq, (const char *)in, rq->len);
	else
		r = nd_op(nd, s, rq, in, out, &out_len);
	if (rq->op == SCHEME_CLOSE || r == SCHEME_DEFERRED)
		return;
	nd_reply(nd, s, rq->id, r, NULL, r < 0 ? 0 : out_len);
}

int
nd_waiting(struct nd *nd)
{
	return nd->pend != NULL;
}

void
nd_service(struct nd *nd)
{
	struct ndpend **pp = &nd->pend, *p;
	uint8_t *out = nd->out + sizeof(struct scheme_response);

	while ((p = *pp) != NULL) {
		struct ndfile *f = &nd->files[p->file];
		uint32_t out_len = 0;
		int64_t r;

		if (p->deadline != 0 && nd->st->now >= p->deadline)
			r = -ETIMEDOUT_AS_EAGAIN;
		else if (p->op == OP_READ)
			r = nd_read(nd, f, p->len, out, &out_len);
		else if (p->op == OP_WRITE)
			r = f->sh < 0 || ns_write_ready(nd->st, f->sh, p->len) ?
			    nd_write(nd, f, p->data, p->len) : -EAGAIN;
		else
			r = nd_accept(nd, f);
		if (r == -EAGAIN) {
			pp = &p->next;
			continue;
		}
		if (r == -ETIMEDOUT_AS_EAGAIN)
			r = -EAGAIN;	/* SO_RCVTIMEO's answer, as on Linux */
		*pp = p->next;
		nd_reply(nd, p->scheme, p->id, r, NULL,
		    p->op == OP_READ && r > 0 ? out_len : 0);
		nd_pend_free(nd, p);
	}
	for (int h = 0; h < ND_FILES; h++) {
		struct ndfile *f = &nd->files[h];
		uint32_t ev;

		if (!f->used)
			continue;
		ev = nd_ready(nd, f);
		if ((ev & ~f->events) != 0) {
			struct scheme_response rs = { (uint64_t)h, ev, 0,
			    SCHEME_RESP_EVENT };

			if (write(nd->sfd[f->scheme], &rs, sizeof(rs)) < 0 &&
			    errno != EINTR)
				fprintf(stderr, "netstackd: event: %s\n",
				    strerror(errno));
		}
		f->events = ev;
	}
}
