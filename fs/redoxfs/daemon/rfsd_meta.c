/* redoxfsd: metadata and names (rfsd_meta.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/daemon/rfsd.h"
#include "fs/redoxfs/daemon/rfsd_handle.h"
#include "fs/redoxfs/daemon/rfsd_meta.h"
#include "fs/redoxfs/daemon/rfsd_path.h"

/* Linux's UTIME_NOW and UTIME_OMIT, which libc passes through. */
#define RFSD_UTIME_NOW	((1L << 30) - 1)
#define RFSD_UTIME_OMIT	((1L << 30) - 2)

void
rfsd_node_stat(const struct rfs_node *node, struct redox_stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_dev = rfs_le64(rfsd.fs.hdr.uuid);
	st->st_blksize = RFS_BLOCK_SIZE;
	st->st_ino = node->id;
	st->st_mode = node->mode;	/* Redox's type bits are RedoxFS's */
	/* A directory whose entries cannot be read shows its 1. */
	if (rfs_node_nlink(&rfsd.fs, node, &st->st_nlink) != 0)
		st->st_nlink = node->links;
	st->st_uid = node->uid;
	st->st_gid = node->gid;
	st->st_size = node->size;
	st->st_blocks = node->blocks * (RFS_BLOCK_SIZE / 512);
	st->st_mtime = node->mtime;
	st->st_mtime_nsec = node->mtime_nsec;
	st->st_atime = node->atime;
	st->st_atime_nsec = node->atime_nsec;
	st->st_ctime = node->ctime;
	st->st_ctime_nsec = node->ctime_nsec;
}

int64_t
rfsd_fstat(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfs_node node;
	struct rfsd_handle *h = rfsd_handle_get(rq->a);
	struct redox_stat st;
	int err;

	(void)in;
	if (h && h->kind == RFSD_INFO) {
		memset(&st, 0, sizeof st);
		st.st_dev = rfs_le64(rfsd.fs.hdr.uuid);
		st.st_blksize = RFS_BLOCK_SIZE;
		st.st_mode = MODE_FILE | 0444;
		st.st_nlink = 1;
		st.st_size = h->text_len;
	} else if ((h = rfsd_node_handle(rq->a, &node, &err)) == NULL) {
		return err;
	} else {
		rfsd_node_stat(&node, &st);
	}
	if (cap < sizeof st)
		return -EINVAL;
	memcpy(out, &st, sizeof st);
	*out_len = sizeof st;
	return 0;
}

int64_t
rfsd_fstatvfs(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct redox_statvfs sv;
	int64_t fr;

	(void)in;
	if (rfsd_handle_get(rq->a) == NULL)
		return -EBADF;
	fr = rfsd.readonly ? rfs_free_blocks(&rfsd.fs) :
	    (int64_t)rfs_wr_free_count(&rfsd.fs);
	memset(&sv, 0, sizeof sv);
	sv.f_bsize = RFS_BLOCK_SIZE;
	sv.f_blocks = rfsd.fs.blocks;
	sv.f_bfree = fr > 0 ? (uint64_t)fr : 0;
	/* Blocks kept back for removals are not available for data. */
	sv.f_bavail = sv.f_bfree > RFS_RESERVE_BLOCKS ?
	    sv.f_bfree - RFS_RESERVE_BLOCKS : 0;
	if (cap < sizeof sv)
		return -EINVAL;
	memcpy(out, &sv, sizeof sv);
	*out_len = sizeof sv;
	return 0;
}

int64_t
rfsd_fpath(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfsd_handle *h = rfsd_handle_get(rq->a);
	size_t sl = strlen(rfsd.scheme), pl, n;

	(void)in;
	if (h == NULL)
		return -EBADF;
	pl = strlen(h->path);
	n = sl + 2 + pl;
	if (cap > rq->c)
		cap = (size_t)rq->c;
	if (n > cap)
		return -ERANGE;
	memcpy(out, rfsd.scheme, sl);
	memcpy((char *)out + sl, ":/", 2);
	memcpy((char *)out + sl + 2, h->path, pl);
	*out_len = (uint32_t)n;
	return (int64_t)n;
}

/* Stores n after a metadata change, as one counted change. */
static int
store_meta(struct rfs_node *n)
{
	rfsd_now(&n->ctime, &n->ctime_nsec);
	return rfsd_end(rfs_node_store(&rfsd.fs, n));
}

int64_t
rfsd_fchmod(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfs_node node;
	int err;

	(void)in;
	(void)out;
	(void)cap;
	(void)out_len;
	if (rfsd_node_handle(rq->a, &node, &err) == NULL)
		return err;
	if (rq->uid != 0 && rq->uid != node.uid)
		return -EPERM;
	if (rfsd.readonly)
		return -EROFS;
	node.mode = (uint16_t)((node.mode & RFS_MODE_TYPE) | (rq->b & 07777));
	/* POSIX: only a member of the group may set set-group-ID. */
	if (rq->uid != 0 && node.gid != rq->gid)
		node.mode &= (uint16_t)~02000;
	return store_meta(&node);
}

