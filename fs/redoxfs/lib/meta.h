/*
 * POSIX metadata on top of ops.c, shared by redoxfs-fuse and redoxfsd:
 * special files and their device numbers, the link count stat shows for
 * a directory, and the times each change moves.  The *_at calls do what
 * rfs_create/link/unlink/rename do, and set the times POSIX.1-2017 asks
 * for to sec.nsec.
 */
#ifndef REDOXFS_META_H
#define REDOXFS_META_H

#include "fs/redoxfs/lib/ops.h"

/*
 * The device number of a character or block device, 0 for the rest: a
 * little-endian u64 in the node's padding (RFS_NODE_RDEV, format.h).
 */
uint64_t rfs_node_rdev(const struct rfs_node *n);

/*
 * stat's st_nlink: the stored links for a non-directory; for a directory
 * 2 + its subdirectories (on disk upstream keeps 1, the names that point
 * to it).  Counted once per directory and kept in fs->nlinks, checked
 * against the directory node's block pointer, which changes with every
 * change to its entries (copy-on-write) and comes back when a change is
 * undone; the calls below keep the count up to date as they go.
 */
int rfs_node_nlink(struct rfs *fs, const struct rfs_node *n, uint32_t *nlink);
/* Node id's block pointer got its hash at commit: keep its count. */
void rfs_nlinks_rehash(struct rfs *fs, uint32_t id, struct rfs_ptr before,
    struct rfs_ptr after);

/*
 * rfs_create for any type: file, directory, symlink, FIFO, socket, or a
 * character or block device numbered rdev.  -EINVAL for another type.
 */
int rfs_mknod(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    uint16_t mode, uint64_t rdev, uint32_t uid, uint32_t gid, uint64_t sec,
    uint32_t nsec, struct rfs_node *out);
/*
 * rfs_mknod into directory d, loaded, where the caller has just looked
 * name up and not found it (redoxfsd's path walk): no second lookup.
 * d is stored with the new entry.
 */
int rfs_mknod_absent(struct rfs *fs, struct rfs_node *d, const char *name,
    size_t len, uint16_t mode, uint64_t rdev, uint32_t uid, uint32_t gid,
    uint64_t sec, uint32_t nsec, struct rfs_node *out);
/* rfs_link; the node's ctime, the directory's mtime and ctime. */
int rfs_link_at(struct rfs *fs, uint32_t parent, const char *name,
    size_t len, uint32_t id, uint64_t sec, uint32_t nsec);
/*
 * rfs_unlink_at with the directory (d) and the node its entry `name`
 * names (n) already loaded, as redoxfsd's path walk leaves them: the
 * name is not looked up again.  d and n are changed.
 */
int rfs_unlink_loaded(struct rfs *fs, struct rfs_node *d, struct rfs_node *n,
    const char *name, size_t len, int dir, uint64_t sec, uint32_t nsec);
/* rfs_unlink; the directory's mtime and ctime, a survivor's ctime. */
int rfs_unlink_at(struct rfs *fs, uint32_t parent, const char *name,
    size_t len, int dir, uint64_t sec, uint32_t nsec);
/*
 * rfs_rename; both directories' mtime and ctime, the moved node's ctime,
 * and the ctime of a replaced target that keeps other links.
 */
int rfs_rename_at(struct rfs *fs, uint32_t oparent, const char *oname,
    size_t olen, uint32_t nparent, const char *nname, size_t nlen,
    uint64_t sec, uint32_t nsec);
/* Truncates (or extends) n to size, moving its mtime and ctime. */
int rfs_truncate_at(struct rfs *fs, struct rfs_node *n, uint64_t size,
    uint64_t sec, uint32_t nsec);

#endif
