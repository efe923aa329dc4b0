/*
 * Adding and removing directory entries in the htree.  A full DirList
 * splits in two by name hash, and a full index node likewise; a split at
 * the root adds a level.  Index slots stay sorted and each holds the
 * largest hash below it, which is what lookups rely on.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/lib/dirw.h"

struct ent {
	uint32_t id, hash;
	uint8_t len;
	char name[RFS_NAME_MAX];
};

struct split {
	int has;
	struct rfs_ptr ptr;
	uint32_t max;
};

static struct rfs_ptr
marker(unsigned depth)
{
	struct rfs_ptr m = { RFS_ADDR_MARKER | depth, UINT64_MAX };
	return m;
}

static int
ent_cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	return (x->hash > y->hash) - (x->hash < y->hash);
}

static int
gather(void *arg, uint32_t id, const char *name, size_t len)
{
	struct ent **pp = arg, *e = (*pp)++;

	e->id = id;
	e->len = (uint8_t)len;
	memcpy(e->name, name, len);
	e->hash = rfs_htree_hash(name, len);
	return 0;
}

/*
 * Writes a DirList or index block of dir copy-on-write.  The directory's
 * `blocks` counts each such block it holds, as upstream's does.
 */
static int
dir_cow(struct rfs *fs, struct rfs_node *dir, struct rfs_ptr *p,
    const uint8_t *blk)
{
	int64_t delta;
	int err = rfs_cow(fs, p, blk, 0, 0, &delta);

	if (err == 0)
		dir->blocks = (uint64_t)((int64_t)dir->blocks + delta);
	return err;
}

/* Packs entries [a, b) into a DirList block. */
static void
pack(uint8_t *blk, const struct ent *v, size_t a, size_t b)
{
	unsigned pos = 0;

	memset(blk, 0, RFS_BLOCK_SIZE);
	for (size_t i = a; i < b; i++) {
		rfs_put32(blk + pos, v[i].id);
		blk[pos + 4] = v[i].len;
		memcpy(blk + pos + 5, v[i].name, v[i].len);
		pos += 5u + v[i].len;
	}
	rfs_put16(blk + RFS_DIRLIST_COUNT, (uint16_t)(b - a));
	rfs_put16(blk + RFS_DIRLIST_LEN, (uint16_t)pos);
}

static int
leaf_add(struct rfs *fs, struct rfs_node *dir, struct rfs_ptr *p,
    const struct ent *e, uint32_t *max, struct split *sp, uint8_t *blk)
{
	unsigned used, count;
	const char *why;
	int err;

	if ((err = rfs_read_meta(fs, *p, blk)) != 0)
		return err;
	if (rfs_dirlist_walk(blk, NULL, NULL, &why) != 0)
		return rfs_fail(fs, -EIO, why, rfs_addr_index(p->addr));
	used = rfs_le16(blk + RFS_DIRLIST_LEN);
	count = rfs_le16(blk + RFS_DIRLIST_COUNT);
	if (used + 5u + e->len <= RFS_DIRLIST_BYTES) {
		rfs_put32(blk + used, e->id);
		blk[used + 4] = e->len;
		memcpy(blk + used + 5, e->name, e->len);
		rfs_put16(blk + RFS_DIRLIST_COUNT, (uint16_t)(count + 1));
		rfs_put16(blk + RFS_DIRLIST_LEN, (uint16_t)(used + 5 + e->len));
		/* The parent keeps the larger of this and its old bound. */
		*max = e->hash;
		return dir_cow(fs, dir, p, blk);
	}
	/* Split by hash into two blocks of about equal bytes. */
	struct ent *v = malloc((count + 1) * sizeof *v), *end = v;
	size_t n = count + 1, cut = 0, bytes = 0, half;
	if (v == NULL)
		return -ENOMEM;
	rfs_dirlist_walk(blk, gather, &end, &why);
	v[count] = *e;
	qsort(v, n, sizeof *v, ent_cmp);
	half = (used + 5u + e->len) / 2;
	while (cut < n - 1 && bytes + 5u + v[cut].len <= half)
		bytes += 5u + v[cut++].len;
	if (cut == 0)
		cut = 1;
	pack(blk, v, 0, cut);
	*max = v[cut - 1].hash;
	if ((err = dir_cow(fs, dir, p, blk)) == 0) {
		pack(blk, v, cut, n);
		sp->ptr.addr = sp->ptr.hash = 0;
		sp->max = v[n - 1].hash;
		sp->has = 1;
		dir->size += RFS_BLOCK_SIZE;
		err = dir_cow(fs, dir, &sp->ptr, blk);
	}
	free(v);
	return err;
}

