/* The allocator, copy-on-write writes, the node tree, and commits. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/meta.h"
#include "fs/redoxfs/lib/rcache.h"
#include "fs/redoxfs/lib/seahash.h"
#include "fs/redoxfs/lib/write.h"

static int bit(const uint8_t *m, uint64_t i) { return m[i >> 3] >> (i & 7) & 1; }
static void set(uint8_t *m, uint64_t i) { m[i >> 3] |= (uint8_t)(1u << (i & 7)); }
static void clr(uint8_t *m, uint64_t i) { m[i >> 3] &= (uint8_t)~(1u << (i & 7)); }

/* Rebuilds the free bitmap by replaying the log from its oldest block. */
static int
load_free(struct rfs *fs)
{
	struct rfs_wr *w = fs->wr;
	struct rfs_ptr p = fs->hdr.alloc, *chain = NULL;
	uint8_t blk[RFS_BLOCK_SIZE];
	size_t n = 0;
	int err = 0;

	memset(w->free, 0, (size_t)(fs->blocks / 8 + 1));
	memset(w->low, 0, sizeof w->low);	/* anything may be free */
	w->nfree = 0;
	while (!rfs_ptr_is_null(p)) {
		if (n >= fs->blocks) {
			err = rfs_fail(fs, -EIO, "allocation log loops", 0);
			goto out;
		}
		if ((err = rfs_read_meta(fs, p, blk)) != 0)
			goto out;
		struct rfs_ptr *v = realloc(chain, (n + 1) * sizeof *v);
		if (v == NULL) {
			err = -ENOMEM;
			goto out;
		}
		chain = v;
		chain[n++] = p;
		p = rfs_ptr_get(blk);
	}
	while (n-- > 0) {
		if ((err = rfs_read_meta(fs, chain[n], blk)) != 0)
			goto out;
		for (unsigned i = 0; i < RFS_ALLOCLIST_ENTRIES; i++) {
			uint64_t idx = rfs_le64(blk + 16 + 16 * i);
			int64_t cnt = (int64_t)rfs_le64(blk + 24 + 16 * i);
			uint64_t k = cnt < 0 ? (uint64_t)0 - (uint64_t)cnt :
			    (uint64_t)cnt;
			if (cnt == 0)
				continue;
			if (idx >= fs->blocks || k > fs->blocks - idx ||
			    idx <= RFS_HEADER_RING) {
				err = rfs_fail(fs, -EIO, "allocation log entry "
				    "out of range", rfs_addr_index(chain[n].addr));
				goto out;
			}
			for (uint64_t b = idx; b < idx + k; b++) {
				if (bit(w->free, b) == (cnt > 0)) {
					err = rfs_fail(fs, -EIO, "allocation log "
					    "replays inconsistently", b);
					goto out;
				}
				if (cnt > 0)
					set(w->free, b);
				else
					clr(w->free, b);
			}
		}
	}
out:
	free(chain);
	if (err == 0)
		w->nfree = rfs_wr_free_count(fs);
	return err;
}

int
rfs_write_open(struct rfs *fs)
{
	struct rfs_wr *w = calloc(1, sizeof *w);
	size_t bytes = (size_t)(fs->blocks / 8 + 1);
	int err;

	/* A header claiming more than the disk holds: refuse, not allocate. */
	if (fs->disk->write == NULL || fs->block > fs->disk->size_blocks ||
	    fs->blocks > fs->disk->size_blocks - fs->block) {
		free(w);
		return rfs_fail(fs, -EIO, "file system larger than the disk",
		    fs->blocks);
	}
	if (w == NULL)
		return -ENOMEM;
	fs->wr = w;
	w->free = malloc(bytes);
	w->fresh = calloc(1, bytes);
	w->opfresh = calloc(1, bytes);
	w->unhashed = calloc(1, bytes);
	w->stand_in = 0x5354414e44494e00ull;	/* "STANDIN" */
	w->zbuf = malloc(RFS_RECORD_SIZE);
	w->cbuf = malloc(RFS_RECORD_SIZE);
	if (!w->free || !w->fresh || !w->opfresh || !w->unhashed ||
	    !w->zbuf || !w->cbuf) {
		rfs_write_close(fs);
		return -ENOMEM;
	}
	if ((err = load_free(fs)) != 0) {
		rfs_write_close(fs);
		return err;
	}
	fs->unhashed = w->unhashed;
	w->saved = fs->hdr;
	return 0;
}

