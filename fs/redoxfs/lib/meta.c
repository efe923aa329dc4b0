/* Special files, directory link counts and times (meta.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/lib/meta.h"

/*
 * Subdirectory counts by directory, direct-mapped by id: a directory
 * whose slot another took is counted again when next asked.
 */
#define NL_SLOTS 1024u

struct rfs_nlinks {
	struct nl_ent {
		uint32_t id, subdirs;
		struct rfs_ptr where;	/* the node block the count is for */
	} e[NL_SLOTS];
};

static int
ptr_eq(struct rfs_ptr a, struct rfs_ptr b)
{
	return a.addr == b.addr && a.hash == b.hash;
}

uint64_t
rfs_node_rdev(const struct rfs_node *n)
{
	unsigned type = n->mode & RFS_MODE_TYPE;

	if (type != RFS_MODE_CHR && type != RFS_MODE_BLK)
		return 0;
	return rfs_le64(n->raw + RFS_NODE_RDEV);
}

struct nl_count {
	struct rfs *fs;
	struct rfs_node *tmp;
	uint32_t subdirs;
};

static int
nl_count_cb(void *arg, uint32_t id, const char *name, size_t len)
{
	struct nl_count *c = arg;
	int err;

	(void)name;
	(void)len;
	if ((err = rfs_node_load(c->fs, id, c->tmp)) != 0)
		return err;
	if (rfs_node_is_dir(c->tmp))
		c->subdirs++;
	return 0;
}

/* The slot for directory id; NULL if the table cannot be allocated. */
static struct nl_ent *
nl_slot(struct rfs *fs, uint32_t id)
{
	if (fs->nlinks == NULL &&
	    (fs->nlinks = calloc(1, sizeof *fs->nlinks)) == NULL)
		return NULL;
	return &fs->nlinks->e[id % NL_SLOTS];
}

int
rfs_node_nlink(struct rfs *fs, const struct rfs_node *n, uint32_t *nlink)
{
	struct nl_count c = { fs, NULL, 0 };
	struct nl_ent *e;
	int err;

	if (!rfs_node_is_dir(n)) {
		*nlink = n->links;
		return 0;
	}
	e = nl_slot(fs, n->id);
	if (e && e->id == n->id && ptr_eq(e->where, n->where)) {
		*nlink = 2 + e->subdirs;
		return 0;
	}
	if ((c.tmp = malloc(sizeof *c.tmp)) == NULL)
		return -ENOMEM;
	err = rfs_dir_iter(fs, n, nl_count_cb, &c);
	free(c.tmp);
	if (err)
		return err;
	if (e) {
		e->id = n->id;
		e->where = n->where;
		e->subdirs = c.subdirs;
	}
	*nlink = 2 + c.subdirs;
	return 0;
}

/*
 * Directory id went from node block `before` to `after`, gaining delta
 * subdirectories: move a count made for `before` along, drop any other.
 */
static void
nl_update(struct rfs *fs, uint32_t id, struct rfs_ptr before,
    struct rfs_ptr after, int delta)
{
	struct nl_ent *e = fs->nlinks ? &fs->nlinks->e[id % NL_SLOTS] : NULL;

	if (e == NULL || e->id != id)
		return;
	if (!ptr_eq(e->where, before) || (delta < 0 && e->subdirs == 0)) {
		e->id = 0;
		return;
	}
	e->where = after;
	e->subdirs = (uint32_t)((int64_t)e->subdirs + delta);
}

void
rfs_nlinks_rehash(struct rfs *fs, uint32_t id, struct rfs_ptr before,
    struct rfs_ptr after)
{
	nl_update(fs, id, before, after, 0);
}

/*
 * Moves node id's ctime (and its mtime too if m) to sec.nsec; tmp holds
 * the node afterwards.
 */
static int
touch(struct rfs *fs, uint32_t id, int m, uint64_t sec, uint32_t nsec,
    struct rfs_node *tmp)
{
	int err;

