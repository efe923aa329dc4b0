/*
 * A struct rfs_disk over an image file or block device (host tools
 * only): opens and locks it, then reads and writes it through the fd
 * disk both sides share (../lib/fddisk.h).
 */
#ifndef REDOXFS_FILEDISK_H
#define REDOXFS_FILEDISK_H

#include "fs/redoxfs/lib/fs.h"

/*
 * Opens path; -errno on failure.  Takes a lock on the file, exclusive
 * when writable (else shared), waiting up to 10 s for it: redoxfs-fuse
 * holds its lock until its last commit is written, which may be after
 * `fusermount3 -u` returns, and the next tool must see that commit.
 * -EBUSY if a writer cannot get the lock; a reader goes on without it.
 */
int rfs_filedisk_open(struct rfs_disk *d, const char *path, int writable);
void rfs_filedisk_close(struct rfs_disk *d);

#endif
