/* ndset.h - netstackd's socket setting files (ndset.c). */
#ifndef NET_NETSTACKD_NDSET_H
#define NET_NETSTACKD_NDSET_H

#include "net/netstackd/ndfile.h"

/* A read or write of setting file f (f->setting, f->target); the
 * result as a scheme reply gives it. */
int64_t ndset_io(struct nd *nd, struct ndfile *f,
    const struct scheme_request *rq, const uint8_t *in, uint32_t len,
    uint8_t *out, uint32_t *out_len);

#endif
