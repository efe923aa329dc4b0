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
/* Smallest level whose block holds n bytes. */
unsigned rfs_level_for(uint64_t n);

#endif
