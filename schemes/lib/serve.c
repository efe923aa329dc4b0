/* serve.c - the request loop of a scheme daemon. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <redox.h>

#include "schemes/lib/serve.h"

int
serve_register(const char *name)
{
	char path[64];
	snprintf(path, sizeof path, ":%s", name);
	int fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		fprintf(stderr, "%s: cannot register %s: %s\n", name, path, strerror(e));
		return -e;
	}
	return fd;
}

/* Set by serve_payload_at during a handler, for its answer only. */
static const void *payload_at;

void
serve_payload_at(const void *p)
{
	payload_at = p;
}

/* Handles the request in `in` (n bytes) and writes its answer; 0 or -EIO. */
static int
answer(int fd, const char *name, serve_fn fn, void *ctx, char *in, size_t n,
    char *out)
{
	struct scheme_request rq;
	memcpy(&rq, in, sizeof rq);
	/* The kernel never sends more than it read; trust no length. */
	if (rq.len > n - sizeof rq)
		rq.len = (uint32_t)(n - sizeof rq);
	struct scheme_response *rs = (struct scheme_response *)out;
	uint32_t out_len = 0;
	payload_at = NULL;
	int64_t r = fn(ctx, &rq, in + sizeof rq, out + sizeof *rs,
	    SCHEME_PAYLOAD_MAX, &out_len);
	const void *at = payload_at;
	payload_at = NULL;
	if (scheme_request_oneway(rq.op, rq.d) || r == SERVE_DEFER)
		return 0;	/* one-way, or answered later */
	rs->id = rq.id;
	rs->result = r;
	rs->len = r < 0 ? 0 : out_len;
	rs->flags = 0;
	size_t wlen = sizeof *rs + rs->len;
	if (at && rs->len) {
		/* The payload's address in place of the payload. */
		uint64_t a = (uint64_t)(uintptr_t)at;
		rs->flags = SCHEME_RESP_AT;
		memcpy(out + sizeof *rs, &a, sizeof a);
		wlen = sizeof *rs + sizeof a;
	}
	if (write(fd, out, wlen) < 0 && errno != EINTR) {
		fprintf(stderr, "%s: writing a response: %s\n", name, strerror(errno));
		return -EIO;
	}
	return 0;
}

static int
put_response(int fd, const struct scheme_response *rs, const void *data)
{
	char buf[sizeof *rs + 4096];
	const void *out = rs;
	size_t n = sizeof *rs + rs->len;
	if (rs->len) {		/* one write: the response and its payload */
		if (rs->len > sizeof buf - sizeof *rs)
			return -EMSGSIZE;
		memcpy(buf, rs, sizeof *rs);
		memcpy(buf + sizeof *rs, data, rs->len);
		out = buf;
	}
	for (;;) {
		ssize_t w = write(fd, out, n);
		if (w == (ssize_t)n)
			return 0;
		if (w < 0 && errno == EINTR)
			continue;
		return w < 0 ? -errno : -EIO;
	}
}

int
serve_reply(int fd, uint64_t id, int64_t result, const void *data, uint32_t len)
{
	struct scheme_response rs = { id, result, result < 0 ? 0 : len, 0 };
	return put_response(fd, &rs, data);
}

int
serve_event(int fd, uint64_t handle, uint32_t events)
{
	struct scheme_response rs = { handle, events, 0, SCHEME_RESP_EVENT };
	return put_response(fd, &rs, NULL);
}

/* Checks what read() gave: 1 a request, 0 the end, -EIO (reported). */
static int
got_request(const char *name, ssize_t n)
{
	if (n >= (ssize_t)sizeof(struct scheme_request))
		return 1;
	if (n == 0)
		return 0;
	fprintf(stderr, "%s: reading requests: %s\n", name,
	    n < 0 ? strerror(errno) : "short");
	return -EIO;
}

int
serve_fd(int fd, const char *name, serve_fn fn, void *ctx,
    volatile sig_atomic_t *stop)
{
	size_t cap = sizeof(struct scheme_request) + SCHEME_PAYLOAD_MAX;
	char *in = malloc(cap);
	char *out = malloc(sizeof(struct scheme_response) + SCHEME_PAYLOAD_MAX);
	int ret = 0, k;

	if (!in || !out) {
		fprintf(stderr, "%s: out of memory\n", name);
		ret = -ENOMEM;
	}
	while (ret == 0 && !(stop && *stop)) {
		ssize_t n = read(fd, in, cap);
		if (n < 0 && errno == EINTR)
			continue;
		if ((k = got_request(name, n)) <= 0) {
			ret = k;
			break;
		}
		ret = answer(fd, name, fn, ctx, in, (size_t)n, out);
	}
	free(in);
	free(out);
	return ret;
}

