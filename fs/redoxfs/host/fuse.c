/*
 * redoxfs-fuse IMAGE MOUNTPOINT: mounts a RedoxFS image on Linux through
 * libfuse3's low-level API.  FUSE inode numbers are RedoxFS node ids (the
 * root is 1 in both).  Read-write unless -o ro; changes are batched and
 * committed (copy-on-write, through the header ring) as policy.h says,
 * so a crash loses nothing that was synced and at most a bounded window
 * of the rest.  The session loop is single threaded because the library
 * keeps per-fs scratch buffers.
 */
#define FUSE_USE_VERSION 34
#include <errno.h>
#include <fuse_lowlevel.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/host/filedisk.h"
#include "fs/redoxfs/host/fuse_int.h"
#include "fs/redoxfs/host/fuse_inval.h"
#include "fs/redoxfs/host/fuse_perm.h"
#include "fs/redoxfs/lib/wbdisk.h"

struct rfs fs;
int fs_rw;

/*
 * Open counts per node, so a file unlinked while open lives on (on the
 * release list) until its last close.  Few files are open at once.
 */
static struct { uint32_t id, count; } *opens;
static size_t nopens, capopens;

int
open_ref(uint32_t id, int delta)
{
	size_t i;

	for (i = 0; i < nopens && opens[i].id != id; i++)
		;
	if (i == nopens) {
		if (delta <= 0)
			return 0;
		if (nopens == capopens) {
			size_t cap = capopens ? 2 * capopens : 16;
			void *v = realloc(opens, cap * sizeof *opens);
			if (v == NULL)
				return -ENOMEM;
			opens = v;
			capopens = cap;
		}
		opens[nopens].id = id;
		opens[nopens++].count = 0;
	}
	opens[i].count += (uint32_t)delta;
	if (opens[i].count == 0) {
		opens[i] = opens[--nopens];
		return 0;
	}
	return (int)opens[i].count;
}

static int
busy(void *arg, uint32_t id)
{
	(void)arg;
	for (size_t i = 0; i < nopens; i++)
		if (opens[i].id == id)
			return 1;
	return 0;
}

void
node_stat(const struct rfs_node *n, struct stat *st)
{
	uint32_t nlink;

	memset(st, 0, sizeof *st);
	st->st_ino = n->id;
	st->st_mode = n->mode;	/* Redox's type bits are Linux's */
	/* A directory whose entries cannot be read shows its stored 1. */
	st->st_nlink = rfs_node_nlink(&fs, n, &nlink) == 0 ? nlink : n->links;
	st->st_rdev = (dev_t)rfs_node_rdev(n);
	st->st_uid = n->uid;
	st->st_gid = n->gid;
	st->st_size = (off_t)n->size;
	st->st_blksize = RFS_BLOCK_SIZE;
	st->st_blocks = (blkcnt_t)(n->blocks * (RFS_BLOCK_SIZE / 512));
	st->st_atim.tv_sec = (time_t)n->atime;
	st->st_atim.tv_nsec = n->atime_nsec;
	st->st_mtim.tv_sec = (time_t)n->mtime;
	st->st_mtim.tv_nsec = n->mtime_nsec;
	st->st_ctim.tv_sec = (time_t)n->ctime;
	st->st_ctim.tv_nsec = n->ctime_nsec;
}

int
load(fuse_ino_t ino, struct rfs_node *n)
{
	if (ino > UINT32_MAX)
		return -ENOENT;
	return rfs_node_load(&fs, (uint32_t)ino, n);
}

void
node_entry(const struct rfs_node *n, const struct rfs_node *dir,
    struct fuse_entry_param *e)
{
	memset(e, 0, sizeof *e);
	e->ino = n->id;
	e->attr_timeout = ATTR_TIMEOUT;
	/* Not everybody may search dir: each use comes back to be checked. */
	e->entry_timeout = perm_open_dir(dir) ? ATTR_TIMEOUT : 0;
	node_stat(n, &e->attr);
}

