/*
 * The record cache (fs/redoxfs/lib/rcache.h): files written in small
 * pieces, read back between the writes, committed, remounted, and
 * compared byte for byte with a model; undone operations, a dropped
 * transaction and unlinks while records wait in the cache; more records
 * written in pieces than the cache holds; and what the commit stores
 * (compressed when that saves a level, as before).
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/filew.h"
#include "fs/redoxfs/lib/ops.h"
#include "fs/redoxfs/lib/rcache.h"
#include "tests/unit/rfs_memdisk.h"

static const uint8_t uuid[16] = { 3, 1, 4, 1, 5, 9, 2, 6 };

struct rig {
	struct rfs_memdisk m;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n;
	uint32_t id;
};

static void
rig_open(struct rig *g, size_t bytes)
{
	g->n = malloc(sizeof *g->n);
	ck_assert_ptr_nonnull(g->n);
	rfs_memdisk_init(&g->m, &g->d, bytes);
	ck_assert_int_eq(rfs_format(&g->fs, &g->d, 0, bytes / RFS_BLOCK_SIZE,
	    uuid, 1, 0), 0);
	ck_assert_int_eq(rfs_create(&g->fs, 1, "f", 1, RFS_MODE_FILE | 0644,
	    0, 0, 1, 0, g->n), 0);
	g->id = g->n->id;
}

/* Unmount and mount again: only what the commits stored is left. */
static void
rig_remount(struct rig *g)
{
	rfs_write_close(&g->fs);
	rfs_close(&g->fs);
	ck_assert_int_eq(rfs_open(&g->fs, &g->d), 0);
	ck_assert_int_eq(rfs_write_open(&g->fs), 0);
	ck_assert_int_eq(rfs_node_load(&g->fs, g->id, g->n), 0);
}

static void
rig_close(struct rig *g)
{
	rfs_write_close(&g->fs);
	rfs_close(&g->fs);
	free(g->m.data);
	free(g->n);
}

/* The whole file equals model[0, size). */
static void
same(struct rig *g, const uint8_t *model, size_t size, const char *when)
{
	uint8_t *got = malloc(size + 1);

	ck_assert_ptr_nonnull(got);
	ck_assert_msg(g->n->size == size, "%s: size %llu, want %zu", when,
	    (unsigned long long)g->n->size, size);
	ck_assert_int_eq(rfs_node_read(&g->fs, g->n, 0, got, size + 1),
	    (long)size);
	if (memcmp(got, model, size) != 0) {
		size_t i = 0;
		while (got[i] == model[i])
			i++;
		ck_abort_msg("%s: byte %zu is %u, want %u", when, i, got[i],
		    model[i]);
	}
	free(got);
}

static uint32_t
rnd(uint32_t *x)
{
	*x = *x * 1103515245u + 12345u;
	return *x >> 8;
}

/* Text (compresses) or noise (does not). */
static void
fill(uint8_t *p, size_t n, uint32_t *x, int text)
{
	for (size_t i = 0; i < n; i++)
		p[i] = text ? (uint8_t)"the record cache "[(i + *x) % 17] :
		    (uint8_t)rnd(x);
}

/*
 * Noise into o, a block a record, until fewer than `above` blocks above
 * the allocator's reserve are free (or ENOSPC: a record's tree blocks
 * come first).
 */
static void
fill_disk(struct rig *g, struct rfs_node *o, uint64_t above, uint32_t *x)
{
	uint8_t page[RFS_BLOCK_SIZE];
	uint64_t reserve = g->fs.blocks / 16 < RFS_RESERVE_BLOCKS ?
	    g->fs.blocks / 16 : RFS_RESERVE_BLOCKS;
	int err;

	for (uint64_t r = 0; rfs_wr_free_count(&g->fs) >= reserve + above; r++) {
		fill(page, sizeof page, x, 0);
		rfs_op_begin(&g->fs);
		err = rfs_node_write(&g->fs, o, r * RFS_RECORD_SIZE, page,
		    sizeof page);
		ck_assert_int_eq(rfs_op_end(&g->fs, err), err);
		if (err == -ENOSPC)
			return;
		ck_assert_int_eq(err, 0);
	}
}

