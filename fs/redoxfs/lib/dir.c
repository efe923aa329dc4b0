/* Reading htree directories. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/lib/seahash.h"

uint32_t
rfs_htree_hash(const char *name, size_t len)
{
	uint32_t h = (uint32_t)seahash(name, len);

	/* ~0 marks empty index slots, so no real name may hash to it. */
	return h == 0xFFFFFFFFu ? 0xFFFFFFFEu : h;
}

int
rfs_dirlist_walk(const uint8_t blk[RFS_BLOCK_SIZE], rfs_dir_cb cb, void *arg,
    const char **why)
{
	unsigned count = rfs_le16(blk + RFS_DIRLIST_COUNT);
	unsigned used = rfs_le16(blk + RFS_DIRLIST_LEN);
	unsigned pos = 0;
	int r;

	if (used > RFS_DIRLIST_BYTES) {
		*why = "DirList byte count past the block";
		return -EIO;
	}
	for (unsigned i = 0; i < count; i++) {
		if (pos + 5 > used) {
			*why = "DirList entry past its byte count";
			return -EIO;
		}
		uint32_t id = rfs_le32(blk + pos);
		unsigned nlen = blk[pos + 4];
		if (nlen == 0) {
			*why = "DirList entry with an empty name";
			return -EIO;
		}
		if (pos + 5 + nlen > used) {
			*why = "DirList name past its byte count";
			return -EIO;
		}
		if (cb && (r = cb(arg, id, (const char *)blk + pos + 5, nlen)))
			return r;
		pos += 5 + nlen;
	}
	if (pos != used) {
		*why = "DirList byte count does not match its entries";
		return -EIO;
	}
	return 0;
}

int
rfs_dir_root(struct rfs *fs, const struct rfs_node *dir, int *depth,
    struct rfs_ptr *root)
{
	struct rfs_ptr m;

	if (!rfs_node_is_dir(dir))
		return -ENOTDIR;
	if (rfs_node_inline(dir))
		return rfs_fail(fs, -EIO, "directory with inline data",
		    dir->id);
	m = rfs_ptr_get(dir->raw + RFS_NODE_L0_OFF);
	if (!rfs_ptr_is_marker(m)) {
		*depth = -1;
		return 0;
	}
	*depth = (int)rfs_addr_level(m.addr);
	if ((unsigned)*depth > RFS_HTREE_MAX_DEPTH)
		return rfs_fail(fs, -EIO, "htree too deep", dir->id);
	*root = rfs_ptr_get(dir->raw + RFS_NODE_L0_OFF + RFS_PTR_SIZE);
	return 0;
}

/*
 * Walks an htree.  `budget` counts blocks left to visit: a sound tree
 * visits each block once, so more visits than the file system has blocks
 * means pointers loop, and we stop instead of running forever.
 */
struct walk {
	struct rfs *fs;
	rfs_dir_cb cb;
	void *arg;
	uint64_t budget;
	/* For lookups: only follow index entries that may hold this hash. */
	int lookup;
	uint32_t hash;
};

static int
walk_node(struct walk *w, struct rfs_ptr p, int depth)
{
	uint8_t *blk;
	const char *why = NULL;
	int r = 0;

	if (w->budget == 0)
		return rfs_fail(w->fs, -ELOOP, "directory blocks loop",
		    rfs_addr_index(p.addr));
	w->budget--;
	/* A lookup's callback reads nothing: its DirList can be read in
	 * the cache, without a copy (an iteration's may load nodes). */
	if (depth == 0 && w->lookup) {
		const uint8_t *b = rfs_meta_peek(w->fs, p, &r);
		if (r != 0)
			return r;
		if (b != NULL) {
			r = rfs_dirlist_walk(b, w->cb, w->arg, &why);
			if (r == -EIO && why)
				rfs_fail(w->fs, r, why, rfs_addr_index(p.addr));
			return r;
		}
	}
	if ((blk = malloc(RFS_BLOCK_SIZE)) == NULL)
		return -ENOMEM;
	if ((r = rfs_read_meta(w->fs, p, blk)) != 0)
		goto out;
	if (depth == 0) {
		r = rfs_dirlist_walk(blk, w->cb, w->arg, &why);
		if (r == -EIO && why)
			rfs_fail(w->fs, r, why, rfs_addr_index(p.addr));
		goto out;
	}
	uint32_t last = 0;
	for (unsigned i = 0; i < RFS_HTREE_ENTRIES; i++) {
		const uint8_t *e = blk + i * RFS_HTREE_PTR_SIZE;
		uint32_t h = rfs_le32(e);
		struct rfs_ptr c = rfs_ptr_get(e + 4);

		if (w->lookup) {
			/*
			 * Entries are sorted by the largest hash below them;
			 * the name can only be under the first entry whose
			 * hash is >= it, and under following ones while
			 * the previous hash still equals it.
			 */
			if (h < w->hash)
				continue;
			if (rfs_ptr_is_null(c) || last > w->hash)
				break;
			last = h;
		} else if (rfs_ptr_is_null(c)) {
			continue;
		}
		if ((r = walk_node(w, c, depth - 1)) != 0)
			break;
	}
out:
	free(blk);
	return r;
}

int
rfs_dir_iter(struct rfs *fs, const struct rfs_node *dir, rfs_dir_cb cb,
    void *arg)
{
	struct walk w = { fs, cb, arg, fs->blocks, 0, 0 };
	struct rfs_ptr root;
	int depth, err;

	if ((err = rfs_dir_root(fs, dir, &depth, &root)) != 0)
		return err;
	if (depth < 0)
		return 0;
	return walk_node(&w, root, depth);
}

struct find {
	const char *name;
	size_t len;
	uint32_t id;
};

static int
find_cb(void *arg, uint32_t id, const char *name, size_t len)
{
	struct find *f = arg;

	if (len == f->len && memcmp(name, f->name, len) == 0) {
		f->id = id;
		return 1;
	}
	return 0;
}

int
rfs_dir_lookup(struct rfs *fs, const struct rfs_node *dir, const char *name,
    size_t len, uint32_t *id)
{
	struct find f = { name, len, 0 };
	struct walk w = { fs, find_cb, &f, fs->blocks, 1,
	    rfs_htree_hash(name, len) };
	struct rfs_ptr root;
	int depth, r;

	if (len == 0 || len > RFS_NAME_MAX)
		return len ? -ENAMETOOLONG : -ENOENT;
	if ((r = rfs_dir_root(fs, dir, &depth, &root)) != 0)
		return r;
	if (depth < 0)
		return -ENOENT;
	r = walk_node(&w, root, depth);
	if (r == 1) {
		*id = f.id;
		return 0;
	}
	return r < 0 ? r : -ENOENT;
}
