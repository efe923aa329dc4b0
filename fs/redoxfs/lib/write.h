/*
 * Writing: the allocator, copy-on-write block updates, the node tree, and
 * transactions that commit through the header ring.
 *
 * Crash safety comes from one rule: nothing the committed header can
 * reach is overwritten.  New data goes to blocks that are free in the
 * committed state; blocks freed by a transaction are only reused after
 * the header that frees them is on disk.
 */
#ifndef REDOXFS_WRITE_H
#define REDOXFS_WRITE_H

#include "fs/redoxfs/lib/node.h"

/* Allocation levels: runs of up to 2^31 blocks. */
#define RFS_ALLOC_LEVELS 32

struct rfs_wr {
	uint8_t *free;		/* free now (allocations taken out) */
	uint8_t *fresh;		/* allocated by the open transaction */
	uint64_t *deferred;	/* (index, count) pairs freed by it */
	size_t ndef, capdef;
	uint64_t defblocks;	/* blocks in deferred */
	/*
	 * Lowest address first, as upstream's buddy allocator: no free
	 * aligned run of 2^l blocks starts below low[l], so the search for
	 * one starts there; every free lowers it.
	 */
	uint64_t low[RFS_ALLOC_LEVELS];
	uint64_t nfree;		/* bits set in free */
	/*
	 * A few blocks are kept back so that removing things, which needs
	 * new copies of metadata, still works on a full file system.
	 */
	int spend_reserve;
	int dirty;
	struct rfs_header saved;	/* header when the transaction began */
	uint8_t *zbuf;		/* 128 KiB scratch for records */
	uint8_t *cbuf;		/* and for compressing them */
	/*
	 * One operation inside a longer transaction (rfs_op_begin): what it
	 * did to the allocator, so a failure undoes it alone.  Blocks it
	 * allocated (opfresh) may be rewritten in place; blocks earlier
	 * operations of the transaction wrote are kept until it ends.
	 */
	int in_op;
	uint8_t *opfresh;
	struct rfs_undo { uint64_t index, count; int kind; } *undo;
	size_t nundo, capundo;
	uint64_t *pending;	/* (index, count): freed at the op's end */
	size_t npend, cappend;
	struct rfs_header op_hdr;
	size_t op_ndef;
	uint64_t op_defblocks;
	int op_dirty;
	/*
	 * TreeLists and node blocks are hashed at the commit, once, not at
	 * every rewrite: a change rewrites the same few blocks of the tree
	 * again and again within a batch.  Until then the pointer to one
	 * holds a stand-in hash (unique: caches key on pointers) and its
	 * bit is set here (fs->unhashed points at it).
	 */
	uint8_t *unhashed;
	uint64_t stand_in;
};

/* Sets up writing: replays the allocation log.  -EIO if it is unsound. */
int rfs_write_open(struct rfs *fs);
void rfs_write_close(struct rfs *fs);

/* Commits the open transaction (if it changed anything): log, header. */
int rfs_commit(struct rfs *fs);
/* Drops the open transaction's changes (after a failed operation). */
int rfs_abort(struct rfs *fs);

/*
 * Batching: many operations in one transaction.  rfs_op_begin marks the
 * start of one; rfs_op_end(fs, 0) keeps it, rfs_op_end(fs, err) undoes
 * just that operation (earlier ones stay) and returns err.  Without
 * them, a failed operation needs rfs_abort, which drops the whole open
 * transaction.  Commit outside operations only.
 */
void rfs_op_begin(struct rfs *fs);
int rfs_op_end(struct rfs *fs, int err);
/* Blocks freed by the open transaction, usable once it commits. */
uint64_t rfs_wr_deferred(struct rfs *fs);

/* Blocks only removals may use (at most; 1/16 of a small fs). */
#define RFS_RESERVE_BLOCKS 64

/*
 * Allocates 2^level blocks, aligned to their size, at the lowest index
 * that has them free (what upstream's buddy allocator picks); returns the
 * index or 0 when full.
 */
uint64_t rfs_alloc(struct rfs *fs, unsigned level);
/* Frees what p points to (now if this transaction allocated it). */
void rfs_free_ptr(struct rfs *fs, struct rfs_ptr p);

/*
 * Writes a block of 2^level blocks (data holds that many bytes) in place
 * of *p: reuses p's blocks if this transaction allocated them, else moves
 * it to new blocks and frees the old.  *p gets the new address and hash.
 * *delta, if given, gets the change in blocks held.
 */
int rfs_cow(struct rfs *fs, struct rfs_ptr *p, const uint8_t *data,
    unsigned level, unsigned decomp, int64_t *delta);
/* As rfs_cow, for file contents, which the metadata cache skips. */
int rfs_cow_data(struct rfs *fs, struct rfs_ptr *p, const uint8_t *data,
    unsigned level, unsigned decomp, int64_t *delta);

/* Node tree: store node block pointer for id, allocate an id, remove. */
int rfs_tree_set(struct rfs *fs, uint32_t id, struct rfs_ptr p);
int rfs_tree_insert(struct rfs *fs, struct rfs_ptr p, uint32_t *id);
int rfs_tree_remove(struct rfs *fs, uint32_t id);

/* Serializes n's fields into n->raw and writes the node. */
int rfs_node_store(struct rfs *fs, struct rfs_node *n);

/* Writes a new node and gives it the first free id. */
int rfs_node_store_new(struct rfs *fs, struct rfs_node *n, uint32_t *id);

/* Free count of the allocator (blocks). */
uint64_t rfs_wr_free_count(struct rfs *fs);

#endif
