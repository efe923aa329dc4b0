/*
 * libFuzzer target for the RedoxFS reader and checker.  The input is a
 * sparse disk image: chunks of a 2-byte little-endian block index (taken
 * modulo the disk size) and 4096 bytes for that block, so mutations land
 * on metadata rather than on megabytes of zeros.  The reader, the
 * checker and then the writer run on each image.  Block hashes
 * are ignored so mutated bytes reach every parser, and the header hash is
 * recomputed so mutations of header fields count.  Anything may come
 * back as an error; nothing may crash, leak or hang.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/host/check.h"
#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/host/manifest.h"
#include "fs/redoxfs/lib/ops.h"
#include "fs/redoxfs/lib/seahash.h"
#include "fs/redoxfs/lib/wbdisk.h"

#define DISK_BLOCKS 1024	/* fixture C, and the front of fixture A */
#define CHUNK (2 + RFS_BLOCK_SIZE)

struct memdisk {
	uint8_t *data;
	size_t len;
};

static int
mem_read(void *ctx, uint64_t block, void *buf, size_t n)
{
	struct memdisk *m = ctx;

	if (block > m->len / RFS_BLOCK_SIZE ||
	    n > m->len / RFS_BLOCK_SIZE - block)
		return -5;
	memcpy(buf, m->data + block * RFS_BLOCK_SIZE, n * RFS_BLOCK_SIZE);
	return 0;
}

static int
mem_write(void *ctx, uint64_t block, const void *buf, size_t n)
{
	struct memdisk *m = ctx;

	if (block > m->len / RFS_BLOCK_SIZE ||
	    n > m->len / RFS_BLOCK_SIZE - block)
		return -5;
	memcpy(m->data + block * RFS_BLOCK_SIZE, buf, n * RFS_BLOCK_SIZE);
	return 0;
}

/* The writer on whatever the reader accepted: errors, never crashes. */
static void
scribble(struct rfs *fs)
{
	static uint8_t data[10000];
	struct rfs_node *n = malloc(sizeof *n);

	if (n == NULL || rfs_write_open(fs) != 0) {
		free(n);
		return;
	}
	memset(data, 'x', sizeof data);
	if (rfs_create(fs, 1, "fuzz", 4, RFS_MODE_FILE | 0644, 0, 0, 1, 0,
	    n) == 0)
		rfs_node_write(fs, n, 1000, data, sizeof data);
	rfs_create(fs, 1, "dir", 3, RFS_MODE_DIR | 0755, 0, 0, 1, 0, n);
	rfs_unlink(fs, 1, "docs", 4, 0);
	rfs_rename(fs, 1, "bin", 3, 1, "bin2", 4);
	rfs_commit(fs);
	rfs_write_close(fs);
	free(n);
}

static void
quiet(void *arg, int sev, const char *msg)
{
	(void)arg;
	(void)sev;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t nblocks = DISK_BLOCKS;
	struct memdisk md;
	struct rfs_disk d, wb;
	struct rfs fs;
	struct manifest m = { 0 };
	struct rfs_check_stats st;

	md.len = nblocks * RFS_BLOCK_SIZE;
	if ((md.data = calloc(1, md.len)) == NULL)
		return 0;
	for (size_t at = 0; at + CHUNK <= size; at += CHUNK) {
		size_t b = (size_t)(data[at] | data[at + 1] << 8) % nblocks;
		uint8_t *h = md.data + b * RFS_BLOCK_SIZE;

		memcpy(h, data + at + 2, RFS_BLOCK_SIZE);
		/* Re-seal headers so their fields, not hashes, get fuzzed. */
		if (memcmp(h, RFS_SIGNATURE, 8) == 0) {
			uint64_t x = seahash(h, RFS_HDR_ENC_HASH);
			rfs_put64(h + RFS_HDR_ENC_HASH, x);
			memset(h + RFS_HDR_ENC_HASH + 8, 0, 8);
			rfs_put64(h + RFS_HDR_HASH, x);
		}
	}
	d = (struct rfs_disk){ &md, mem_read, mem_write, NULL, nblocks, NULL };
	/* Writes go through the write-back layer, as the daemons' do. */
	if (rfs_wbdisk_open(&wb, &d, 64) != 0) {
		free(md.data);
		return 0;
	}
	if (rfs_open(&fs, &wb) == 0) {
		fs.nohash = 1;
		/* Cap file sizes: a mutated size must not mean hashing TiBs. */
		rfs_manifest(&fs, &m, 256u << 10);
		manifest_free(&m);
		rfs_check(&fs, quiet, NULL, &st);
		scribble(&fs);
		rfs_close(&fs);
	}
	rfs_wbdisk_abandon(&wb);
	free(md.data);
	return 0;
}