void
rfs_write_close(struct rfs *fs)
{
	struct rfs_wr *w = fs->wr;

	if (w == NULL)
		return;
	rfs_rcache_free(fs);
	free(w->free);
	free(w->fresh);
	free(w->opfresh);
	free(w->unhashed);
	fs->unhashed = NULL;
	free(w->undo);
	free(w->pending);
	free(w->deferred);
	free(w->zbuf);
	free(w->cbuf);
	free(w);
	fs->wr = NULL;
}

uint64_t
rfs_wr_free_count(struct rfs *fs)
{
	uint64_t n = 0;

	for (uint64_t b = 0; b < fs->blocks; b++) {
		if ((b & 7) == 0 && b + 8 <= fs->blocks) {
			n += (uint64_t)__builtin_popcount(fs->wr->free[b >> 3]);
			b += 7;
			continue;
		}
		n += bit(fs->wr->free, b);
	}
	return n;
}

/* The first block at or after b whose bit is v (nblocks if none). */
static uint64_t
next_bit(const uint8_t *m, uint64_t b, uint64_t nblocks, int v)
{
	uint8_t skip = v ? 0x00 : 0xFF;

	while (b < nblocks) {
		if ((b & 7) == 0 && b + 8 <= nblocks && m[b >> 3] == skip) {
			b += 8;
			continue;
		}
		if (bit(m, b) == v)
			return b;
		b++;
	}
	return nblocks;
}

/* Is the aligned run at b of n blocks all free? */
static int
run_free(const uint8_t *m, uint64_t b, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (!bit(m, b + i))
			return 0;
	return 1;
}

/* Are the 64 blocks from b (a multiple of 64) all in use? */
static int
word_used(const uint8_t *m, uint64_t b)
{
	uint64_t v;

	memcpy(&v, m + (b >> 3), sizeof v);
	return v == 0;
}

/*
 * The lowest b >= from, aligned to n = 2^level, whose n blocks are all
 * free; 0 if none.  Whole bytes (words, below level 6) are skipped at
 * once, so a 1 GiB disk is a few thousand steps.
 */
static uint64_t
find_run(const uint8_t *m, uint64_t from, uint64_t nblocks, unsigned level)
{
	uint64_t n = (uint64_t)1 << level, b = (from + n - 1) & ~(n - 1);

	while (b + n <= nblocks) {
		if (level < 6 && (b & 63) == 0 && b + 64 <= nblocks &&
		    word_used(m, b)) {
			b += 64;
			continue;
		}
		if (level < 3) {
			/* The run is part of one byte. */
			unsigned mask = ((1u << n) - 1) << (b & 7);
			if ((m[b >> 3] & mask) == mask)
				return b;
			b = m[b >> 3] == 0 ? (b | 7) + 1 : b + n;
			continue;
		}
		/* Whole bytes: past one not all free, the next run. */
		uint64_t i = b >> 3, end = (b + n) >> 3;
		while (i < end && m[i] == 0xFF)
			i++;
		if (i == end)
			return b;
		b = ((i << 3) + n) & ~(n - 1);
	}
	return 0;
}

/* Blocks from b on were freed: runs of every level may start lower. */
static void
low_lower(struct rfs_wr *w, uint64_t b)
{
	for (unsigned l = 0; l < RFS_ALLOC_LEVELS; l++) {
		uint64_t a = b & ~(((uint64_t)1 << l) - 1);
		if (a < w->low[l])
			w->low[l] = a;
	}
}

enum { UNDO_ALLOC, UNDO_FREE };

static int
undo_push(struct rfs_wr *w, uint64_t index, uint64_t count, int kind)
{
	if (w->nundo == w->capundo) {
		size_t cap = w->capundo ? 2 * w->capundo : 64;
		struct rfs_undo *v = realloc(w->undo, cap * sizeof *v);
		if (v == NULL)
			return -ENOMEM;
		w->undo = v;
		w->capundo = cap;
	}
	w->undo[w->nundo].index = index;
	w->undo[w->nundo].count = count;
	w->undo[w->nundo++].kind = kind;
	return 0;
}

