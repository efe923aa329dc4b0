/* Format, create, link, unlink and rename. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/lib/ops.h"

int
rfs_format(struct rfs *fs, struct rfs_disk *disk, uint64_t start,
    uint64_t fs_blocks, const uint8_t uuid[16], uint64_t sec, uint32_t nsec)
{
	uint8_t hdr[RFS_BLOCK_SIZE];
	struct rfs_node *root;
	uint32_t id;
	int err;

	/* The header ring, the unused block 256, and room for the rest. */
	if (fs_blocks < RFS_HEADER_RING + 4)
		return -ENOSPC;
	if (start > disk->size_blocks || fs_blocks > disk->size_blocks - start)
		return -EINVAL;
	memset(fs, 0, sizeof *fs);
	fs->disk = disk;
	fs->block = start;
	fs->blocks = fs_blocks;
	fs->hdr.version = RFS_VERSION;
	memcpy(fs->hdr.uuid, uuid, 16);
	fs->hdr.size = fs_blocks * RFS_BLOCK_SIZE;
	/* Old headers in the ring would outrank ours: clear the ring. */
	memset(hdr, 0, sizeof hdr);
	for (uint64_t i = 0; i < RFS_HEADER_RING + 1; i++)
		if ((err = disk->write(disk->ctx, start + i, hdr, 1)) != 0)
			return err;
	rfs_header_build(&fs->hdr, hdr);
	if ((err = disk->write(disk->ctx, start, hdr, 1)) != 0)
		return err;
	fs->hdr_block = start;
	fs->rec = malloc(RFS_RECORD_SIZE);
	fs->dec = malloc(RFS_RECORD_SIZE);
	if (fs->rec == NULL || fs->dec == NULL) {
		rfs_close(fs);
		return -ENOMEM;
	}
	/* Everything after block 256 is free: an empty log replays so. */
	if ((err = rfs_write_open(fs)) != 0) {
		rfs_close(fs);
		return err;
	}
	for (uint64_t b = RFS_HEADER_RING + 1; b < fs_blocks; b++)
		fs->wr->free[b >> 3] |= (uint8_t)(1u << (b & 7));
	fs->wr->nfree = fs_blocks - RFS_HEADER_RING - 1;
	fs->wr->dirty = 1;
	fs->wr->spend_reserve = 1;
	if ((root = calloc(1, sizeof *root)) == NULL) {
		err = -ENOMEM;
		goto fail;
	}
	root->mode = RFS_MODE_DIR | 0755;
	root->links = 1;
	root->blocks = 1;
	root->ctime = root->mtime = root->atime = sec;
	root->ctime_nsec = root->mtime_nsec = root->atime_nsec = nsec;
	/* The node block first, then its tree slot: id 1, the root. */
	err = rfs_node_store_new(fs, root, &id);
	free(root);
	if (err == 0 && id != 1)
		err = -EIO;
	if (err == 0)
		err = rfs_commit(fs);
	fs->wr->spend_reserve = 0;
	if (err == 0)
		return 0;
fail:
	rfs_write_close(fs);
	rfs_close(fs);
	return err;
}

int
rfs_name_ok(const char *name, size_t len)
{
	if (len == 0)
		return -EINVAL;
	if (len > RFS_NAME_MAX)
		return -ENAMETOOLONG;
	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return -EINVAL;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == ':' || name[i] == 0)
			return -EINVAL;
	return 0;
}

/* Loads directory `id` into d; -ENOTDIR if it is something else. */
static int
load_dir(struct rfs *fs, uint32_t id, struct rfs_node *d)
{
	int err = rfs_node_load(fs, id, d);

	if (err == 0 && !rfs_node_is_dir(d))
		err = -ENOTDIR;
	return err;
}

/* Looks name up: 0 and *id, -ENOENT, or another error. */
static int
find(struct rfs *fs, uint32_t dir, const char *name, size_t len,
    uint32_t *id, struct rfs_node *tmp)
{
	int err = load_dir(fs, dir, tmp);

	return err ? err : rfs_dir_lookup(fs, tmp, name, len, id);
}

