/*
 * Disks as file descriptors (see fddisk.h).  redoxfsd is the only writer
 * of its disk, so a write-through cache of recently used blocks stays
 * coherent there: it saves the tree walk to a node (four or five reads)
 * on almost every request, each of which is a round trip through the
 * kernel.  The host tools go without it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs/redoxfs/lib/fddisk.h"

struct fddisk {
	int fd;
	/* Direct-mapped: block b lives in slot b % RFS_FDDISK_CACHE. */
	uint64_t tag[RFS_FDDISK_CACHE];	/* block + 1; 0 = empty */
	uint8_t *data;			/* NULL: no cache */
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

static void
cache_put(struct fddisk *f, uint64_t block, const void *buf)
{
	size_t slot = (size_t)(block % RFS_FDDISK_CACHE);

	f->tag[slot] = block + 1;
	memcpy(f->data + slot * RFS_BLOCK_SIZE, buf, RFS_BLOCK_SIZE);
}

static int
fd_read(void *ctx, uint64_t block, void *buf, size_t n)
{
	struct fddisk *f = ctx;
	size_t i;
	int err;

	for (i = 0; f->data && i < n; i++)
		if (f->tag[(block + i) % RFS_FDDISK_CACHE] != block + i + 1)
			break;
	if (f->data && i == n) {
		for (i = 0; i < n; i++)
			memcpy((uint8_t *)buf + i * RFS_BLOCK_SIZE, f->data +
			    (size_t)((block + i) % RFS_FDDISK_CACHE) *
			    RFS_BLOCK_SIZE, RFS_BLOCK_SIZE);
		return 0;
	}
	if ((err = xfer(f->fd, block * RFS_BLOCK_SIZE, buf,
	    n * RFS_BLOCK_SIZE, 0)) != 0)
		return err;
	/* Single blocks are metadata, worth keeping; records pass through. */
	if (f->data && n == 1)
		cache_put(f, block, buf);
	return 0;
}

static int
fd_write(void *ctx, uint64_t block, const void *buf, size_t n)
{
	struct fddisk *f = ctx;
	int err;

	/* Drop stale copies first, so a failed write leaves none behind. */
	for (size_t i = 0; f->data && i < n; i++) {
		size_t slot = (size_t)((block + i) % RFS_FDDISK_CACHE);
		if (f->tag[slot] == block + i + 1)
			f->tag[slot] = 0;
	}
	if ((err = xfer(f->fd, block * RFS_BLOCK_SIZE, (void *)buf,
	    n * RFS_BLOCK_SIZE, 1)) != 0)
		return err;
	if (f->data && n == 1)
		cache_put(f, block, buf);
	return 0;
}

static int
fd_flush(void *ctx)
{
	struct fddisk *f = ctx;

	/* Our libc's fdatasync is fsync; glibc's skips the file's times. */
	return fdatasync(f->fd) == 0 ? 0 : -errno;
}

int
rfs_fddisk_open(struct rfs_disk *d, int fd, uint64_t bytes, int cache)
{
	struct fddisk *f = calloc(1, sizeof *f);

	if (f == NULL || (cache && (f->data = malloc((size_t)RFS_FDDISK_CACHE *
	    RFS_BLOCK_SIZE)) == NULL)) {
		free(f);
		return -ENOMEM;
	}
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
	struct fddisk *f = d->ctx;

	if (f) {
		free(f->data);
		free(f);
	}
	d->ctx = NULL;
}
