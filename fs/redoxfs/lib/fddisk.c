/*
 * Disks as file descriptors (see fddisk.h).  No block cache here: the
 * library keeps metadata blocks by pointer (fs.h, 4 MiB) and the
 * daemons put a batch's writes in wbdisk.h; a cache of single blocks
 * below them would hold copies of the same blocks, and it would be
 * coherent only while this disk is the fd's one writer.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "fs/redoxfs/lib/fddisk.h"

struct fddisk {
	int fd;
};

/*
 * Reads or writes all of len bytes at off, looping over short transfers:
 * pread/pwrite, so a block costs one call and the fd's offset is unused.
 */
static int
xfer(int fd, uint64_t off, void *buf, size_t len, int wr)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r = wr ? pwrite(fd, (const char *)buf + done, len - done,
		    (off_t)(off + done)) :
		    pread(fd, (char *)buf + done, len - done, (off_t)(off + done));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -EIO;
		done += (size_t)r;
	}
	return 0;
}

static int
fd_read(void *ctx, uint64_t block, void *buf, size_t n)
{
	struct fddisk *f = ctx;

	return xfer(f->fd, block * RFS_BLOCK_SIZE, buf, n * RFS_BLOCK_SIZE, 0);
}

static int
fd_write(void *ctx, uint64_t block, const void *buf, size_t n)
{
	struct fddisk *f = ctx;

	return xfer(f->fd, block * RFS_BLOCK_SIZE, (void *)buf,
	    n * RFS_BLOCK_SIZE, 1);
}

static int
fd_flush(void *ctx)
{
	struct fddisk *f = ctx;

	/* Our libc's fdatasync is fsync; glibc's skips the file's times. */
	return fdatasync(f->fd) == 0 ? 0 : -errno;
}

int
rfs_fddisk_open(struct rfs_disk *d, int fd, uint64_t bytes)
{
	struct fddisk *f = malloc(sizeof *f);

	if (f == NULL)
		return -ENOMEM;
	f->fd = fd;
	d->ctx = f;
	d->read = fd_read;
	d->write = fd_write;
	d->flush = fd_flush;
	d->discard = NULL;
	d->size_blocks = bytes / RFS_BLOCK_SIZE;
	return 0;
}

int
rfs_fddisk_fd(const struct rfs_disk *d)
{
	const struct fddisk *f = d->ctx;

	return f ? f->fd : -1;
}

void
rfs_fddisk_close(struct rfs_disk *d)
{
	free(d->ctx);
	d->ctx = NULL;
}