int64_t
rfsd_fchown(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfs_node node;
	uint32_t uid = (uint32_t)rq->b, gid = (uint32_t)rq->c;
	int err;

	(void)in;
	(void)out;
	(void)cap;
	(void)out_len;
	if (rfsd_node_handle(rq->a, &node, &err) == NULL)
		return err;
	if (uid == UINT32_MAX)
		uid = node.uid;
	if (gid == UINT32_MAX)
		gid = node.gid;
	/* Only root gives files away; an owner may pick its own group. */
	if (rq->uid != 0 && (rq->uid != node.uid || uid != node.uid ||
	    (gid != node.gid && gid != rq->gid)))
		return -EPERM;
	if (rfsd.readonly)
		return -EROFS;
	node.uid = uid;
	node.gid = gid;
	if (rq->uid != 0 && !rfs_node_is_dir(&node))
		node.mode &= (uint16_t)~06000;
	return store_meta(&node);
}

int64_t
rfsd_futimens(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfs_node node;
	struct redox_timespec ts[2];
	uint64_t s;
	uint32_t ns;
	int err;

	(void)out;
	(void)cap;
	(void)out_len;
	if (rfsd_node_handle(rq->a, &node, &err) == NULL)
		return err;
	if (rq->len < sizeof ts)
		return -EINVAL;
	memcpy(ts, in, sizeof ts);
	/* The owner sets any time; others with write access only "now". */
	if (rq->uid != 0 && rq->uid != node.uid) {
		if (ts[0].tv_nsec != RFSD_UTIME_NOW ||
		    ts[1].tv_nsec != RFSD_UTIME_NOW)
			return -EPERM;
		if ((err = rfsd_may(&node, rq->uid, rq->gid, RFSD_W)) != 0)
			return err;
	}
	if (rfsd.readonly)
		return -EROFS;
	rfsd_now(&s, &ns);
	for (int i = 0; i < 2; i++) {
		uint64_t *sec = i ? &node.mtime : &node.atime;
		uint32_t *nsec = i ? &node.mtime_nsec : &node.atime_nsec;
		if (ts[i].tv_nsec == RFSD_UTIME_OMIT)
			continue;
		if (ts[i].tv_nsec == RFSD_UTIME_NOW) {
			*sec = s;
			*nsec = ns;
		} else if (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000 ||
		    ts[i].tv_sec < 0) {
			return -EINVAL;
		} else {
			*sec = (uint64_t)ts[i].tv_sec;
			*nsec = (uint32_t)ts[i].tv_nsec;
		}
	}
	return store_meta(&node);
}

int64_t
rfsd_frename(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	/* The name being moved and where it goes: ~31 KiB each. */
	struct rfsd_walk from, to;
	struct rfs_node node;
	struct rfsd_handle *h;
	char *np;
	uint64_t s;
	uint32_t ns;
	int err;

	(void)out;
	(void)cap;
	(void)out_len;
	if ((h = rfsd_node_handle(rq->a, &node, &err)) == NULL)
		return err;
	if (rfsd.readonly)
		return -EROFS;
	/* Where the handle's name is now, without following it. */
	err = rfsd_walk(&rfsd.fs, h->path, strlen(h->path), 0, 0, 0, &from);
	if (err == 0 && from.node != h->node)
		err = -ENOENT;	/* renamed or removed by someone else */
	if (err)
		return err;
	if (from.len == 0)
		return -EBUSY;	/* the root */
	if ((err = rfsd_may_remove(&from.dir, &from.n, rq->uid, rq->gid)) != 0)
		return err;
	err = rfsd_walk(&rfsd.fs, in, rq->len, rq->uid, rq->gid, 0, &to);
	if (err == 0) {
		if (to.len == 0)
			return -EBUSY;
		err = rfsd_may_remove(&to.dir, &to.n, rq->uid, rq->gid);
	} else if (err == -ENOENT && to.parent != 0) {
		if ((err = rfs_node_load(&rfsd.fs, to.parent, &to.dir)) == 0)
			err = rfsd_may(&to.dir, rq->uid, rq->gid,
			    RFSD_W | RFSD_X);
	}
	if (err)
		return err;
	if ((np = strdup(to.path)) == NULL)
		return -ENOMEM;
	rfsd_now(&s, &ns);
	err = rfsd_end(rfs_rename_at(&rfsd.fs, from.parent, from.name, from.len,
	    to.parent, to.name, to.len, s, ns));
	if (err) {
		free(np);
		return err;
	}
	free(h->path);
	h->path = np;
	return 0;
}

