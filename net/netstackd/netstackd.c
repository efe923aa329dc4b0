/*
 * netstackd - the TCP/IP stack daemon (net/stack) inside the OS.
 *
 *   netstackd [-1dlO] [-a ADDR/PREFIX] [-g GATEWAY] [-n DNS]
 *
 * It opens the NIC (nic.c: `network:offload` when the NIC offers TSO
 * and checksum offload, else `network:batch`, many frames per read and
 * write, else `network:`; `network:mac` gives the MAC), and serves tcp:, udp:, icmp:, dns: and
 * netcfg: (README.md has the URL forms).  Without a `network:` device,
 * or with -l, it runs loopback only (127.0.0.1).  The address comes from
 * -a/-g/-n, else /etc/net/{ip,ip_subnet,ip_router,dns} if they exist;
 * -1 keeps to one frame per call on network: (to measure the batching),
 * -O to network:batch without offload;
 * -d asks DHCP (and reports ready once it has a lease, or after 10 s).
 * One thread: it sleeps on an event: queue watching the scheme fds, the
 * NIC and a time: timer, and never waits on a client (reads that must
 * wait are kept and answered later).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <redox.h>

#include "net/netstackd/ndfile.h"
#include "net/netstackd/netcfg.h"
#include "net/netstackd/nic.h"
#include "net/stack/dhcp.h"
#include "net/stack/pkt.h"
#include "net/stack/tcp.h"
#include "schemes/lib/serve.h"

#define EV_TIMER 100
#define EV_NET 101
#define TICK_MS 10		/* timer granularity while anything is busy */
#define IDLE_MS 500
#define DHCP_WAIT_MS 10000

static uint64_t
now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
ready(void *ctx, int h, unsigned ev)
{
	/* nd_service looks at every handle after each turn. */
	(void)ctx;
	(void)h;
	(void)ev;
}

/* Reads a one-line file of /etc/net; 0 and the address, or -errno. */
static int
conf_addr(const char *name, uint32_t *a)
{
	char path[64], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/etc/net/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -EIO;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' ||
	    buf[n - 1] == '\r'))
		n--;
	if (pkt_aton(buf, (size_t)n, a) < 0) {
		fprintf(stderr, "netstackd: %s: not an IPv4 address\n", path);
		return -EINVAL;
	}
	return 0;
}

/* Arms the time:4 timeout ms from now; 0 or -1. */
static int
arm(int tm, uint64_t ms)
{
	struct redox_timespec ts;
	uint64_t at;

	if (read(tm, &ts, sizeof(ts)) != sizeof(ts) || ts.tv_sec < 0)
		return -1;
	at = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec +
	    ms * 1000000u;
	ts.tv_sec = (int64_t)(at / 1000000000u);
	ts.tv_nsec = (int32_t)(at % 1000000000u);
	ts._pad = 0;
	return write(tm, &ts, sizeof(ts)) == sizeof(ts) ? 0 : -1;
}

