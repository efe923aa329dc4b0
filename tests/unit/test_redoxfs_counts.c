/*
 * RedoxFS node counts: a directory's and a file's `blocks` against a walk
 * of what they own (upstream's AllocCtx rule), through growth, htree
 * splits, thinning and truncation, and fsck flagging a wrong `blocks` or
 * `links` on an otherwise good image.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/host/check.h"
#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/lib/ops.h"
#include "tests/unit/rfs_memdisk.h"

/* Every node is open: unlinked ones go to the release list. */
static int
always_busy(void *arg, uint32_t id)
{
	(void)arg;
	(void)id;
	return 1;
}

static const uint8_t uuid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
	14, 15, 16 };

/*
 * `blocks` counts what a node owns, as upstream's AllocCtx does: its node
 * block, records at their stored level, indirect lists, and every DirList
 * and HTreeNode block of a directory.
 */
static uint64_t
htree_blocks(struct rfs *fs, struct rfs_ptr p, int depth)
{
	uint8_t blk[RFS_BLOCK_SIZE];
	uint64_t n = 1;

	if (depth == 0)
		return 1;
	ck_assert_int_eq(rfs_read_meta(fs, p, blk), 0);
	for (unsigned i = 0; i < RFS_HTREE_ENTRIES; i++) {
		struct rfs_ptr q = rfs_ptr_get(blk + i * RFS_HTREE_PTR_SIZE +
		    4);
		if (!rfs_ptr_is_null(q))
			n += htree_blocks(fs, q, depth - 1);
	}
	return n;
}

/* Checks dir's `blocks` against a walk of its htree; gives the depth. */
static int
dir_blocks_ok(struct rfs *fs, uint32_t id)
{
	struct rfs_node *n = malloc(sizeof *n);
	struct rfs_ptr root;
	uint64_t want = 1;
	int depth;

	ck_assert_int_eq(rfs_node_load(fs, id, n), 0);
	ck_assert_int_eq(rfs_dir_root(fs, n, &depth, &root), 0);
	if (depth >= 0)
		want += htree_blocks(fs, root, depth);
	ck_assert_msg(n->blocks == want, "directory blocks %llu, owns %llu "
	    "(depth %d)", (unsigned long long)n->blocks,
	    (unsigned long long)want, depth);
	ck_assert_uint_eq(n->blocks, 1 + n->size / RFS_BLOCK_SIZE);
	free(n);
	return depth;
}

static void
long_name(char *buf, size_t cap, int i)
{
	int k = snprintf(buf, cap, "%06d-", i);

	memset(buf + k, 'n', 243);
	buf[k + 243] = 0;
}

/* A directory grows to htree depth 2 and shrinks to nothing. */
START_TEST(test_dir_blocks)
{
	struct rfs_memdisk w;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);
	char name[256];
	int count = 6000, depth = -1;
	uint32_t dir, target;

	rfs_memdisk_init(&w, &d, 32u << 20);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 8192, uuid, 1, 0), 0);
	ck_assert_int_eq(rfs_create(&fs, 1, "d", 1, RFS_MODE_DIR | 0755, 0,
	    0, 1, 0, n), 0);
	dir = n->id;
	ck_assert_int_eq(rfs_create(&fs, 1, "t", 1, RFS_MODE_FILE | 0644, 0,
	    0, 1, 0, n), 0);
	target = n->id;
	ck_assert_int_eq(dir_blocks_ok(&fs, dir), -1);
	for (int i = 0; i < count; i++) {
		long_name(name, sizeof name, i);
		ck_assert_int_eq(rfs_link(&fs, dir, name, strlen(name),
		    target), 0);
		if (i % 250 == 0)
			depth = dir_blocks_ok(&fs, dir);
	}
	ck_assert_int_eq(rfs_commit(&fs), 0);
	ck_assert_int_eq(dir_blocks_ok(&fs, dir), 2);
	rfs_check_clean(&fs, "directory of depth 2");
	/* Most go (emptied DirLists and index blocks are freed). */
	for (int i = 0; i < count; i++) {
		if (i % 16 == 0)
			continue;
		long_name(name, sizeof name, i);
		ck_assert_int_eq(rfs_unlink(&fs, dir, name, strlen(name), 0),
		    0);
		if (i % 250 == 1)
			dir_blocks_ok(&fs, dir);
	}
	ck_assert_int_eq(rfs_commit(&fs), 0);
	dir_blocks_ok(&fs, dir);
	rfs_check_clean(&fs, "directory thinned");
	for (int i = 0; i < count; i += 16) {
		long_name(name, sizeof name, i);
		ck_assert_int_eq(rfs_unlink(&fs, dir, name, strlen(name), 0),
		    0);
	}
	ck_assert_int_eq(dir_blocks_ok(&fs, dir), -1);
	ck_assert_int_eq(rfs_node_load(&fs, dir, n), 0);
	ck_assert_uint_eq(n->blocks, 1);
	ck_assert_uint_eq(n->size, 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	rfs_check_clean(&fs, "directory emptied");
	(void)depth;
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(w.data);
}
END_TEST

