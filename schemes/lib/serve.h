/*
 * serve.h - the loop every small scheme daemon runs: register the name
 * through ':', report readiness to init, then read a request, handle it,
 * write the response, forever.
 */
#ifndef SCHEMES_LIB_SERVE_H
#define SCHEMES_LIB_SERVE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <redox/abi.h>

/*
 * Handles one request.  `in` holds the request's payload (rq->len bytes:
 * the path of an open, the data of a write); a read's data goes to `out`
 * (at most out_cap bytes, with *out_len set).  Returns the result: a
 * handle, a byte count, or a negative errno.
 */
typedef int64_t (*serve_fn)(void *ctx, const struct scheme_request *rq,
    const void *in, void *out, size_t out_cap, uint32_t *out_len);

/*
 * True for a positioned READ or WRITE (pread/pwrite): the transfer is at
 * rq->b and leaves the handle's position alone.  A handler whose files
 * cannot seek answers it with -ESPIPE (core/abi.h, "READ and WRITE").
 */
static inline int
serve_positioned(const struct scheme_request *rq)
{
	return (rq->op == SCHEME_READ || rq->op == SCHEME_WRITE) &&
	    (rq->d & SCHEME_IO_POSITIONED);
}

/*
 * A handler that cannot answer yet (a read of a terminal nobody typed on)
 * returns SERVE_DEFER: no response is written now, and the daemon answers
 * later with serve_reply(), or drops the request when a CANCEL op names
 * its id (the caller gave up; core/PROTOCOL.md).
 */
#define SERVE_DEFER	INT64_MIN

/*
 * For a handler of a READ or GETDENTS whose data already sits in its own
 * memory (a cache): the answer's *out_len bytes are taken from p, not
 * from `out`, and the kernel copies them from there straight to the
 * caller (SCHEME_RESP_AT, core/PROTOCOL.md), one copy fewer.  p must
 * stay as it is until the handler returns (the answer is written then).
 */
void serve_payload_at(const void *p);

/* Writes the response to request id; 0 or -errno. */
int serve_reply(int fd, uint64_t id, int64_t result, const void *data, uint32_t len);
/* Reports that handle became ready (EVENT_* bits) to event: watchers. */
int serve_event(int fd, uint64_t handle, uint32_t events);

/* Registers `name` and serves it; returns only when the kernel closes the
 * scheme (0) or on error (-errno). */
int serve(const char *name, serve_fn fn, void *ctx);

/* The two halves, for a daemon with more to do around them: opens
 * ":name" (an fd, or -errno, reported), and serves fd until end of input
 * (0), an error (-errno) or, if stop is not NULL, until *stop is set (a
 * signal handler's flag: the read it interrupts sees it). */
int serve_register(const char *name);
int serve_fd(int fd, const char *name, serve_fn fn, void *ctx,
    volatile sig_atomic_t *stop);

/*
 * Does what is due and returns milliseconds until it wants to run again,
 * or -1 for not until the next request.
 */
typedef int64_t (*serve_tick_fn)(void *ctx);
/*
 * serve_fd for a daemon with timed work (redoxfsd's commit window):
 * requests are read without blocking (fd becomes O_NONBLOCK); when none
 * waits, tick() runs and the loop sleeps on an event: queue watching fd
 * and a time:4 timeout armed for tick()'s answer.  Without event: or
 * time:, it says so and runs serve_fd (tick then is fn's to call).
 */
int serve_fd_timed(int fd, const char *name, serve_fn fn, serve_tick_fn tick,
    void *ctx, volatile sig_atomic_t *stop);

#endif
