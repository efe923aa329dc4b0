/*
 * RedoxFS POSIX metadata (fs/redoxfs/lib/meta.h): special files and their
 * device numbers across a remount, directory link counts through
 * changes, undone changes and aborted transactions, and the times the
 * *_at calls set.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/host/check.h"
#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/lib/meta.h"
#include "tests/unit/rfs_memdisk.h"

static const uint8_t uuid[16] = { 9, 8, 7, 6, 5, 4, 3, 2, 1 };

static void
setup(struct rfs_memdisk *m, struct rfs_disk *d, struct rfs *fs)
{
	rfs_memdisk_init(m, d, 4u << 20);
	ck_assert_int_eq(rfs_format(fs, d, 0, 1000, uuid, 1, 0), 0);
}

static void
quiet(void *arg, int sev, const char *msg)
{
	(void)arg;
	(void)sev;
	(void)msg;
}

static void
check_clean(struct rfs *fs)
{
	struct rfs_check_stats st;

	fs->cache_valid = 0;
	ck_assert_int_eq(rfs_check(fs, quiet, NULL, &st), 0);
	ck_assert_uint_eq(st.errors, 0);
	ck_assert_uint_eq(st.warnings, 0);
}

/* The link count stat shows for node id. */
static uint32_t
nlink(struct rfs *fs, uint32_t id)
{
	struct rfs_node *n = malloc(sizeof *n);
	uint32_t k = 0;

	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(rfs_node_load(fs, id, n), 0);
	ck_assert_int_eq(rfs_node_nlink(fs, n, &k), 0);
	free(n);
	return k;
}

static uint32_t
lookup(struct rfs *fs, uint32_t dir, const char *name)
{
	struct rfs_node *n = malloc(sizeof *n);
	uint32_t id = 0;

	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(rfs_node_load(fs, dir, n), 0);
	ck_assert_int_eq(rfs_dir_lookup(fs, n, name, strlen(name), &id), 0);
	free(n);
	return id;
}

START_TEST(test_special_files)
{
	static const struct { const char *name; uint16_t type; uint64_t rdev; } sp[] = {
		{ "fifo", RFS_MODE_FIFO, 0 },
		{ "chr", RFS_MODE_CHR, 0x0103 },
		{ "blk", RFS_MODE_BLK, 0x123456789abcull },
		{ "sock", RFS_MODE_SOCK, 0 },
	};
	struct rfs_memdisk m;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);

	setup(&m, &d, &fs);
	for (size_t i = 0; i < 4; i++)
		ck_assert_int_eq(rfs_mknod(&fs, 1, sp[i].name,
		    strlen(sp[i].name), sp[i].type | 0640, sp[i].rdev, 0, 0, 5,
		    0, n), 0);
	/* A FIFO with a number keeps none; an unknown type is refused. */
	ck_assert_int_eq(rfs_mknod(&fs, 1, "f2", 2, RFS_MODE_FIFO | 0600, 7,
	    0, 0, 5, 0, n), 0);
	ck_assert_uint_eq(rfs_node_rdev(n), 0);
	ck_assert_int_eq(rfs_mknod(&fs, 1, "x", 1, 0xE000 | 0600, 0, 0, 0, 5,
	    0, n), -EINVAL);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs);
	rfs_write_close(&fs);
	rfs_close(&fs);
	ck_assert_int_eq(rfs_open(&fs, &d), 0);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_int_eq(rfs_node_load(&fs, lookup(&fs, 1, sp[i].name),
		    n), 0);
		ck_assert_uint_eq(n->mode, sp[i].type | 0640);
		ck_assert_uint_eq(rfs_node_rdev(n), sp[i].rdev);
		/* As upstream's Node::new: inline, no record level, empty. */
		ck_assert_uint_eq(n->size, 0);
		ck_assert_uint_eq(n->links, 1);
		ck_assert(rfs_node_inline(n));
		ck_assert_uint_eq(n->record_level, 0);
	}
	/* The number sits in the padding, between flags and level data. */
	ck_assert_int_ge(RFS_NODE_RDEV, RFS_NODE_FLAGS + 4);
	ck_assert_int_le(RFS_NODE_RDEV + 8, RFS_NODE_DATA);
	rfs_close(&fs);
	free(n);
	free(m.data);
}
END_TEST

