/*
 * redoxfsd's metadata operations: fstat, fstatvfs, fpath, fchmod,
 * fchown, futimens, frename, unlink, rmdir, mkdir, getdents.  Same
 * calling convention as rfsd_file.h.
 */
#ifndef REDOXFS_RFSD_META_H
#define REDOXFS_RFSD_META_H

#include "fs/redoxfs/daemon/rfsd_file.h"

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
