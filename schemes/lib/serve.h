/*
 * serve.h - the loop every small scheme daemon runs: register the name
 * through ':', report readiness to init, then read a request, handle it,
 * write the response, forever.
 */
#ifndef SCHEMES_LIB_SERVE_H
#define SCHEMES_LIB_SERVE_H

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

/* Registers `name` and serves it; returns only on error (-errno). */
int serve(const char *name, serve_fn fn, void *ctx);

#endif
