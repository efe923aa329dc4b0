/*
 * netstack-tap: runs net/stack on a Linux TAP device, so the stack can be
 * tested against real Linux.
 *
 *   netstack-tap [-i TAP] [-a ADDR/PREFIX] [-g GATEWAY] [-n DNS] [-D]
 *                [-L PERMILLE] [-R PERMILLE] [-s SEED] [-t SECONDS] MODE ...
 *   modes:  serve [-e ECHO_PORT] [-p HTTP_PORT] [-r ROOT]
 *           get ADDR PORT PATH OUTFILE       (HTTP/1.0 GET into a file)
 *           ping ADDR COUNT
 *           resolve NAME
 *
 * -D configures by DHCP instead of -a; -L drops and -R reorders (holds
 * back behind the next one) that many of each thousand frames, both
 * ways, so loss can be tested where the kernel has no netem.  The server
 * prints "ready" once listening and serves until killed or -t runs out.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "net/host/tap.h"
#include "net/host/tapserve.h"
#include "net/stack/dhcp.h"
#include "net/stack/pkt.h"
#include "net/stack/sock.h"

/* Loss and reordering of one direction. */
struct impair {
	int held;
	size_t len;
	uint8_t frame[NS_FRAME_MAX + 64];
};

struct tool {
	struct netstack *st;
	int fd;
	int loss, reorder;	/* per thousand frames, each way */
	uint64_t rng;
	uint64_t deadline;
	uint64_t tx_drop, impaired;
	struct impair in, out;
};

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int
tool_chance(struct tool *t, int permille)
{
	if (permille <= 0)
		return 0;
	t->rng ^= t->rng << 13;
	t->rng ^= t->rng >> 7;
	t->rng ^= t->rng << 17;
	return (int)(t->rng % 1000) < permille;
}

static void
tool_send(struct tool *t, const uint8_t *f, size_t len)
{
	/* A full TAP queue loses the frame, as a full NIC ring would. */
	if (tap_write(t->fd, f, len) < 0)
		t->tx_drop++;
}

static void
tool_deliver(struct tool *t, const uint8_t *f, size_t len)
{
	ns_input(t->st, f, len, now_ms());
}

/*
 * Passes a frame through the impairment of one direction: dropped,
 * held back until the next frame has gone, or passed on at once.
 */
static void
tool_impair(struct tool *t, struct impair *im, const uint8_t *f, size_t len,
    void (*pass)(struct tool *, const uint8_t *, size_t))
{
	if (tool_chance(t, t->loss)) {
		t->impaired++;
		return;
	}
	if (!im->held && len <= sizeof(im->frame) &&
	    tool_chance(t, t->reorder)) {
		memcpy(im->frame, f, len);
		im->len = len;
		im->held = 1;
		t->impaired++;
		return;
	}
	pass(t, f, len);
	if (im->held) {
		im->held = 0;
		pass(t, im->frame, im->len);
	}
}

static void
tool_output(void *ctx, const uint8_t *f, size_t len)
{
	struct tool *t = ctx;

	tool_impair(t, &t->out, f, len, tool_send);
}

static void
tool_ready(void *ctx, int h, unsigned ev)
{
	/* Every socket is looked at on each turn of the loop. */
	(void)ctx;
	(void)h;
	(void)ev;
}

/* One turn: frames in, timers, then waits up to wait_ms for more. */
static void
tool_turn(struct tool *t, int wait_ms)
{
	static uint8_t frame[NS_FRAME_MAX + 64];
	struct pollfd p = { .fd = t->fd, .events = POLLIN };
	ssize_t n;

	for (int i = 0; i < 512; i++) {
		n = tap_read(t->fd, frame, sizeof(frame));
		if (n < 0)
			break;
		tool_impair(t, &t->in, frame, (size_t)n, tool_deliver);
	}
	/* A frame held back is not held past a quiet turn. */
	if (t->in.held) {
		t->in.held = 0;
		tool_deliver(t, t->in.frame, t->in.len);
	}
	if (t->out.held) {
		t->out.held = 0;
		tool_send(t, t->out.frame, t->out.len);
	}
	ns_tick(t->st, now_ms());
	if (poll(&p, 1, wait_ms) < 0 && errno != EINTR) {
		perror("netstack-tap: poll");
		exit(1);
	}
}

static int
timed_out(struct tool *t)
{
	return stop || (t->deadline != 0 && now_ms() >= t->deadline);
}

static int
parse_addr(const char *s, uint32_t *a)
{
	return pkt_aton(s, strlen(s), a);
}