int
rfs_create(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    uint16_t mode, uint32_t uid, uint32_t gid, uint64_t sec, uint32_t nsec,
    struct rfs_node *out)
{
	struct rfs_node *d = malloc(sizeof *d);
	int err;

	if (d == NULL)
		return -ENOMEM;
	/* A bad name is EINVAL wherever it would go. */
	if ((err = rfs_name_ok(name, len)) == 0 &&
	    (err = load_dir(fs, parent, d)) == 0)
		err = rfs_create_in(fs, d, name, len, mode, uid, gid, sec,
		    nsec, out);
	free(d);
	return err;
}

/* What both ways to create check first: EINVAL before any lookup. */
static int
create_ok(const struct rfs_node *d, const char *name, size_t len)
{
	int err;

	if ((err = rfs_name_ok(name, len)) != 0)
		return err;
	return rfs_node_is_dir(d) ? 0 : -ENOTDIR;
}

/* The new node, and its entry in d (checked, and name not in it). */
static int
create_new(struct rfs *fs, struct rfs_node *d, const char *name,
    size_t len, uint16_t mode, uint32_t uid, uint32_t gid, uint64_t sec,
    uint32_t nsec, struct rfs_node *out)
{
	uint32_t id;
	int err;

	memset(out, 0, sizeof *out);
	out->mode = mode;
	out->uid = uid;
	out->gid = gid;
	out->links = 1;
	out->blocks = 1;
	out->ctime = out->mtime = out->atime = sec;
	out->ctime_nsec = out->mtime_nsec = out->atime_nsec = nsec;
	if ((mode & RFS_MODE_TYPE) == RFS_MODE_FILE)
		out->record_level = RFS_RECORD_LEVEL;
	/* New files and symlinks start inline; directories never are. */
	if ((mode & RFS_MODE_TYPE) != RFS_MODE_DIR)
		out->flags = RFS_NODE_FLAG_INLINE;
	if ((err = rfs_node_store_new(fs, out, &id)) != 0)
		return err;
	d->mtime = d->ctime = sec;
	d->mtime_nsec = d->ctime_nsec = nsec;
	return rfs_dir_add(fs, d, name, len, id);
}

int
rfs_create_in(struct rfs *fs, struct rfs_node *d, const char *name,
    size_t len, uint16_t mode, uint32_t uid, uint32_t gid, uint64_t sec,
    uint32_t nsec, struct rfs_node *out)
{
	uint32_t id;
	int err;

	if ((err = create_ok(d, name, len)) != 0)
		return err;
	err = rfs_dir_lookup(fs, d, name, len, &id);
	if (err != -ENOENT)
		return err ? err : -EEXIST;
	return create_new(fs, d, name, len, mode, uid, gid, sec, nsec, out);
}

int
rfs_create_absent(struct rfs *fs, struct rfs_node *d, const char *name,
    size_t len, uint16_t mode, uint32_t uid, uint32_t gid, uint64_t sec,
    uint32_t nsec, struct rfs_node *out)
{
	int err;

	if ((err = create_ok(d, name, len)) != 0)
		return err;
	return create_new(fs, d, name, len, mode, uid, gid, sec, nsec, out);
}

int
rfs_link(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    uint32_t id)
{
	struct rfs_node *d = malloc(sizeof *d), *n = malloc(sizeof *n);
	uint32_t other;
	int err = -ENOMEM;

	if (d == NULL || n == NULL)
		goto out;
	if ((err = rfs_name_ok(name, len)) != 0)
		goto out;
	if ((err = rfs_node_load(fs, id, n)) != 0)
		goto out;
	if (rfs_node_is_dir(n)) {
		err = -EPERM;
		goto out;
	}
	err = find(fs, parent, name, len, &other, d);
	if (err != -ENOENT) {
		err = err ? err : -EEXIST;
		goto out;
	}
	n->links++;
	if ((err = rfs_node_store(fs, n)) == 0)
		err = rfs_dir_add(fs, d, name, len, id);
out:
	free(d);
	free(n);
	return err;
}

