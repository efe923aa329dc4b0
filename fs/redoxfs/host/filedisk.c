/*
 * Image files and block devices as disks: what only the host does
 * (open by path, flock, sizing) around the shared fd disk (fddisk.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fs/redoxfs/host/filedisk.h"
#include "fs/redoxfs/lib/fddisk.h"

int
rfs_filedisk_open(struct rfs_disk *d, const char *path, int writable)
{
	struct stat st;
	off_t size;
	int err, fd = open(path, writable ? O_RDWR : O_RDONLY);

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
	/* lseek also sizes block devices, where st_size is 0. */
	size = lseek(fd, 0, SEEK_END);
	if ((err = rfs_fddisk_open(d, fd, (uint64_t)size)) != 0) {
		close(fd);
		return err;
	}
	return 0;
}

void
rfs_filedisk_close(struct rfs_disk *d)
{
	int fd = rfs_fddisk_fd(d);

	rfs_fddisk_close(d);
	if (fd >= 0)
		close(fd);
}