/* Appends (index, n) to a pair list; 0 or -ENOMEM. */
static int
pairs_add(uint64_t **v, size_t *len, size_t *cap, uint64_t index, uint64_t n)
{
	if (*len + 2 > *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		uint64_t *nv = realloc(*v, c * sizeof *nv);
		if (nv == NULL)
			return -ENOMEM;
		*v = nv;
		*cap = c;
	}
	(*v)[(*len)++] = index;
	(*v)[(*len)++] = n;
	return 0;
}

/*
 * Upstream takes the lowest-addressed free buddy block of this level or
 * larger and splits it, keeping the right halves free.  Its buddies are
 * always joined when both are free, so that block is the lowest aligned
 * run of 2^level free blocks, which this finds on the bitmap.  Small
 * blocks thus fill holes low down and large aligned runs stay free.
 */
uint64_t
rfs_alloc(struct rfs *fs, unsigned level)
{
	struct rfs_wr *w = fs->wr;
	uint64_t n, b, reserve = fs->blocks / 16 < RFS_RESERVE_BLOCKS ?
	    fs->blocks / 16 : RFS_RESERVE_BLOCKS;

	if (level >= RFS_ALLOC_LEVELS)
		return 0;
	n = (uint64_t)1 << level;
	if (w->nfree < n + (w->spend_reserve ? 0 : reserve))
		return 0;
	b = w->low[level] > RFS_HEADER_RING ? w->low[level] :
	    RFS_HEADER_RING + 1;
	if ((b = find_run(w->free, b, fs->blocks, level)) == 0) {
		w->low[level] = fs->blocks;
		return 0;
	}
	if (w->in_op && undo_push(w, b, n, UNDO_ALLOC) != 0)
		return 0;
	for (uint64_t i = 0; i < n; i++) {
		clr(w->free, b + i);
		set(w->fresh, b + i);
		if (w->in_op)
			set(w->opfresh, b + i);
	}
	w->low[level] = b + n;
	w->nfree -= n;
	w->dirty = 1;
	return b;
}

/* Tells the disk that blocks never committed are free again. */
static void
discard(struct rfs *fs, uint64_t index, uint64_t n)
{
	if (fs->disk->discard)
		(void)fs->disk->discard(fs->disk->ctx, fs->block + index, (size_t)n);
}

static void
free_run(struct rfs *fs, uint64_t index, uint64_t n)
{
	struct rfs_wr *w = fs->wr;

	if (index == 0 || index >= fs->blocks || n > fs->blocks - index)
		return;
	w->dirty = 1;
	if (run_free(w->fresh, index, n) && w->in_op &&
	    !run_free(w->opfresh, index, n)) {
		/*
		 * An earlier operation of this transaction wrote it: if this
		 * one fails, that block is needed again, so it is only free
		 * once this operation ends.  (A failed push leaks the run
		 * until the next mount, which fsck reports.)
		 */
		pairs_add(&w->pending, &w->npend, &w->cappend, index, n);
		return;
	}
	if (run_free(w->fresh, index, n)) {
		/* Never committed: nothing on disk refers to it. */
		if (w->in_op && undo_push(w, index, n, UNDO_FREE) != 0)
			return;
		for (uint64_t i = 0; i < n; i++) {
			clr(w->fresh, index + i);
			if (w->in_op)
				clr(w->opfresh, index + i);
			set(w->free, index + i);
		}
		w->nfree += n;
		low_lower(w, index);
		/* Its bytes are dead even if this operation fails: undoing it
		 * frees the block again (it was allocated by the same one). */
		discard(fs, index, n);
		return;
	}
	/* Leaks the run on failure, which fsck reports. */
	if (pairs_add(&w->deferred, &w->ndef, &w->capdef, index, n) == 0)
		w->defblocks += n;
}

void
rfs_op_begin(struct rfs *fs)
{
	struct rfs_wr *w = fs->wr;

	w->in_op = 1;
	w->nundo = 0;
	w->npend = 0;
	w->op_hdr = fs->hdr;
	w->op_ndef = w->ndef;
	w->op_defblocks = w->defblocks;
	w->op_dirty = w->dirty;
}

