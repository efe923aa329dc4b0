/*
 * Writing file contents.  Records are rewritten whole, copy-on-write;
 * records over 4 KiB are stored LZ4-compressed when that saves at least
 * one level (as upstream does), and zeros written over a hole store
 * nothing.  A record written in pieces waits uncompressed in the record
 * cache (rcache.h) and is stored once, at the commit.  Unlike upstream, shrinking a file frees every record past
 * the new end and zeros the tail of the last one, so nothing leaks and
 * growing the file again reads zeros.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/filew.h"
#include "fs/redoxfs/lib/lz4.h"
#include "fs/redoxfs/lib/rcache.h"

static const unsigned lv_off[5] = { RFS_NODE_L0_OFF, RFS_NODE_L1_OFF,
	RFS_NODE_L2_OFF, RFS_NODE_L3_OFF, RFS_NODE_L4_OFF };
static const unsigned lv_cnt[5] = { RFS_NODE_L0_COUNT, RFS_NODE_L1_COUNT,
	RFS_NODE_L2_COUNT, RFS_NODE_L3_COUNT, RFS_NODE_L4_COUNT };

unsigned
rfs_level_for(uint64_t n)
{
	uint64_t blocks = (n + RFS_BLOCK_SIZE - 1) / RFS_BLOCK_SIZE;
	unsigned l = 0;

	while (((uint64_t)1 << l) < blocks)
		l++;
	return l;
}

static void
account(struct rfs_node *n, int64_t delta)
{
	n->blocks = (uint64_t)((int64_t)n->blocks + delta);
}

/* Sets the pointer of record r inside the list *lp at `depth`. */
static int
set_list(struct rfs *fs, struct rfs_node *n, struct rfs_ptr *lp,
    unsigned depth, uint64_t r, struct rfs_ptr p)
{
	uint8_t *blk = malloc(RFS_BLOCK_SIZE);
	unsigned i = (unsigned)(r >> (8 * (depth - 1)) & 0xFF);
	int err = 0, empty = 1;
	int64_t delta;

	if (blk == NULL)
		return -ENOMEM;
	if (rfs_ptr_is_null(*lp))
		memset(blk, 0, RFS_BLOCK_SIZE);
	else if ((err = rfs_read_meta(fs, *lp, blk)) != 0)
		goto out;
	if (depth == 1) {
		rfs_ptr_put(blk + i * RFS_PTR_SIZE, p);
	} else {
		struct rfs_ptr q = rfs_ptr_get(blk + i * RFS_PTR_SIZE);
		if ((err = set_list(fs, n, &q, depth - 1, r, p)) != 0)
			goto out;
		rfs_ptr_put(blk + i * RFS_PTR_SIZE, q);
	}
	for (unsigned k = 0; k < RFS_BLOCKLIST_ENTRIES && empty; k++)
		empty = rfs_ptr_is_null(rfs_ptr_get(blk + k * RFS_PTR_SIZE));
	if (empty) {
		if (!rfs_ptr_is_null(*lp))
			account(n, -1);
		rfs_free_ptr(fs, *lp);
		lp->addr = lp->hash = 0;
	} else if ((err = rfs_cow(fs, lp, blk, 0, 0, &delta)) == 0) {
		account(n, delta);
	}
out:
	free(blk);
	return err;
}

static int
set_record(struct rfs *fs, struct rfs_node *n, uint64_t r, struct rfs_ptr p)
{
	for (unsigned d = 0; d < 5; d++) {
		uint64_t span = (uint64_t)lv_cnt[d] << (8 * d);
		if (r >= span) {
			r -= span;
			continue;
		}
		uint8_t *slot = n->raw + lv_off[d] + (r >> (8 * d)) *
		    RFS_PTR_SIZE;
		if (d == 0) {
			rfs_ptr_put(slot, p);
			return 0;
		}
		struct rfs_ptr top = rfs_ptr_get(slot);
		int err = set_list(fs, n, &top, d, r, p);
		rfs_ptr_put(slot, top);
		return err;
	}
	return -EFBIG;
}