/* The monotonic time in ns from a time:4 fd; 0 if it cannot be read. */
static uint64_t
mono_ns(int tm)
{
	struct redox_timespec ts;

	if (read(tm, &ts, sizeof ts) != sizeof ts || ts.tv_sec < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Arms a time:4 timeout ms from now; returns its deadline, or 0. */
static uint64_t
arm(int tm, int64_t ms)
{
	uint64_t at = mono_ns(tm);
	struct redox_timespec ts;

	if (at == 0)
		return 0;
	at += (uint64_t)ms * 1000000u;
	ts.tv_sec = (int64_t)(at / 1000000000u);
	ts.tv_nsec = (int32_t)(at % 1000000000u);
	ts._pad = 0;
	return write(tm, &ts, sizeof ts) == sizeof ts ? at : 0;
}

/*
 * The loop of serve_fd_timed: requests are read without blocking; when
 * none waits, tick() runs and the daemon sleeps on queue q until the
 * next request or tick()'s timeout on tm.
 */
static int
timed_loop(int fd, int q, int tm, const char *name, serve_fn fn,
    serve_tick_fn tick, void *ctx, volatile sig_atomic_t *stop, char *in,
    char *out)
{
	size_t cap = sizeof(struct scheme_request) + SCHEME_PAYLOAD_MAX;
	struct redox_event ev[4];
	int armed = 0;		/* a timeout is armed and has not fired */
	int ret = 0, k;

	while (ret == 0 && !(stop && *stop)) {
		ssize_t n = read(fd, in, cap);
		if (n < 0 && errno == EAGAIN) {
			/*
			 * One timeout at a time: when it fires, tick runs
			 * again and asks for the rest.  (A tick whose wish
			 * moves earlier meanwhile waits for it; redoxfsd's
			 * deadlines only move later.)
			 */
			int64_t ms = tick(ctx);
			if (ms >= 0 && !armed && arm(tm, ms) != 0)
				armed = 1;
			n = read(q, ev, sizeof ev);
			if (n < 0 && errno != EINTR) {
				fprintf(stderr, "%s: event queue: %s\n", name,
				    strerror(errno));
				ret = -EIO;
			}
			for (k = 0; n > 0 && k < n / (ssize_t)sizeof ev[0]; k++)
				if (ev[k].data == 1)
					armed = 0;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if ((k = got_request(name, n)) <= 0) {
			ret = k;
			break;
		}
		ret = answer(fd, name, fn, ctx, in, (size_t)n, out);
	}
	return ret;
}

int
serve_fd_timed(int fd, const char *name, serve_fn fn, serve_tick_fn tick,
    void *ctx, volatile sig_atomic_t *stop)
{
	size_t cap = sizeof(struct scheme_request) + SCHEME_PAYLOAD_MAX;
	int q = open("event:", O_RDWR | O_CLOEXEC);
	int tm = open("time:4", O_RDWR | O_CLOEXEC);
	struct redox_event w[2];
	char *in = NULL, *out = NULL;
	int ret;

	w[0] = (struct redox_event){ (uint64_t)fd, EVENT_READ, 0 };
	w[1] = (struct redox_event){ (uint64_t)tm, EVENT_READ, 1 };
	if (q < 0 || tm < 0 || write(q, w, sizeof w) != sizeof w ||
	    fcntl(fd, F_SETFL, O_NONBLOCK) < 0) {
		/* No timers: tick runs only when a request comes. */
		fprintf(stderr, "%s: no event queue or timer (%s); "
		    "timing on requests only\n", name, strerror(errno));
		ret = serve_fd(fd, name, fn, ctx, stop);
	} else if ((in = malloc(cap)) == NULL || (out =
	    malloc(sizeof(struct scheme_response) + SCHEME_PAYLOAD_MAX)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", name);
		ret = -ENOMEM;
	} else {
		ret = timed_loop(fd, q, tm, name, fn, tick, ctx, stop, in, out);
	}
	free(in);
	free(out);
	if (q >= 0)
		close(q);
	if (tm >= 0)
		close(tm);
	return ret;
}

int
serve(const char *name, serve_fn fn, void *ctx)
{
	int fd = serve_register(name);
	if (fd < 0)
		return fd;
	daemon_ready();
	return serve_fd(fd, name, fn, ctx, NULL);
}
