/*
 * The changing half of redoxfs-fuse.  Operations are batched into one
 * transaction (each can be undone alone if it fails), committed as
 * policy.h says: fsync, O_SYNC/O_DSYNC writes and unmount make everything
 * durable, and anything else is committed within a bounded window.  A
 * crash leaves the last commit whole.
 */
#define FUSE_USE_VERSION 34
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/host/fuse_int.h"
#include "fs/redoxfs/host/fuse_inval.h"
#include "fs/redoxfs/host/fuse_perm.h"
#include "fs/redoxfs/lib/policy.h"

/* Blocks a metadata change may need (node, tree lists, dir blocks). */
#define META_NEED 64

static struct rfs_policy pol;

static uint64_t
mono_ms(void)
{
	struct timespec n;

	clock_gettime(CLOCK_MONOTONIC, &n);
	return (uint64_t)n.tv_sec * 1000u + (uint64_t)n.tv_nsec / 1000000u;
}

int
sync_now(void)
{
	int err;

	if (!fs_rw)
		return 0;
	rfs_policy_committed(&pol);
	if ((err = rfs_commit(&fs)) != 0) {
		/*
		 * The image still holds the last commit; what was batched
		 * since is lost, as in a crash.
		 */
		rfs_abort(&fs);
	}
	return err;
}

int
commit_due_ms(void)
{
	return (int)rfs_policy_wait_ms(&pol, mono_ms());
}

void
begin(uint64_t need)
{
	/* Space freed by the batch is only usable once it commits. */
	if (rfs_policy_space_due(&fs, need))
		sync_now();
	rfs_op_begin(&fs);
}

int
done_bytes(int err, uint64_t bytes)
{
	uint64_t t;

	err = rfs_op_end(&fs, err);
	if (err == 0 && fs.wr->dirty) {
		t = mono_ms();
		rfs_policy_change(&pol, bytes, t);
		if (rfs_policy_due(&pol, t))
			sync_now();
	}
	return err;
}

int
done(int err)
{
	return done_bytes(err, 0);
}

static void
now(uint64_t *sec, uint32_t *nsec)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	*sec = (uint64_t)ts.tv_sec;
	*nsec = (uint32_t)ts.tv_nsec;
}

static void
reply_entry(fuse_req_t req, const struct rfs_node *n,
    const struct rfs_node *dir)
{
	struct fuse_entry_param e;

	node_entry(n, dir, &e);
	fuse_reply_entry(req, &e);
}

/* Loads directory `parent` into dir if the caller may add names to it. */
static int
may_add(fuse_req_t req, fuse_ino_t parent, struct rfs_node *dir)
{
	int err = load(parent, dir);

	if (err == 0 && !rfs_node_is_dir(dir))
		err = -ENOTDIR;
	return err ? err : perm_may(req, dir, PERM_W | PERM_X);
}

/* Creates a node; on success *n holds it and *dir its directory. */
static int
make(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
    dev_t rdev, struct rfs_node *n, struct rfs_node *dir)
{
	const struct fuse_ctx *c = fuse_req_ctx(req);
	uint64_t s;
	uint32_t ns;
	int err;

	if ((err = may_add(req, parent, dir)) != 0)
		return err;
	now(&s, &ns);
	return rfs_mknod(&fs, (uint32_t)parent, name, strlen(name),
	    (uint16_t)mode, (uint64_t)rdev, c->uid, c->gid, s, ns, n);
}

/*
 * Creates a node (a symlink holding target, if target is not NULL) and
 * answers with its entry.
 */
static void
make_reply(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
    dev_t rdev, const char *target)
{
	struct rfs_node *n = malloc(2 * sizeof *n);
	int err;

	if (n == NULL) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	begin(META_NEED);
	if (target && strlen(target) > RFS_BLOCK_SIZE)
		err = -ENAMETOOLONG;
	else if ((err = make(req, parent, name, mode, rdev, n, n + 1)) == 0 &&
	    target)
		err = rfs_node_write(&fs, n, 0, target, strlen(target));
	err = done(err);
	if (err)
		fuse_reply_err(req, -err);
	else
		reply_entry(req, n, n + 1);
	free(n);
}

