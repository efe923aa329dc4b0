/*
 * A struct rfs_disk over an open file descriptor: an image file or block
 * device on the host (../host/filedisk.c opens, locks and sizes it),
 * disk:N inside the OS (../daemon/redoxfsd.c).  Only pread, pwrite and
 * fdatasync are used (one call per transfer), which glibc and our libc
 * both have, so the tools and redoxfsd share this one disk.
 */
#ifndef REDOXFS_FDDISK_H
#define REDOXFS_FDDISK_H

#include "fs/redoxfs/lib/fs.h"

/*
 * Sets d up over fd, whose size is `bytes` (the caller found it with
 * fstat or lseek).  -ENOMEM.  The fd stays the caller's.
 */
int rfs_fddisk_open(struct rfs_disk *d, int fd, uint64_t bytes);
/* The fd d was set up over; -1 if none. */
int rfs_fddisk_fd(const struct rfs_disk *d);
/* Frees what rfs_fddisk_open allocated (the fd is not closed). */
void rfs_fddisk_close(struct rfs_disk *d);

#endif