/* Frees records with index >= from under *lp (depth 0: *lp is one). */
static int
prune(struct rfs *fs, struct rfs_node *n, struct rfs_ptr *lp, unsigned depth,
    uint64_t base, uint64_t from)
{
	uint64_t span = (uint64_t)1 << (8 * depth);
	uint8_t *blk;
	int err = 0, changed = 0, empty = 1;
	int64_t delta;

	if (rfs_ptr_is_null(*lp) || base + span <= from)
		return 0;
	if (depth == 0) {
		account(n, -((int64_t)1 << rfs_addr_level(lp->addr)));
		rfs_free_ptr(fs, *lp);
		lp->addr = lp->hash = 0;
		return 0;
	}
	if ((blk = malloc(RFS_BLOCK_SIZE)) == NULL)
		return -ENOMEM;
	if ((err = rfs_read_meta(fs, *lp, blk)) != 0)
		goto out;
	for (unsigned i = 0; i < RFS_BLOCKLIST_ENTRIES; i++) {
		struct rfs_ptr q = rfs_ptr_get(blk + i * RFS_PTR_SIZE);
		uint64_t cb = base + ((uint64_t)i << (8 * (depth - 1)));
		if (rfs_ptr_is_null(q))
			continue;
		if ((err = prune(fs, n, &q, depth - 1, cb, from)) != 0)
			goto out;
		if (rfs_ptr_is_null(q)) {
			rfs_ptr_put(blk + i * RFS_PTR_SIZE, q);
			changed = 1;
		} else {
			empty = 0;
		}
	}
	if (empty) {
		account(n, -1);
		rfs_free_ptr(fs, *lp);
		lp->addr = lp->hash = 0;
	} else if (changed && (err = rfs_cow(fs, lp, blk, 0, 0, &delta)) == 0) {
		account(n, delta);
	}
out:
	free(blk);
	return err;
}

static int
prune_from(struct rfs *fs, struct rfs_node *n, uint64_t from)
{
	uint64_t base = 0;
	int err;

	for (unsigned d = 0; d < 5; d++) {
		for (unsigned i = 0; i < lv_cnt[d]; i++) {
			uint8_t *slot = n->raw + lv_off[d] + i * RFS_PTR_SIZE;
			struct rfs_ptr p = rfs_ptr_get(slot);
			if (rfs_ptr_is_null(p))
				continue;	/* most slots, most of the time */
			if ((err = prune(fs, n, &p, d, base +
			    ((uint64_t)i << (8 * d)), from)) != 0)
				return err;
			rfs_ptr_put(slot, p);
		}
		base += (uint64_t)lv_cnt[d] << (8 * d);
	}
	return 0;
}

int
rfs_record_store(struct rfs *fs, struct rfs_node *n, uint64_t r,
    struct rfs_ptr old, const uint8_t *data, unsigned level, int reserved)
{
	struct rfs_wr *w = fs->wr;
	size_t bytes = (size_t)RFS_BLOCK_SIZE << level;
	struct rfs_ptr np = old;
	int64_t delta;
	unsigned cl;
	int err;

	if (level > 0) {
		long c = lz4_compress(data, bytes, w->cbuf + 2,
		    (64u << 10) - 2);
		if (c > 0 && (cl = rfs_level_for((uint64_t)c + 2)) < level) {
			size_t cb = (size_t)RFS_BLOCK_SIZE << cl;
			rfs_put16(w->cbuf, (uint16_t)c);
			memset(w->cbuf + 2 + c, 0, cb - 2 - (size_t)c);
			if (reserved) {
				/* Give the reservation back first: a full
				 * disk then needs no room for both. */
				account(n, -((int64_t)1 <<
				    rfs_addr_level(np.addr)));
				rfs_free_ptr(fs, np);
				np.addr = np.hash = 0;
			}
			err = rfs_cow_data(fs, &np, w->cbuf, cl, level,
			    &delta);
			goto stored;
		}
	}
	/* A reservation is this transaction's: rewritten in place. */
	err = rfs_cow_data(fs, &np, data, level, 0, &delta);
stored:
	if (err)
		return err;
	account(n, delta);
	return set_record(fs, n, r, np);
}