/* Handles every request waiting on scheme s; -1 if its fd failed. */
static int
drain_requests(struct nd *nd, int s, uint8_t *in, size_t cap)
{
	for (;;) {
		ssize_t n = read(nd->sfd[s], in, cap);
		struct scheme_request rq;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n < (ssize_t)sizeof(rq)) {
			fprintf(stderr, "netstackd: %s: reading requests: %s\n",
			    nd_names[s], n < 0 ? strerror(errno) : "short");
			return -1;
		}
		memcpy(&rq, in, sizeof(rq));
		if (rq.len > (size_t)n - sizeof(rq))
			rq.len = (uint32_t)((size_t)n - sizeof(rq));
		nd_request(nd, s, &rq, in + sizeof(rq));
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: netstackd [-1dlO] [-a ADDR/PREFIX] "
	    "[-g GATEWAY] [-n DNS]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static struct nd nd;
	static struct nic nic = { .fd = -1 };
	uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 1 };
	uint32_t addr = 0, mask = 0xffffff00u, router = 0, dns = 0;
	size_t cap = sizeof(struct scheme_request) + SCHEME_PAYLOAD_MAX;
	struct redox_event w[ND_NSCHEMES + 2], ev[16];
	uint8_t *in;
	int c, dhcp = 0, loopback = 0, given = 0, q, tm, nw = 0, e, single = 0;
	int plain = 0;
	int armed = 0, told = 0;
	uint64_t start;
	struct netstack *st;

	while ((c = getopt(argc, argv, "1dlOa:g:n:")) != -1) {
		if (c == '1')
			single = 1;
		else if (c == 'O')
			plain = 1;
		else if (c == 'd')
			dhcp = 1;
		else if (c == 'l')
			loopback = 1;
		else if (c == 'a' && netcfg_cidr(optarg, strlen(optarg), &addr,
		    &mask) == 0)
			given = 1;
		else if (c == 'g' && pkt_aton(optarg, strlen(optarg), &router) == 0)
			continue;
		else if (c == 'n' && pkt_aton(optarg, strlen(optarg), &dns) == 0)
			continue;
		else
			usage();
	}
	if (optind != argc)
		usage();
	signal(SIGPIPE, SIG_IGN);
	if (!loopback && (e = nic_open(&nic, mac, single, plain)) < 0)
		fprintf(stderr, "netstackd: network: %s; loopback only\n",
		    strerror(-e));
	st = ns_create(mac, (uint64_t)now_ms() * 2654435761u ^
	    (uint64_t)getpid(), now_ms());
	in = malloc(cap);
	if (st == NULL || in == NULL || nd_init(&nd, st) < 0) {
		fprintf(stderr, "netstackd: out of memory\n");
		return 1;
	}
	if (nic.fd >= 0) {
		ns_set_output(st, nic_output, &nic);
		if (nic.mode == NIC_OFFLOAD)
			ns_set_offload(st, NS_OFF_CSUM | NS_OFF_TSO,
			    nic_output_meta);
		if (given) {
			ns_configure(st, addr, mask, router, dns);
		} else if (conf_addr("ip", &addr) == 0) {
			(void)conf_addr("ip_subnet", &mask);
			(void)conf_addr("ip_router", &router);
			(void)conf_addr("dns", &dns);
			ns_configure(st, addr, mask, router, dns);
		}
		if (dhcp && dhcp_start(st) < 0)
			fprintf(stderr, "netstackd: dhcp: cannot start\n");
	}
	ns_set_ready(st, ready, NULL);
	q = open("event:", O_RDWR | O_CLOEXEC);
	tm = open("time:4", O_RDWR | O_CLOEXEC);
	if (q < 0 || tm < 0) {
		fprintf(stderr, "netstackd: event: or time:: %s\n",
		    strerror(errno));
		return 1;
	}
	for (int s = 0; s < ND_NSCHEMES; s++) {
		nd.sfd[s] = serve_register(nd_names[s]);
		if (nd.sfd[s] < 0)
			return 1;
		if (fcntl(nd.sfd[s], F_SETFL, O_NONBLOCK) < 0) {
			fprintf(stderr, "netstackd: %s: %s\n", nd_names[s],
			    strerror(errno));
			return 1;
		}
		w[nw++] = (struct redox_event){ (uint64_t)nd.sfd[s], EVENT_READ,
		    (uint64_t)s };
	}
	w[nw++] = (struct redox_event){ (uint64_t)tm, EVENT_READ, EV_TIMER };
	if (nic.fd >= 0)
		w[nw++] = (struct redox_event){ (uint64_t)nic.fd, EVENT_READ,
		    EV_NET };
	if (write(q, w, (size_t)nw * sizeof(w[0])) !=
	    (ssize_t)((size_t)nw * sizeof(w[0]))) {
		fprintf(stderr, "netstackd: event: %s\n", strerror(errno));
		return 1;
	}
	/* With -d, ready (and init's next line) waits for the lease, at
	 * most DHCP_WAIT_MS; DHCP goes on in the background after that. */
	start = now_ms();
	for (;;) {
		ssize_t n;

		if (!told && (!dhcp || dhcp_state(st) == DHCP_BOUND ||
		    now_ms() - start >= DHCP_WAIT_MS)) {
			if (dhcp && dhcp_state(st) != DHCP_BOUND)
				fprintf(stderr, "netstackd: no DHCP lease yet; "
				    "going on without one\n");
			daemon_ready();
			told = 1;
		}

		for (int s = 0; s < ND_NSCHEMES; s++)
			if (drain_requests(&nd, s, in, cap) < 0)
				return 1;
		if (nic.fd >= 0)
			nic_drain(&nic, st, now_ms);
		ns_tick(st, now_ms());
		nd_service(&nd);
		if (nic.fd >= 0)
			nic_flush(&nic);
		if (!armed && arm(tm, tcp_count(st) > 0 || nd_waiting(&nd) ||
		    (dhcp && dhcp_state(st) != DHCP_BOUND) ? TICK_MS :
		    IDLE_MS) == 0)
			armed = 1;
		n = read(q, ev, sizeof(ev));
		if (n < 0 && errno != EINTR) {
			fprintf(stderr, "netstackd: event: %s\n",
			    strerror(errno));
			return 1;
		}
		for (ssize_t k = 0; n > 0 && k < n / (ssize_t)sizeof(ev[0]); k++)
			if (ev[k].data == EV_TIMER)
				armed = 0;
	}
}