	if ((err = rfs_node_load(fs, id, tmp)) != 0)
		return err;
	tmp->ctime = sec;
	tmp->ctime_nsec = nsec;
	if (m) {
		tmp->mtime = sec;
		tmp->mtime_nsec = nsec;
	}
	return rfs_node_store(fs, tmp);
}

static int
type_ok(uint16_t mode)
{
	switch (mode & RFS_MODE_TYPE) {
	case RFS_MODE_FILE: case RFS_MODE_DIR: case RFS_MODE_SYMLINK:
	case RFS_MODE_FIFO: case RFS_MODE_CHR: case RFS_MODE_BLK:
	case RFS_MODE_SOCK:
		return 1;
	}
	return 0;
}

/* rfs_mknod into d, loaded; `absent`: the caller has looked name up. */
static int
mknod_in(struct rfs *fs, struct rfs_node *d, const char *name, size_t len,
    uint16_t mode, uint64_t rdev, uint32_t uid, uint32_t gid, uint64_t sec,
    uint32_t nsec, struct rfs_node *out, int absent)
{
	struct rfs_ptr before = d->where;
	int err;

	if (!type_ok(mode))
		return -EINVAL;
	/* rfs_create_in moves the directory's times and stores it. */
	err = absent ? rfs_create_absent(fs, d, name, len, mode, uid, gid, sec,
	    nsec, out) : rfs_create_in(fs, d, name, len, mode, uid, gid, sec,
	    nsec, out);
	if (err != 0)
		return err;
	if (((mode & RFS_MODE_TYPE) == RFS_MODE_CHR ||
	    (mode & RFS_MODE_TYPE) == RFS_MODE_BLK) && rdev != 0) {
		rfs_put64(out->raw + RFS_NODE_RDEV, rdev);
		if ((err = rfs_node_store(fs, out)) != 0)
			return err;
	}
	nl_update(fs, d->id, before, d->where,
	    (mode & RFS_MODE_TYPE) == RFS_MODE_DIR);
	return 0;
}

int
rfs_mknod(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    uint16_t mode, uint64_t rdev, uint32_t uid, uint32_t gid, uint64_t sec,
    uint32_t nsec, struct rfs_node *out)
{
	struct rfs_node *d;
	int err;

	if (!type_ok(mode))
		return -EINVAL;
	if ((d = malloc(sizeof *d)) == NULL)
		return -ENOMEM;
	if ((err = rfs_node_load(fs, parent, d)) == 0)
		err = mknod_in(fs, d, name, len, mode, rdev, uid, gid, sec,
		    nsec, out, 0);
	free(d);
	return err;
}

int
rfs_mknod_absent(struct rfs *fs, struct rfs_node *d, const char *name,
    size_t len, uint16_t mode, uint64_t rdev, uint32_t uid, uint32_t gid,
    uint64_t sec, uint32_t nsec, struct rfs_node *out)
{
	return mknod_in(fs, d, name, len, mode, rdev, uid, gid, sec, nsec, out,
	    1);
}

int
rfs_link_at(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    uint32_t id, uint64_t sec, uint32_t nsec)
{
	struct rfs_node *d = malloc(sizeof *d);
	struct rfs_ptr before;
	int err;

	if (d == NULL)
		return -ENOMEM;
	/* If parent does not load, rfs_link fails and says why. */
	before = rfs_node_load(fs, parent, d) == 0 ? d->where :
	    (struct rfs_ptr){ 0, 0 };
	if ((err = rfs_link(fs, parent, name, len, id)) == 0)
		err = touch(fs, id, 0, sec, nsec, d);
	if (err == 0 && (err = touch(fs, parent, 1, sec, nsec, d)) == 0)
		nl_update(fs, parent, before, d->where, 0);
	free(d);
	return err;
}

/* Loads directory `dir` into d and its entry name into n (and *id). */
static int
entry(struct rfs *fs, uint32_t dir, const char *name, size_t len,
    uint32_t *id, struct rfs_node *d, struct rfs_node *n)
{
	int err;

	if ((err = rfs_node_load(fs, dir, d)) != 0)
		return err;
	if (!rfs_node_is_dir(d))
		return -ENOTDIR;
	if ((err = rfs_dir_lookup(fs, d, name, len, id)) != 0)
		return err;
	return rfs_node_load(fs, *id, n);
}