static unsigned
slots_used(const uint8_t *blk)
{
	unsigned n = 0;

	while (n < RFS_HTREE_ENTRIES && !rfs_ptr_is_null(rfs_ptr_get(blk +
	    n * RFS_HTREE_PTR_SIZE + 4)))
		n++;
	return n;
}

static void
slot_put(uint8_t *blk, unsigned i, uint32_t h, struct rfs_ptr p)
{
	rfs_put32(blk + i * RFS_HTREE_PTR_SIZE, h);
	rfs_ptr_put(blk + i * RFS_HTREE_PTR_SIZE + 4, p);
}

static void
clear_slots(uint8_t *blk, unsigned from)
{
	struct rfs_ptr null = { 0, 0 };

	for (unsigned i = from; i < RFS_HTREE_ENTRIES; i++)
		slot_put(blk, i, RFS_HTREE_EMPTY_HASH, null);
	memset(blk + RFS_HTREE_ENTRIES * RFS_HTREE_PTR_SIZE, 0,
	    RFS_BLOCK_SIZE - RFS_HTREE_ENTRIES * RFS_HTREE_PTR_SIZE);
}

static int
node_add(struct rfs *fs, struct rfs_node *dir, struct rfs_ptr *p,
    unsigned depth, const struct ent *e, uint32_t *max, struct split *sp)
{
	uint8_t *blk = malloc(RFS_BLOCK_SIZE);
	struct split csp = { 0 };
	unsigned n, i;
	uint32_t cmax;
	int err;

	if (blk == NULL)
		return -ENOMEM;
	if (depth == 0) {
		err = leaf_add(fs, dir, p, e, max, sp, blk);
		free(blk);
		return err;
	}
	if ((err = rfs_read_meta(fs, *p, blk)) != 0)
		goto out;
	if ((n = slots_used(blk)) == 0) {
		err = rfs_fail(fs, -EIO, "empty htree node", p->addr >> 8);
		goto out;
	}
	for (i = 0; i < n - 1; i++)
		if (rfs_le32(blk + i * RFS_HTREE_PTR_SIZE) >= e->hash)
			break;
	struct rfs_ptr child = rfs_ptr_get(blk + i * RFS_HTREE_PTR_SIZE + 4);
	if ((err = node_add(fs, dir, &child, depth - 1, e, &cmax, &csp)) != 0)
		goto out;
	uint32_t old = rfs_le32(blk + i * RFS_HTREE_PTR_SIZE);
	/* A slot's hash only grows: it bounds what lies below it. */
	slot_put(blk, i, csp.has || cmax > old ? cmax : old, child);
	if (csp.has) {
		/* The right half goes in a new slot after i. */
		uint8_t *all = malloc((RFS_HTREE_ENTRIES + 1) *
		    RFS_HTREE_PTR_SIZE);
		unsigned total = n + 1, left;
		if (all == NULL) {
			err = -ENOMEM;
			goto out;
		}
		if (csp.max < old)
			csp.max = old;
		memcpy(all, blk, (i + 1) * RFS_HTREE_PTR_SIZE);
		rfs_put32(all + (i + 1) * RFS_HTREE_PTR_SIZE, csp.max);
		rfs_ptr_put(all + (i + 1) * RFS_HTREE_PTR_SIZE + 4, csp.ptr);
		memcpy(all + (i + 2) * RFS_HTREE_PTR_SIZE,
		    blk + (i + 1) * RFS_HTREE_PTR_SIZE,
		    (n - i - 1) * RFS_HTREE_PTR_SIZE);
		/* Full: this node splits in halves too. */
		left = total <= RFS_HTREE_ENTRIES ? total : total / 2;
		memcpy(blk, all, left * RFS_HTREE_PTR_SIZE);
		clear_slots(blk, left);
		if (left < total) {
			uint8_t *tmp = malloc(RFS_BLOCK_SIZE);
			if (tmp == NULL) {
				free(all);
				err = -ENOMEM;
				goto out;
			}
			memcpy(tmp, all + left * RFS_HTREE_PTR_SIZE,
			    (total - left) * RFS_HTREE_PTR_SIZE);
			clear_slots(tmp, total - left);
			sp->has = 1;
			sp->ptr.addr = sp->ptr.hash = 0;
			sp->max = rfs_le32(tmp + (total - left - 1) *
			    RFS_HTREE_PTR_SIZE);
			dir->size += RFS_BLOCK_SIZE;
			err = dir_cow(fs, dir, &sp->ptr, tmp);
			free(tmp);
		}
		free(all);
		n = left;
		if (err)
			goto out;
	}
	*max = rfs_le32(blk + (n - 1) * RFS_HTREE_PTR_SIZE);
	err = dir_cow(fs, dir, p, blk);
out:
	free(blk);
	return err;
}