static void
op_mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
    dev_t rdev)
{
	/* Special files keep their type in mode, devices rdev (meta.h). */
	if (!S_ISREG(mode) && !S_ISFIFO(mode) && !S_ISCHR(mode) &&
	    !S_ISBLK(mode) && !S_ISSOCK(mode))
		fuse_reply_err(req, EINVAL);
	else
		make_reply(req, parent, name, mode & (S_IFMT | 07777), rdev,
		    NULL);
}

static void
op_create(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
    struct fuse_file_info *fi)
{
	struct rfs_node *n = malloc(2 * sizeof *n);
	struct fuse_entry_param e;
	int err;

	if (n == NULL) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	begin(META_NEED);
	err = done(make(req, parent, name, S_IFREG | (mode & 07777), 0, n,
	    n + 1));
	if (err) {
		fuse_reply_err(req, -err);
	} else {
		node_entry(n, n + 1, &e);
		fi->keep_cache = 1;
		open_ref(n->id, 1);
		if (fuse_reply_create(req, &e, fi) != 0)
			open_ref(n->id, -1);
	}
	free(n);
}

static void
op_mkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode)
{
	make_reply(req, parent, name, S_IFDIR | (mode & 07777), 0, NULL);
}

static void
op_symlink(fuse_req_t req, const char *target, fuse_ino_t parent,
    const char *name)
{
	make_reply(req, parent, name, S_IFLNK | 0777, 0, target);
}

static void
op_link(fuse_req_t req, fuse_ino_t ino, fuse_ino_t parent, const char *name)
{
	struct rfs_node *n = malloc(2 * sizeof *n);
	int err = n ? 0 : -ENOMEM;

	if (!err && ino > UINT32_MAX)
		err = -ENOENT;
	if (!err)
		err = may_add(req, parent, n + 1);
	if (!err) {
		uint64_t s;
		uint32_t ns;
		now(&s, &ns);
		begin(META_NEED);
		err = done(rfs_link_at(&fs, (uint32_t)parent, name,
		    strlen(name), (uint32_t)ino, s, ns));
	}
	if (!err)
		err = load(ino, n);
	if (err)
		fuse_reply_err(req, -err);
	else
		reply_entry(req, n, n + 1);
	free(n);
}

/*
 * Loads directory `parent` into d and its entry name into v, if the
 * caller may remove that entry.
 */
static int
may_remove(fuse_req_t req, fuse_ino_t parent, const char *name,
    struct rfs_node *d, struct rfs_node *v)
{
	uint32_t id;
	int err;

	if ((err = load(parent, d)) != 0 ||
	    (err = perm_may(req, d, PERM_X)) != 0 ||
	    (err = rfs_dir_lookup(&fs, d, name, strlen(name), &id)) != 0 ||
	    (err = rfs_node_load(&fs, id, v)) != 0)
		return err;
	return perm_may_remove(req, d, v);
}

static void
remove_common(fuse_req_t req, fuse_ino_t parent, const char *name, int dir)
{
	struct rfs_node *n = malloc(2 * sizeof *n);
	int err = n ? may_remove(req, parent, name, n, n + 1) : -ENOMEM;

	if (err == 0) {
		uint64_t s;
		uint32_t ns;
		now(&s, &ns);
		begin(META_NEED);
		err = done(rfs_unlink_at(&fs, (uint32_t)parent, name,
		    strlen(name), dir, s, ns));
	}
	free(n);
	fuse_reply_err(req, -err);
}

static void
op_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	remove_common(req, parent, name, 0);
}

static void
op_rmdir(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	remove_common(req, parent, name, 1);
}