/*
 * Record r is cached (p carries its tag): the bytes go into the entry.
 * A write past the reserved level reserves the larger one; the bytes
 * between the levels are zeroed first, since an undone operation may
 * have left some there.  With no room for it, the record is stored at
 * once, compressed if that fits (the entry is then forgotten at the
 * next flush, as the node no longer points at its tag).
 */
static int
write_cached(struct rfs *fs, struct rfs_node *n, uint64_t r,
    struct rfs_ptr p, uint8_t *ebuf, size_t j, const uint8_t *src, size_t k)
{
	unsigned ol = rfs_addr_level(p.addr), level = rfs_level_for(j + k);
	uint64_t idx;

	if (level > ol) {
		memset(ebuf + ((size_t)RFS_BLOCK_SIZE << ol), 0,
		    ((size_t)RFS_BLOCK_SIZE << level) -
		    ((size_t)RFS_BLOCK_SIZE << ol));
		if ((idx = rfs_alloc(fs, level)) == 0) {
			memcpy(ebuf + j, src, k);
			return rfs_record_store(fs, n, r, p, ebuf, level, 1);
		}
		rfs_free_ptr(fs, p);
		account(n, ((int64_t)1 << level) - ((int64_t)1 << ol));
		p.addr = rfs_addr_make(idx, level, 0);
		int err = set_record(fs, n, r, p);
		if (err)
			return err;
	}
	memcpy(ebuf + j, src, k);
	return 0;
}

/*
 * Starts caching record r (pointer old, `have` bytes at data) for a
 * write of k bytes at j: 1 if it did, 0 if the caller must write the
 * record at once (no free entry, or no room for the reservation, where
 * compression may still fit), -errno.  Unchanged bytes store nothing.
 */
static int
start_cached(struct rfs *fs, struct rfs_node *n, uint64_t r,
    struct rfs_ptr old, const uint8_t *data, size_t have, unsigned level,
    size_t j, const uint8_t *src, size_t k)
{
	size_t bytes = (size_t)RFS_BLOCK_SIZE << level;
	size_t kept = have < bytes ? have : bytes;
	uint8_t *ebuf;
	uint64_t tag, idx;
	struct rfs_ptr np;
	int err;

	if ((err = rfs_rcache_take(fs, n->id, r, &ebuf, &tag)) != 0)
		return err == -ENOSPC ? 0 : err;
	if (kept)
		memcpy(ebuf, data, kept);
	memset(ebuf + kept, 0, bytes - kept);
	if (memcmp(ebuf + j, src, k) == 0) {
		rfs_rcache_untake(fs, tag);
		return 1;	/* unchanged, or zeros over a hole */
	}
	if ((idx = rfs_alloc(fs, level)) == 0) {
		rfs_rcache_untake(fs, tag);
		return 0;
	}
	memcpy(ebuf + j, src, k);
	account(n, ((int64_t)1 << level) - (rfs_ptr_is_null(old) ? 0 :
	    (int64_t)1 << rfs_addr_level(old.addr)));
	rfs_free_ptr(fs, old);
	np.addr = rfs_addr_make(idx, level, 0);
	np.hash = tag;
	/* From here the tag is in the node: the entry stays until a flush. */
	if ((err = set_record(fs, n, r, np)) != 0)
		return err;
	return 1;
}

/*
 * Writes into records without touching the size.  A write of at most a
 * quarter of a record (sqlite's 4 KiB pages) goes into the record cache
 * (rcache.h), and so does any write to a record already there: a record
 * written in many pieces is compressed once, at the commit, not once per
 * piece.  Larger pieces are stored at once, as before: a streaming
 * writer's 64 KiB writes gain little from the cache (two pieces a
 * record) and in `bench/file_bench.sh` lost more to filling its entries
 * (first touches of 8 MiB in redoxfsd) than they saved.
 */