static int
parse_cidr(const char *s, uint32_t *addr, uint32_t *mask)
{
	const char *slash = strchr(s, '/');
	char *end;
	long prefix = 24;

	if (slash != NULL) {
		errno = 0;
		prefix = strtol(slash + 1, &end, 10);
		if (errno || *end != '\0' || end == slash + 1 || prefix < 1 ||
		    prefix > 32)
			return -EINVAL;
	}
	if (pkt_aton(s, slash ? (size_t)(slash - s) : strlen(s), addr) < 0)
		return -EINVAL;
	*mask = prefix == 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
	return 0;
}

static int
parse_num(const char *s, long lo, long hi, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(s, &end, 10);
	return (errno || *end != '\0' || end == s || *v < lo || *v > hi) ?
	    -EINVAL : 0;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: netstack-tap [-i TAP] [-a ADDR/PREFIX] [-g GATEWAY] "
	    "[-n DNS] [-D] [-L PERMILLE] [-R PERMILLE] [-s SEED] "
	    "[-t SECONDS] MODE ...\n"
	    "  serve [-e ECHO_PORT] [-p HTTP_PORT] [-r ROOT]\n"
	    "  get ADDR PORT PATH OUTFILE\n"
	    "  ping ADDR COUNT\n"
	    "  resolve NAME\n");
	exit(2);
}

/* Takes the status line and Content-Length from a complete header;
 * -1 unless the status is 200. */
static int
http_header(const char *hdr, long long *clen)
{
	const char *cl;

	if (strncmp(hdr, "HTTP/1.", 7) != 0 || strncmp(hdr + 8, " 200", 4) != 0)
		return -1;
	cl = strstr(hdr, "\r\nContent-Length: ");
	*clen = cl != NULL ? atoll(cl + 18) : -1;
	return 0;
}

/* HTTP/1.0 GET of path into out; 0 when the whole body arrived. */
static int
do_get(struct tool *t, uint32_t addr, uint16_t port, const char *path,
    const char *out)
{
	static uint8_t buf[65536];
	char req[1200], hdr[4096];
	size_t hlen = 0, body = 0, sent = 0, rlen;
	long long clen = -1;
	FILE *f;
	int h, started = 0, ok = 0;
	ssize_t n;

	rlen = (size_t)snprintf(req, sizeof(req),
	    "GET %s HTTP/1.0\r\nHost: x\r\nUser-Agent: netstack-tap\r\n\r\n",
	    path);
	if (rlen >= sizeof(req)) {
		fprintf(stderr, "netstack-tap: %s: path too long\n", path);
		return 1;
	}
	f = fopen(out, "wb");
	if (f == NULL) {
		fprintf(stderr, "netstack-tap: %s: %s\n", out, strerror(errno));
		return 1;
	}
	h = ns_tcp_connect(t->st, addr, port, 0, 0);
	if (h < 0) {
		fprintf(stderr, "netstack-tap: connect: %s\n", strerror(-h));
		fclose(f);
		return 1;
	}
	while (!timed_out(t)) {
		if (sent < rlen) {
			n = ns_write(t->st, h, req + sent, rlen - sent);
			if (n > 0)
				sent += (size_t)n;
			else if (n != -EAGAIN) {
				fprintf(stderr, "netstack-tap: send: %s\n",
				    strerror((int)-n));
				break;
			}
		}
		/* The header is read into hdr, the body into buf. */
		if (!started)
			n = ns_read(t->st, h, hdr + hlen, sizeof(hdr) - 1 - hlen);
		else
			n = ns_read(t->st, h, buf, sizeof(buf));
		if (n == -EAGAIN) {
			tool_turn(t, 2);
			continue;
		}
		if (n < 0) {
			fprintf(stderr, "netstack-tap: receive: %s\n",
			    strerror((int)-n));
			break;
		}
		if (n == 0) {
			if (!started || (clen >= 0 && (long long)body != clen))
				fprintf(stderr, "netstack-tap: short reply "
				    "(%zu of %lld bytes)\n", body, clen);
			else
				ok = 1;
			break;
		}
		if (!started) {
			char *end;
			size_t k;

			hlen += (size_t)n;
			hdr[hlen] = '\0';
			end = strstr(hdr, "\r\n\r\n");
			if (end == NULL) {
				if (hlen == sizeof(hdr) - 1) {
					fprintf(stderr, "netstack-tap: header "
					    "too long\n");
					break;
				}
				continue;
			}
			if (http_header(hdr, &clen) < 0) {
				fprintf(stderr, "netstack-tap: reply: %.40s\n",
				    hdr);
				break;
			}
			started = 1;
			/* Body bytes that came with the header. */
			k = hlen - (size_t)(end + 4 - hdr);
			if (fwrite(end + 4, 1, k, f) != k) {
				fprintf(stderr, "netstack-tap: %s: %s\n", out,
				    strerror(errno));
				break;
			}
			body += k;
			continue;
		}
		if (fwrite(buf, 1, (size_t)n, f) != (size_t)n) {
			fprintf(stderr, "netstack-tap: %s: %s\n", out,
			    strerror(errno));
			break;
		}
		body += (size_t)n;
	}
	if (timed_out(t))
		fprintf(stderr, "netstack-tap: timed out after %zu bytes\n",
		    body);
	ns_close(t->st, h);
	if (fclose(f) != 0) {
		fprintf(stderr, "netstack-tap: %s: %s\n", out, strerror(errno));
		ok = 0;
	}
	if (ok)
		printf("got %zu bytes\n", body);
	return ok ? 0 : 1;
}

