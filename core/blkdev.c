/*
 * blkdev.c - disk:N, the HAL's block devices as a scheme.  A request is
 * submitted and the thread sleeps until the HAL reports it done
 * (HAL_EV_BLOCK).  Writes must be whole sectors at sector offsets (file
 * systems write blocks); reads may be anywhere.  Reads and writes are
 * positioned (pread/pwrite); a plain read or write goes through vfs at
 * the description's position.
 *
 * No allocation per request: whole sectors move straight between the
 * HAL and the caller's kernel buffer (the syscall layer's per-thread
 * bounce, kmem memory, which hal.h allows), and only the partial sectors
 * of an unaligned read (or a buffer the HAL could not take) go through
 * the disk's own buffer, made once at boot and used by one thread at a
 * time.
 */
#include "core/abi.h"
#include "core/blkdev.h"
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

/* A HAL request buffer must be kernel memory aligned this much (hal.h). */
#define DIRECT_ALIGN 16

static struct waitq done_wait;

/* The HAL's disks, looked up once at boot (hal_blk_get may be a costly
 * call on some HALs, and the list does not change). */
static struct hal_blk *disks[MAX_DISKS];
static unsigned ndisks;

/* Per disk: the buffer for partial sectors, and who holds it. */
static struct disk_buf {
	uint8_t *buf;
	bool busy;
	struct waitq wait;
} bufs[MAX_DISKS];


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
		for (unsigned i = 0; i < ndisks; i++)
			text_printf(&t, "%u\n", i);
		text_append(&t, "", 0);
		*handle = text_handle(&t);
		return *handle ? 0 : -ENOMEM;
	}
	long n = str_to_long(ref, len);
	if (n < 0 || (unsigned long)n >= ndisks)
		return -ENOENT;
	if (c->uid != 0)
		return -EACCES;
	*handle = (uint64_t)n << 1 | 1;	/* odd: a disk; even: a listing */
	return 0;
}

static struct hal_blk *
disk_of(struct file *f)
{
	return (f->handle & 1) ? disks[f->handle >> 1] : NULL;
}

static unsigned
disk_index(struct file *f)
{
	return (unsigned)(f->handle >> 1);
}

/* Takes the disk's buffer, sleeping while another thread holds it. */
static uint8_t *
buf_take(unsigned i)
{
	struct disk_buf *b = &bufs[i];
	if (!b->buf)
		return NULL;
	while (b->busy)
		waitq_sleep(&b->wait, 0, false);
	b->busy = true;
	return b->buf;
}

static void
buf_give(unsigned i)
{
	bufs[i].busy = false;
	waitq_wake(&bufs[i].wait, 1);
}

/* Can the HAL move sectors straight to or from p? */
static bool
direct_ok(const void *p)
{
	return ((uintptr_t)p % DIRECT_ALIGN) == 0;
}

/* One piece of a read at pos: whole sectors straight into dst when it
 * can, else up to XFER bytes through the disk's buffer; bytes or -errno. */
static long
read_piece(struct hal_blk *d, unsigned i, uint64_t pos, uint8_t *dst, size_t n)
{
	uint64_t sector = pos / d->sector_size;
	size_t skip = (size_t)(pos % d->sector_size);
	if (skip == 0 && n >= d->sector_size && direct_ok(dst)) {
		uint64_t count = n / d->sector_size;
		if (count > UINT32_MAX / 2)
			count = UINT32_MAX / 2;
		int e = run(d, HAL_BLK_READ, sector, (uint32_t)count, dst);
		return e ? e : (long)(count * d->sector_size);
	}
	if (n > XFER - skip)
		n = XFER - skip;
	uint32_t count = (uint32_t)((skip + n + d->sector_size - 1) / d->sector_size);
	uint8_t *b = buf_take(i);
	if (!b)
		return -ENOMEM;
	int e = run(d, HAL_BLK_READ, sector, count, b);
	if (e == 0)
		memcpy(dst, b + skip, n);
	buf_give(i);
	return e ? e : (long)n;
}

static long
bd_pread(struct scheme *s, struct file *f, void *buf, size_t len, uint64_t off)
{
	(void)s;
	struct hal_blk *d = disk_of(f);
	if (!d) {
		if (f->handle & 1)
			return -ENXIO;
		return text_pread(f, buf, len, off);
	}
	uint64_t size = d->sectors * d->sector_size;
	if (off >= size)
		return 0;
	if (len > size - off)
		len = (size_t)(size - off);
	size_t done = 0;
	while (done < len) {
		long n = read_piece(d, disk_index(f), off + done, (uint8_t *)buf + done,
		    len - done);
		if (n < 0)
			return done ? (long)done : n;
		done += (size_t)n;
	}
	return (long)done;
}

static long
write_piece(struct hal_blk *d, unsigned i, uint64_t pos, const uint8_t *src, size_t n)
{
	uint64_t sector = pos / d->sector_size;
	if (direct_ok(src)) {
		uint64_t count = n / d->sector_size;
		if (count > UINT32_MAX / 2)
			count = UINT32_MAX / 2;
		/* The HAL only reads a write's buffer. */
		int e = run(d, HAL_BLK_WRITE, sector, (uint32_t)count, (void *)(uintptr_t)src);
		return e ? e : (long)(count * d->sector_size);
	}
	if (n > XFER)
		n = XFER;
	uint8_t *b = buf_take(i);
	if (!b)
		return -ENOMEM;
	memcpy(b, src, n);
	int e = run(d, HAL_BLK_WRITE, sector, (uint32_t)(n / d->sector_size), b);
	buf_give(i);
	return e ? e : (long)n;
}

static long
bd_pwrite(struct scheme *s, struct file *f, const void *buf, size_t len, uint64_t off)
{
	(void)s;
	struct hal_blk *d = disk_of(f);
	if (!d)
		return -EBADF;
	uint64_t size = d->sectors * d->sector_size;
	if (off % d->sector_size || len % d->sector_size)
		return -EINVAL;
	if (off >= size)
		return len ? -ENOSPC : 0;
	if (len > size - off)
		len = (size_t)(size - off);
	size_t done = 0;
	while (done < len) {
		long n = write_piece(d, disk_index(f), off + done,
		    (const uint8_t *)buf + done, len - done);
		if (n < 0)
			return done ? (long)done : n;
		done += (size_t)n;
	}
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
	.open = bd_open, .pread = bd_pread, .pwrite = bd_pwrite, .seek = bd_seek,
	.fsync = bd_fsync, .fstat = bd_fstat, .close = bd_close, .fpath = bd_fpath,
};

int
blkdev_init(void)
{
	waitq_init(&done_wait);
	while (ndisks < MAX_DISKS && (disks[ndisks] = hal_blk_get(ndisks)) != NULL) {
		waitq_init(&bufs[ndisks].wait);
		bufs[ndisks].buf = kmem_alloc(XFER);
		ndisks++;
	}
	return scheme_register(STR_LIT("disk"), &disk_ops, NULL, NULL);
}
