/*
 * redoxfsd: opening files and moving their bytes (rfsd_file.h).
 * Permissions are checked at open, as POSIX does: a handle keeps the
 * access it was opened with.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/daemon/rfsd.h"
#include "fs/redoxfs/daemon/rfsd_file.h"
#include "fs/redoxfs/daemon/rfsd_flock.h"
#include "fs/redoxfs/daemon/rfsd_handle.h"
#include "fs/redoxfs/daemon/rfsd_meta.h"
#include "fs/redoxfs/daemon/rfsd_path.h"
#include "schemes/lib/serve.h"

/* A handle open for writing, to a node other than a directory, loaded
 * into *n, on a mount that may change. */
static struct rfsd_handle *
write_handle(uint64_t id, struct rfs_node *n, int *err)
{
	struct rfsd_handle *h = rfsd_node_handle(id, n, err);

	if (h == NULL)
		return NULL;
	*err = !(h->flags & O_WRONLY) ? -EBADF : rfsd.readonly ? -EROFS :
	    rfs_node_is_dir(n) ? -EISDIR : 0;
	return *err ? NULL : h;
}

/* Creates the last name of w as flags ask (file, directory or symlink). */
static int
create(const struct scheme_request *rq, uint32_t flags, struct rfsd_walk *w)
{
	uint32_t type;
	uint16_t mode;
	uint64_t s;
	uint32_t ns;
	int err;

	if (rfsd.readonly)
		return -EROFS;
	/* The walk that missed the name has its directory loaded. */
	if (w->dir.id != w->parent &&
	    (err = rfs_node_load(&rfsd.fs, w->parent, &w->dir)) != 0)
		return err;
	if ((err = rfsd_may(&w->dir, rq->uid, rq->gid, RFSD_W | RFSD_X)) != 0)
		return err;
	/* Special files (mkfifo, mknod) come as type bits in the mode. */
	type = flags & RFS_MODE_TYPE;
	if (flags & O_DIRECTORY)
		mode = (uint16_t)(RFS_MODE_DIR | (flags & 07777));
	else if (flags & O_SYMLINK)
		mode = RFS_MODE_SYMLINK | 0777;
	else if (type == RFS_MODE_FIFO || type == RFS_MODE_CHR ||
	    type == RFS_MODE_BLK || type == RFS_MODE_SOCK)
		mode = (uint16_t)(type | (flags & 07777));
	else if (type == 0 || type == RFS_MODE_FILE)
		mode = (uint16_t)(RFS_MODE_FILE | (flags & 07777));
	else
		return -EINVAL;
	rfsd_now(&s, &ns);
	/* The walk looked the name up in w->dir and missed it. */
	err = rfs_mknod_absent(&rfsd.fs, &w->dir, w->name, w->len, mode, 0,
	    rq->uid, rq->gid, s, ns, &w->n);
	if ((err = rfsd_end(err)) == 0)
		w->node = w->n.id;
	return err;
}

/* Checks the node w found against the open flags; may truncate it. */
static int
open_existing(const struct scheme_request *rq, uint32_t flags,
    struct rfsd_walk *w)
{
	struct rfs_node *n = &w->n;
	uint32_t acc = flags & O_ACCMODE;
	unsigned want = 0;
	int err;

	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if (rfs_node_is_symlink(n) && !(flags & (O_SYMLINK | O_STAT)))
		return -ELOOP;	/* O_NOFOLLOW met a link */
	if (!rfs_node_is_symlink(n) && (flags & O_SYMLINK) && !(flags & O_STAT))
		return -EINVAL;
	if (rfs_node_is_dir(n) && (acc & O_WRONLY))
		return -EISDIR;
	if (!rfs_node_is_dir(n) && (flags & O_DIRECTORY))
		return -ENOTDIR;
	/* An O_STAT handle only looks at the node: it needs no access. */
	if (flags & O_STAT)
		return 0;
	if (acc & O_RDONLY)
		want |= RFSD_R;
	/* O_TRUNC asks to write whatever the access mode, as on Linux. */
	if ((acc & O_WRONLY) || (flags & O_TRUNC))
		want |= RFSD_W;
	if (rfs_node_is_dir(n) && (flags & O_TRUNC))
		return -EISDIR;
	if ((err = rfsd_may(n, rq->uid, rq->gid, want)) != 0)
		return err;
	if ((want & RFSD_W) && rfsd.readonly)
		return -EROFS;
	/* Any successful O_TRUNC of a regular file marks it changed. */
	if ((flags & O_TRUNC) && rfs_node_is_file(n)) {
		uint64_t s;
		uint32_t ns;
		rfsd_now(&s, &ns);
		err = rfsd_end(rfs_truncate_at(&rfsd.fs, n, 0, s, ns));
	}
	return err;
}