static void
op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct rfs_node *n = malloc(2 * sizeof *n), *d = n + 1;
	struct fuse_entry_param e;
	uint32_t id;
	int err;

	if (n == NULL) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	if ((err = load(parent, d)) == 0 &&
	    (err = perm_may(req, d, PERM_X)) == 0 &&
	    (err = rfs_dir_lookup(&fs, d, name, strlen(name), &id)) == 0)
		err = rfs_node_load(&fs, id, n);
	if (err) {
		fuse_reply_err(req, -err);
	} else {
		node_entry(n, d, &e);
		fuse_reply_entry(req, &e);
	}
	free(n);
}

static void
op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct rfs_node *n = malloc(sizeof *n);
	struct stat st;
	int err;

	(void)fi;
	if (n == NULL) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	if ((err = load(ino, n)) != 0) {
		fuse_reply_err(req, -err);
	} else {
		node_stat(n, &st);
		fuse_reply_attr(req, &st, ATTR_TIMEOUT);
	}
	free(n);
}

static void
op_readlink(fuse_req_t req, fuse_ino_t ino)
{
	struct rfs_node *n = malloc(sizeof *n);
	char buf[RFS_BLOCK_SIZE + 1];
	long k = -ENOMEM;

	if (n != NULL && (k = load(ino, n)) == 0) {
		if (!rfs_node_is_symlink(n))
			k = -EINVAL;
		else if (n->size > RFS_BLOCK_SIZE)
			k = -ENAMETOOLONG;
		else
			k = rfs_node_read(&fs, n, 0, buf, (size_t)n->size);
	}
	if (k < 0) {
		fuse_reply_err(req, (int)-k);
	} else {
		buf[k] = 0;
		fuse_reply_readlink(req, buf);
	}
	free(n);
}

/* The kernel's open flag for execve (include/linux/fs.h's FMODE_EXEC). */
#define FMODE_EXEC 040

/* What opening with flags asks: O_TRUNC writes; exec runs the file. */
static unsigned
open_want(int flags)
{
	unsigned want;

	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		want = PERM_R;
		break;
	case O_WRONLY:
		want = PERM_W;
		break;
	default:
		want = PERM_R | PERM_W;
		break;
	}
	if (flags & O_TRUNC)
		want |= PERM_W;
	if (flags & FMODE_EXEC)
		want = PERM_X;
	return want;
}

static void
op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct rfs_node *n = malloc(sizeof *n);
	int err;

	if (n == NULL) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	if (((fi->flags & O_ACCMODE) != O_RDONLY || (fi->flags & O_TRUNC)) &&
	    !fs_rw)
		err = -EROFS;
	else if ((err = load(ino, n)) == 0 && rfs_node_is_dir(n))
		err = -EISDIR;
	if (err == 0)
		err = perm_may(req, n, open_want(fi->flags));
	/* POSIX: a successful O_TRUNC of a regular file marks it changed,
	 * even an empty one. */
	if (err == 0 && (fi->flags & O_TRUNC) && rfs_node_is_file(n)) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		begin(64);
		err = done(rfs_truncate_at(&fs, n, 0, (uint64_t)ts.tv_sec,
		    (uint32_t)ts.tv_nsec));
	}
	free(n);
	if (err) {
		fuse_reply_err(req, -err);
		return;
	}
	/* Only this process changes the image, through the kernel's cache. */
	fi->keep_cache = 1;
	if (open_ref((uint32_t)ino, 1) < 0) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	if (fuse_reply_open(req, fi) != 0)
		open_ref((uint32_t)ino, -1);
}

static void
op_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)fi;
	/* The last close of an unlinked file frees it. */
	if (open_ref((uint32_t)ino, -1) == 0 && fs_rw) {
		begin(64);
		done(rfs_release_node(&fs, (uint32_t)ino));
	}
	fuse_reply_err(req, 0);
}

static void
op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
    struct fuse_file_info *fi)
{
	struct rfs_node *n = malloc(sizeof *n);
	char *buf;
	long k;

