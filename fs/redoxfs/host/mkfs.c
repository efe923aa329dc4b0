/*
 * redoxfs-mkfs [-b BOOTLOADER] IMAGE [SIZE]: makes an empty RedoxFS
 * (version 8) file system.  SIZE (bytes, or with K, M, G, T) creates or
 * resizes the image file; without it the file's size is used.  With -b,
 * the bootloader is copied to the start and the file system follows it,
 * as upstream's redoxfs-mkfs does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fs/redoxfs/host/filedisk.h"
#include "fs/redoxfs/lib/ops.h"

static const char usage[] =
    "usage: redoxfs-mkfs [-b BOOTLOADER] IMAGE [SIZE]\n"
    "Make an empty RedoxFS (version 8) file system in IMAGE.\n"
    "  SIZE           image size in bytes, or with a K, M, G or T suffix;\n"
    "                 creates or resizes IMAGE (default: its current size)\n"
    "  -b BOOTLOADER  copy this file to the start; the file system follows\n";

static int
parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	int shift = 0;

	if (end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	}
	if (*end == 'i' || *end == 'B')
		end += *end == 'i' && end[1] == 'B' ? 2 : 1;
	if (*end != 0 || v > (UINT64_MAX >> shift))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

int
main(int argc, char **argv)
{
	const char *image = NULL, *sizearg = NULL, *boot = NULL;
	uint64_t size = 0, start = 0;
	uint8_t uuid[16];
	struct rfs_disk disk;
	struct rfs fs;
	struct timespec now;
	int fd, err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "-b") && i + 1 < argc) {
			boot = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "redoxfs-mkfs: unknown option %s\n%s",
			    argv[i], usage);
			return 1;
		} else if (image == NULL) {
			image = argv[i];
		} else if (sizearg == NULL) {
			sizearg = argv[i];
		} else {
			fputs(usage, stderr);
			return 1;
		}
	}
	if (image == NULL) {
		fputs(usage, stderr);
		return 1;
	}
	if (sizearg && parse_size(sizearg, &size) != 0) {
		fprintf(stderr, "redoxfs-mkfs: bad size '%s'\n", sizearg);
		return 1;
	}
	if ((fd = open(image, O_RDWR | (sizearg ? O_CREAT : 0), 0644)) < 0) {
		fprintf(stderr, "redoxfs-mkfs: %s: %s%s\n", image,
		    strerror(errno), errno == ENOENT ? " (give a SIZE to "
		    "create it)" : "");
		return 1;
	}
	if (sizearg && ftruncate(fd, (off_t)size) != 0) {
		fprintf(stderr, "redoxfs-mkfs: %s: %s\n", image,
		    strerror(errno));
		close(fd);
		return 1;
	}
	if (boot) {
		FILE *b = fopen(boot, "rb");
		char buf[65536];
		size_t k;
		if (b == NULL) {
			fprintf(stderr, "redoxfs-mkfs: %s: %s\n", boot,
			    strerror(errno));
			close(fd);
			return 1;
		}
		while ((k = fread(buf, 1, sizeof buf, b)) > 0) {
			if (pwrite(fd, buf, k, (off_t)start) != (ssize_t)k) {
				fprintf(stderr, "redoxfs-mkfs: %s: write failed\n",
				    image);
				fclose(b);
				close(fd);
				return 1;
			}
			start += k;
		}
		fclose(b);
		start = (start + RFS_BLOCK_SIZE - 1) / RFS_BLOCK_SIZE;
	}
	close(fd);
	if ((err = rfs_filedisk_open(&disk, image, 1)) != 0) {
		fprintf(stderr, "redoxfs-mkfs: %s: %s\n", image,
		    err == -EINVAL ? "not a file or block device" :
		    strerror(-err));
		return 1;
	}
	if ((fd = open("/dev/urandom", O_RDONLY)) < 0 ||
	    read(fd, uuid, sizeof uuid) != (ssize_t)sizeof uuid) {
		fprintf(stderr, "redoxfs-mkfs: cannot read /dev/urandom\n");
		return 1;
	}
	close(fd);
	uuid[6] = (uint8_t)((uuid[6] & 0x0F) | 0x40);	/* version 4 */
	uuid[8] = (uint8_t)((uuid[8] & 0x3F) | 0x80);
	clock_gettime(CLOCK_REALTIME, &now);
	if (disk.size_blocks <= start ||
	    disk.size_blocks - start < RFS_HEADER_RING + 4) {
		fprintf(stderr, "redoxfs-mkfs: %s: too small: a file system "
		    "needs at least %u blocks of 4096 bytes (1 MiB + 16 KiB)\n",
		    image, RFS_HEADER_RING + 4);
		rfs_filedisk_close(&disk);
		return 1;
	}
	err = rfs_format(&fs, &disk, start, disk.size_blocks - start, uuid,
	    (uint64_t)now.tv_sec, (uint32_t)now.tv_nsec);
	if (err) {
		fprintf(stderr, "redoxfs-mkfs: %s: %s\n", image, strerror(-err));
		rfs_filedisk_close(&disk);
		return 1;
	}
	printf("redoxfs-mkfs: %s: %llu blocks (%llu MiB) at block %llu, "
	    "uuid ", image, (unsigned long long)fs.blocks,
	    (unsigned long long)(fs.blocks / 256), (unsigned long long)start);
	for (int i = 0; i < 16; i++)
		printf("%02x%s", uuid[i], i == 3 || i == 5 || i == 7 || i == 9 ?
		    "-" : "");
	printf("\n");
	rfs_write_close(&fs);
	rfs_close(&fs);
	rfs_filedisk_close(&disk);
	return 0;
}