static int64_t
remove_common(const struct scheme_request *rq, const void *in, int dir)
{
	struct rfsd_walk walk;	/* ~31 KiB, see rfsd_path.h */
	uint64_t s;
	uint32_t ns;
	int err;

	err = rfsd_walk(&rfsd.fs, in, rq->len, rq->uid, rq->gid, 0, &walk);
	if (err)
		return err;
	if (walk.len == 0)
		return -EBUSY;
	if (rfsd.readonly)
		return -EROFS;
	if ((err = rfsd_may_remove(&walk.dir, &walk.n, rq->uid, rq->gid)) != 0)
		return err;
	rfsd_now(&s, &ns);
	/* The walk loaded the directory and the node: no second lookup. */
	return rfsd_end(rfs_unlink_loaded(&rfsd.fs, &walk.dir, &walk.n,
	    walk.name, walk.len, dir, s, ns));
}

int64_t
rfsd_unlink(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	(void)out;
	(void)cap;
	(void)out_len;
	return remove_common(rq, in, 0);
}

int64_t
rfsd_rmdir(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	(void)out;
	(void)cap;
	(void)out_len;
	return remove_common(rq, in, 1);
}

int64_t
rfsd_mkdir(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfsd_walk walk;	/* ~31 KiB, see rfsd_path.h */
	uint64_t s;
	uint32_t ns;
	int err;

	(void)out;
	(void)cap;
	(void)out_len;
	err = rfsd_walk(&rfsd.fs, in, rq->len, rq->uid, rq->gid, 0, &walk);
	if (err == 0)
		return -EEXIST;
	if (err != -ENOENT || walk.parent == 0)
		return err;
	if (rfsd.readonly)
		return -EROFS;
	if ((err = rfs_node_load(&rfsd.fs, walk.parent, &walk.dir)) != 0)
		return err;
	if ((err = rfsd_may(&walk.dir, rq->uid, rq->gid, RFSD_W | RFSD_X)) != 0)
		return err;
	rfsd_now(&s, &ns);
	return rfsd_end(rfs_mknod(&rfsd.fs, walk.parent, walk.name, walk.len,
	    (uint16_t)(RFS_MODE_DIR | (rq->b & 07777)), 0, rq->uid, rq->gid,
	    s, ns, &walk.n));
}

struct dlist {
	struct rfsd_dent *v;
	size_t n, cap;
};

static int
list_add(void *arg, uint32_t id, const char *name, size_t len)
{
	struct dlist *l = arg;

	if (len > RFS_NAME_MAX)
		return -EIO;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 32;
		struct rfsd_dent *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].id = id;
	l->v[l->n].len = (uint8_t)len;
	l->v[l->n].type = DT_UNKNOWN;
	memcpy(l->v[l->n].name, name, len);
	l->n++;
	return 0;
}

static uint8_t
dtype(uint16_t mode)
{
	switch (mode & RFS_MODE_TYPE) {
	case RFS_MODE_DIR: return DT_DIR;
	case RFS_MODE_FILE: return DT_REG;
	case RFS_MODE_SYMLINK: return DT_LNK;
	case RFS_MODE_SOCK: return DT_SOCK;
	case RFS_MODE_FIFO: return DT_FIFO;
	case RFS_MODE_CHR: return DT_CHR;
	case RFS_MODE_BLK: return DT_BLK;
	}
	return DT_UNKNOWN;
}

/* Takes the listing of directory dir for handle h. */
static int
take_list(struct rfsd_handle *h, struct rfs_node *dir)
{
	struct dlist l = { NULL, 0, 0 };
	struct rfs_node *c = malloc(sizeof *c);
	int err = c ? rfs_dir_iter(&rfsd.fs, dir, list_add, &l) : -ENOMEM;

	/* Types for d_type: ls and find want them without a stat each. */
	for (size_t i = 0; err == 0 && i < l.n; i++)
		if (rfs_node_load(&rfsd.fs, l.v[i].id, c) == 0)
			l.v[i].type = dtype(c->mode);
	free(c);
	if (err) {
		free(l.v);
		return err;
	}
	h->ents = l.v;
	h->nents = l.n;
	return 0;
}

int64_t
rfsd_getdents(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfs_node node;
	struct rfsd_handle *h;
	size_t used = 0, len = rq->c < cap ? (size_t)rq->c : cap;
	int err;

	(void)in;
	if ((h = rfsd_node_handle(rq->a, &node, &err)) == NULL)
		return err;
	if (!rfs_node_is_dir(&node))
		return -ENOTDIR;
	if (h->ents == NULL && h->pos == 0 && (err = take_list(h, &node)) != 0)
		return err;
	while (h->pos < h->nents) {
		const struct rfsd_dent *e = &h->ents[h->pos];
		struct redox_dirent d;
		size_t rec = sizeof d + e->len + 1;
		if (used + rec > len) {
			if (used == 0)
				return -EINVAL;
			break;
		}
		d.d_ino = e->id;
		d.d_off = h->pos + 1;
		d.d_reclen = (uint16_t)rec;
		d.d_type = e->type;
		memcpy((char *)out + used, &d, sizeof d);
		memcpy((char *)out + used + sizeof d, e->name, e->len);
		((char *)out)[used + sizeof d + e->len] = 0;
		used += rec;
		h->pos++;
	}
	*out_len = (uint32_t)used;
	return (int64_t)used;
}