	(void)fi;
	if (n == NULL || off < 0) {
		free(n);
		fuse_reply_err(req, n ? EINVAL : ENOMEM);
		return;
	}
	if ((buf = malloc(size ? size : 1)) == NULL) {
		free(n);
		fuse_reply_err(req, ENOMEM);
		return;
	}
	k = load(ino, n);
	if (k == 0)
		k = rfs_node_read(&fs, n, (uint64_t)off, buf, size);
	if (k < 0)
		fuse_reply_err(req, (int)-k);
	else
		fuse_reply_buf(req, buf, (size_t)k);
	free(buf);
	free(n);
}

/* An open directory: its entries, read once at opendir. */
struct odir {
	size_t n, cap;
	struct oent {
		uint32_t id;
		uint16_t mode;
		char name[RFS_NAME_MAX + 1];
	} *v;
};

static int
odir_add(void *arg, uint32_t id, const char *name, size_t len)
{
	struct odir *d = arg;

	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 32;
		struct oent *v = realloc(d->v, cap * sizeof *v);
		if (v == NULL)
			return -ENOMEM;
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n].id = id;
	d->v[d->n].mode = 0;
	memcpy(d->v[d->n].name, name, len);
	d->v[d->n].name[len] = 0;
	d->n++;
	return 0;
}

static void
op_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct rfs_node *n = malloc(sizeof *n);
	struct odir *d = calloc(1, sizeof *d);
	int err = -ENOMEM;

	if (n && d && (err = load(ino, n)) == 0 &&
	    (err = perm_may(req, n, PERM_R)) == 0)
		err = rfs_dir_iter(&fs, n, odir_add, d);
	/* The entry types, for readdir's d_type. */
	for (size_t i = 0; err == 0 && i < d->n; i++)
		if (rfs_node_load(&fs, d->v[i].id, n) == 0)
			d->v[i].mode = n->mode;
	free(n);
	if (err) {
		if (d)
			free(d->v);
		free(d);
		fuse_reply_err(req, -err);
		return;
	}
	fi->fh = (uintptr_t)d;
	fi->cache_readdir = !fs_rw;
	fi->keep_cache = !fs_rw;
	if (fuse_reply_open(req, fi) != 0) {
		free(d->v);
		free(d);
	}
}

static void
op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
    struct fuse_file_info *fi)
{
	struct odir *d = (struct odir *)(uintptr_t)fi->fh;
	char *buf = malloc(size);
	size_t used = 0;
	struct stat st;

	if (buf == NULL) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	/* Offsets: 0 ".", 1 "..", then entry i at i + 2. */
	for (off_t i = off; i < (off_t)d->n + 2; i++) {
		const char *name;
		size_t k;

		memset(&st, 0, sizeof st);
		if (i < 2) {
			name = i == 0 ? "." : "..";
			st.st_ino = ino;
			st.st_mode = S_IFDIR;
		} else {
			name = d->v[i - 2].name;
			st.st_ino = d->v[i - 2].id;
			st.st_mode = d->v[i - 2].mode & RFS_MODE_TYPE;
		}
		k = fuse_add_direntry(req, buf + used, size - used, name, &st,
		    i + 1);
		if (k > size - used)
			break;
		used += k;
	}
	fuse_reply_buf(req, buf, used);
	free(buf);
}

static void
op_releasedir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct odir *d = (struct odir *)(uintptr_t)fi->fh;

	(void)ino;
	free(d->v);
	free(d);
	fuse_reply_err(req, 0);
}

static void
op_access(fuse_req_t req, fuse_ino_t ino, int mask)
{
	struct rfs_node *n = malloc(sizeof *n);
	int err = n ? load(ino, n) : -ENOMEM;

	if (err == 0 && (mask & W_OK) && !fs_rw)
		err = -EROFS;
	if (err == 0)
		err = perm_may(req, n, (unsigned)mask & 7u);
	free(n);
	fuse_reply_err(req, -err);
}