static void
op_rename(fuse_req_t req, fuse_ino_t parent, const char *name,
    fuse_ino_t newparent, const char *newname, unsigned int flags)
{
	/* The source, its directory, the target directory, the target. */
	struct rfs_node *v = malloc(4 * sizeof *v), *d = v + 1, *nd = v + 2;
	uint32_t id;
	int err = v ? 0 : -ENOMEM;

	if (!err && (flags & ~1u))
		err = -EINVAL;		/* RENAME_EXCHANGE, RENAME_WHITEOUT */
	if (!err)
		err = may_remove(req, parent, name, d, v);
	if (!err)
		err = may_add(req, newparent, nd);
	if (!err && rfs_dir_lookup(&fs, nd, newname, strlen(newname),
	    &id) == 0) {
		if (flags & 1u)
			err = -EEXIST;		/* RENAME_NOREPLACE */
		else if ((err = rfs_node_load(&fs, id, v + 3)) == 0)
			err = perm_may_remove(req, nd, v + 3);
	}
	/* A directory moving elsewhere changes its "..": it must be writable. */
	if (!err && rfs_node_is_dir(v) && newparent != parent)
		err = perm_may(req, v, PERM_W);
	if (!err) {
		uint64_t s;
		uint32_t ns;
		now(&s, &ns);
		begin(META_NEED);
		err = done(rfs_rename_at(&fs, (uint32_t)parent, name,
		    strlen(name), (uint32_t)newparent, newname,
		    strlen(newname), s, ns));
	}
	/* The kernel moves its cached entry: below a closed directory it
	 * must not stay cached (fuse_inval.h). */
	if (!err && !perm_open_dir(nd))
		inval_entry((uint32_t)newparent, newname, strlen(newname));
	free(v);
	fuse_reply_err(req, -err);
}

static void
op_write(fuse_req_t req, fuse_ino_t ino, const char *buf, size_t size,
    off_t off, struct fuse_file_info *fi)
{
	struct rfs_node *n = malloc(sizeof *n);
	int err = n ? 0 : -ENOMEM;

	if (!err && off < 0)
		err = -EINVAL;
	/* Whole records are rewritten: room for two per 128 KiB. */
	if (!err)
		begin(META_NEED + 2 * (size / RFS_RECORD_SIZE + 2) *
		    (RFS_RECORD_SIZE / RFS_BLOCK_SIZE));
	if (!err && (err = load(ino, n)) == 0) {
		now(&n->mtime, &n->mtime_nsec);
		n->ctime = n->mtime;
		n->ctime_nsec = n->mtime_nsec;
		err = rfs_node_write(&fs, n, (uint64_t)off, buf, size);
		if (err == 0 && size == 0)
			err = rfs_node_store(&fs, n);
	}
	if (n && off >= 0)
		err = done_bytes(err, size);
	/* O_SYNC and O_DSYNC (per write: pwritev2's RWF_DSYNC too). */
	if (err == 0 && (fi->flags & O_DSYNC))
		err = sync_now();
	free(n);
	if (err)
		fuse_reply_err(req, -err);
	else
		fuse_reply_write(req, size);
}

/*
 * May the caller change n so?  The kernel's rules: the owner (or root)
 * sets modes and times; root gives files away, the owner may change the
 * group to one of its own; setting the time to now, or truncating by
 * name, needs write permission.
 */
static int
may_setattr(fuse_req_t req, const struct rfs_node *n, const struct stat *a,
    int to_set, int by_fd)
{
	const struct fuse_ctx *c = fuse_req_ctx(req);
	int owner = perm_owner(req, n) == 0, err;
	unsigned kill = S_ISUID | S_ISGID;

	if ((to_set & FUSE_SET_ATTR_SIZE) && !by_fd &&
	    (err = perm_may(req, n, PERM_W)) != 0)
		return err;
	/* A writer clearing set-id bits (the kernel does so on write). */
	if ((to_set & FUSE_SET_ATTR_MODE) && !owner &&
	    ((n->mode ^ a->st_mode) & 07777 & ~kill ||
	    (a->st_mode & kill & ~n->mode)))
		return -EPERM;
	if ((to_set & FUSE_SET_ATTR_UID) && (!owner ||
	    (a->st_uid != n->uid && c->uid != 0)))
		return -EPERM;
	if ((to_set & FUSE_SET_ATTR_GID) && (!owner ||
	    (a->st_gid != n->gid && !perm_in_group(req, a->st_gid))))
		return -EPERM;
	if (((to_set & FUSE_SET_ATTR_ATIME) &&
	    !(to_set & FUSE_SET_ATTR_ATIME_NOW)) ||
	    ((to_set & FUSE_SET_ATTR_MTIME) &&
	    !(to_set & FUSE_SET_ATTR_MTIME_NOW)))
		return owner ? 0 : -EPERM;
	if ((to_set & (FUSE_SET_ATTR_ATIME | FUSE_SET_ATTR_MTIME)) && !owner)
		return perm_may(req, n, PERM_W);
	return 0;
}

