/* A struct rfs_disk over an image file (host tools only). */
#ifndef REDOXFS_FILEDISK_H
#define REDOXFS_FILEDISK_H

#include "fs/redoxfs/fs.h"

/* Opens path; -errno on failure. */
int rfs_filedisk_open(struct rfs_disk *d, const char *path, int writable);
void rfs_filedisk_close(struct rfs_disk *d);

#endif