#define MAXSIZE (5u * RFS_RECORD_SIZE + 7000u)

/*
 * Many small overwrites and appends over five records, each followed by
 * a read of the bytes around it; every 40 a commit (fsync), every 120 a
 * remount; the file matches the model throughout.
 */
START_TEST(test_rcache_model)
{
	struct rig g;
	uint8_t *model = calloc(1, MAXSIZE), *piece = malloc(9000),
	    *got = malloc(20000);
	size_t size = 0;
	uint32_t x = 12345u + (uint32_t)_i;

	ck_assert(model && piece && got);
	rig_open(&g, 32u << 20);
	for (int op = 1; op <= 600; op++) {
		size_t len = 1 + rnd(&x) % 9000, off;
		int kind = (int)(rnd(&x) % 16);
		if (kind == 0 && size > 0) {
			size_t to = rnd(&x) % (size + 1);
			ck_assert_int_eq(rfs_node_truncate(&g.fs, g.n, to), 0);
			if (to < size)
				memset(model + to, 0, size - to);
			size = to;
		} else {
			off = kind == 1 ? size : rnd(&x) % (size + 4096);
			if (off + len > MAXSIZE)
				off = MAXSIZE - len;
			fill(piece, len, &x, (op / 50) % 2);
			ck_assert_int_eq(rfs_node_write(&g.fs, g.n, off, piece,
			    len), 0);
			memcpy(model + off, piece, len);
			if (off + len > size)
				size = off + len;
		}
		/* Read around a random spot: cached and stored records mix. */
		size_t at = size ? rnd(&x) % size : 0;
		size_t k = at + 20000 <= size ? 20000 : size - at;
		ck_assert_int_eq(rfs_node_read(&g.fs, g.n, at, got, k), (long)k);
		ck_assert_msg(memcmp(got, model + at, k) == 0,
		    "op %d: read at %zu differs", op, at);
		if (op % 40 == 0) {
			ck_assert_int_eq(rfs_commit(&g.fs), 0);
			ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);
		}
		if (op % 120 == 0) {
			rfs_check_clean(&g.fs, "model commit");
			rig_remount(&g);
			same(&g, model, size, "after remount");
		}
	}
	ck_assert_int_eq(rfs_commit(&g.fs), 0);
	rig_remount(&g);
	same(&g, model, size, "end");
	rfs_check_clean(&g.fs, "model end");
	rig_close(&g);
	free(model);
	free(piece);
	free(got);
}
END_TEST

/*
 * A record written 4 KiB at a time is stored once, compressed: text that
 * compresses takes one block after the commit, not 32.
 */
START_TEST(test_rcache_compresses)
{
	struct rig g;
	uint8_t *page = malloc(RFS_BLOCK_SIZE);
	uint32_t x = 1;
	struct rfs_ptr p;

	rig_open(&g, 16u << 20);
	for (unsigned i = 0; i < 32; i++) {
		fill(page, RFS_BLOCK_SIZE, &x, 1);
		ck_assert_int_eq(rfs_node_write(&g.fs, g.n,
		    (uint64_t)i * RFS_BLOCK_SIZE, page, RFS_BLOCK_SIZE), 0);
	}
	/* Before the commit it holds its uncompressed place. */
	ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);
	ck_assert_uint_eq(g.n->blocks, 1 + 32);
	ck_assert_int_eq(rfs_commit(&g.fs), 0);
	ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);
	ck_assert_uint_eq(g.n->blocks, 1 + 1);
	ck_assert_int_eq(rfs_node_record_ptr(&g.fs, g.n, 0, &p), 0);
	ck_assert_uint_eq(rfs_addr_decomp(p.addr), RFS_RECORD_LEVEL);
	ck_assert_uint_eq(rfs_addr_level(p.addr), 0);
	rfs_check_clean(&g.fs, "compressed");
	rig_close(&g);
	free(page);
}
END_TEST

