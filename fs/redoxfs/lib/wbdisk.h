/*
 * wbdisk.h - a write-back layer over a struct rfs_disk.
 *
 * Copy-on-write rewrites the path from a changed block up to the root on
 * every operation, so a transaction writes most metadata blocks many
 * times, and many of those copies are freed again before the commit.
 * This layer keeps single-block writes in memory until the next flush
 * (the commit's barrier), writes each block once, sorted, in runs, and
 * forgets blocks the writer discards (freed before they were ever
 * committed).  Reads see the pending blocks.  Bigger writes (file data
 * records) go straight through.  Nothing pending is referenced by a
 * committed header, so losing it in a crash loses only what was never
 * committed.
 */
#ifndef REDOXFS_WBDISK_H
#define REDOXFS_WBDISK_H

#include "fs/redoxfs/lib/fs.h"

/* A good bound on pending blocks for a host tool (64 MiB). */
#define RFS_WB_MAX_BLOCKS 16384

/*
 * Makes *out a disk that writes back to *under, holding at most max_blocks
 * pending blocks (more are written out, without a flush); -ENOMEM on
 * failure.
 */
int rfs_wbdisk_open(struct rfs_disk *out, const struct rfs_disk *under,
    size_t max_blocks);
/* Writes what is pending (not flushed) and frees the layer. */
int rfs_wbdisk_close(struct rfs_disk *d);
/* Frees the layer and forgets what is pending, as a crash would. */
void rfs_wbdisk_abandon(struct rfs_disk *d);

#endif
