/*
 * redoxfsd's shared state and its commit policy.  The daemon serves one
 * mounted RedoxFS as a scheme; rfsd_handle, rfsd_path, rfsd_file and
 * rfsd_meta build on what is here.
 *
 * Commit policy (policy.h, the same as redoxfs-fuse's): changes collect
 * in one open transaction and are made durable (committed, which flushes
 * the disk around the header) on fsync of any handle, after each write
 * through an O_SYNC/O_DSYNC description, at exit (SIGTERM), and within
 * the policy's window of changes, bytes and time, even when no request
 * comes (the request loop wakes for it).  Closing a file commits nothing.
 * Nothing fsync'd is ever lost; a crash loses at most the window.
 */
#ifndef REDOXFS_RFSD_H
#define REDOXFS_RFSD_H

#include <stddef.h>
#include <stdint.h>

#include "fs/redoxfs/lib/meta.h"
#include "fs/redoxfs/lib/policy.h"

/* Below this many free blocks, a batch is committed before each change. */
#define RFSD_LOW_SPACE	1024

/* Blocks of a batch the write-back layer holds at most (16 MiB). */
#define RFSD_WB_BLOCKS	4096

struct rfsd {
	struct rfs fs;
	struct rfs_disk raw;	/* disk:N */
	struct rfs_disk disk;	/* the write-back layer over it */
	int diskfd;
	int schemefd;		/* ":file", for answers given later (locks) */
	const char *disk_name;	/* "disk:0" */
	const char *scheme;	/* "file" */
	int readonly;
	/* The open transaction: its changes, bytes, and when it began. */
	struct rfs_policy pol;
	/* Counters for the info handle. */
	uint64_t commits, aborts, lost;
};

extern struct rfsd rfsd;

/*
 * Starts a request, or a tick without one: the policy's clock is read
 * afresh at its first use, then kept for the rest of it (a change and
 * the check after it need one reading, not two system calls).
 */
void rfsd_request(void);

/* The time now (CLOCK_REALTIME). */
void rfsd_now(uint64_t *sec, uint32_t *nsec);

/*
 * Called once at the start of every request, before it loads a node:
 * commits the batch when space runs low, so that a change failing half
 * way (ENOSPC) can be rolled back alone.  Never later: the commit stores
 * the record cache's records and the file nodes that point at them, so
 * a node loaded before it is stale (its writes then read a record by a
 * stand-in hash, EIO; storing it puts the stand-ins back).
 */
void rfsd_begin(void);
/*
 * Call after a change with its result: on success counts it (and may
 * commit the batch); on failure rolls the transaction back if the error
 * may have left half a change behind.  Returns err.
 */
int rfsd_end(int err);
/* A write request wrote `bytes` bytes (counted toward the window). */
void rfsd_wrote(uint64_t bytes);
/*
 * Commits the batch if the policy says it is due; returns milliseconds
 * until it will be (-1: nothing waits), how long the loop may sleep.
 */
int64_t rfsd_tick(void);
/* Commits and flushes everything now (fsync, sync, exit). */
int rfsd_sync(void);

#endif