static int
write_records(struct rfs *fs, struct rfs_node *n, uint64_t off,
    const uint8_t *buf, size_t len)
{
	struct rfs_wr *w = fs->wr;
	uint64_t rs;
	size_t done = 0;
	int err;

	if (n->record_level > RFS_MAX_LEVEL)
		return -EIO;
	rs = (uint64_t)RFS_BLOCK_SIZE << n->record_level;
	while (done < len) {
		uint64_t pos = off + done, r = pos / rs;
		size_t j = (size_t)(pos % rs), k = (size_t)(rs - j);
		struct rfs_ptr old;
		const uint8_t *data;
		uint8_t *ebuf;
		long have;
		unsigned level, ol;
		size_t bytes;

		if (k > len - done)
			k = len - done;
		if ((err = rfs_node_record_ptr(fs, n, r, &old)) != 0)
			return err;
		if ((ebuf = rfs_rcache_buf(fs, old)) != NULL) {
			if ((err = write_cached(fs, n, r, old, ebuf, j,
			    buf + done, k)) != 0)
				return err;
			done += k;
			continue;
		}
		if ((have = rfs_record_load(fs, old, &data)) < 0)
			return (int)have;
		ol = rfs_ptr_is_null(old) ? 0 : rfs_addr_decomp(old.addr) ?
		    rfs_addr_decomp(old.addr) : rfs_addr_level(old.addr);
		level = rfs_level_for(j + k);
		if (level < ol)
			level = ol;
		if (k <= rs / 4) {
			err = start_cached(fs, n, r, old, data, (size_t)have,
			    level, j, buf + done, k);
			if (err < 0)
				return err;
			if (err == 1) {
				done += k;
				continue;
			}
		}
		bytes = (size_t)RFS_BLOCK_SIZE << level;
		size_t kept = (size_t)have < bytes ? (size_t)have : bytes;
		if (kept)
			memcpy(w->zbuf, data, kept);
		memset(w->zbuf + kept, 0, bytes - kept);
		if (memcmp(w->zbuf + j, buf + done, k) == 0) {
			done += k;	/* unchanged, or zeros over a hole */
			continue;
		}
		memcpy(w->zbuf + j, buf + done, k);
		if ((err = rfs_record_store(fs, n, r, old, w->zbuf, level,
		    0)) != 0)
			return err;
		done += k;
	}
	return 0;
}

static int
all_zero(const uint8_t *p, size_t n)
{
	static const uint8_t zeros[256];

	for (size_t k; n > 0; p += k, n -= k) {
		k = n < sizeof zeros ? n : sizeof zeros;
		if (memcmp(p, zeros, k) != 0)
			return 0;
	}
	return 1;
}

/* Zeros [from, end of its record) if that record exists. */
static int
zero_tail(struct rfs *fs, struct rfs_node *n, uint64_t from, uint64_t limit)
{
	uint64_t rs = (uint64_t)RFS_BLOCK_SIZE << n->record_level;
	uint64_t end = (from / rs + 1) * rs;
	struct rfs_ptr p;
	const uint8_t *data;
	uint8_t *z;
	long have;
	size_t j, k;
	int err;

	if (from % rs == 0)
		return 0;
	if (end > limit)
		end = limit;
	if ((err = rfs_node_record_ptr(fs, n, from / rs, &p)) != 0)
		return err;
	if (rfs_ptr_is_null(p) || end <= from)
		return 0;
	/*
	 * Usually the bytes are zeros already (this writer stores records
	 * zero-filled): an appending write finds its record's tail so, and
	 * then needs no buffer of zeros (a 64 KiB allocation, a mapping of
	 * its own, on every other 64 KiB write of a growing file).  The
	 * record stays loaded for the write that follows.
	 */
	if ((have = rfs_record_load(fs, p, &data)) < 0)
		return (int)have;
	j = (size_t)(from % rs);
	k = (size_t)(end - from);
	if ((size_t)have <= j || all_zero(data + j, (size_t)have - j < k ?
	    (size_t)have - j : k))
		return 0;
	if ((z = calloc(1, (size_t)(end - from))) == NULL)
		return -ENOMEM;
	err = write_records(fs, n, from, z, (size_t)(end - from));
	free(z);
	return err;
}