/* The release list: ids of unlinked nodes still open, read whole. */
static int
release_read(struct rfs *fs, uint32_t **ids, size_t *n)
{
	uint8_t blk[RFS_BLOCK_SIZE];
	struct rfs_ptr p = fs->hdr.release;
	size_t cap = 0;

	*ids = NULL;
	*n = 0;
	for (uint64_t hops = 0; !rfs_ptr_is_null(p); hops++) {
		int err;
		if (hops >= fs->blocks)
			return rfs_fail(fs, -EIO, "release list loops", 0);
		if ((err = rfs_read_meta(fs, p, blk)) != 0)
			return err;
		for (unsigned i = 0; i < RFS_RELEASELIST_ENTRIES; i++) {
			uint32_t id = rfs_le32(blk + 16 + 4 * i);
			if (id == 0)
				continue;
			if (*n == cap) {
				cap = cap ? 2 * cap : 16;
				uint32_t *v = realloc(*ids, cap * sizeof *v);
				if (v == NULL)
					return -ENOMEM;
				*ids = v;
			}
			(*ids)[(*n)++] = id;
		}
		p = rfs_ptr_get(blk);
	}
	return 0;
}

/* Replaces the release list with ids[0..n). */
static int
release_write(struct rfs *fs, const uint32_t *ids, size_t n)
{
	uint8_t blk[RFS_BLOCK_SIZE];
	struct rfs_ptr p = fs->hdr.release, prev = { 0, 0 };
	int err;

	while (!rfs_ptr_is_null(p)) {
		if ((err = rfs_read_meta(fs, p, blk)) != 0)
			return err;
		rfs_free_ptr(fs, p);
		p = rfs_ptr_get(blk);
	}
	for (size_t at = 0; at < n; at += RFS_RELEASELIST_ENTRIES) {
		struct rfs_ptr q = { 0, 0 };
		memset(blk, 0, sizeof blk);
		rfs_ptr_put(blk, prev);
		for (size_t i = 0; i < RFS_RELEASELIST_ENTRIES && at + i < n; i++)
			rfs_put32(blk + 16 + 4 * i, ids[at + i]);
		if ((err = rfs_cow(fs, &q, blk, 0, 0, NULL)) != 0)
			return err;
		prev = q;
	}
	fs->hdr.release = prev;
	fs->wr->dirty = 1;
	return 0;
}

static int
release_add(struct rfs *fs, uint32_t id)
{
	uint32_t *ids, *v;
	size_t n;
	int err = release_read(fs, &ids, &n);

	if (err == 0 && (v = realloc(ids, (n + 1) * sizeof *v)) == NULL)
		err = -ENOMEM;
	if (err == 0) {
		ids = v;
		ids[n++] = id;
		err = release_write(fs, ids, n);
	}
	free(ids);
	return err;
}

/* Frees a node with no links left: its data, block and tree slot. */
static int
free_node(struct rfs *fs, struct rfs_node *n)
{
	int err;

	if ((err = rfs_node_free_data(fs, n)) != 0)
		return err;
	rfs_free_ptr(fs, n->where);
	return rfs_tree_remove(fs, n->id);
}

/* Drops one link of node n (loaded, current); frees it at zero unless
 * it is open. */
static int
drop_loaded(struct rfs *fs, struct rfs_node *n)
{
	uint32_t id = n->id;
	int err;

	if (n->links > 1 && !rfs_node_is_dir(n)) {
		n->links--;
		return rfs_node_store(fs, n);
	}
	if (fs->busy && fs->busy(fs->busy_arg, id)) {
		n->links = 0;
		if ((err = rfs_node_store(fs, n)) != 0)
			return err;
		return release_add(fs, id);
	}
	return free_node(fs, n);
}