int
rfs_op_end(struct rfs *fs, int err)
{
	struct rfs_wr *w = fs->wr;

	if (!w->in_op)
		return err;
	w->in_op = 0;
	if (err == 0) {
		for (size_t i = 0; i < w->nundo; i++)
			for (uint64_t b = 0; b < w->undo[i].count; b++)
				clr(w->opfresh, w->undo[i].index + b);
		/* Blocks of earlier operations this one replaced. */
		for (size_t i = 0; i < w->npend; i += 2) {
			for (uint64_t b = 0; b < w->pending[i + 1]; b++) {
				clr(w->fresh, w->pending[i] + b);
				set(w->free, w->pending[i] + b);
				w->nfree++;
			}
			low_lower(w, w->pending[i]);
			discard(fs, w->pending[i], w->pending[i + 1]);
		}
		return 0;
	}
	/* Undo newest first: the allocator is as it was at rfs_op_begin. */
	while (w->nundo > 0) {
		struct rfs_undo *u = &w->undo[--w->nundo];
		for (uint64_t b = u->index; b < u->index + u->count; b++) {
			if (u->kind == UNDO_ALLOC) {
				clr(w->fresh, b);
				clr(w->opfresh, b);
				set(w->free, b);
			} else {
				set(w->fresh, b);
				clr(w->free, b);
			}
		}
		if (u->kind == UNDO_ALLOC) {
			w->nfree += u->count;
			low_lower(w, u->index);
		} else {
			w->nfree -= u->count;
		}
	}
	w->npend = 0;
	w->ndef = w->op_ndef;
	w->defblocks = w->op_defblocks;
	w->dirty = w->op_dirty;
	fs->hdr = w->op_hdr;
	fs->cache_valid = 0;
	return err;
}

uint64_t
rfs_wr_deferred(struct rfs *fs)
{
	return fs->wr->defblocks;
}

void
rfs_free_ptr(struct rfs *fs, struct rfs_ptr p)
{
	if (!rfs_ptr_is_null(p) && !rfs_ptr_is_marker(p))
		free_run(fs, rfs_addr_index(p.addr),
		    (uint64_t)1 << rfs_addr_level(p.addr));
}

/* May p's blocks be rewritten where they are (this operation's own)? */
static int
reusable(struct rfs *fs, struct rfs_ptr p, unsigned level)
{
	struct rfs_wr *w = fs->wr;
	uint64_t n = (uint64_t)1 << level, idx = rfs_addr_index(p.addr);

	return idx != 0 && rfs_addr_level(p.addr) == level &&
	    idx + n <= fs->blocks && run_free(w->fresh, idx, n) &&
	    (!w->in_op || run_free(w->opfresh, idx, n));
}

static int
cow(struct rfs *fs, struct rfs_ptr *p, const uint8_t *data,
    unsigned level, unsigned decomp, int64_t *delta, int meta, int defer)
{
	struct rfs_wr *w = fs->wr;
	uint64_t n = (uint64_t)1 << level, idx = rfs_addr_index(p->addr);
	int err;

	if (delta)
		*delta = 0;
	if (!reusable(fs, *p, level)) {
		uint64_t nidx = rfs_alloc(fs, level);
		if (nidx == 0)
			return -ENOSPC;
		if (delta)
			*delta = (int64_t)n - (rfs_ptr_is_null(*p) ? 0 :
			    (int64_t)1 << rfs_addr_level(p->addr));
		rfs_free_ptr(fs, *p);
		idx = nidx;
	}
	if ((err = fs->disk->write(fs->disk->ctx, fs->block + idx, data,
	    (size_t)n)) != 0)
		return err;
	fs->cache_valid = 0;
	p->addr = rfs_addr_make(idx, level, decomp);
	if (defer) {
		p->hash = w->stand_in++;
		set(w->unhashed, idx);
	} else {
		p->hash = seahash(data, (size_t)(n * RFS_BLOCK_SIZE));
		for (uint64_t i = 0; i < n; i++)
			clr(w->unhashed, idx + i);
	}
	w->dirty = 1;
	if (meta && level == 0 && decomp == 0)
		rfs_mcache_put(fs, *p, data);
	return 0;
}

int
rfs_cow(struct rfs *fs, struct rfs_ptr *p, const uint8_t *data,
    unsigned level, unsigned decomp, int64_t *delta)
{
	return cow(fs, p, data, level, decomp, delta, 1, 0);
}