static void
op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set,
    struct fuse_file_info *fi)
{
	struct rfs_node *n = malloc(sizeof *n);
	struct stat st;
	uint64_t s;
	uint32_t ns;
	int err = n ? 0 : -ENOMEM, was_open = 0;

	if (n)
		begin(META_NEED + RFS_RECORD_SIZE / RFS_BLOCK_SIZE);
	if (!err)
		err = load(ino, n);
	if (!err)
		err = may_setattr(req, n, attr, to_set, fi != NULL);
	if (!err)
		was_open = rfs_node_is_dir(n) && perm_open_dir(n);
	now(&s, &ns);
	if (!err && (to_set & FUSE_SET_ATTR_SIZE)) {
		if (rfs_node_is_dir(n))
			err = -EISDIR;
		else if (attr->st_size < 0)
			err = -EINVAL;
		else
			err = rfs_node_truncate(&fs, n, (uint64_t)attr->st_size);
		n->mtime = s;
		n->mtime_nsec = ns;
	}
	if (!err) {
		if (to_set & FUSE_SET_ATTR_MODE)
			n->mode = (uint16_t)((n->mode & RFS_MODE_TYPE) |
			    (attr->st_mode & 07777));
		if (to_set & FUSE_SET_ATTR_UID)
			n->uid = attr->st_uid;
		if (to_set & FUSE_SET_ATTR_GID)
			n->gid = attr->st_gid;
		/* Only group members keep a set-group-id bit they set. */
		if ((to_set & FUSE_SET_ATTR_MODE) && (n->mode & S_ISGID) &&
		    !perm_in_group(req, n->gid))
			n->mode &= (uint16_t)~S_ISGID;
		if (to_set & FUSE_SET_ATTR_ATIME_NOW) {
			n->atime = s;
			n->atime_nsec = ns;
		} else if (to_set & FUSE_SET_ATTR_ATIME) {
			n->atime = (uint64_t)attr->st_atim.tv_sec;
			n->atime_nsec = (uint32_t)attr->st_atim.tv_nsec;
		}
		if (to_set & FUSE_SET_ATTR_MTIME_NOW) {
			n->mtime = s;
			n->mtime_nsec = ns;
		} else if (to_set & FUSE_SET_ATTR_MTIME) {
			n->mtime = (uint64_t)attr->st_mtim.tv_sec;
			n->mtime_nsec = (uint32_t)attr->st_mtim.tv_nsec;
		}
		n->ctime = s;
		n->ctime_nsec = ns;
		err = done(rfs_node_store(&fs, n));
	} else if (n) {
		done(err);
	}
	if (err) {
		fuse_reply_err(req, -err);
	} else {
		node_stat(n, &st);
		fuse_reply_attr(req, &st, ATTR_TIMEOUT);
		/* Closed to some: what the kernel cached below must go. */
		if (was_open && !perm_open_dir(n))
			inval_children((uint32_t)ino);
	}
	free(n);
}

/*
 * One transaction holds every change, so syncing one file commits all:
 * its data, its name and the directories above it are durable when this
 * answers.
 */
static void
op_fsync(fuse_req_t req, fuse_ino_t ino, int datasync,
    struct fuse_file_info *fi)
{
	(void)ino;
	(void)datasync;
	(void)fi;
	fuse_reply_err(req, -sync_now());
}

void
rw_ops_fill(struct fuse_lowlevel_ops *rw, const struct fuse_lowlevel_ops *ro)
{
	*rw = *ro;
	rw->mknod = op_mknod;
	rw->create = op_create;
	rw->mkdir = op_mkdir;
	rw->symlink = op_symlink;
	rw->link = op_link;
	rw->unlink = op_unlink;
	rw->rmdir = op_rmdir;
	rw->rename = op_rename;
	rw->write = op_write;
	rw->setattr = op_setattr;
	rw->fsync = op_fsync;
	rw->fsyncdir = op_fsync;
}