/*
 * An undone operation leaves the file as it was, whether the record it
 * wrote was new to the cache or grew there; so does a dropped
 * transaction; an unlinked file's records are dropped with it.
 */
START_TEST(test_rcache_undo)
{
	struct rig g;
	uint8_t model[3 * RFS_BLOCK_SIZE], a[1000], b[9000];
	uint32_t x = 77;

	rig_open(&g, 16u << 20);
	fill(model, sizeof model, &x, 0);
	ck_assert_int_eq(rfs_node_write(&g.fs, g.n, 0, model, sizeof model),
	    0);
	ck_assert_int_eq(rfs_commit(&g.fs), 0);
	ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);

	/* New to the cache, then undone. */
	fill(a, sizeof a, &x, 0);
	rfs_op_begin(&g.fs);
	ck_assert_int_eq(rfs_node_write(&g.fs, g.n, 500, a, sizeof a), 0);
	ck_assert_int_eq(rfs_op_end(&g.fs, -EIO), -EIO);
	ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);
	same(&g, model, sizeof model, "undone write");

	/* Kept in one operation, grown in the next, which is undone. */
	rfs_op_begin(&g.fs);
	ck_assert_int_eq(rfs_node_write(&g.fs, g.n, 500, a, sizeof a), 0);
	ck_assert_int_eq(rfs_op_end(&g.fs, 0), 0);
	memcpy(model + 500, a, sizeof a);
	fill(b, sizeof b, &x, 0);
	rfs_op_begin(&g.fs);
	ck_assert_int_eq(rfs_node_write(&g.fs, g.n, 20000, b, sizeof b), 0);
	ck_assert_int_eq(rfs_op_end(&g.fs, -ENOSPC), -ENOSPC);
	ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);
	same(&g, model, sizeof model, "undone growth");
	ck_assert_int_eq(rfs_commit(&g.fs), 0);
	rfs_check_clean(&g.fs, "after undo");
	rig_remount(&g);
	same(&g, model, sizeof model, "undo remounted");

	/* A dropped transaction drops its cached records. */
	ck_assert_int_eq(rfs_node_write(&g.fs, g.n, 100, b, 3000), 0);
	ck_assert_int_eq(rfs_abort(&g.fs), 0);
	ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);
	same(&g, model, sizeof model, "aborted");

	/* Unlinked with a record in the cache: nothing leaks. */
	ck_assert_int_eq(rfs_node_write(&g.fs, g.n, 100, b, 3000), 0);
	ck_assert_int_eq(rfs_unlink(&g.fs, 1, "f", 1, 0), 0);
	ck_assert_int_eq(rfs_commit(&g.fs), 0);
	rfs_check_clean(&g.fs, "unlinked");
	rig_close(&g);
}
END_TEST

/* More records written in pieces than the cache holds. */
START_TEST(test_rcache_full)
{
	struct rig g;
	unsigned nrec = RFS_RCACHE_SLOTS + 40;
	size_t size = (size_t)nrec * RFS_RECORD_SIZE;
	uint8_t *model = calloc(1, size), piece[3000];
	uint32_t x = 5;

	ck_assert_ptr_nonnull(model);
	rig_open(&g, 64u << 20);
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned r = 0; r < nrec; r++) {
			size_t off = (size_t)r * RFS_RECORD_SIZE +
			    rnd(&x) % (RFS_RECORD_SIZE - sizeof piece);
			fill(piece, sizeof piece, &x, r % 2);
			ck_assert_int_eq(rfs_node_write(&g.fs, g.n, off, piece,
			    sizeof piece), 0);
			memcpy(model + off, piece, sizeof piece);
		}
		/* The last byte sets the size the model has. */
		ck_assert_int_eq(rfs_node_write(&g.fs, g.n, size - 1,
		    model + size - 1, 1), 0);
		same(&g, model, size, "before the commit");
		ck_assert_int_eq(rfs_commit(&g.fs), 0);
		rfs_check_clean(&g.fs, "full cache");
		rig_remount(&g);
		same(&g, model, size, "remounted");
	}
	rig_close(&g);
	free(model);
}
END_TEST

