/* The netcfg: tree (netcfg.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "net/netstackd/netcfg.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"

static const struct {
	const char *path;
	int node;
} nodes[] = {
	{ "ifaces/eth0/mac", NC_MAC },
	{ "ifaces/eth0/addr/list", NC_ADDR_LIST },
	{ "ifaces/eth0/addr/set", NC_ADDR_SET },
	{ "route/list", NC_ROUTE_LIST },
	{ "route/add", NC_ROUTE_ADD },
	{ "route/rm", NC_ROUTE_RM },
	{ "resolv/nameserver", NC_NAMESERVER },
	{ "sockets", NC_SOCKETS },
};

static const char *const tcp_states[] = {
	"CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED",
	"FIN_WAIT1", "FIN_WAIT2", "CLOSE_WAIT", "CLOSING", "LAST_ACK",
	"TIME_WAIT"
};

/* One line per TCP and UDP socket. */
static int
netcfg_sockets(struct netstack *st, char *buf, size_t cap)
{
	size_t n = 0;

	for (int h = 0; h < NS_SOCK_MAX && n + 100 < cap; h++) {
		struct ns_endpoints e;
		char la[16], ra[16];
		int t = ns_type(st, h), k, state;

		if ((t != NS_TCP && t != NS_UDP) || ns_endpoints(st, h, &e) < 0)
			continue;
		state = t == NS_TCP ? ns_tcp_state(st, h) : -1;
		k = snprintf(buf + n, cap - n, "%s %s:%u %s:%u %s\n",
		    t == NS_TCP ? "tcp" : "udp", pkt_ntoa(e.laddr, la, sizeof(la)),
		    e.lport, pkt_ntoa(e.raddr, ra, sizeof(ra)), e.rport,
		    state >= 0 && state <= 10 ? tcp_states[state] : "");
		if (k < 0 || (size_t)k >= cap - n)
			break;
		n += (size_t)k;
	}
	return (int)n;
}

int
netcfg_lookup(const char *path, size_t len)
{
	while (len > 0 && path[0] == '/') {
		path++;
		len--;
	}
	while (len > 0 && path[len - 1] == '/')
		len--;
	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		size_t n = strlen(nodes[i].path);

		if (len == n && memcmp(path, nodes[i].path, n) == 0)
			return nodes[i].node;
		/* A prefix ending at a '/' is a directory. */
		if (len == 0 || (len < n && memcmp(path, nodes[i].path, len) == 0 &&
		    nodes[i].path[len] == '/'))
			return -EISDIR;
	}
	return -ENOENT;
}

static int
prefix_of(uint32_t mask)
{
	int n = 0;

	while (n < 32 && (mask & (0x80000000u >> n)))
		n++;
	return n;
}

size_t
netcfg_read(struct netstack *st, int node, char *buf, size_t cap)
{
	char a[16], b[16];
	int n = 0;

	switch (node) {
	case NC_MAC:
		n = snprintf(buf, cap, "%02x:%02x:%02x:%02x:%02x:%02x\n",
		    st->mac[0], st->mac[1], st->mac[2], st->mac[3], st->mac[4],
		    st->mac[5]);
		break;
	case NC_ADDR_LIST:
		/* eth0's own: loopback is not on this interface. */
		if (st->addr != 0)
			n = snprintf(buf, cap, "%s/%d\n",
			    pkt_ntoa(st->addr, a, sizeof(a)), prefix_of(st->mask));
		break;
	case NC_ROUTE_LIST:
		if (st->router != 0)
			n = snprintf(buf, cap, "default via %s\n",
			    pkt_ntoa(st->router, a, sizeof(a)));
		if (st->addr != 0 && n >= 0 && (size_t)n < cap)
			n += snprintf(buf + n, cap - (size_t)n,
			    "%s/%d dev eth0 src %s\n",
			    pkt_ntoa(st->addr & st->mask, a, sizeof(a)),
			    prefix_of(st->mask), pkt_ntoa(st->addr, b, sizeof(b)));
		if (n >= 0 && (size_t)n < cap)
			n += snprintf(buf + n, cap - (size_t)n,
			    "127.0.0.0/8 dev lo src 127.0.0.1\n");
		break;
	case NC_NAMESERVER:
		if (st->dns != 0)
			n = snprintf(buf, cap, "%s\n", pkt_ntoa(st->dns, a, sizeof(a)));
		break;
	case NC_SOCKETS:
		n = netcfg_sockets(st, buf, cap);
		break;
	default:
		n = 0;
	}
	if (n < 0)
		return 0;
	return (size_t)n < cap ? (size_t)n : cap - 1;
}

/* The text without surrounding blanks and a final newline. */
static void
netcfg_trim(const char **s, size_t *len)
{
	while (*len > 0 && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == '\n' || (*s)[*len - 1] == ' ' ||
	    (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
		(*len)--;
}

int
netcfg_cidr(const char *s, size_t len, uint32_t *addr, uint32_t *mask)
{
	const char *slash = memchr(s, '/', len);
	long prefix = 24;

	if (slash != NULL) {
		size_t i = (size_t)(slash - s) + 1;

		if (i == len || len - i > 2)
			return -EINVAL;
		prefix = 0;
		for (; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -EINVAL;
			prefix = prefix * 10 + (s[i] - '0');
		}
		if (prefix < 1 || prefix > 32)
			return -EINVAL;
		len = (size_t)(slash - s);
	}
	if (pkt_aton(s, len, addr) < 0)
		return -EINVAL;
	*mask = prefix == 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
	return 0;
}

int
netcfg_write(struct netstack *st, int node, const char *text, size_t len)
{
	uint32_t a, m;

	netcfg_trim(&text, &len);
	switch (node) {
	case NC_ADDR_SET:
		if (netcfg_cidr(text, len, &a, &m) < 0)
			return -EINVAL;
		ns_configure(st, a, m, st->router, st->dns);
		return 0;
	case NC_ROUTE_ADD:
		if (len < 12 || memcmp(text, "default via ", 12) != 0 ||
		    pkt_aton(text + 12, len - 12, &a) < 0)
			return -EINVAL;
		st->router = a;
		return 0;
	case NC_ROUTE_RM:
		if (len != 7 || memcmp(text, "default", 7) != 0)
			return -EINVAL;
		st->router = 0;
		return 0;
	case NC_NAMESERVER:
		if (pkt_aton(text, len, &a) < 0)
			return -EINVAL;
		st->dns = a;
		return 0;
	default:
		return -EBADF;
	}
}
