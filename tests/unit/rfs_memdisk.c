/* rfs_memdisk.c - a RedoxFS disk in memory and an fsck assert, for the
 * unit tests. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "fs/redoxfs/host/check.h"

#include "tests/unit/rfs_memdisk.h"

static int
m_read(void *ctx, uint64_t block, void *buf, size_t n)
{
	struct rfs_memdisk *m = ctx;

	if ((block + n) * RFS_BLOCK_SIZE > m->len)
		return -EIO;
	memcpy(buf, m->data + block * RFS_BLOCK_SIZE, n * RFS_BLOCK_SIZE);
	return 0;
}

static int
m_write(void *ctx, uint64_t block, const void *buf, size_t n)
{
	struct rfs_memdisk *m = ctx;

	if ((block + n) * RFS_BLOCK_SIZE > m->len)
		return -EIO;
	memcpy(m->data + block * RFS_BLOCK_SIZE, buf, n * RFS_BLOCK_SIZE);
	return 0;
}

void
rfs_memdisk_init(struct rfs_memdisk *m, struct rfs_disk *d, size_t bytes)
{
	m->data = calloc(1, bytes);
	ck_assert_ptr_nonnull(m->data);
	m->len = bytes;
	*d = (struct rfs_disk){ m, m_read, m_write, NULL,
		bytes / RFS_BLOCK_SIZE, NULL };
}

static void
loud(void *arg, int sev, const char *msg)
{
	(void)arg;
	if (sev != RFS_CHECK_INFO)
		fprintf(stderr, "fsck: %s\n", msg);
}

void
rfs_check_clean(struct rfs *fs, const char *when)
{
	struct rfs_check_stats st;

	fs->cache_valid = 0;
	ck_assert_int_eq(rfs_check(fs, loud, NULL, &st), 0);
	ck_assert_msg(st.errors == 0 && st.warnings == 0 &&
	    st.leaked_blocks == 0, "%s: fsck found %u errors, %u warnings, "
	    "%llu leaked blocks", when, st.errors, st.warnings,
	    (unsigned long long)st.leaked_blocks);
}
