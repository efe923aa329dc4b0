/*
 * redoxfsd's shared state and its commit policy.  The daemon serves one
 * mounted RedoxFS as a scheme; rfsd_handle, rfsd_path, rfsd_file and
 * rfsd_meta build on what is here.
 *
 * Commit policy: changes collect in one open transaction and are made
 * durable (committed, then the disk flushed) on fsync, when the last
 * handle of a changed file closes, after RFSD_BATCH_OPS changes or
 * RFSD_BATCH_SECS seconds, and at exit.  Nothing fsync'd is ever lost;
 * a crash may lose the batched tail.
 */
#ifndef REDOXFS_RFSD_H
#define REDOXFS_RFSD_H

#include <stddef.h>
#include <stdint.h>

#include "fs/redoxfs/meta.h"

#define RFSD_BATCH_OPS	256
#define RFSD_BATCH_SECS	2
/* Below this many free blocks, a batch is committed before each change. */
#define RFSD_LOW_SPACE	1024

/* Blocks of a batch the write-back layer holds at most (16 MiB). */
#define RFSD_WB_BLOCKS	4096

struct rfsd {
	struct rfs fs;
	struct rfs_disk raw;	/* disk:N */
	struct rfs_disk disk;	/* the write-back layer over it */
	int diskfd;
	const char *disk_name;	/* "disk:0" */
	const char *scheme;	/* "file" */
	int readonly;
	/* The open transaction: changes in it and when the first came. */
	unsigned pending;
	uint64_t pending_since;
	/* Counters for the info handle. */
	uint64_t commits, aborts, lost;
};

extern struct rfsd rfsd;

/* The time now (CLOCK_REALTIME). */
void rfsd_now(uint64_t *sec, uint32_t *nsec);

/*
 * Call before a change: commits the batch when space runs low, so that
 * a change failing half way (ENOSPC) can be rolled back alone.
 */
void rfsd_begin(void);
/*
 * Call after a change with its result: on success counts it (and may
 * commit the batch); on failure rolls the transaction back if the error
 * may have left half a change behind.  Returns err.
 */
int rfsd_end(int err);
/* Commits the batch if it is older than RFSD_BATCH_SECS (each request). */
void rfsd_tick(void);
/* Commits and flushes everything now (fsync, sync, exit). */
int rfsd_sync(void);

#endif