/* As rfs_cow for a TreeList or node block: hashed at the commit. */
static int
cow_tree(struct rfs *fs, struct rfs_ptr *p, const uint8_t *data)
{
	return cow(fs, p, data, 0, 0, NULL, 1, 1);
}

/*
 * As cow_tree for a reusable block changed in its cache slot
 * (rfs_mcache_edit): written where it is, the slot kept as its copy.
 */
static int
cow_tree_slot(struct rfs *fs, struct rfs_ptr *p, const uint8_t *slot)
{
	struct rfs_wr *w = fs->wr;
	struct rfs_ptr old = *p;
	uint64_t idx = rfs_addr_index(p->addr);
	int err;

	if ((err = fs->disk->write(fs->disk->ctx, fs->block + idx, slot,
	    1)) != 0) {
		rfs_mcache_drop(fs, old);	/* no longer what `old` names */
		return err;
	}
	fs->cache_valid = 0;
	p->hash = w->stand_in++;
	set(w->unhashed, idx);
	w->dirty = 1;
	rfs_mcache_retag(fs, old, *p);
	return 0;
}

int
rfs_cow_data(struct rfs *fs, struct rfs_ptr *p, const uint8_t *data,
    unsigned level, unsigned decomp, int64_t *delta)
{
	return cow(fs, p, data, level, decomp, delta, 0, 0);
}

/* Node tree. */

static int
tree_read(struct rfs *fs, struct rfs_ptr p, uint8_t *blk)
{
	if (rfs_ptr_is_null(p)) {
		memset(blk, 0, RFS_BLOCK_SIZE);
		return 0;
	}
	return rfs_read_meta(fs, p, blk);
}

static void
tl_setfull(uint8_t *blk, unsigned i, int v)
{
	uint8_t *b = blk + RFS_TREELIST_FLAGS + i / 8;

	*b = (uint8_t)(v ? *b | 1u << (i % 8) : *b & ~(1u << (i % 8)));
}

static int
tl_full(const uint8_t *blk, unsigned i)
{
	return blk[RFS_TREELIST_FLAGS + i / 8] >> (i % 8) & 1;
}

static int
tl_all_full(const uint8_t *blk)
{
	for (unsigned i = 0; i < RFS_TREELIST_ENTRIES; i++)
		if (!tl_full(blk, i))
			return 0;
	return 1;
}

static int
tl_empty(const uint8_t *blk)
{
	for (unsigned i = 0; i < RFS_TREELIST_ENTRIES; i++)
		if (!rfs_ptr_is_null(rfs_ptr_get(blk + i * RFS_PTR_SIZE)))
			return 0;
	return 1;
}

/*
 * Level k's TreeList at p, to read: the cache's copy, or a copy in buf
 * (zeros for a null pointer).
 */
static const uint8_t *
tree_peek(struct rfs *fs, struct rfs_ptr p, uint8_t *buf, int *err)
{
	const uint8_t *b;

	*err = 0;
	if (rfs_ptr_is_null(p)) {
		memset(buf, 0, RFS_BLOCK_SIZE);
		return buf;
	}
	if ((b = rfs_meta_peek(fs, p, err)) != NULL || *err)
		return b;
	*err = tree_read(fs, p, buf);
	return *err ? NULL : buf;
}

/*
 * Sets slot `id` of the tree to p (null to remove), rewriting the lists
 * on the way up and keeping the full flags true.  A list this operation
 * wrote already is changed in its cache slot and written from there
 * (cow_tree_slot); others are copied, changed and moved (cow_tree).
 */
