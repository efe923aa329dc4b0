/*
 * Directories: an htree of HTreeNode index blocks over DirList leaves.
 * A directory node's first level-0 pointer is a marker whose level is the
 * htree depth; the second points at the root (a DirList at depth 0).
 */
#ifndef REDOXFS_DIR_H
#define REDOXFS_DIR_H

#include <stddef.h>
#include <stdint.h>

#include "fs/redoxfs/lib/node.h"

/* Called per entry; a nonzero return stops the walk and is returned. */
typedef int (*rfs_dir_cb)(void *arg, uint32_t id, const char *name,
    size_t len);

/* Name hash that orders htree entries (u32 of seahash, never ~0). */
uint32_t rfs_htree_hash(const char *name, size_t len);

/*
 * Checks a DirList block's layout; 0 if sound, else -EIO with *why set.
 * With cb, also calls it for each entry.
 */
int rfs_dirlist_walk(const uint8_t blk[RFS_BLOCK_SIZE], rfs_dir_cb cb,
    void *arg, const char **why);

/* Calls cb for every entry of directory `dir`. */
int rfs_dir_iter(struct rfs *fs, const struct rfs_node *dir, rfs_dir_cb cb,
    void *arg);
/* Finds `name` in `dir`: 0 and *id, or -ENOENT. */
int rfs_dir_lookup(struct rfs *fs, const struct rfs_node *dir,
    const char *name, size_t len, uint32_t *id);

/* The htree depth and root pointer of a directory; depth -1 if empty. */
int rfs_dir_root(struct rfs *fs, const struct rfs_node *dir, int *depth,
    struct rfs_ptr *root);

#endif
