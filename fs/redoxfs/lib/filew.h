/* Writing file contents: inline data, records, truncation. */
#ifndef REDOXFS_FILEW_H
#define REDOXFS_FILEW_H

#include "fs/redoxfs/lib/write.h"

/* Writes len bytes at off, growing the file; stores the node. */
int rfs_node_write(struct rfs *fs, struct rfs_node *n, uint64_t off,
    const void *buf, size_t len);
/* Sets the size: drops records past it, zeros a partial tail; stores. */
int rfs_node_truncate(struct rfs *fs, struct rfs_node *n, uint64_t size);
/* Frees every record and indirect block (before deleting the node). */
int rfs_node_free_data(struct rfs *fs, struct rfs_node *n);
/*
 * Stores record r of n: data (4096 << level bytes), LZ4-compressed when
 * that saves a level, in place of old; sets n's pointer and blocks.
 * `reserved`: old is a record cache reservation (rcache.h), given back
 * first when the compressed record takes its place.
 */
int rfs_record_store(struct rfs *fs, struct rfs_node *n, uint64_t r,
    struct rfs_ptr old, const uint8_t *data, unsigned level, int reserved);
/* Smallest level whose block holds n bytes. */
unsigned rfs_level_for(uint64_t n);

#endif
