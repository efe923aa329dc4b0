/* rfs_memdisk.h - a RedoxFS disk in memory and an fsck assert, for the
 * unit tests. */
#ifndef TESTS_UNIT_RFS_MEMDISK_H
#define TESTS_UNIT_RFS_MEMDISK_H

#include <stddef.h>
#include <stdint.h>

#include "fs/redoxfs/lib/fs.h"

struct rfs_memdisk {
	uint8_t *data;
	size_t len;
};

/* A zeroed disk of `bytes` behind *d (the test fails if memory runs out);
 * free m->data when done. */
void rfs_memdisk_init(struct rfs_memdisk *m, struct rfs_disk *d, size_t bytes);
/* fsck finds nothing at all in fs: no error, warning or leak (else the
 * test fails, naming `when`; fsck's words go to stderr). */
void rfs_check_clean(struct rfs *fs, const char *when);

#endif