/* Reloads node id and returns its `blocks`. */
static uint64_t
blocks_of(struct rfs *fs, uint32_t id)
{
	struct rfs_node n;

	ck_assert_int_eq(rfs_node_load(fs, id, &n), 0);
	return n.blocks;
}

/* A file grows (records, an indirect list) and is truncated. */
START_TEST(test_file_blocks)
{
	struct rfs_memdisk w;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);
	size_t len = 3u << 20;
	uint8_t *buf = malloc(len);
	uint32_t x = 7, id;

	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (uint8_t)(x >> 16);
	}
	rfs_memdisk_init(&w, &d, 32u << 20);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 8192, uuid, 1, 0), 0);
	ck_assert_int_eq(rfs_create(&fs, 1, "f", 1, RFS_MODE_FILE | 0644, 0,
	    0, 1, 0, n), 0);
	id = n->id;
	ck_assert_uint_eq(blocks_of(&fs, id), 1);
	/* 24 incompressible 128 KiB records. */
	ck_assert_int_eq(rfs_node_write(&fs, n, 0, buf, len), 0);
	ck_assert_uint_eq(blocks_of(&fs, id), 1 + 24 * 32);
	/* Record 160 is under an indirect list: a 4 KiB record, a list. */
	ck_assert_int_eq(rfs_node_write(&fs, n, 20u << 20, "x", 1), 0);
	ck_assert_uint_eq(blocks_of(&fs, id), 1 + 24 * 32 + 2);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	rfs_check_clean(&fs, "grown");
	/* A commit stores cached records (rcache.h): copies go stale. */
	ck_assert_int_eq(rfs_node_load(&fs, id, n), 0);
	/* Rewriting in place (a new copy of each record) changes nothing. */
	ck_assert_int_eq(rfs_node_write(&fs, n, 1000, buf + 5, 300000), 0);
	ck_assert_uint_eq(blocks_of(&fs, id), 1 + 24 * 32 + 2);
	/* Down to part of record 0: the rest and the list are freed. */
	ck_assert_int_eq(rfs_node_truncate(&fs, n, 100000), 0);
	ck_assert_uint_eq(blocks_of(&fs, id), 1 + 32);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	rfs_check_clean(&fs, "truncated");
	ck_assert_int_eq(rfs_node_load(&fs, id, n), 0);
	ck_assert_int_eq(rfs_node_truncate(&fs, n, 0), 0);
	ck_assert_uint_eq(blocks_of(&fs, id), 1);
	/* Two 128 KiB records of text, each LZ4-compressed into 4 KiB. */
	for (size_t i = 0; i < (256u << 10); i++)
		buf[i] = (uint8_t)"redox "[i % 6];
	ck_assert_int_eq(rfs_node_write(&fs, n, 0, buf, 256u << 10), 0);
	ck_assert_uint_eq(blocks_of(&fs, id), 1 + 2);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	rfs_check_clean(&fs, "compressed");
	ck_assert_int_eq(rfs_node_load(&fs, id, n), 0);
	ck_assert_int_eq(rfs_unlink(&fs, 1, "f", 1, 0), 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	rfs_check_clean(&fs, "deleted");
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(buf);
	free(w.data);
}
END_TEST

struct said {
	char want[128];
	int seen;
};

static void
listen(void *arg, int sev, const char *msg)
{
	struct said *s = arg;

	if (sev == RFS_CHECK_ERROR && strstr(msg, s->want) != NULL)
		s->seen = 1;
}

/* Stores id with blocks/links changed by the deltas, checks, restores. */
static void
damage(struct rfs *fs, uint32_t id, int64_t dblocks, int dlinks,
    const char *want)
{
	struct rfs_node *n = malloc(sizeof *n);
	struct rfs_check_stats st;
	struct said s = { { 0 }, 0 };

	snprintf(s.want, sizeof s.want, "%s", want);
	ck_assert_int_eq(rfs_node_load(fs, id, n), 0);
	n->blocks = (uint64_t)((int64_t)n->blocks + dblocks);
	n->links = (uint32_t)((int)n->links + dlinks);
	ck_assert_int_eq(rfs_node_store(fs, n), 0);
	ck_assert_int_eq(rfs_commit(fs), 0);
	fs->cache_valid = 0;
	ck_assert_int_eq(rfs_check(fs, listen, &s, &st), 0);
	ck_assert_msg(st.errors == 1 && s.seen, "want one error \"%s\", got "
	    "%u errors", want, st.errors);
	n->blocks = (uint64_t)((int64_t)n->blocks - dblocks);
	n->links = (uint32_t)((int)n->links - dlinks);
	ck_assert_int_eq(rfs_node_store(fs, n), 0);
	ck_assert_int_eq(rfs_commit(fs), 0);
	rfs_check_clean(fs, want);
	free(n);
}