static int
do_ping(struct tool *t, uint32_t addr, long count)
{
	uint8_t pl[64], in[128];
	char a[16];
	long got = 0, sent = 0;
	uint64_t next = 0, last = 0;
	int h = ns_icmp_echo(t->st, addr);

	if (h < 0) {
		fprintf(stderr, "netstack-tap: ping: %s\n", strerror(-h));
		return 1;
	}
	while (!timed_out(t) && got < count) {
		uint64_t now = now_ms();
		ssize_t n;

		if (sent < count && now >= next) {
			memcpy(pl, &now, sizeof(now));
			memset(pl + sizeof(now), 0x55, sizeof(pl) - sizeof(now));
			n = ns_write(t->st, h, pl, sizeof(pl));
			if (n < 0)
				fprintf(stderr, "netstack-tap: ping: %s\n",
				    strerror((int)-n));
			sent++;
			next = now + 1000;
			last = now;
		}
		n = ns_read(t->st, h, in, sizeof(in));
		if (n == (ssize_t)sizeof(pl) + 2) {
			uint64_t at;

			memcpy(&at, in + 2, sizeof(at));
			printf("reply from %s: seq %u time %llu ms\n",
			    pkt_ntoa(addr, a, sizeof(a)), in[0] | in[1] << 8,
			    (unsigned long long)(now_ms() - at));
			got++;
			continue;
		}
		if (sent == count && now_ms() > last + 2000)
			break;
		tool_turn(t, 5);
	}
	printf("%ld sent, %ld received\n", sent, got);
	ns_close(t->st, h);
	return got == count ? 0 : 1;
}

static int
do_resolve(struct tool *t, const char *name)
{
	uint8_t a[4];
	char s[16];
	int h = ns_dns_lookup(t->st, name, strlen(name));
	ssize_t n = -EAGAIN;

	if (h < 0) {
		fprintf(stderr, "netstack-tap: %s: %s\n", name, strerror(-h));
		return 1;
	}
	while (!timed_out(t) && (n = ns_read(t->st, h, a, sizeof(a))) == -EAGAIN)
		tool_turn(t, 5);
	ns_close(t->st, h);
	if (n != 4) {
		fprintf(stderr, "netstack-tap: %s: %s\n", name,
		    strerror(n < 0 ? (int)-n : EIO));
		return 1;
	}
	printf("%s\n", pkt_ntoa(pkt_get32(a), s, sizeof(s)));
	return 0;
}

