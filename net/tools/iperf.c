/*
 * iperf - an iperf3-compatible server for TCP tests, so a Linux
 * `iperf3 -c HOST` (and `-R`, the server sending) measures the OS.
 *
 *   iperf [-p PORT] [-n TESTS]     serve TESTS tests (default 1), then exit
 *
 * iperf3's protocol as its client speaks it: a control connection
 * carrying one-byte states and length-prefixed JSON (a 4-byte big-endian
 * length, then the text), and one data connection, each opened with the
 * client's 37-byte cookie.  The server says PARAM_EXCHANGE, reads the
 * client's parameters, says CREATE_STREAMS, takes the data connection,
 * says TEST_START and TEST_RUNNING; data flows (to us, or from us with
 * "reverse") until the client says TEST_END; then EXCHANGE_RESULTS
 * (each side's JSON results), DISPLAY_RESULTS, and the client's
 * IPERF_DONE.  One TCP stream only: UDP, parallel streams and the
 * rest of iperf3's options are refused (ACCESS_DENIED).  The data moves
 * on a thread of its own while this one waits on the control connection.
 */
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define COOKIE 37
#define BLOCK (128 * 1024)
#define JSON_MAX 65536

enum {
	TEST_START = 1, TEST_RUNNING = 2, TEST_END = 4, PARAM_EXCHANGE = 9,
	CREATE_STREAMS = 10, SERVER_TERMINATE = 11, CLIENT_TERMINATE = 12,
	EXCHANGE_RESULTS = 13, DISPLAY_RESULTS = 14, IPERF_DONE = 16,
	ACCESS_DENIED = -1,
};

struct run {
	int data;		/* the data connection */
	int reverse;		/* we send */
	volatile int stop;	/* the client said TEST_END */
	long long bytes;
	double start, end;
	int err;
};

