/*
 * A struct rfs_disk over an open file descriptor (in the OS: disk:N),
 * with a small write-through block cache.  Only pread, pwrite and fsync
 * are used (one call per transfer), so it works with our libc and with
 * glibc alike.
 */
#ifndef REDOXFS_FDDISK_H
#define REDOXFS_FDDISK_H

#include "fs/redoxfs/lib/fs.h"

/* Cache size in blocks (4 KiB each): 1 MiB. */
#define RFS_FDDISK_CACHE 256u

/*
 * Sets d up over fd, whose size is `bytes` (the caller found it with
 * fstat or lseek).  -ENOMEM.  The fd stays the caller's.
 */
int rfs_fddisk_open(struct rfs_disk *d, int fd, uint64_t bytes);
void rfs_fddisk_close(struct rfs_disk *d);

#endif
