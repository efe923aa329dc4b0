/*
 * blk.c - block devices over disk image files (--disk PATH, repeatable).
 * Requests complete at once with pread/pwrite/fdatasync.  The core calls
 * submit without a thunk (a file daemon's every block miss would swap
 * the FS base twice), so it makes its system calls raw (rawsys.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"
#include "hal/hosted/rawsys.h"

#define MAX_DISKS 8
#define SECTOR 512

static int blk_submit(struct hal_blk *dev, struct hal_blk_req *req);

struct disk {
	struct hal_blk blk;
	int fd;
	char name[16];
};

static struct disk disks[MAX_DISKS];
static unsigned ndisks;

int
hosted_blk_add(const char *path)
{
	if (ndisks == MAX_DISKS) {
		fprintf(stderr, "redox-hosted: too many --disk options (max %d)\n", MAX_DISKS);
		return -1;
	}
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "redox-hosted: --disk %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size < SECTOR) {
		fprintf(stderr, "redox-hosted: --disk %s: not a disk image (too small)\n", path);
		close(fd);
		return -1;
	}
	struct disk *d = &disks[ndisks];
	d->fd = fd;
	snprintf(d->name, sizeof d->name, "file%u", ndisks);
	d->blk.name = d->name;
	d->blk.sectors = (uint64_t)st.st_size / SECTOR;
	d->blk.sector_size = SECTOR;
	d->blk.submit = blk_submit;
	d->blk.priv = d;
	ndisks++;
	return 0;
}

struct hal_blk *
hosted_blk_get(unsigned index)
{
	return index < ndisks ? &disks[index].blk : NULL;
}

/* All of len bytes at off, or -EIO: a short transfer is retried. */
static int
blk_rw(long nr, int fd, uint8_t *buf, size_t len, uint64_t off)
{
	while (len > 0) {
		long n = hosted_rawsys4(nr, fd, buf, len, off);
		if (n == -EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		buf += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

static int
blk_submit(struct hal_blk *dev, struct hal_blk_req *req)
{
	struct disk *d = dev->priv;
	int r;

	if (req->op != HAL_BLK_FLUSH &&
	    (req->sector > dev->sectors || req->count > dev->sectors - req->sector))
		return -EINVAL;
	uint64_t off = req->sector * SECTOR;
	size_t len = (size_t)req->count * SECTOR;
	switch (req->op) {
	case HAL_BLK_READ:
		r = blk_rw(SYS_pread64, d->fd, req->buf, len, off);
		break;
	case HAL_BLK_WRITE:
		r = blk_rw(SYS_pwrite64, d->fd, req->buf, len, off);
		break;
	case HAL_BLK_FLUSH:
		r = hosted_rawsys3(SYS_fdatasync, d->fd, 0, 0) == 0 ? 0 : -EIO;
		break;
	default:
		return -EINVAL;
	}
	req->result = r;
	req->done = 1;
	hosted_event_post(HAL_EV_BLOCK);
	return 0;
}