/*
 * Makes everything past `from` read as zeros before the size grows past
 * it (upstream may have left records there).
 */
static int
clear_past(struct rfs *fs, struct rfs_node *n, uint64_t from)
{
	uint64_t rs = (uint64_t)RFS_BLOCK_SIZE << n->record_level;
	int err;

	if ((err = zero_tail(fs, n, from, UINT64_MAX)) != 0)
		return err;
	return prune_from(fs, n, (from + rs - 1) / rs);
}

static int
uninline(struct rfs *fs, struct rfs_node *n)
{
	size_t keep = n->size < RFS_NODE_INLINE_MAX ? (size_t)n->size :
	    RFS_NODE_INLINE_MAX;
	uint8_t *old = malloc(RFS_NODE_INLINE_MAX);
	int err;

	if (old == NULL)
		return -ENOMEM;
	memcpy(old, n->raw + RFS_NODE_DATA, keep);
	memset(n->raw + RFS_NODE_DATA, 0, RFS_NODE_INLINE_MAX);
	n->flags &= ~RFS_NODE_FLAG_INLINE;
	if (n->record_level == 0 && (n->mode & RFS_MODE_TYPE) == RFS_MODE_FILE)
		n->record_level = RFS_RECORD_LEVEL;
	err = keep ? write_records(fs, n, 0, old, keep) : 0;
	free(old);
	return err;
}

int
rfs_node_write(struct rfs *fs, struct rfs_node *n, uint64_t off,
    const void *buf, size_t len)
{
	uint64_t end = off + len;
	int err;

	if (end < off || end > ((uint64_t)1 << 50))
		return -EFBIG;
	if (len == 0)
		return 0;
	if (rfs_node_inline(n)) {
		/* Upstream keeps data inline while the write ends below 3968. */
		if (end < RFS_NODE_INLINE_MAX && n->size < RFS_NODE_INLINE_MAX) {
			memcpy(n->raw + RFS_NODE_DATA + off, buf, len);
			if (end > n->size)
				n->size = end;
			return rfs_node_store(fs, n);
		}
		if ((err = uninline(fs, n)) != 0)
			return err;
	}
	/* Cheap when the tail is already zero: unchanged records stay. */
	if (end > n->size && (err = clear_past(fs, n, n->size)) != 0)
		return err;
	if ((err = write_records(fs, n, off, buf, len)) != 0)
		return err;
	if (end > n->size)
		n->size = end;
	return rfs_node_store(fs, n);
}

int
rfs_node_truncate(struct rfs *fs, struct rfs_node *n, uint64_t size)
{
	uint64_t rs;
	int err;

	if (size > ((uint64_t)1 << 50))
		return -EFBIG;
	if (size == n->size)
		return 0;
	if (rfs_node_inline(n) && size >= RFS_NODE_INLINE_MAX) {
		/* Upstream would keep a grown inline file; we move it out. */
		if ((err = uninline(fs, n)) != 0)
			return err;
	}
	if (rfs_node_inline(n)) {
		if (size < n->size) {
			uint64_t top = n->size < RFS_NODE_INLINE_MAX ? n->size :
			    RFS_NODE_INLINE_MAX;
			memset(n->raw + RFS_NODE_DATA + size, 0,
			    (size_t)(top - size));
		}
		n->size = size;
		return rfs_node_store(fs, n);
	}
	rs = (uint64_t)RFS_BLOCK_SIZE << n->record_level;
	if (size < n->size) {
		if ((err = prune_from(fs, n, (size + rs - 1) / rs)) != 0 ||
		    (err = zero_tail(fs, n, size, n->size)) != 0)
			return err;
	} else if ((err = clear_past(fs, n, n->size)) != 0) {
		return err;
	}
	n->size = size;
	return rfs_node_store(fs, n);
}

int
rfs_node_free_data(struct rfs *fs, struct rfs_node *n)
{
	if (rfs_node_inline(n) || rfs_node_is_dir(n))
		return 0;
	return prune_from(fs, n, 0);
}
