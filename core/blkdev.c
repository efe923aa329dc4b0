/*
 * blkdev.c - disk:N, the HAL's block devices as a scheme.  Reads and
 * writes go through a bounce buffer in sectors; a request is submitted
 * and the thread sleeps until the HAL reports it done (HAL_EV_BLOCK).
 * Writes must be whole sectors at sector offsets (file systems write
 * blocks); reads may be anywhere.
 */
#include "core/abi.h"
#include "core/file.h"
#include "core/fmt.h"
#include "core/kmem.h"
#include "core/scheme.h"
#include "core/sched.h"
#include "core/str.h"
#include "core/textfile.h"
#include "hal/hal.h"

#define MAX_DISKS 16
#define XFER (64u * 1024u)
#define LIST_HANDLE 0xffffffffull

static struct waitq done_wait;

void
blkdev_event(void)
{
	waitq_wake(&done_wait, -1);
}

static int
run(struct hal_blk *d, enum hal_blk_op op, uint64_t sector, uint32_t count, void *buf)
{
	struct hal_blk_req r = { .op = op, .sector = sector, .count = count, .buf = buf };
	int e = d->submit(d, &r);
	if (e)
		return e;
	while (!r.done)
		waitq_sleep(&done_wait, 0, false);
	return r.result;
}

static int
bd_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s;
	scheme_trim(&ref, &len);
	if (len == 0) {
		if (flags & O_WRONLY)
			return -EISDIR;
		struct textbuf t = { 0 };
		for (unsigned i = 0; hal_blk_get(i); i++)
			text_printf(&t, "%u\n", i);
		text_append(&t, "", 0);
		*handle = text_handle(&t);
		return *handle ? 0 : -ENOMEM;
	}
	long n = str_to_long(ref, len);
	if (n < 0 || n >= MAX_DISKS || !hal_blk_get((unsigned)n))
		return -ENOENT;
	if (c->uid != 0)
		return -EACCES;
	*handle = (uint64_t)n << 1 | 1;	/* odd: a disk; even: a listing */
	return 0;
}

static struct hal_blk *
disk_of(struct file *f)
{
	return (f->handle & 1) ? hal_blk_get((unsigned)(f->handle >> 1)) : NULL;
}

static long
bd_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	struct hal_blk *d = disk_of(f);
	if (!d)
		return text_read(f, buf, len);
	uint64_t size = d->sectors * d->sector_size;
	if (f->pos >= size)
		return 0;
	if (len > size - f->pos)
		len = size - f->pos;
	char *bounce = kmem_alloc(XFER);
	if (!bounce)
		return -ENOMEM;
	size_t done = 0;
	while (done < len) {
		uint64_t pos = f->pos + done;
		uint64_t sector = pos / d->sector_size;
		size_t skip = pos % d->sector_size;
		size_t n = len - done;
		if (n > XFER - skip)
			n = XFER - skip;
		uint32_t count = (uint32_t)((skip + n + d->sector_size - 1) / d->sector_size);
		int e = run(d, HAL_BLK_READ, sector, count, bounce);
		if (e) {
			kmem_free(bounce);
			return done ? (long)done : e;
		}
		memcpy((char *)buf + done, bounce + skip, n);
		done += n;
	}
	kmem_free(bounce);
	f->pos += done;
	return (long)done;
}

static long
bd_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	(void)s;
	struct hal_blk *d = disk_of(f);
	if (!d)
		return -EBADF;
	uint64_t size = d->sectors * d->sector_size;
	if (f->pos % d->sector_size || len % d->sector_size)
		return -EINVAL;
	if (f->pos >= size)
		return len ? -ENOSPC : 0;
	if (len > size - f->pos)
		len = size - f->pos;
	char *bounce = kmem_alloc(XFER);
	if (!bounce)
		return -ENOMEM;
	size_t done = 0;
	while (done < len) {
		size_t n = len - done < XFER ? len - done : XFER;
		memcpy(bounce, (const char *)buf + done, n);
		int e = run(d, HAL_BLK_WRITE, (f->pos + done) / d->sector_size,
		    (uint32_t)(n / d->sector_size), bounce);
		if (e) {
			kmem_free(bounce);
			return done ? (long)done : e;
		}
		done += n;
	}
	kmem_free(bounce);
	f->pos += done;
	return (long)done;
}

static long
bd_seek(struct scheme *s, struct file *f, int64_t off, int whence)
{
	(void)s;
	struct hal_blk *d = disk_of(f);
	if (!d)
		return text_seek(f, off, whence);
	int64_t size = (int64_t)(d->sectors * d->sector_size);
	int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (int64_t)f->pos : size;
	if (off > 0 && base > INT64_MAX - off)
		return -EOVERFLOW;	/* base + off would overflow */
	if (base + off < 0)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (long)f->pos;
}

static int
bd_fsync(struct scheme *s, struct file *f)
{
	(void)s;
	struct hal_blk *d = disk_of(f);
	return d ? run(d, HAL_BLK_FLUSH, 0, 0, NULL) : 0;
}

static int
bd_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s;
	struct hal_blk *d = disk_of(f);
	if (!d)
		return text_fstat(f, st, MODE_DIR | 0555);
	st->st_mode = MODE_BLK | 0600;
	st->st_size = d->sectors * d->sector_size;
	st->st_blksize = d->sector_size;
	st->st_blocks = st->st_size / 512;
	st->st_nlink = 1;
	return 0;
}

static int
bd_close(struct scheme *s, uint64_t handle)
{
	(void)s;
	if (!(handle & 1))
		text_close(handle);
	return 0;
}

static long
bd_fpath(struct scheme *s, struct file *f, char *buf, size_t len)
{
	(void)s;
	char tmp[32];
	size_t n = (f->handle & 1) ? fmt_format(tmp, sizeof tmp, "disk:%u", (unsigned)(f->handle >> 1))
	    : fmt_format(tmp, sizeof tmp, "disk:");
	if (n > len)
		return -ERANGE;
	memcpy(buf, tmp, n);
	return (long)n;
}

static const struct scheme_ops disk_ops = {
	.open = bd_open, .read = bd_read, .write = bd_write, .seek = bd_seek,
	.fsync = bd_fsync, .fstat = bd_fstat, .close = bd_close, .fpath = bd_fpath,
};

int
blkdev_init(void)
{
	waitq_init(&done_wait);
	return scheme_register("disk", 4, &disk_ops, NULL, NULL);
}