static int
do_serve(struct tool *t, int argc, char **argv)
{
	struct tapserve sv;
	long echo = 7, http = 80;
	const char *root = ".";
	int c, r;

	optind = 1;
	while ((c = getopt(argc, argv, "+e:p:r:")) != -1) {
		switch (c) {
		case 'e':
			if (parse_num(optarg, 0, 65535, &echo) < 0)
				usage();
			break;
		case 'p':
			if (parse_num(optarg, 0, 65535, &http) < 0)
				usage();
			break;
		case 'r':
			root = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	r = tapserve_start(&sv, t->st, (uint16_t)echo, (uint16_t)http, root);
	if (r < 0) {
		fprintf(stderr, "netstack-tap: listen: %s\n", strerror(-r));
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	while (!timed_out(t)) {
		int busy = tapserve_poll(&sv);

		tool_turn(t, busy ? 0 : 5);
	}
	printf("served %lu connections\n", sv.served);
	tapserve_stop(&sv);
	return 0;
}

int
main(int argc, char **argv)
{
	struct tool t;
	const char *ifname = "nstap0";
	uint32_t addr = 0, mask = 0, gw = 0, dns = 0;
	uint8_t mac[6] = { 0x02, 0x52, 0x58, 0, 0, 0 };
	long v;
	int c, dhcp = 0, r = 2;
	uint64_t seed = (uint64_t)now_ms() ^ (uint64_t)getpid() << 32;

	memset(&t, 0, sizeof(t));
	while ((c = getopt(argc, argv, "+i:a:g:n:DL:R:s:t:")) != -1) {
		switch (c) {
		case 'i':
			ifname = optarg;
			break;
		case 'a':
			if (parse_cidr(optarg, &addr, &mask) < 0)
				usage();
			break;
		case 'g':
			if (parse_addr(optarg, &gw) < 0)
				usage();
			break;
		case 'n':
			if (parse_addr(optarg, &dns) < 0)
				usage();
			break;
		case 'D':
			dhcp = 1;
			break;
		case 'L':
			if (parse_num(optarg, 0, 1000, &v) < 0)
				usage();
			t.loss = (int)v;
			break;
		case 'R':
			if (parse_num(optarg, 0, 1000, &v) < 0)
				usage();
			t.reorder = (int)v;
			break;
		case 's':
			if (parse_num(optarg, 0, 0x7fffffff, &v) < 0)
				usage();
			seed = (uint64_t)v + 1;
			break;
		case 't':
			if (parse_num(optarg, 1, 86400, &v) < 0)
				usage();
			t.deadline = now_ms() + (uint64_t)v * 1000;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc || (addr == 0 && !dhcp))
		usage();
	t.rng = seed | 1;
	mac[3] = (uint8_t)(seed >> 8);
	mac[4] = (uint8_t)(seed >> 16);
	mac[5] = (uint8_t)(seed >> 24);
	t.fd = tap_open(ifname);
	if (t.fd < 0) {
		fprintf(stderr, "netstack-tap: %s: %s\n", ifname,
		    strerror(-t.fd));
		return 1;
	}
	t.st = ns_create(mac, seed, now_ms());
	if (t.st == NULL) {
		fprintf(stderr, "netstack-tap: out of memory\n");
		return 1;
	}
	ns_set_output(t.st, tool_output, &t);
	ns_set_ready(t.st, tool_ready, &t);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	if (dhcp) {
		if (dhcp_start(t.st) < 0) {
			fprintf(stderr, "netstack-tap: dhcp: cannot start\n");
			return 1;
		}
		while (!timed_out(&t) && dhcp_state(t.st) != DHCP_BOUND)
			tool_turn(&t, 10);
		if (dhcp_state(t.st) != DHCP_BOUND) {
			fprintf(stderr, "netstack-tap: dhcp: no lease\n");
			return 1;
		}
		{
			char a[16];

			printf("dhcp: %s\n", pkt_ntoa(t.st->addr, a, sizeof(a)));
		}
		if (dns != 0)
			t.st->dns = dns;
	} else {
		ns_configure(t.st, addr, mask, gw, dns);
	}
	argc -= optind;
	argv += optind;
	if (strcmp(argv[0], "serve") == 0) {
		r = do_serve(&t, argc, argv);
	} else if (strcmp(argv[0], "get") == 0 && argc == 5) {
		if (parse_addr(argv[1], &addr) < 0 ||
		    parse_num(argv[2], 1, 65535, &v) < 0)
			usage();
		r = do_get(&t, addr, (uint16_t)v, argv[3], argv[4]);
	} else if (strcmp(argv[0], "ping") == 0 && argc == 3) {
		if (parse_addr(argv[1], &addr) < 0 ||
		    parse_num(argv[2], 1, 100000, &v) < 0)
			usage();
		r = do_ping(&t, addr, v);
	} else if (strcmp(argv[0], "resolve") == 0 && argc == 2) {
		r = do_resolve(&t, argv[1]);
	} else {
		usage();
	}
	/* Let final segments (FIN, ACKs) leave before the process goes. */
	for (int i = 0; i < 50; i++)
		tool_turn(&t, 2);
	if (t.st->stats.tcp_rexmit || t.tx_drop || t.impaired)
		fprintf(stderr, "netstack-tap: %llu segments resent (%llu "
		    "fast, %llu timeouts), %llu frames dropped or reordered "
		    "by -L/-R, %llu lost on a full TAP queue\n",
		    (unsigned long long)t.st->stats.tcp_rexmit,
		    (unsigned long long)t.st->stats.tcp_fast_rexmit,
		    (unsigned long long)t.st->stats.tcp_timeouts,
		    (unsigned long long)t.impaired,
		    (unsigned long long)t.tx_drop);
	ns_destroy(t.st);
	close(t.fd);
	return r;
}