static double
now_s(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
full_read(int fd, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static int
full_write(int fd, const void *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(fd, (const char *)buf + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	return 0;
}

static int
state(int ctrl, int s)
{
	signed char c = (signed char)s;

	return full_write(ctrl, &c, 1);
}

/* One JSON message into buf (NUL-terminated); 0 or -1. */
static int
json_read(int ctrl, char *buf, size_t cap)
{
	unsigned char l[4];
	uint32_t n;

	if (full_read(ctrl, l, 4) < 0)
		return -1;
	n = (uint32_t)l[0] << 24 | (uint32_t)l[1] << 16 | (uint32_t)l[2] << 8 | l[3];
	if (n >= cap)
		return -1;
	if (full_read(ctrl, buf, n) < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

static int
json_write(int ctrl, const char *text)
{
	size_t n = strlen(text);
	unsigned char l[4] = { (unsigned char)(n >> 24), (unsigned char)(n >> 16),
	    (unsigned char)(n >> 8), (unsigned char)n };

	return full_write(ctrl, l, 4) < 0 || full_write(ctrl, text, n) < 0 ? -1 : 0;
}

/* The value after "key": in flat JSON text: 1 for true, 0 for false or
 * absent, else the number. */
static double
json_num(const char *j, const char *key)
{
	char pat[40];
	const char *p;

	snprintf(pat, sizeof pat, "\"%s\":", key);
	p = strstr(j, pat);
	if (p == NULL)
		return 0;
	p += strlen(pat);
	while (*p == ' ')
		p++;
	if (!strncmp(p, "true", 4))
		return 1;
	if (!strncmp(p, "false", 5))
		return 0;
	return strtod(p, NULL);
}

static void *
mover(void *arg)
{
	static char buf[BLOCK];
	struct run *r = arg;

	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (char)(i * 131 + (i >> 9));
	r->start = now_s();
	while (!r->stop) {
		/* Both ways time out (SO_*TIMEO) so TEST_END is seen soon. */
		ssize_t n = r->reverse ? write(r->data, buf, sizeof buf) :
		    read(r->data, buf, sizeof buf);

		if (n > 0) {
			r->bytes += n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0 && !r->stop)
			r->err = errno;
		break;
	}
	r->end = now_s();
	return NULL;
}

static int
listener(int port)
{
	struct sockaddr_in a;
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 4) < 0) {
		fprintf(stderr, "iperf: port %d: %s\n", port, strerror(errno));
		return -1;
	}
	return fd;
}

/* One test on control connection ctrl; 0, or 1 after saying why. */
static int
serve(int l, int ctrl)
{
	static char json[JSON_MAX];
	char cookie[COOKIE], dcookie[COOKIE], res[512];
	struct timeval tv = { 0, 100000 };
	struct run r;
	pthread_t t;
	signed char c;

	memset(&r, 0, sizeof r);
	if (full_read(ctrl, cookie, COOKIE) < 0 || state(ctrl, PARAM_EXCHANGE) < 0 ||
	    json_read(ctrl, json, sizeof json) < 0) {
		fprintf(stderr, "iperf: the client went away before its parameters\n");
		return 1;
	}
	if (json_num(json, "udp") || json_num(json, "sctp") || json_num(json, "parallel") > 1 ||
	    json_num(json, "bidirectional")) {
		fprintf(stderr, "iperf: refused: only one TCP stream is served\n");
		(void)state(ctrl, ACCESS_DENIED);
		return 1;
	}
	r.reverse = json_num(json, "reverse") != 0;
	if (state(ctrl, CREATE_STREAMS) < 0)
		return 1;
	r.data = accept(l, NULL, NULL);
	if (r.data < 0 || full_read(r.data, dcookie, COOKIE) < 0 ||
	    memcmp(cookie, dcookie, COOKIE) != 0) {
		fprintf(stderr, "iperf: no data connection with the test's cookie\n");
		return 1;
	}
	if (setsockopt(r.data, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0 ||
	    setsockopt(r.data, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0 ||
	    state(ctrl, TEST_START) < 0 || state(ctrl, TEST_RUNNING) < 0)
		return 1;
	if (pthread_create(&t, NULL, mover, &r) != 0) {
		fprintf(stderr, "iperf: no thread\n");
		return 1;
	}
	/* The control connection is quiet until the client ends the test. */
	while (full_read(ctrl, &c, 1) == 0 && c != TEST_END && c != CLIENT_TERMINATE)
		;
	r.stop = 1;
	if (pthread_join(t, NULL) != 0)
		fprintf(stderr, "iperf: the data thread: cannot join\n");
	/* The stream ends before the results, as iperf3's server does: a
	 * client still reading (-R) waits for its end of file. */
	close(r.data);
	if (c != TEST_END) {
		fprintf(stderr, "iperf: the client ended the test early\n");
		return 1;
	}
	snprintf(res, sizeof res, "{\"cpu_util_total\":0,\"cpu_util_user\":0,"
	    "\"cpu_util_system\":0,\"sender_has_retransmits\":0,\"streams\":[{\"id\":1,"
	    "\"bytes\":%lld,\"retransmits\":0,\"jitter\":0,\"errors\":0,\"packets\":0,"
	    "\"start_time\":0,\"end_time\":%.6f}]}", r.bytes, r.end - r.start);
	if (state(ctrl, EXCHANGE_RESULTS) < 0 || json_read(ctrl, json, sizeof json) < 0 ||
	    json_write(ctrl, res) < 0 || state(ctrl, DISPLAY_RESULTS) < 0 ||
	    full_read(ctrl, &c, 1) < 0 || c != IPERF_DONE) {
		fprintf(stderr, "iperf: the client went away during the results\n");
		return 1;
	}
	printf("iperf: %s %lld bytes in %.3f s: %.1f Mbit/s\n", r.reverse ? "sent" : "received",
	    r.bytes, r.end - r.start, (double)r.bytes * 8 / (r.end - r.start > 0 ?
	    r.end - r.start : 1e-9) / 1e6);
	if (r.err)
		fprintf(stderr, "iperf: data: %s\n", strerror(r.err));
	return 0;
}

int
main(int argc, char **argv)
{
	int port = 5201, tests = 1, c, l, bad = 0;
	char *end;

	while ((c = getopt(argc, argv, "sp:n:")) != -1) {
		if (c == 's')
			continue;	/* iperf3's spelling; serving is all we do */
		if (c == 'p' && (port = (int)strtol(optarg, &end, 10)) > 0 && port < 65536 && !*end)
			continue;
		if (c == 'n' && (tests = (int)strtol(optarg, &end, 10)) > 0 && !*end)
			continue;
		fprintf(stderr, "usage: iperf [-s] [-p PORT] [-n TESTS]\n");
		return 2;
	}
	if (optind != argc) {
		fprintf(stderr, "usage: iperf [-s] [-p PORT] [-n TESTS]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	l = listener(port);
	if (l < 0)
		return 1;
	printf("iperf: listening on %d\n", port);
	for (int i = 0; i < tests; i++) {
		int ctrl = accept(l, NULL, NULL);

		if (ctrl < 0) {
			perror("iperf: accept");
			return 1;
		}
		bad |= serve(l, ctrl);
		close(ctrl);
	}
	close(l);
	return bad;
}
