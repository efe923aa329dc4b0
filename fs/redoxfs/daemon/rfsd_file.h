/*
 * redoxfsd's handle operations: open, read, write, seek, close, dup,
 * ftruncate, fsync, fevent.  Each takes the request, its payload (`in`,
 * rq->len bytes) and a reply buffer, and returns the result for the
 * caller: a handle, a count, or a negative errno.
 */
#ifndef REDOXFS_RFSD_FILE_H
#define REDOXFS_RFSD_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <redox/abi.h>

typedef int64_t (*rfsd_op)(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);

int64_t rfsd_open(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_read(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_write(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_seek(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_close(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_dup(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_ftruncate(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_fsync(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_fevent(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);

#endif
