/* Shared by fuse.c (mount, reading) and fuse_rw.c (changes). */
#ifndef REDOXFS_FUSE_INT_H
#define REDOXFS_FUSE_INT_H

#include <fuse_lowlevel.h>
#include <sys/stat.h>

#include "fs/redoxfs/lib/meta.h"

/*
 * The kernel may cache names and attributes for long: every change goes
 * through it (this process alone writes the image), and it drops what a
 * change makes stale.  Read-only mounts never change.
 */
#define ATTR_TIMEOUT (fs_rw ? 60.0 : 3600.0)

extern struct rfs fs;
extern int fs_rw;

void node_stat(const struct rfs_node *n, struct stat *st);
/*
 * n's entry in directory dir for the kernel: cached for ATTR_TIMEOUT if
 * everybody may search dir, else not at all (fuse_perm.h).
 */
void node_entry(const struct rfs_node *n, const struct rfs_node *dir,
    struct fuse_entry_param *e);
int load(fuse_ino_t ino, struct rfs_node *n);
/*
 * Changes are batched into one transaction, committed as policy.h says
 * (fsync, O_SYNC writes, unmount, and a bounded window of changes, bytes
 * and time), and when freed space waits on a commit.  begin() starts a
 * change that may need `need` new blocks; done(err) keeps it (err 0) or
 * undoes only it, and returns err; done_bytes also counts the bytes a
 * write wrote.
 */
void begin(uint64_t need);
int done(int err);
int done_bytes(int err, uint64_t bytes);
/* Commits what is pending (fsync, timer, unmount); 0 or -errno. */
int sync_now(void);
/* Milliseconds until the pending commit is due; -1 if nothing is. */
int commit_due_ms(void);
/* Adds delta to node id's open count; returns the new count. */
int open_ref(uint32_t id, int delta);
/* The read-write table: the read-only one plus the changing ops. */
void rw_ops_fill(struct fuse_lowlevel_ops *rw,
    const struct fuse_lowlevel_ops *ro);

#endif