int
rfs_unlink_at(struct rfs *fs, uint32_t parent, const char *name, size_t len,
    int dir, uint64_t sec, uint32_t nsec)
{
	struct rfs_node *d = malloc(2 * sizeof *d), *n = d + 1;
	uint32_t id;
	int err;

	if (d == NULL)
		return -ENOMEM;
	if ((err = entry(fs, parent, name, len, &id, d, n)) == 0)
		err = rfs_unlink_loaded(fs, d, n, name, len, dir, sec, nsec);
	free(d);
	return err;
}

int
rfs_unlink_loaded(struct rfs *fs, struct rfs_node *d, struct rfs_node *n,
    const char *name, size_t len, int dir, uint64_t sec, uint32_t nsec)
{
	struct rfs_ptr before = d->where;
	uint32_t id = n->id, links = n->links;
	int err, isdir = rfs_node_is_dir(n);

	if ((err = rfs_unlink_found(fs, d, n, name, len, dir, sec, nsec)) != 0)
		return err;
	/* Storing d gave it its new pointer. */
	nl_update(fs, d->id, before, d->where, -isdir);
	/* Another name still holds it. */
	if (!isdir && links > 1)
		err = touch(fs, id, 0, sec, nsec, n);
	return err;
}

int
rfs_rename_at(struct rfs *fs, uint32_t oparent, const char *oname,
    size_t olen, uint32_t nparent, const char *nname, size_t nlen,
    uint64_t sec, uint32_t nsec)
{
	struct rfs_node *d = malloc(3 * sizeof *d), *n = d + 1, *t = d + 2;
	struct rfs_ptr obefore, nbefore;
	uint32_t id, tid = 0, tlinks = 0;
	int err, isdir, tdir = 0, moves;

	if (d == NULL)
		return -ENOMEM;
	/* rfs_rename's checks, in its order. */
	if ((err = rfs_name_ok(nname, nlen)) != 0 ||
	    (err = entry(fs, oparent, oname, olen, &id, d, n)) != 0)
		goto out;
	obefore = d->where;
	isdir = rfs_node_is_dir(n);
	if (entry(fs, nparent, nname, nlen, &tid, d, t) == 0) {
		tdir = rfs_node_is_dir(t);
		tlinks = t->links;
	} else {
		tid = 0;
	}
	/* d holds nparent, or rfs_rename fails. */
	nbefore = d->where;
	err = rfs_rename(fs, oparent, oname, olen, nparent, nname, nlen);
	/* Renaming a file onto itself changes nothing. */
	if (err != 0 || tid == id)
		goto out;
	moves = isdir && oparent != nparent;
	if ((err = touch(fs, oparent, 1, sec, nsec, d)) != 0)
		goto out;
	if (oparent == nparent) {
		nl_update(fs, oparent, obefore, d->where, -tdir);
	} else {
		nl_update(fs, oparent, obefore, d->where, -moves);
		if ((err = touch(fs, nparent, 1, sec, nsec, d)) != 0)
			goto out;
		nl_update(fs, nparent, nbefore, d->where, moves - tdir);
	}
	if ((err = touch(fs, id, 0, sec, nsec, n)) != 0)
		goto out;
	if (tid != 0 && !tdir && tlinks > 1)
		err = touch(fs, tid, 0, sec, nsec, t);
out:
	free(d);
	return err;
}

int
rfs_truncate_at(struct rfs *fs, struct rfs_node *n, uint64_t size,
    uint64_t sec, uint32_t nsec)
{
	int err, same = size == n->size;

	n->mtime = n->ctime = sec;
	n->mtime_nsec = n->ctime_nsec = nsec;
	if ((err = rfs_node_truncate(fs, n, size)) != 0)
		return err;
	/* rfs_node_truncate stores only what changes size. */
	return same ? rfs_node_store(fs, n) : 0;
}