/*
 * A cached record that must grow when no room is left for its larger
 * reservation is stored at once, compressed, and reads back the same.
 */
START_TEST(test_rcache_grow_full)
{
	struct rig g;
	struct rfs_node *o = malloc(sizeof *o);
	uint8_t model[61000] = { 0 };
	uint32_t x = 9;
	int err;

	ck_assert_ptr_nonnull(o);
	rig_open(&g, 8u << 20);
	fill(model, 5000, &x, 1);
	ck_assert_int_eq(rfs_node_write(&g.fs, g.n, 0, model, 5000), 0);
	ck_assert_int_eq(rfs_create(&g.fs, 1, "g", 1, RFS_MODE_FILE | 0644,
	    0, 0, 1, 0, o), 0);
	fill_disk(&g, o, 16, &x);	/* until 16 blocks no longer fit */
	fill(model + 60000, 1000, &x, 1);
	rfs_op_begin(&g.fs);
	err = rfs_node_write(&g.fs, g.n, 60000, model + 60000, 1000);
	ck_assert_int_eq(rfs_op_end(&g.fs, err), 0);
	same(&g, model, sizeof model, "grown when full");
	ck_assert_int_eq(rfs_commit(&g.fs), 0);
	rfs_check_clean(&g.fs, "grown when full");
	rig_remount(&g);
	same(&g, model, sizeof model, "grown when full, remounted");
	rig_close(&g);
	free(o);
}
END_TEST

/*
 * Nearly full (redoxfsd then commits before every request): a file
 * written in 16 KiB pieces, as cp writes, with a commit between each
 * two pieces of the same record, reads back whole, and after a remount;
 * the piece that no longer fits fails with ENOSPC.  The node is loaded
 * again after each commit, as redoxfsd must (tests/system/cases/
 * 54-redoxfs-lowspace.sh: it once kept one loaded from before).
 */
START_TEST(test_rcache_commit_between)
{
	struct rig g;
	struct rfs_node *o = malloc(sizeof *o);
	static uint8_t model[6 * 16384];
	uint32_t x = 11;
	size_t off;
	int err;

	ck_assert_ptr_nonnull(o);
	rig_open(&g, 8u << 20);
	ck_assert_int_eq(rfs_create(&g.fs, 1, "filler", 6, RFS_MODE_FILE |
	    0644, 0, 0, 1, 0, o), 0);
	fill_disk(&g, o, 1 + (uint64_t)_i, &x);
	ck_assert_int_eq(rfs_commit(&g.fs), 0);
	ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);
	fill(model, sizeof model, &x, _i % 2);
	for (off = 0; off < sizeof model; off += 16384) {
		rfs_op_begin(&g.fs);
		err = rfs_node_write(&g.fs, g.n, off, model + off, 16384);
		ck_assert_msg(err == 0 || err == -ENOSPC, "write at %zu: %d",
		    off, err);
		ck_assert_int_eq(rfs_op_end(&g.fs, err), err);
		if (err)
			break;
		ck_assert_int_eq(rfs_commit(&g.fs), 0);
		/* As redoxfsd does: the node as it is now, each request. */
		ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);
	}
	ck_assert_int_eq(rfs_node_load(&g.fs, g.id, g.n), 0);
	same(&g, model, off, "written between commits");
	rig_remount(&g);
	same(&g, model, off, "written between commits, remounted");
	rig_close(&g);
	free(o);
}
END_TEST

Suite *
redoxfs_rcache_suite(void)
{
	Suite *s = suite_create("redoxfs-rcache");
	TCase *tc = tcase_create("rcache");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_rcache_model, 0, 3);
	tcase_add_test(tc, test_rcache_compresses);
	tcase_add_test(tc, test_rcache_undo);
	tcase_add_test(tc, test_rcache_full);
	tcase_add_test(tc, test_rcache_grow_full);
	tcase_add_loop_test(tc, test_rcache_commit_between, 0, 12);
	tcase_add_loop_test(tc, test_rcache_commit_between, 100000, 100001);
	suite_add_tcase(s, tc);
	return s;
}