/* fsck flags a wrong `blocks` or `links` on an otherwise good image. */
START_TEST(test_check_counts)
{
	struct rfs_memdisk w;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);
	uint8_t *buf = malloc(300000);
	uint32_t x = 9, dir, big, small, gone, gonedir;
	struct rfs_check_stats st;
	struct said s = { "/d/big: blocks 83 but it owns 81", 0 };

	for (size_t i = 0; i < 300000; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (uint8_t)(x >> 16);
	}
	rfs_memdisk_init(&w, &d, 8u << 20);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 2048, uuid, 1, 0), 0);
	ck_assert_int_eq(rfs_create(&fs, 1, "d", 1, RFS_MODE_DIR | 0755, 0,
	    0, 1, 0, n), 0);
	dir = n->id;
	ck_assert_int_eq(rfs_create(&fs, dir, "small", 5, RFS_MODE_FILE |
	    0644, 0, 0, 1, 0, n), 0);
	small = n->id;
	ck_assert_int_eq(rfs_node_write(&fs, n, 0, "hi", 2), 0);
	ck_assert_int_eq(rfs_create(&fs, dir, "big", 3, RFS_MODE_FILE | 0644,
	    0, 0, 1, 0, n), 0);
	big = n->id;
	/* 128 KiB + 128 KiB + 64 KiB (44 KiB rounded up a level). */
	ck_assert_int_eq(rfs_node_write(&fs, n, 0, buf, 300000), 0);
	ck_assert_int_eq(rfs_link(&fs, dir, "big2", 4, big), 0);
	/* Unlinked while open: on the release list with no links. */
	ck_assert_int_eq(rfs_create(&fs, 1, "gone", 4, RFS_MODE_FILE | 0644,
	    0, 0, 1, 0, n), 0);
	gone = n->id;
	ck_assert_int_eq(rfs_node_write(&fs, n, 0, buf, 5000), 0);
	ck_assert_int_eq(rfs_create(&fs, 1, "gonedir", 7, RFS_MODE_DIR |
	    0755, 0, 0, 1, 0, n), 0);
	gonedir = n->id;
	fs.busy = always_busy;
	ck_assert_int_eq(rfs_unlink(&fs, 1, "gone", 4, 0), 0);
	ck_assert_int_eq(rfs_unlink(&fs, 1, "gonedir", 7, 1), 0);
	fs.busy = NULL;
	ck_assert_int_eq(rfs_commit(&fs), 0);
	rfs_check_clean(&fs, "good");
	ck_assert_uint_eq(blocks_of(&fs, big), 1 + 32 + 32 + 16);
	ck_assert_uint_eq(blocks_of(&fs, dir), 2);
	ck_assert_uint_eq(blocks_of(&fs, 1), 2);

	damage(&fs, dir, 1, 0, "/d: blocks 3 but it owns 2");
	damage(&fs, dir, -1, 0, "/d: blocks 1 but it owns 2");
	damage(&fs, 1, 5, 0, "/: blocks 7 but it owns 2");
	damage(&fs, big, -1, 0, "/d/big: blocks 80 but it owns 81");
	/* More than it owns, with nothing leaked to explain it. */
	damage(&fs, big, 32, 0, "/d/big: blocks 113 but it owns 81");
	damage(&fs, small, 1, 0, "/d/small: blocks 2 but it owns 1");
	damage(&fs, gone, 1, 0, "node 5: blocks 4 but it owns 3");
	damage(&fs, gonedir, 1, 0, "node 6: blocks 2 but it owns 1");
	damage(&fs, big, 0, -1, "/d/big: links 1 but 2 directory entries");
	damage(&fs, dir, 0, 1, "/d: links 2 but 1 directory entries");
	damage(&fs, 1, 0, 1, "/: links 2 but 0 directory entries");
	damage(&fs, gone, 0, 1, "node 5: links 1 but 0 directory entries");
	damage(&fs, gonedir, 0, 2, "node 6: links 2 but 0 directory entries");

	/*
	 * Upstream's truncate can lose a record the file still counts: one
	 * block leaked explains one block too many (a warning), not two.
	 */
	ck_assert_uint_ne(rfs_alloc(&fs, 0), 0);
	ck_assert_int_eq(rfs_node_load(&fs, big, n), 0);
	n->blocks++;
	ck_assert_int_eq(rfs_node_store(&fs, n), 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	fs.cache_valid = 0;
	ck_assert_int_eq(rfs_check(&fs, listen, &s, &st), 0);
	ck_assert_uint_eq(st.errors, 0);
	ck_assert_uint_eq(st.leaked_blocks, 1);
	ck_assert_uint_eq(st.warnings, 2);
	n->blocks++;
	ck_assert_int_eq(rfs_node_store(&fs, n), 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	fs.cache_valid = 0;
	ck_assert_int_eq(rfs_check(&fs, listen, &s, &st), 0);
	ck_assert(st.errors == 1 && s.seen);
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(buf);
	free(w.data);
}
END_TEST

Suite *
redoxfs_counts_suite(void)
{
	Suite *s = suite_create("redoxfs-counts");
	TCase *tc = tcase_create("counts");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_dir_blocks);
	tcase_add_test(tc, test_file_blocks);
	tcase_add_test(tc, test_check_counts);
	suite_add_tcase(s, tc);
	return s;
}
