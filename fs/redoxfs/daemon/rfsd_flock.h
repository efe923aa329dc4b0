/*
 * redoxfsd's side of the LOCK op (core/PROTOCOL.md): fcntl record locks
 * on the files it serves, kept in one rfsd_lock table.  F_SETLKW
 * requests that must wait are kept (SERVE_DEFER) and answered on the
 * scheme fd (rfsd.schemefd) when granted; a CANCEL drops one.
 */
#ifndef REDOXFS_RFSD_FLOCK_H
#define REDOXFS_RFSD_FLOCK_H

#include <stddef.h>
#include <stdint.h>
#include <redox/abi.h>

/* SCHEME_LOCK: GET, SET, WAIT (may return SERVE_DEFER), RELEASE. */
int64_t rfsd_flock(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
/* SCHEME_CANCEL: a = the id of a request whose caller gave up. */
int64_t rfsd_flock_cancel(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
/* A handle of node closed by pid (last: no handle names node any more):
 * pid's locks there go, and waiters they held back are answered. */
void rfsd_flock_closed(uint32_t node, uint64_t pid, int last);

#endif