static int
tree_put(struct rfs *fs, uint32_t id, struct rfs_ptr p)
{
	uint8_t *buf = malloc(RFS_BLOCK_SIZE);
	struct rfs_ptr ptrs[4];
	unsigned idx[4];
	int err = 0;

	if (buf == NULL)
		return -ENOMEM;
	/* ptrs[3] is the header's; ptrs[k - 1] is in level k's list. */
	ptrs[3] = fs->hdr.tree;
	for (int k = 3; k >= 0; k--) {
		idx[k] = id >> (8 * k) & 0xFF;
		if (idx[k] >= RFS_TREELIST_ENTRIES) {
			err = -ENOENT;
			goto out;
		}
		if (k == 0)
			break;
		const uint8_t *b = tree_peek(fs, ptrs[k], buf, &err);
		if (b == NULL)
			goto out;
		ptrs[k - 1] = rfs_ptr_get(b + idx[k] * RFS_PTR_SIZE);
	}
	struct rfs_ptr child = p;
	int full = !rfs_ptr_is_null(p);
	for (int k = 0; k <= 3; k++) {
		uint8_t *blk = NULL;
		if (!rfs_ptr_is_null(ptrs[k]) && reusable(fs, ptrs[k], 0) &&
		    (blk = rfs_mcache_edit(fs, ptrs[k], &err)) == NULL && err)
			goto out;
		if (blk == NULL) {
			if ((err = tree_read(fs, ptrs[k], buf)) != 0)
				goto out;
			blk = buf;
		}
		rfs_ptr_put(blk + idx[k] * RFS_PTR_SIZE, child);
		tl_setfull(blk, idx[k], full);
		if (k == 0 && (id & ~0xFFu) == 0)
			tl_setfull(blk, 0, 1);	/* id 0 is never handed out */
		if (tl_empty(blk) && k < 3) {
			if (blk != buf)
				rfs_mcache_drop(fs, ptrs[k]);
			rfs_free_ptr(fs, ptrs[k]);
			child.addr = child.hash = 0;
			full = 0;
			continue;
		}
		child = ptrs[k];
		err = blk != buf ? cow_tree_slot(fs, &child, blk) :
		    cow_tree(fs, &child, blk);
		if (err != 0)
			goto out;
		full = tl_all_full(blk);
	}
	fs->hdr.tree = child;
out:
	free(buf);
	return err;
}

int
rfs_tree_set(struct rfs *fs, uint32_t id, struct rfs_ptr p)
{
	if (id == 0 || rfs_ptr_is_null(p))
		return -EINVAL;
	return tree_put(fs, id, p);
}

int
rfs_tree_remove(struct rfs *fs, uint32_t id)
{
	if (id <= 1)
		return -EINVAL;
	return tree_put(fs, id, (struct rfs_ptr){ 0, 0 });
}

/* Finds the first free id, following "not full" flags down. */
int
rfs_tree_insert(struct rfs *fs, struct rfs_ptr p, uint32_t *id)
{
	uint8_t *blk = malloc(RFS_BLOCK_SIZE);
	struct rfs_ptr cur = fs->hdr.tree;
	uint32_t found = 0;
	int err = 0;

	if (blk == NULL)
		return -ENOMEM;
	for (int k = 3; k >= 0; k--) {
		unsigned i;
		const uint8_t *b = tree_peek(fs, cur, blk, &err);
		if (b == NULL)
			goto out;
		for (i = 0; i < RFS_TREELIST_ENTRIES; i++)
			if (!tl_full(b, i) && !(k == 0 && (found | i) == 0))
				break;
		if (i == RFS_TREELIST_ENTRIES) {
			err = -ENOSPC;
			goto out;
		}
		found |= i << (8 * k);
		if (k > 0) {
			cur = rfs_ptr_get(b + i * RFS_PTR_SIZE);
			if (rfs_ptr_is_null(cur))
				break;	/* an empty branch: its first slot */
		}
	}
	if (found == 0)
		found = 1;
	if ((err = tree_put(fs, found, p)) == 0)
		*id = found;
out:
	free(blk);
	return err;
}

static void
node_encode(struct rfs_node *n)
{
	uint8_t *r = n->raw;

	rfs_put16(r + RFS_NODE_MODE, n->mode);
	rfs_put32(r + RFS_NODE_UID, n->uid);
	rfs_put32(r + RFS_NODE_GID, n->gid);
	rfs_put32(r + RFS_NODE_LINKS, n->links);
	rfs_put64(r + RFS_NODE_SIZE, n->size);
	rfs_put64(r + RFS_NODE_BLOCKS, n->blocks);
	rfs_put64(r + RFS_NODE_CTIME, n->ctime);
	rfs_put32(r + RFS_NODE_CTIME_NSEC, n->ctime_nsec);
	rfs_put64(r + RFS_NODE_MTIME, n->mtime);
	rfs_put32(r + RFS_NODE_MTIME_NSEC, n->mtime_nsec);
	rfs_put64(r + RFS_NODE_ATIME, n->atime);
	rfs_put32(r + RFS_NODE_ATIME_NSEC, n->atime_nsec);
	rfs_put32(r + RFS_NODE_RECORD_LEVEL, n->record_level);
	rfs_put32(r + RFS_NODE_FLAGS, n->flags);
}

