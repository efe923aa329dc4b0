/*
 * redoxfsd's metadata operations: fstat, fstatvfs, fpath, fchmod,
 * fchown, futimens, frename, unlink, rmdir, mkdir, getdents.  Same
 * calling convention as rfsd_file.h.
 */
#ifndef REDOXFS_RFSD_META_H
#define REDOXFS_RFSD_META_H

#include "fs/redoxfs/daemon/rfsd_file.h"

/* The stat of a loaded node, as fstat and an O_STAT open answer it. */
struct rfs_node;
struct redox_stat;
void rfsd_node_stat(const struct rfs_node *node, struct redox_stat *st);

int64_t rfsd_fstat(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_fstatvfs(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_fpath(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_fchmod(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_fchown(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_futimens(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_frename(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_unlink(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_rmdir(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_mkdir(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);
int64_t rfsd_getdents(const struct scheme_request *rq, const void *in,
    void *out, size_t cap, uint32_t *out_len);

#endif