int64_t
rfsd_open(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfsd_walk walk;	/* ~31 KiB, see rfsd_path.h */
	uint32_t flags = rq->flags;
	int follow = !(flags & (O_SYMLINK | O_NOFOLLOW)), created = 0, err;
	int64_t id;

	err = rfsd_walk(&rfsd.fs, in, rq->len, rq->uid, rq->gid, follow, &walk);
	if (err == -ENOENT && walk.parent != 0 && (flags & O_CREAT)) {
		if ((err = create(rq, flags, &walk)) != 0)
			return err;
		created = 1;
	} else if (err != 0) {
		return err;
	} else if ((err = open_existing(rq, flags, &walk)) != 0) {
		return err;
	}
	/* An O_STAT handle neither reads nor writes. */
	if ((flags & O_STAT) && !created)
		flags &= ~(uint32_t)O_ACCMODE;
	id = rfsd_handle_new(RFSD_NODE, walk.node, flags, walk.path);
	if (id > 0 && created)
		rfsd_handle_get((uint64_t)id)->changed = 1;
	/*
	 * An O_STAT open answers with the node's stat too, so that libc's
	 * stat (open, fstat, close) costs one round trip (core/PROTOCOL.md).
	 * walk.n is the node as it stands: create loaded the new one.
	 */
	if (id > 0 && (rq->flags & O_STAT) && cap >= sizeof(struct redox_stat)) {
		rfsd_node_stat(&walk.n, out);
		*out_len = sizeof(struct redox_stat);
	}
	return id;
}

int64_t
rfsd_read(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfs_node node;
	struct rfsd_handle *h = rfsd_handle_get(rq->a);
	size_t len = rq->c < cap ? (size_t)rq->c : cap;
	const uint8_t *data;
	int pio = serve_positioned(rq);
	uint64_t pos;
	long k;
	int err;

	(void)in;
	if (h && h->kind == RFSD_INFO) {
		pos = pio ? rq->b : h->pos;
		k = pos < h->text_len ? (long)(h->text_len - pos) : 0;
		if ((size_t)k > len)
			k = (long)len;
		memcpy(out, h->text + pos, (size_t)k);
		if (!pio)
			h->pos += (uint64_t)k;
		*out_len = (uint32_t)k;
		return k;
	}
	if ((h = rfsd_node_handle(rq->a, &node, &err)) == NULL)
		return err;
	if (!(h->flags & O_RDONLY))
		return -EBADF;
	if (rfs_node_is_dir(&node))
		return -EISDIR;
	/* pread: at the request's offset, the handle's position untouched. */
	pos = pio ? rq->b : h->pos;
	/* From the record buffer itself when one record holds it all: the
	 * kernel copies it to the caller from there (serve_payload_at). */
	if ((k = rfs_node_peek(&rfsd.fs, &node, pos, len, &data)) < 0)
		return k;
	if (k > 0)
		serve_payload_at(data);
	else if ((k = rfs_node_read(&rfsd.fs, &node, pos, out, len)) < 0)
		return k;
	if (!pio)
		h->pos += (uint64_t)k;
	*out_len = (uint32_t)k;
	return k;
}

int64_t
rfsd_write(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfs_node node;
	struct rfsd_handle *h;
	uint64_t off;
	int pio = serve_positioned(rq);
	int err;

	(void)out;
	(void)cap;
	(void)out_len;
	if ((h = write_handle(rq->a, &node, &err)) == NULL)
		return err;
	/* The kernel sends the description's current flags (fcntl).  A
	 * pwrite writes at its offset even with O_APPEND (as BSD, not Linux). */
	if (pio)
		off = rq->b;
	else
		off = ((rq->flags | h->flags) & O_APPEND) ? node.size : h->pos;
	if (rq->len == 0)
		return 0;
	if (off + rq->len < off || off + rq->len > (uint64_t)INT64_MAX)
		return -EFBIG;
	rfsd_now(&node.mtime, &node.mtime_nsec);
	node.ctime = node.mtime;
	node.ctime_nsec = node.mtime_nsec;
	err = rfsd_end(rfs_node_write(&rfsd.fs, &node, off, in, rq->len));
	if (err)
		return err;
	if (!pio)
		h->pos = off + rq->len;
	h->changed = 1;
	return rq->len;
}

int64_t
rfsd_seek(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfs_node node;
	struct rfsd_handle *h = rfsd_handle_get(rq->a);
	int64_t base, off = (int64_t)rq->b;
	int err;

	(void)in;
	(void)out;
	(void)cap;
	(void)out_len;
	if (h == NULL)
		return -EBADF;
	if (h->kind == RFSD_INFO) {
		base = (int64_t)h->text_len;
	} else if (rq->c == SEEK_END) {
		if ((h = rfsd_node_handle(rq->a, &node, &err)) == NULL)
			return err;
		base = rfs_node_is_dir(&node) ? (int64_t)h->nents :
		    (int64_t)node.size;
	} else if (h->kind != RFSD_NODE) {
		return -EBADF;
	} else {
		/* Only SEEK_END needs the node: sqlite seeks before each
		 * read and write (1156 times for its 100,000 inserts). */
		base = 0;
	}
	switch (rq->c) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)h->pos; break;
	case SEEK_END: break;
	default: return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	h->pos = (uint64_t)(base + off);
	/* Rewinding a directory lists it afresh. */
	if (h->pos == 0 && h->ents) {
		free(h->ents);
		h->ents = NULL;
		h->nents = 0;
	}
	return (int64_t)h->pos;
}

