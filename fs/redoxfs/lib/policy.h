/*
 * policy.h - when a batch of changes is committed: the one durability
 * policy of redoxfs-fuse and redoxfsd (POSIX's, as ARCHITECTURE.md asks).
 *
 * Changes collect in one open transaction.  The daemons commit it (which
 * flushes the disk around the header) on fsync, fdatasync and sync of any
 * file, after each write through a handle opened O_SYNC or O_DSYNC, at
 * unmount and at shutdown; close does not.  Otherwise a commit comes when
 * the batch reaches RFS_POLICY_OPS changes or RFS_POLICY_BYTES written
 * bytes, or when its oldest change is RFS_POLICY_MS old, whichever comes
 * first: a crash loses at most that much that was never synced.
 *
 * - 1 s: a crash loses at most the last second of unsynced work (ext4
 *   allows 5 s), while an idle or slowly changing fs commits at most once
 *   a second: two disk flushes, a few ms.
 * - 1024 changes: bounds what a crash undoes in a metadata storm
 *   (create, rename, unlink run at thousands a second) and the metadata
 *   blocks one batch holds in memory, at one commit per thousand changes.
 * - 8 MiB: bounds the unsynced data a crash loses at a streaming writer's
 *   speed, and keeps a batch (its data and the copy-on-write metadata
 *   above it) within redoxfsd's 16 MiB write-back layer, so it goes out
 *   once, at its commit.
 *
 * The module only counts; the caller keeps the clock (milliseconds on a
 * monotonic clock) and commits.  Library code: no I/O.
 */
#ifndef REDOXFS_POLICY_H
#define REDOXFS_POLICY_H

#include <stdint.h>

#include "fs/redoxfs/lib/fs.h"

#define RFS_POLICY_OPS		1024
#define RFS_POLICY_BYTES	(8u << 20)
#define RFS_POLICY_MS		1000

struct rfs_policy {
	uint32_t ops;		/* uncommitted changes */
	uint64_t bytes;		/* bytes they wrote */
	uint64_t since;		/* when the first came (ms); valid if ops */
};

/* A change happened at now_ms, writing `bytes` bytes (0 for metadata). */
void rfs_policy_change(struct rfs_policy *p, uint64_t bytes, uint64_t now_ms);
/* Should the batch be committed now? */
int rfs_policy_due(const struct rfs_policy *p, uint64_t now_ms);
/*
 * Milliseconds until the batch is due (0: now), or -1 if nothing waits:
 * how long a daemon may sleep without a request.
 */
int64_t rfs_policy_wait_ms(const struct rfs_policy *p, uint64_t now_ms);
/* The batch was committed (or dropped): start counting afresh. */
void rfs_policy_committed(struct rfs_policy *p);
/*
 * Space, not durability: should the batch be committed before a change
 * that may need `need` blocks?  Blocks the batch freed are reusable only
 * after it commits, so commit when free space runs short (under need
 * plus 16 MiB, or 1/16 of a smaller disk) and some waits on the commit,
 * or when much (1/8 of the disk) does.  fs must be open for writing.
 */
int rfs_policy_space_due(struct rfs *fs, uint64_t need);

#endif
