/*
 * The dirty-record cache: file records being rewritten in pieces stay
 * uncompressed in memory until the commit that makes them durable, which
 * compresses and writes each once (filew.c's rfs_record_store).
 *
 * A cached record already owns its place in the node: filew.c allocates
 * blocks for it at its uncompressed level (so a write that succeeds has
 * its space) and stores a pointer to them whose hash is the entry's tag,
 * a number no block's seahash is expected to equal.  Reads of such a
 * pointer come from the entry (rfs_record_load asks rfs_rcache_load
 * first).  Entries are dropped only at rfs_rcache_flush, outside any
 * operation: a flush finds each entry's node and, if the node still
 * points at the tag (an undone operation, a truncate or an unlink may
 * have let go of it), stores the record; otherwise just forgets it.  So
 * an undone operation, which puts back an older pointer, never finds its
 * tag without an entry.
 */
#ifndef REDOXFS_RCACHE_H
#define REDOXFS_RCACHE_H

#include "fs/redoxfs/lib/node.h"

/* Entries (one record each, up to 128 KiB): 8 MiB at most. */
#define RFS_RCACHE_SLOTS 64

/*
 * If p's hash is the tag of an entry: *data gets its bytes and the
 * return is p's length (4096 << level).  Otherwise -ENOENT.
 */
long rfs_rcache_load(struct rfs *fs, struct rfs_ptr p, const uint8_t **data);

/* The entry's buffer (RFS_RECORD_SIZE bytes) if p carries its tag, or NULL. */
uint8_t *rfs_rcache_buf(struct rfs *fs, struct rfs_ptr p);

/*
 * Takes a free entry for record r of node id: *buf gets its buffer and
 * *tag the hash its pointer must carry.  -ENOSPC when every entry is
 * taken (the caller writes the record at once), -ENOMEM.
 */
int rfs_rcache_take(struct rfs *fs, uint32_t id, uint64_t r, uint8_t **buf,
    uint64_t *tag);
/* Gives back an entry taken whose tag was never stored anywhere. */
void rfs_rcache_untake(struct rfs *fs, uint64_t tag);

/*
 * Stores every entry a node still points at and forgets them all.
 * Outside operations only (rfs_commit calls it first).
 */
int rfs_rcache_flush(struct rfs *fs);

/* Forgets every entry (the transaction was dropped). */
void rfs_rcache_drop(struct rfs *fs);
/* Frees the cache. */
void rfs_rcache_free(struct rfs *fs);

#endif