int
rfs_node_store(struct rfs *fs, struct rfs_node *n)
{
	int err;

	node_encode(n);
	if ((err = cow_tree(fs, &n->where, n->raw)) != 0)
		return err;
	return rfs_tree_set(fs, n->id, n->where);
}

int
rfs_node_store_new(struct rfs *fs, struct rfs_node *n, uint32_t *id)
{
	int err;

	node_encode(n);
	n->where.addr = n->where.hash = 0;
	if ((err = cow_tree(fs, &n->where, n->raw)) != 0)
		return err;
	if ((err = rfs_tree_insert(fs, n->where, id)) != 0)
		return err;
	n->id = *id;
	return 0;
}

/* Commit. */

/* Does p name a block written with a stand-in hash (cow_tree)? */
static int
unhashed(struct rfs *fs, struct rfs_ptr p)
{
	uint64_t idx = rfs_addr_index(p.addr);

	return !rfs_ptr_is_null(p) && !rfs_ptr_is_marker(p) &&
	    rfs_addr_level(p.addr) == 0 && idx < fs->blocks &&
	    bit(fs->wr->unhashed, idx);
}

/*
 * Gives *p, a TreeList of level k (or a node block, k = -1) whose hash
 * waits, its hash: first its own waiting children's, written into it.
 * Only blocks the batch wrote can wait, and the path to each from the
 * header was rewritten with it, so the walk stays on the batch's own
 * blocks.  bufs holds a block per level.
 */
static int
hash_tree(struct rfs *fs, struct rfs_ptr *p, int k, uint32_t id,
    uint8_t *bufs)
{
	uint8_t *blk = bufs + (size_t)(k + 1) * RFS_BLOCK_SIZE;
	uint64_t idx = rfs_addr_index(p->addr);
	struct rfs_ptr old = *p;
	int err, changed = 0;

	if (!unhashed(fs, *p))
		return 0;
	if ((err = rfs_read_meta(fs, *p, blk)) != 0)
		return err;
	for (unsigned i = 0; k >= 0 && i < RFS_TREELIST_ENTRIES; i++) {
		struct rfs_ptr c = rfs_ptr_get(blk + i * RFS_PTR_SIZE);
		if (!unhashed(fs, c))
			continue;
		if ((err = hash_tree(fs, &c, k - 1, id | i << (8 * k),
		    bufs)) != 0)
			return err;
		rfs_ptr_put(blk + i * RFS_PTR_SIZE, c);
		changed = 1;
	}
	if (changed && (err = fs->disk->write(fs->disk->ctx, fs->block + idx,
	    blk, 1)) != 0)
		return err;
	p->hash = seahash(blk, RFS_BLOCK_SIZE);
	clr(fs->wr->unhashed, idx);
	rfs_mcache_put(fs, *p, blk);
	if (k < 0)
		rfs_nlinks_rehash(fs, id, old, *p);
	return 0;
}

/* Counts the free runs of the bitmap once deferred frees are added. */
static uint64_t
runs_of(const uint8_t *m, uint64_t nblocks)
{
	uint64_t runs = 0, b = 0;

	while ((b = next_bit(m, b, nblocks, 1)) < nblocks) {
		runs++;
		b = next_bit(m, b, nblocks, 0);
	}
	return runs;
}