static void
op_statfs(fuse_req_t req, fuse_ino_t ino)
{
	struct statvfs sv;
	int64_t fr = fs_rw ? (int64_t)rfs_wr_free_count(&fs) :
	    rfs_free_blocks(&fs);

	(void)ino;
	memset(&sv, 0, sizeof sv);
	sv.f_bsize = sv.f_frsize = RFS_BLOCK_SIZE;
	sv.f_blocks = fs.blocks;
	sv.f_bfree = sv.f_bavail = fr > 0 ? (fsblkcnt_t)fr : 0;
	sv.f_namemax = RFS_NAME_MAX;
	fuse_reply_statfs(req, &sv);
}

/* Unmount: the kernel is done with us; make everything durable. */
static void
op_destroy(void *userdata)
{
	(void)userdata;
	sync_now();
}

#define SPIN_US 50

static uint64_t
now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/*
 * fuse_session_loop, plus a timer: when no request comes before the
 * pending commit is due, commit then.
 */
static int
session_loop(struct fuse_session *se)
{
	struct fuse_buf fbuf;
	struct pollfd pfd;
	int res = 0;

	memset(&fbuf, 0, sizeof fbuf);
	pfd.fd = fuse_session_fd(se);
	pfd.events = POLLIN;
	uint64_t last = 0;
	while (!fuse_session_exited(se)) {
		int due = fs_rw ? commit_due_ms() : -1;
		if (due == 0) {
			sync_now();
			continue;
		}
		/* Right after a request, look again without sleeping for a
		 * moment: a program doing one file operation after another
		 * sends the next within microseconds, and a sleep and wake-up
		 * each time costs more than the operation. */
		int r;
		do
			r = poll(&pfd, 1, 0);
		while (r == 0 && now_us() - last < SPIN_US);
		if (r == 0)
			r = poll(&pfd, 1, due);
		if (r < 0 && errno != EINTR) {
			res = -errno;
			break;
		}
		if (r <= 0)
			continue;
		res = fuse_session_receive_buf(se, &fbuf);
		if (res == -EINTR || res == -EAGAIN) {
			res = 0;
			continue;
		}
		if (res <= 0)
			break;
		fuse_session_process_buf(se, &fbuf);
		last = now_us();
		res = 0;
	}
	free(fbuf.mem);
	fuse_session_reset(se);
	return res == -ENODEV ? 0 : res;
}

static const struct fuse_lowlevel_ops ro_ops = {
	.destroy = op_destroy,
	.lookup = op_lookup,
	.getattr = op_getattr,
	.readlink = op_readlink,
	.open = op_open,
	.read = op_read,
	.release = op_release,
	.opendir = op_opendir,
	.readdir = op_readdir,
	.releasedir = op_releasedir,
	.statfs = op_statfs,
	.access = op_access,
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: redoxfs-fuse [options] IMAGE MOUNTPOINT\n"
	    "Mount a RedoxFS (version 8) image; unmount with\n"
	    "fusermount3 -u MOUNTPOINT.\n"
	    "  -f          stay in the foreground\n"
	    "  -d          debug output (implies -f)\n"
	    "  -o ro       mount read-only (also when IMAGE is not writable)\n"
	    "  -o OPT,...  other FUSE mount options\n");
}

struct args {
	const char *image;
	int help, ro;
};

static int
opt_proc(void *data, const char *arg, int key, struct fuse_args *out)
{
	struct args *a = data;

	(void)out;
	if (key == FUSE_OPT_KEY_NONOPT && a->image == NULL) {
		a->image = arg;
		return 0;
	}
	if (key == FUSE_OPT_KEY_OPT && (!strcmp(arg, "ro") ||
	    !strcmp(arg, "-oro")))
		a->ro = 1;
	if (key == FUSE_OPT_KEY_OPT && (!strcmp(arg, "--help") ||
	    !strcmp(arg, "-h"))) {
		a->help = 1;
		return 0;
	}
	return 1;
}