START_TEST(test_dir_nlink)
{
	struct rfs_memdisk m;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);
	uint32_t a, b;

	setup(&m, &d, &fs);
	ck_assert_uint_eq(nlink(&fs, 1), 2);
	ck_assert_int_eq(rfs_mknod(&fs, 1, "a", 1, RFS_MODE_DIR | 0755, 0, 0,
	    0, 2, 0, n), 0);
	a = n->id;
	ck_assert_int_eq(rfs_mknod(&fs, 1, "b", 1, RFS_MODE_DIR | 0755, 0, 0,
	    0, 2, 0, n), 0);
	b = n->id;
	ck_assert_int_eq(rfs_mknod(&fs, 1, "f", 1, RFS_MODE_FILE | 0644, 0, 0,
	    0, 2, 0, n), 0);
	ck_assert_uint_eq(nlink(&fs, 1), 4);
	ck_assert_uint_eq(nlink(&fs, a), 2);
	/* On disk, links stay what upstream writes: the names. */
	ck_assert_int_eq(rfs_node_load(&fs, 1, n), 0);
	ck_assert_uint_eq(n->links, 1);
	ck_assert_int_eq(rfs_node_load(&fs, a, n), 0);
	ck_assert_uint_eq(n->links, 1);
	ck_assert_int_eq(rfs_commit(&fs), 0);

	/* An undone mkdir: the count made after it no longer matches. */
	rfs_op_begin(&fs);
	ck_assert_int_eq(rfs_mknod(&fs, 1, "c", 1, RFS_MODE_DIR | 0755, 0, 0,
	    0, 3, 0, n), 0);
	ck_assert_uint_eq(nlink(&fs, 1), 5);
	ck_assert_int_eq(rfs_op_end(&fs, -EIO), -EIO);
	ck_assert_uint_eq(nlink(&fs, 1), 4);
	/* And a dropped transaction. */
	ck_assert_int_eq(rfs_mknod(&fs, 1, "c", 1, RFS_MODE_DIR | 0755, 0, 0,
	    0, 3, 0, n), 0);
	ck_assert_uint_eq(nlink(&fs, 1), 5);
	rfs_abort(&fs);
	ck_assert_uint_eq(nlink(&fs, 1), 4);

	/* Moves, replacement and removal. */
	ck_assert_int_eq(rfs_rename_at(&fs, 1, "a", 1, b, "a", 1, 4, 0), 0);
	ck_assert_uint_eq(nlink(&fs, 1), 3);
	ck_assert_uint_eq(nlink(&fs, b), 3);
	ck_assert_int_eq(rfs_mknod(&fs, 1, "e", 1, RFS_MODE_DIR | 0755, 0, 0,
	    0, 4, 0, n), 0);
	ck_assert_int_eq(rfs_rename_at(&fs, b, "a", 1, 1, "e", 1, 4, 0), 0);
	ck_assert_uint_eq(nlink(&fs, 1), 4);
	ck_assert_uint_eq(nlink(&fs, b), 2);
	ck_assert_int_eq(rfs_rename_at(&fs, 1, "e", 1, 1, "b", 1, 4, 0), 0);
	ck_assert_uint_eq(nlink(&fs, 1), 3);
	ck_assert_int_eq(rfs_unlink_at(&fs, 1, "b", 1, 1, 4, 0), 0);
	ck_assert_uint_eq(nlink(&fs, 1), 2);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs);
	/* Counted afresh after a remount. */
	rfs_write_close(&fs);
	rfs_close(&fs);
	ck_assert_int_eq(rfs_open(&fs, &d), 0);
	ck_assert_uint_eq(nlink(&fs, 1), 2);
	rfs_close(&fs);
	free(n);
	free(m.data);
}
END_TEST