/* Drops one link of node id; frees it at zero unless it is open. */
static int
drop_link(struct rfs *fs, uint32_t id, struct rfs_node *n)
{
	int err;

	if ((err = rfs_node_load(fs, id, n)) != 0)
		return err;
	return drop_loaded(fs, n);
}

int
rfs_release_node(struct rfs *fs, uint32_t id)
{
	struct rfs_node *n = malloc(sizeof *n);
	uint32_t *ids = NULL;
	size_t cnt, k = 0;
	int err, found = 0;

	if (n == NULL)
		return -ENOMEM;
	if ((err = rfs_node_load(fs, id, n)) != 0 || n->links != 0)
		goto out;
	if ((err = release_read(fs, &ids, &cnt)) != 0)
		goto out;
	for (size_t i = 0; i < cnt; i++) {
		if (ids[i] == id)
			found = 1;
		else
			ids[k++] = ids[i];
	}
	if (!found)
		goto out;
	if ((err = release_write(fs, ids, k)) == 0)
		err = free_node(fs, n);
out:
	free(ids);
	free(n);
	return err == -ENOENT ? 0 : err;
}

int
rfs_release_all(struct rfs *fs)
{
	uint32_t *ids;
	size_t n;
	int err = release_read(fs, &ids, &n);

	for (size_t i = 0; err == 0 && i < n; i++)
		err = rfs_release_node(fs, ids[i]);
	free(ids);
	return err;
}

static int
dir_empty(const struct rfs_node *n)
{
	return !rfs_ptr_is_marker(rfs_ptr_get(n->raw + RFS_NODE_L0_OFF));
}

static int unlink_inner(struct rfs *fs, uint32_t parent, const char *name,
    size_t len, int dir, const uint64_t *sec, uint32_t nsec);
static int unlink_found(struct rfs *fs, struct rfs_node *d,
    struct rfs_node *n, const char *name, size_t len, int dir,
    const uint64_t *sec, uint32_t nsec);

int
rfs_unlink(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    int dir)
{
	int spend = fs->wr->spend_reserve, err;

	/* Removing frees space, but first needs a little. */
	fs->wr->spend_reserve = 1;
	err = unlink_inner(fs, parent, name, len, dir, NULL, 0);
	fs->wr->spend_reserve = spend;
	return err;
}

int
rfs_unlink_times(struct rfs *fs, uint32_t parent, const char *name,
    size_t len, int dir, uint64_t sec, uint32_t nsec)
{
	int spend = fs->wr->spend_reserve, err;

	fs->wr->spend_reserve = 1;
	err = unlink_inner(fs, parent, name, len, dir, &sec, nsec);
	fs->wr->spend_reserve = spend;
	return err;
}

int
rfs_unlink_found(struct rfs *fs, struct rfs_node *d, struct rfs_node *n,
    const char *name, size_t len, int dir, uint64_t sec, uint32_t nsec)
{
	int spend = fs->wr->spend_reserve, err;

	fs->wr->spend_reserve = 1;
	err = unlink_found(fs, d, n, name, len, dir, &sec, nsec);
	fs->wr->spend_reserve = spend;
	return err;
}

static int
unlink_inner(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    int dir, const uint64_t *sec, uint32_t nsec)
{
	struct rfs_node *d = malloc(sizeof *d), *n = malloc(sizeof *n);
	uint32_t id;
	int err = -ENOMEM;

	if (d != NULL && n != NULL &&
	    (err = find(fs, parent, name, len, &id, d)) == 0 &&
	    (err = rfs_node_load(fs, id, n)) == 0)
		err = unlink_found(fs, d, n, name, len, dir, sec, nsec);
	free(d);
	free(n);
	return err;
}