int
rfs_dir_add(struct rfs *fs, struct rfs_node *dir, const char *name,
    size_t len, uint32_t id)
{
	struct rfs_ptr m = rfs_ptr_get(dir->raw + RFS_NODE_L0_OFF);
	struct rfs_ptr root = rfs_ptr_get(dir->raw + RFS_NODE_L0_OFF + 16);
	struct split sp = { 0 };
	struct ent e;
	uint32_t max;
	unsigned depth;
	int err;

	if (len == 0 || len > RFS_NAME_MAX)
		return len ? -ENAMETOOLONG : -EINVAL;
	e.id = id;
	e.len = (uint8_t)len;
	memcpy(e.name, name, len);
	e.hash = rfs_htree_hash(name, len);
	if (!rfs_ptr_is_marker(m)) {
		uint8_t blk[RFS_BLOCK_SIZE];
		pack(blk, &e, 0, 1);
		root.addr = root.hash = 0;
		if ((err = dir_cow(fs, dir, &root, blk)) != 0)
			return err;
		dir->size += RFS_BLOCK_SIZE;
		depth = 0;
	} else {
		depth = rfs_addr_level(m.addr);
		if ((err = node_add(fs, dir, &root, depth, &e, &max, &sp)) != 0)
			return err;
		if (sp.has) {
			/* The root split: a new root above both halves. */
			uint8_t blk[RFS_BLOCK_SIZE];
			if (depth + 1 > RFS_HTREE_MAX_DEPTH)
				return -ENOSPC;
			clear_slots(blk, 0);
			slot_put(blk, 0, max, root);
			slot_put(blk, 1, sp.max, sp.ptr);
			root.addr = root.hash = 0;
			if ((err = dir_cow(fs, dir, &root, blk)) != 0)
				return err;
			dir->size += RFS_BLOCK_SIZE;
			depth++;
		}
	}
	rfs_ptr_put(dir->raw + RFS_NODE_L0_OFF, marker(depth));
	rfs_ptr_put(dir->raw + RFS_NODE_L0_OFF + 16, root);
	return rfs_node_store(fs, dir);
}

/* Removal.  *gone is set when the block under *p became empty (freed). */
/* Writes a changed directory block, or frees it (*gone = 1) if empty. */
static int
put_or_drop(struct rfs *fs, struct rfs_node *dir, struct rfs_ptr *p,
    const uint8_t *blk, int empty, int *gone)
{
	if (!empty)
		return dir_cow(fs, dir, p, blk);
	dir->blocks -= (uint64_t)1 << rfs_addr_level(p->addr);
	rfs_free_ptr(fs, *p);
	p->addr = p->hash = 0;
	dir->size -= RFS_BLOCK_SIZE;
	*gone = 1;
	return 0;
}