int
main(int argc, char **argv)
{
	struct fuse_args args = FUSE_ARGS_INIT(argc, argv);
	struct fuse_cmdline_opts co;
	struct args a = { NULL, 0, 0 };
	struct rfs_disk disk, wb;
	struct fuse_session *se;
	static struct fuse_lowlevel_ops rw_ops;
	char fsname[4200];
	int err, ret = 1;

	memset(&co, 0, sizeof co);
	if (fuse_opt_parse(&args, &a, NULL, opt_proc) != 0)
		goto done;
	if (a.help) {
		usage(stdout);
		ret = 0;
		goto done;
	}
	if (fuse_parse_cmdline(&args, &co) != 0)
		goto done;
	if (a.image == NULL || co.mountpoint == NULL) {
		usage(stderr);
		goto done;
	}
	err = a.ro ? -EROFS : rfs_filedisk_open(&disk, a.image, 1);
	if (err == -EROFS || err == -EACCES || err == -EPERM) {
		a.ro = 1;
		err = rfs_filedisk_open(&disk, a.image, 0);
	}
	if (err != 0) {
		fprintf(stderr, "redoxfs-fuse: %s: %s\n", a.image,
		    err == -EINVAL ? "not a file or block device" :
		    strerror(-err));
		goto done;
	}
	/* Writes go through the write-back layer: each block once per commit. */
	if ((err = rfs_wbdisk_open(&wb, &disk, RFS_WB_MAX_BLOCKS)) != 0) {
		fprintf(stderr, "redoxfs-fuse: %s\n", strerror(-err));
		rfs_filedisk_close(&disk);
		goto done;
	}
	if ((err = rfs_open(&fs, &wb)) != 0) {
		fprintf(stderr, "redoxfs-fuse: %s: %s\n", a.image,
		    err == -ENOENT ? "not a RedoxFS version 8 image" :
		    fs.why ? fs.why : strerror(-err));
		rfs_wbdisk_close(&wb);
		rfs_filedisk_close(&disk);
		goto done;
	}
	if (!a.ro) {
		if ((err = rfs_write_open(&fs)) != 0) {
			fprintf(stderr, "redoxfs-fuse: %s: cannot write: %s\n",
			    a.image, fs.why ? fs.why : strerror(-err));
			goto out;
		}
		fs_rw = 1;
		fs.busy = busy;
		/* Files unlinked while open when it last ran: free them. */
		if ((err = rfs_release_all(&fs)) != 0 ||
		    (err = rfs_commit(&fs)) != 0) {
			fprintf(stderr, "redoxfs-fuse: %s: release list: %s\n",
			    a.image, fs.why ? fs.why : strerror(-err));
			goto out;
		}
	}
	/* No default_permissions: the daemon checks (fuse_perm.h). */
	snprintf(fsname, sizeof fsname, "-ofsname=%s,subtype=redoxfs%s",
	    a.image, a.ro ? ",ro" : "");
	if (fuse_opt_add_arg(&args, fsname) != 0)
		goto out;
	if (fs_rw)
		rw_ops_fill(&rw_ops, &ro_ops);
	se = fuse_session_new(&args, fs_rw ? &rw_ops : &ro_ops,
	    sizeof ro_ops, NULL);
	if (se == NULL)
		goto out;
	if (fuse_set_signal_handlers(se) == 0) {
		if (fuse_session_mount(se, co.mountpoint) == 0) {
			fuse_daemonize(co.foreground);
			/* After fuse_daemonize: the thread must be in the
			 * process that serves. */
			if (fs_rw && inval_start(se) != 0)
				fprintf(stderr, "redoxfs-fuse: no thread to "
				    "drop cached names\n");
			else
				ret = session_loop(se) != 0;
			fuse_session_unmount(se);
			inval_stop();
		}
		fuse_remove_signal_handlers(se);
	}
	fuse_session_destroy(se);
out:
	if (fs_rw && sync_now() != 0)
		ret = 1;
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(opens);
	if (rfs_wbdisk_close(&wb) != 0)
		ret = 1;
	rfs_filedisk_close(&disk);
done:
	free(co.mountpoint);
	fuse_opt_free_args(&args);
	return ret;
}