/* unlink_inner once d and the node name names in it, n, are loaded. */
static int
unlink_found(struct rfs *fs, struct rfs_node *d, struct rfs_node *n,
    const char *name, size_t len, int dir, const uint64_t *sec, uint32_t nsec)
{
	uint32_t id;
	int err = 0;

	if (dir && !rfs_node_is_dir(n))
		err = -ENOTDIR;
	else if (!dir && rfs_node_is_dir(n))
		err = -EISDIR;
	else if (dir && !dir_empty(n))
		err = -ENOTEMPTY;
	if (err == 0 && sec) {
		/* The directory's times go in the store that removes the
		 * entry, not in a second store of the node (and its tree). */
		d->mtime = d->ctime = *sec;
		d->mtime_nsec = d->ctime_nsec = nsec;
	}
	if (err != 0 || (err = rfs_dir_remove(fs, d, name, len, &id)) != 0)
		return err;
	/* Storing d changed no other node: n is still current. */
	return id == n->id ? drop_loaded(fs, n) : drop_link(fs, id, n);
}

/* Is `target` inside directory `top` (or top itself)?  Bounded DFS. */
static int
contains(struct rfs *fs, uint32_t top, uint32_t target, int depth);

struct sub {
	struct rfs *fs;
	uint32_t target;
	int depth, hit;
};

static int
sub_cb(void *arg, uint32_t id, const char *name, size_t len)
{
	struct sub *s = arg;
	struct rfs_node *n = malloc(sizeof *n);
	int r = 0;

	(void)name;
	(void)len;
	if (n == NULL)
		return -ENOMEM;
	if (rfs_node_load(s->fs, id, n) == 0 && rfs_node_is_dir(n)) {
		r = contains(s->fs, id, s->target, s->depth + 1);
		if (r > 0)
			s->hit = 1;
	}
	free(n);
	return r;
}

static int
contains(struct rfs *fs, uint32_t top, uint32_t target, int depth)
{
	struct sub s = { fs, target, depth, 0 };
	struct rfs_node *n;
	int r;

	if (top == target)
		return 1;
	if (depth > 4096)
		return -ELOOP;
	if ((n = malloc(sizeof *n)) == NULL)
		return -ENOMEM;
	r = rfs_node_load(fs, top, n);
	if (r == 0)
		r = rfs_dir_iter(fs, n, sub_cb, &s);
	free(n);
	return r < 0 ? r : s.hit;
}

int
rfs_rename(struct rfs *fs, uint32_t oparent, const char *oname, size_t olen,
    uint32_t nparent, const char *nname, size_t nlen)
{
	struct rfs_node *d = malloc(sizeof *d), *n = malloc(sizeof *n);
	struct rfs_node *t = malloc(sizeof *t);
	uint32_t id, tid;
	int err = -ENOMEM;

	if (d == NULL || n == NULL || t == NULL)
		goto out;
	if ((err = rfs_name_ok(nname, nlen)) != 0)
		goto out;
	if ((err = find(fs, oparent, oname, olen, &id, d)) != 0 ||
	    (err = rfs_node_load(fs, id, n)) != 0)
		goto out;
	if (rfs_node_is_dir(n) && (err = contains(fs, id, nparent, 0)) != 0) {
		err = err > 0 ? -EINVAL : err;
		goto out;
	}
	err = find(fs, nparent, nname, nlen, &tid, d);
	if (err == 0) {
		if (tid == id)
			goto out;	/* the same file: nothing to do */
		if ((err = rfs_node_load(fs, tid, t)) != 0)
			goto out;
		if (rfs_node_is_dir(n) != rfs_node_is_dir(t)) {
			err = rfs_node_is_dir(t) ? -EISDIR : -ENOTDIR;
			goto out;
		}
		if ((err = rfs_unlink(fs, nparent, nname, nlen,
		    rfs_node_is_dir(t))) != 0)
			goto out;
	} else if (err != -ENOENT) {
		goto out;
	}
	if ((err = load_dir(fs, oparent, d)) != 0 ||
	    (err = rfs_dir_remove(fs, d, oname, olen, &id)) != 0)
		goto out;
	if ((err = load_dir(fs, nparent, d)) == 0)
		err = rfs_dir_add(fs, d, nname, nlen, id);
out:
	free(d);
	free(n);
	free(t);
	return err;
}