int
rfs_commit(struct rfs *fs)
{
	struct rfs_wr *w = fs->wr;
	size_t bytes = (size_t)(fs->blocks / 8 + 1);
	uint8_t *final = NULL, *blk = NULL, hdr[RFS_BLOCK_SIZE];
	uint64_t *logb = NULL, nlog = 0, runs;
	struct rfs_ptr p;
	int err = 0;

	/* Records waiting uncompressed in the record cache go out first. */
	if ((err = rfs_rcache_flush(fs)) != 0)
		return err;
	if (!w->dirty)
		return 0;
	final = malloc(bytes);
	blk = malloc(5 * RFS_BLOCK_SIZE);
	if (final == NULL || blk == NULL) {
		err = -ENOMEM;
		goto out;
	}
	if ((err = hash_tree(fs, &fs->hdr.tree, 3, 0, blk)) != 0)
		goto out;
	/* The old log's blocks go; the new log lists every free run. */
	for (p = fs->hdr.alloc; !rfs_ptr_is_null(p); p = rfs_ptr_get(blk)) {
		if ((err = rfs_read_meta(fs, p, blk)) != 0)
			goto out;
		rfs_free_ptr(fs, p);
	}
	for (;;) {
		memcpy(final, w->free, bytes);
		for (size_t i = 0; i < w->ndef; i += 2)
			for (uint64_t b = 0; b < w->deferred[i + 1]; b++)
				set(final, w->deferred[i] + b);
		runs = runs_of(final, fs->blocks);
		if (runs <= nlog * RFS_ALLOCLIST_ENTRIES && nlog > 0)
			break;
		uint64_t *v = realloc(logb, (nlog + 1) * sizeof *v);
		if (v == NULL) {
			err = -ENOMEM;
			goto out;
		}
		logb = v;
		int spend = w->spend_reserve;
		w->spend_reserve = 1;	/* the log must always be writable */
		logb[nlog] = rfs_alloc(fs, 0);
		w->spend_reserve = spend;
		if (logb[nlog++] == 0) {
			err = -ENOSPC;
			goto out;
		}
	}
	/* Fill the log blocks, oldest first, each pointing at the last. */
	p.addr = p.hash = 0;
	uint64_t b = 0;
	for (uint64_t k = 0; k < nlog; k++) {
		memset(blk, 0, RFS_BLOCK_SIZE);
		rfs_ptr_put(blk, p);
		for (unsigned i = 0; i < RFS_ALLOCLIST_ENTRIES; i++) {
			if ((b = next_bit(final, b, fs->blocks, 1)) >= fs->blocks)
				break;
			uint64_t s = b;
			b = next_bit(final, b, fs->blocks, 0);
			rfs_put64(blk + 16 + 16 * i, s);
			rfs_put64(blk + 24 + 16 * i, b - s);
		}
		p.addr = rfs_addr_make(logb[k], 0, 0);
		p.hash = 0;
		if ((err = rfs_cow(fs, &p, blk, 0, 0, NULL)) != 0)
			goto out;
	}
	fs->hdr.alloc = p;
	/* Everything reachable from the new header is written; seal it. */
	if (fs->disk->flush && (err = fs->disk->flush(fs->disk->ctx)) != 0)
		goto out;
	fs->hdr.generation++;
	rfs_header_build(&fs->hdr, hdr);
	fs->hdr_block = fs->block + fs->hdr.generation % RFS_HEADER_RING;
	if ((err = fs->disk->write(fs->disk->ctx, fs->hdr_block, hdr, 1)) != 0)
		goto out;
	if (fs->disk->flush && (err = fs->disk->flush(fs->disk->ctx)) != 0)
		goto out;
	memcpy(w->free, final, bytes);
	w->nfree = rfs_wr_free_count(fs);
	for (size_t i = 0; i < w->ndef; i += 2)
		low_lower(w, w->deferred[i]);
	memset(w->fresh, 0, bytes);
	memset(w->unhashed, 0, bytes);
	w->ndef = 0;
	w->defblocks = 0;
	w->dirty = 0;
	w->saved = fs->hdr;
out:
	free(final);
	free(blk);
	free(logb);
	return err;
}

int
rfs_abort(struct rfs *fs)
{
	struct rfs_wr *w = fs->wr;

	fs->hdr = w->saved;
	fs->cache_valid = 0;
	rfs_rcache_drop(fs);
	w->in_op = 0;
	w->nundo = w->npend = 0;
	memset(w->opfresh, 0, (size_t)(fs->blocks / 8 + 1));
	memset(w->fresh, 0, (size_t)(fs->blocks / 8 + 1));
	memset(w->unhashed, 0, (size_t)(fs->blocks / 8 + 1));
	w->ndef = 0;
	w->defblocks = 0;
	w->dirty = 0;
	return load_free(fs);
}
