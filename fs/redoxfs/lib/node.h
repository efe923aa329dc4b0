/* Nodes (inodes) and the records that hold file contents. */
#ifndef REDOXFS_NODE_H
#define REDOXFS_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "fs/redoxfs/lib/fs.h"

struct rfs_node {
	uint32_t id;
	uint16_t mode;
	uint32_t uid, gid, links;
	uint64_t size, blocks;
	uint64_t ctime, mtime, atime;
	uint32_t ctime_nsec, mtime_nsec, atime_nsec;
	uint32_t record_level;
	uint32_t flags;
	struct rfs_ptr where;	/* pointer to the node's block */
	uint8_t raw[RFS_BLOCK_SIZE];
};

static inline int rfs_node_is_dir(const struct rfs_node *n)
{
	return (n->mode & RFS_MODE_TYPE) == RFS_MODE_DIR;
}
static inline int rfs_node_is_file(const struct rfs_node *n)
{
	return (n->mode & RFS_MODE_TYPE) == RFS_MODE_FILE;
}
static inline int rfs_node_is_symlink(const struct rfs_node *n)
{
	return (n->mode & RFS_MODE_TYPE) == RFS_MODE_SYMLINK;
}
static inline int rfs_node_inline(const struct rfs_node *n)
{
	return (n->flags & RFS_NODE_FLAG_INLINE) != 0;
}

/* Decodes the fields of a node block already in n->raw. */
void rfs_node_decode(struct rfs_node *n);
/* Loads node `id` from the tree. */
int rfs_node_load(struct rfs *fs, uint32_t id, struct rfs_node *n);

/*
 * The pointer to record `r` of a (non-inline) node, following indirect
 * blocks.  A hole gives a null pointer.  -EFBIG past the last record the
 * format can address.
 */
int rfs_node_record_ptr(struct rfs *fs, const struct rfs_node *n, uint64_t r,
    struct rfs_ptr *out);

/*
 * Reads a record: fills *data with a pointer to its contents (stored or
 * decompressed, valid until the next call) and returns their length.
 * A null pointer gives length 0.
 */
long rfs_record_load(struct rfs *fs, struct rfs_ptr p, const uint8_t **data);

/*
 * The bytes rfs_node_read(n, off, len) would give, in place: when one
 * record holds all of them (no hole, no zeros past a short record), sets
 * *data to them in the record buffer (valid until the next record is
 * loaded) and returns their count.  Returns 0 with *data NULL when they
 * are not so (inline data, the end of the file, across records: the
 * caller copies with rfs_node_read), or -errno.
 */
long rfs_node_peek(struct rfs *fs, const struct rfs_node *n, uint64_t off,
    size_t len, const uint8_t **data);

/* Reads up to len bytes at off; returns the count (0 at end) or -errno. */
long rfs_node_read(struct rfs *fs, const struct rfs_node *n, uint64_t off,
    void *buf, size_t len);

#endif
