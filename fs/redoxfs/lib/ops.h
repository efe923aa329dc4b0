/*
 * File system operations built on the writer: format, create, link,
 * unlink, rename.  Each changes the open transaction; rfs_commit makes
 * it durable (rfs_abort drops it after a failure).
 */
#ifndef REDOXFS_OPS_H
#define REDOXFS_OPS_H

#include "fs/redoxfs/lib/dirw.h"
#include "fs/redoxfs/lib/filew.h"

/*
 * Makes a new file system of fs_blocks blocks starting at disk block
 * `start`, with an empty root directory, and leaves it open for writing
 * in *fs.  uuid: 16 bytes.
 */
int rfs_format(struct rfs *fs, struct rfs_disk *disk, uint64_t start,
    uint64_t fs_blocks, const uint8_t uuid[16], uint64_t sec, uint32_t nsec);

/* Checks a new name: 1..252 bytes, no '/', ':' or NUL, not . or .. */
int rfs_name_ok(const char *name, size_t len);

/*
 * Creates name in directory `parent` with mode (type bits included),
 * owner and times; fills *out.  -EEXIST if the name is taken.
 */
int rfs_create(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    uint16_t mode, uint32_t uid, uint32_t gid, uint64_t sec, uint32_t nsec,
    struct rfs_node *out);
/* rfs_create in directory d, already loaded (and stored with the entry). */
int rfs_create_in(struct rfs *fs, struct rfs_node *d, const char *name,
    size_t len, uint16_t mode, uint32_t uid, uint32_t gid, uint64_t sec,
    uint32_t nsec, struct rfs_node *out);
/*
 * rfs_create_in without looking name up: the caller has, in d as it
 * stands (a second entry of one name would break the directory).
 */
int rfs_create_absent(struct rfs *fs, struct rfs_node *d, const char *name,
    size_t len, uint16_t mode, uint32_t uid, uint32_t gid, uint64_t sec,
    uint32_t nsec, struct rfs_node *out);
/* Adds another name for a non-directory node. */
int rfs_link(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    uint32_t id);
/*
 * Removes name from parent (dir: only if empty and `dir` is set; a file
 * only if `dir` is clear); frees the node when its last link goes.
 */
int rfs_unlink(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    int dir);
/*
 * rfs_unlink_times when the caller has just loaded the directory (d) and
 * the node its entry `name` names (n), as a path walk does: without
 * looking the name up again.  Both are changed (d stored, n dropped).
 */
int rfs_unlink_found(struct rfs *fs, struct rfs_node *d, struct rfs_node *n,
    const char *name, size_t len, int dir, uint64_t sec, uint32_t nsec);
/* rfs_unlink that also sets parent's mtime and ctime, in the same store. */
int rfs_unlink_times(struct rfs *fs, uint32_t parent, const char *name,
    size_t len, int dir, uint64_t sec, uint32_t nsec);
/* Moves oname in oparent to nname in nparent, replacing a target as rename(2). */
int rfs_rename(struct rfs *fs, uint32_t oparent, const char *oname,
    size_t olen, uint32_t nparent, const char *nname, size_t nlen);

/*
 * Frees node id if its last link is gone (it was kept on the release list
 * while open).  0 if there was nothing to do.
 */
int rfs_release_node(struct rfs *fs, uint32_t id);
/* Frees every node on the release list (left by a crash); at mount. */
int rfs_release_all(struct rfs *fs);

#endif