static int
node_remove(struct rfs *fs, struct rfs_node *dir, struct rfs_ptr *p,
    unsigned depth, const char *name, size_t len, uint32_t h, uint32_t *id,
    int *gone)
{
	uint8_t *blk = malloc(RFS_BLOCK_SIZE);
	int err = -ENOENT;

	*gone = 0;
	if (blk == NULL)
		return -ENOMEM;
	if ((err = rfs_read_meta(fs, *p, blk)) != 0)
		goto out;
	if (depth == 0) {
		const char *why;
		unsigned count = rfs_le16(blk + RFS_DIRLIST_COUNT);
		unsigned used = rfs_le16(blk + RFS_DIRLIST_LEN), pos = 0;
		if (rfs_dirlist_walk(blk, NULL, NULL, &why) != 0) {
			err = rfs_fail(fs, -EIO, why, rfs_addr_index(p->addr));
			goto out;
		}
		err = -ENOENT;
		for (unsigned i = 0; i < count; i++) {
			unsigned esz = 5u + blk[pos + 4];
			if (blk[pos + 4] == len && !memcmp(blk + pos + 5, name,
			    len)) {
				*id = rfs_le32(blk + pos);
				memmove(blk + pos, blk + pos + esz,
				    used - pos - esz);
				memset(blk + used - esz, 0, esz);
				rfs_put16(blk + RFS_DIRLIST_COUNT,
				    (uint16_t)(count - 1));
				rfs_put16(blk + RFS_DIRLIST_LEN,
				    (uint16_t)(used - esz));
				err = 0;
				break;
			}
			pos += esz;
		}
		if (err)
			goto out;
		err = put_or_drop(fs, dir, p, blk, count == 1, gone);
		goto out;
	}
	unsigned n = slots_used(blk);
	uint32_t last = 0;
	err = -ENOENT;
	for (unsigned i = 0; i < n; i++) {
		uint32_t sh = rfs_le32(blk + i * RFS_HTREE_PTR_SIZE);
		struct rfs_ptr c = rfs_ptr_get(blk + i * RFS_HTREE_PTR_SIZE + 4);
		int cg;
		if (sh < h)
			continue;
		if (last > h)
			break;
		last = sh;
		err = node_remove(fs, dir, &c, depth - 1, name, len, h, id, &cg);
		if (err == -ENOENT)
			continue;
		if (err)
			goto out;
		if (cg) {
			memmove(blk + i * RFS_HTREE_PTR_SIZE,
			    blk + (i + 1) * RFS_HTREE_PTR_SIZE,
			    (n - i - 1) * RFS_HTREE_PTR_SIZE);
			clear_slots(blk, n - 1);
			n--;
		} else {
			slot_put(blk, i, sh, c);
		}
		err = put_or_drop(fs, dir, p, blk, n == 0, gone);
		goto out;
	}
out:
	free(blk);
	return err;
}

int
rfs_dir_remove(struct rfs *fs, struct rfs_node *dir, const char *name,
    size_t len, uint32_t *id)
{
	struct rfs_ptr m = rfs_ptr_get(dir->raw + RFS_NODE_L0_OFF);
	struct rfs_ptr root = rfs_ptr_get(dir->raw + RFS_NODE_L0_OFF + 16);
	int gone, err;

	if (!rfs_ptr_is_marker(m))
		return -ENOENT;
	err = node_remove(fs, dir, &root, rfs_addr_level(m.addr), name, len,
	    rfs_htree_hash(name, len), id, &gone);
	if (err)
		return err;
	if (gone) {
		/* The last entry went: back to an empty directory. */
		memset(dir->raw + RFS_NODE_L0_OFF, 0, 2 * RFS_PTR_SIZE);
	} else {
		rfs_ptr_put(dir->raw + RFS_NODE_L0_OFF + 16, root);
	}
	return rfs_node_store(fs, dir);
}
