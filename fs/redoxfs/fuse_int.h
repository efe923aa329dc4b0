/* Shared by fuse.c (mount, reading) and fuse_rw.c (changes). */
#ifndef REDOXFS_FUSE_INT_H
#define REDOXFS_FUSE_INT_H

#include <fuse_lowlevel.h>
#include <sys/stat.h>

#include "fs/redoxfs/ops.h"

/* Read-only mounts may cache for long; read-write ones only briefly. */
#define ATTR_TIMEOUT (fs_rw ? 1.0 : 3600.0)

extern struct rfs fs;
extern int fs_rw;

void node_stat(const struct rfs_node *n, struct stat *st);
int load(fuse_ino_t ino, struct rfs_node *n);
/* Ends a change: commits it if err is 0, else drops it; returns err. */
int done(int err);
/* Adds delta to node id's open count; returns the new count. */
int open_ref(uint32_t id, int delta);
/* The read-write table: the read-only one plus the changing ops. */
void rw_ops_fill(struct fuse_lowlevel_ops *rw,
    const struct fuse_lowlevel_ops *ro);

#endif
