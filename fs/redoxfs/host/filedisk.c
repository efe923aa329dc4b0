/* Image files as disks: pread/pwrite at block offsets. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fs/redoxfs/host/filedisk.h"

struct filedisk {
	int fd;
};

static int
fd_read(void *ctx, uint64_t block, void *buf, size_t n)
{
	struct filedisk *f = ctx;
	size_t want = n * RFS_BLOCK_SIZE, got = 0;

	while (got < want) {
		ssize_t r = pread(f->fd, (char *)buf + got, want - got,
		    (off_t)(block * RFS_BLOCK_SIZE + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -EIO;
		got += (size_t)r;
	}
	return 0;
}

static int
fd_write(void *ctx, uint64_t block, const void *buf, size_t n)
{
	struct filedisk *f = ctx;
	size_t want = n * RFS_BLOCK_SIZE, put = 0;

	while (put < want) {
		ssize_t r = pwrite(f->fd, (const char *)buf + put, want - put,
		    (off_t)(block * RFS_BLOCK_SIZE + put));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -EIO;
		put += (size_t)r;
	}
	return 0;
}

static int
fd_flush(void *ctx)
{
	struct filedisk *f = ctx;

	return fdatasync(f->fd) == 0 ? 0 : -errno;
}

int
rfs_filedisk_open(struct rfs_disk *d, const char *path, int writable)
{
	struct filedisk *f;
	struct stat st;
	int fd = open(path, writable ? O_RDWR : O_RDONLY);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
		int e = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		close(fd);
		return e;
	}
	for (int tries = 0; flock(fd, (writable ? LOCK_EX : LOCK_SH) |
	    LOCK_NB) != 0; tries++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;		/* no locks here (NFS...): go on */
		if (tries == 1000) {
			if (!writable)
				break;
			close(fd);
			return -EBUSY;
		}
		nanosleep(&ts, NULL);
	}
	if ((f = malloc(sizeof *f)) == NULL) {
		close(fd);
		return -ENOMEM;
	}
	f->fd = fd;
	d->ctx = f;
	d->read = fd_read;
	d->write = fd_write;
	d->flush = fd_flush;
	d->discard = NULL;
	/* lseek also sizes block devices, where st_size is 0. */
	d->size_blocks = (uint64_t)lseek(fd, 0, SEEK_END) / RFS_BLOCK_SIZE;
	return 0;
}

void
rfs_filedisk_close(struct rfs_disk *d)
{
	struct filedisk *f = d->ctx;

	if (f) {
		close(f->fd);
		free(f);
	}
	d->ctx = NULL;
}