int64_t
rfsd_close(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfsd_handle *h = rfsd_handle_get(rq->a);
	uint32_t node;

	(void)in;
	(void)out;
	(void)cap;
	(void)out_len;
	if (h == NULL)
		return -EBADF;
	node = h->node;
	if (h->kind != RFSD_NODE) {
		rfsd_handle_free(rq->a);
		return 0;
	}
	/* Any close of a file drops the closer's record locks on it (POSIX),
	 * but not one opened for stat() alone: that is libc's way to stat a
	 * path, not a descriptor the program ever had. */
	int stat_only = (h->flags & O_STAT) != 0, orphan = h->orphan;
	rfsd_handle_free(rq->a);
	if (!stat_only || rfsd_handle_count(node) == 0)
		rfsd_flock_closed(node, rq->pid, rfsd_handle_count(node) == 0);
	if (rfsd_handle_count(node) > 0)
		return 0;
	/*
	 * The last close of an unlinked file frees it (only an orphan's:
	 * others need no look at the release list).  Closing commits
	 * nothing (POSIX): the policy's window does, or an fsync (rfsd.h).
	 */
	if (orphan && !rfsd.readonly) {
		rfsd_end(rfs_release_node(&rfsd.fs, node));
	}
	return 0;
}

/* Text for dup(fd, "fsinfo"): what `mount` prints about this scheme. */
static int
fsinfo(char **text, size_t *len)
{
	char buf[256];
	const uint8_t *u = rfsd.fs.hdr.uuid;
	int n = snprintf(buf, sizeof buf, "%s %s: redoxfs %s blocks=%llu "
	    "free=%llu generation=%llu uuid=%02x%02x%02x%02x-%02x%02x-%02x%02x"
	    "-%02x%02x-%02x%02x%02x%02x%02x%02x commits=%llu\n",
	    rfsd.disk_name, rfsd.scheme, rfsd.readonly ? "ro" : "rw",
	    (unsigned long long)rfsd.fs.blocks,
	    (unsigned long long)(rfsd.readonly ? 0 :
	    rfs_wr_free_count(&rfsd.fs)),
	    (unsigned long long)rfsd.fs.hdr.generation, u[0], u[1], u[2], u[3],
	    u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
	    u[14], u[15], (unsigned long long)rfsd.commits);

	if (n < 0 || (*text = malloc((size_t)n + 1)) == NULL)
		return -ENOMEM;
	memcpy(*text, buf, (size_t)n + 1);
	*len = (size_t)n;
	return 0;
}

int64_t
rfsd_dup(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfsd_handle *h = rfsd_handle_get(rq->a), *d;
	int64_t id;

	(void)out;
	(void)cap;
	(void)out_len;
	if (h == NULL)
		return -EBADF;
	if (rq->len == 6 && memcmp(in, "fsinfo", 6) == 0) {
		if ((id = rfsd_handle_new(RFSD_INFO, 0, O_RDONLY, "")) < 0)
			return id;
		d = rfsd_handle_get((uint64_t)id);
		if (fsinfo(&d->text, &d->text_len) != 0) {
			rfsd_handle_free((uint64_t)id);
			return -ENOMEM;
		}
		return id;
	}
	if (rq->len != 0 || h->kind != RFSD_NODE)
		return -EINVAL;
	if ((id = rfsd_handle_new(RFSD_NODE, h->node, h->flags, h->path)) < 0)
		return id;
	d = rfsd_handle_get((uint64_t)id);
	d->pos = h->pos;
	d->orphan = h->orphan;
	return id;
}

int64_t
rfsd_ftruncate(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfs_node node;
	struct rfsd_handle *h;
	int err;

	(void)in;
	(void)out;
	(void)cap;
	(void)out_len;
	if ((h = write_handle(rq->a, &node, &err)) == NULL)
		return err;
	if (!rfs_node_is_file(&node))
		return -EINVAL;
	rfsd_now(&node.mtime, &node.mtime_nsec);
	node.ctime = node.mtime;
	node.ctime_nsec = node.mtime_nsec;
	if ((err = rfsd_end(rfs_node_truncate(&rfsd.fs, &node, rq->b))) == 0)
		h->changed = 1;
	return err;
}

int64_t
rfsd_fsync(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rfsd_handle *h = rfsd_handle_get(rq->a);

	(void)in;
	(void)out;
	(void)cap;
	(void)out_len;
	if (h == NULL)
		return -EBADF;
	if (rfsd.readonly)
		return 0;
	/* One transaction holds every change: fsync commits them all. */
	h->changed = 0;
	return rfsd_sync();
}

int64_t
rfsd_fevent(const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	(void)in;
	(void)out;
	(void)cap;
	(void)out_len;
	if (rfsd_handle_get(rq->a) == NULL)
		return -EBADF;
	/* Files are always ready. */
	return (int64_t)(rq->b & (EVENT_READ | EVENT_WRITE));
}
