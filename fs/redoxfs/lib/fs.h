/*
 * A mounted RedoxFS image: the disk it lives on, the current header, and
 * checked block reads.  The library does no I/O of its own; the caller
 * hands it a struct rfs_disk that reads and writes 4096-byte blocks.
 */
#ifndef REDOXFS_FS_H
#define REDOXFS_FS_H

#include <stddef.h>
#include <stdint.h>

#include "fs/redoxfs/lib/format.h"

struct rfs_disk {
	void *ctx;
	/* Each returns 0 or a negative errno. */
	int (*read)(void *ctx, uint64_t block, void *buf, size_t nblocks);
	int (*write)(void *ctx, uint64_t block, const void *buf, size_t nblocks);
	int (*flush)(void *ctx);
	uint64_t size_blocks;
	/* Optional (may be NULL): the writer freed these blocks before any
	 * commit referred to them; their contents are no longer needed. */
	int (*discard)(void *ctx, uint64_t block, size_t nblocks);
};

struct rfs_header {
	uint64_t version;
	uint8_t uuid[16];
	uint64_t size;		/* bytes, not counting a reserved prefix */
	uint64_t generation;
	struct rfs_ptr tree;
	struct rfs_ptr alloc;
	struct rfs_ptr release;
	int encrypted;
};

/* Why rfs_header_parse rejected a block. */
enum {
	RFS_HDRCHK_OK = 0,
	RFS_HDRCHK_NOSIG,		/* no "RedoxFS\0" signature */
	RFS_HDRCHK_VERSION,	/* signature, but not version 8 */
	RFS_HDRCHK_BADHASH,	/* signature and version, wrong seahash */
};

struct rfs {
	struct rfs_disk *disk;
	uint64_t block;		/* disk block of the fs start (ring base) */
	uint64_t blocks;	/* fs size in blocks, from the header */
	uint64_t hdr_block;	/* ring slot the current header came from */
	struct rfs_header hdr;
	/* Writer state (write.h), NULL when read-only. */
	struct rfs_wr *wr;
	/*
	 * Optional: is node id still open?  Then its last unlink puts it on
	 * the release list instead of freeing it (see rfs_release_node).
	 */
	int (*busy)(void *arg, uint32_t id);
	void *busy_arg;
	/* Skip block hash checks (fuzzing: lets garbage reach the parsers). */
	int nohash;
	/* What went wrong last, for tools: a fixed string and a block. */
	const char *why;
	uint64_t why_block;
	/* Scratch for one stored and one decompressed record. */
	uint8_t *rec;
	uint8_t *dec;
	/* The last decoded record, kept because readers walk files in order. */
	int cache_valid;
	struct rfs_ptr cache_ptr;
	size_t cache_len;
	/*
	 * Metadata blocks already read (hash checked) or written, by block
	 * pointer: copy-on-write never changes what a pointer names, so
	 * entries never go stale.  Allocated on first use; rfs_close frees.
	 */
	struct rfs_mcache *mcache;
	/* File records written but not yet stored (rcache.h), or NULL. */
	struct rfs_rcache *rcache;
	/* Directories' subdirectory counts, for stat (meta.h). */
	struct rfs_nlinks *nlinks;
	/*
	 * The writer's bitmap (write.c) of blocks written in the open
	 * transaction whose hash waits for the commit: a pointer to one
	 * holds a stand-in, so reads do not check it.  NULL read-only.
	 */
	const uint8_t *unhashed;
};

/* Checks a header block; fills *h on RFS_HDRCHK_OK. */
int rfs_header_parse(const uint8_t raw[RFS_BLOCK_SIZE], struct rfs_header *h);
/* Serializes *h into raw (hashes included). */
void rfs_header_build(const struct rfs_header *h, uint8_t raw[RFS_BLOCK_SIZE]);

/*
 * Finds the file system on `disk` (the first valid header in the first
 * 65536 blocks, then the newest in its ring) and sets up *fs.
 * -ENOENT: no RedoxFS header; -EOPNOTSUPP: encrypted; -ENOMEM; -EIO.
 */
int rfs_open(struct rfs *fs, struct rfs_disk *disk);
/* As rfs_open, but the ring must start at disk block `block`. */
int rfs_open_at(struct rfs *fs, struct rfs_disk *disk, uint64_t block);
void rfs_close(struct rfs *fs);

/* Reads fs-relative blocks, checking they lie inside the fs. */
int rfs_read_blocks(struct rfs *fs, uint64_t index, void *buf, size_t n);

/*
 * Reads the block `p` points to (2^level blocks) into buf, which holds
 * `cap` bytes, and checks its seahash.  Returns the byte count read.
 * -ENOENT for a null pointer; -EIO if it is out of range, too large or
 * its hash is wrong (fs->why says which).
 */
long rfs_read_ptr(struct rfs *fs, struct rfs_ptr p, void *buf, size_t cap);
/*
 * As rfs_read_ptr, for metadata blocks, which are one uncompressed block.
 * Served from fs->mcache when the pointer was seen before.
 */
int rfs_read_meta(struct rfs *fs, struct rfs_ptr p, uint8_t buf[RFS_BLOCK_SIZE]);
/* Remembers a metadata block just written at p (the writer calls it). */
void rfs_mcache_put(struct rfs *fs, struct rfs_ptr p,
    const uint8_t buf[RFS_BLOCK_SIZE]);
/* Forgets every cached block (after the disk changed under the fs). */
void rfs_mcache_clear(struct rfs *fs);
/*
 * Allocates the cache now and touches all its pages, for a long-lived
 * server: each page's first touch is a page fault, some 10 to 20 us on
 * a VM, which would otherwise land on the first thousand changes.
 * -ENOMEM if it cannot be allocated.
 */
int rfs_mcache_warm(struct rfs *fs);
/*
 * The cache's own copy of metadata block p (read into the cache if it is
 * not there), to read without copying: valid until the next block goes
 * through the cache.  NULL with *err = 0 when there is no cache to use
 * (then read a copy with rfs_read_meta); NULL with *err < 0 on errors.
 */
const uint8_t *rfs_meta_peek(struct rfs *fs, struct rfs_ptr p, int *err);
/*
 * As rfs_meta_peek, for the writer to change the block in place: it
 * then writes those bytes under a new pointer `to` (same address) and
 * calls rfs_mcache_retag(fs, p, to), or rfs_mcache_drop(fs, p).
 */
uint8_t *rfs_mcache_edit(struct rfs *fs, struct rfs_ptr p, int *err);
void rfs_mcache_retag(struct rfs *fs, struct rfs_ptr from, struct rfs_ptr to);
void rfs_mcache_drop(struct rfs *fs, struct rfs_ptr p);

/*
 * Looks up node `id` in the tree: fills buf with its block and *where
 * with the pointer to it.  -ENOENT if there is no such node.
 */
int rfs_tree_get(struct rfs *fs, uint32_t id, uint8_t buf[RFS_BLOCK_SIZE],
    struct rfs_ptr *where);

/*
 * Free blocks according to the allocation log (the sum of its entries);
 * -EIO if the log cannot be read.
 */
int64_t rfs_free_blocks(struct rfs *fs);

static inline int
rfs_fail(struct rfs *fs, int err, const char *why, uint64_t block)
{
	fs->why = why;
	fs->why_block = block;
	return err;
}

#endif