/* Node id's ctime and mtime seconds. */
static void
times_of(struct rfs *fs, uint32_t id, uint64_t *c, uint64_t *mt)
{
	struct rfs_node *n = malloc(sizeof *n);

	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(rfs_node_load(fs, id, n), 0);
	*c = n->ctime;
	*mt = n->mtime;
	free(n);
}

START_TEST(test_times)
{
	struct rfs_memdisk m;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);
	uint32_t f, sub, t;
	uint64_t c, mt;

	setup(&m, &d, &fs);
	ck_assert_int_eq(rfs_mknod(&fs, 1, "f", 1, RFS_MODE_FILE | 0644, 0, 0,
	    0, 10, 0, n), 0);
	f = n->id;
	ck_assert_int_eq(rfs_mknod(&fs, 1, "d", 1, RFS_MODE_DIR | 0755, 0, 0,
	    0, 10, 0, n), 0);
	sub = n->id;
	times_of(&fs, 1, &c, &mt);
	ck_assert(c == 10 && mt == 10);
	/* link: the file's ctime, the directory's both. */
	ck_assert_int_eq(rfs_link_at(&fs, sub, "l", 1, f, 20, 0), 0);
	times_of(&fs, f, &c, &mt);
	ck_assert(c == 20 && mt == 10);
	times_of(&fs, sub, &c, &mt);
	ck_assert(c == 20 && mt == 20);
	/* unlink of one of two names: the survivor's ctime. */
	ck_assert_int_eq(rfs_unlink_at(&fs, sub, "l", 1, 0, 30, 0), 0);
	times_of(&fs, f, &c, &mt);
	ck_assert(c == 30 && mt == 10);
	times_of(&fs, sub, &c, &mt);
	ck_assert(c == 30 && mt == 30);
	/* rename over a target with another name: its ctime, both dirs. */
	ck_assert_int_eq(rfs_mknod(&fs, 1, "t", 1, RFS_MODE_FILE | 0644, 0, 0,
	    0, 10, 0, n), 0);
	t = n->id;
	ck_assert_int_eq(rfs_link_at(&fs, 1, "t2", 2, t, 10, 0), 0);
	ck_assert_int_eq(rfs_rename_at(&fs, 1, "f", 1, 1, "t", 1, 40, 0), 0);
	times_of(&fs, t, &c, &mt);
	ck_assert(c == 40 && mt == 10);
	times_of(&fs, f, &c, &mt);
	ck_assert(c == 40 && mt == 10);
	ck_assert_int_eq(rfs_rename_at(&fs, 1, "t", 1, sub, "t", 1, 50, 0), 0);
	times_of(&fs, 1, &c, &mt);
	ck_assert(c == 50 && mt == 50);
	times_of(&fs, sub, &c, &mt);
	ck_assert(c == 50 && mt == 50);
	/* Truncating to the same size still marks the change. */
	ck_assert_int_eq(rfs_node_load(&fs, f, n), 0);
	ck_assert_int_eq(rfs_truncate_at(&fs, n, 0, 60, 0), 0);
	times_of(&fs, f, &c, &mt);
	ck_assert(c == 60 && mt == 60);
	/* A failed call changes nothing. */
	ck_assert_int_eq(rfs_unlink_at(&fs, 1, "none", 4, 0, 70, 0), -ENOENT);
	times_of(&fs, 1, &c, &mt);
	ck_assert(c == 50 && mt == 50);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs);
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(m.data);
}
END_TEST

Suite *
redoxfs_meta_suite(void)
{
	Suite *s = suite_create("redoxfs-meta");
	TCase *tc = tcase_create("meta");

	tcase_add_test(tc, test_special_files);
	tcase_add_test(tc, test_dir_nlink);
	tcase_add_test(tc, test_times);
	suite_add_tcase(s, tc);
	return s;
}
