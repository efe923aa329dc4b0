/*
 * RedoxFS block allocator: it must place blocks as upstream's buddy
 * allocator does (lowest address first), checked against a model of it,
 * and so keep large aligned runs free: a disk of small files still takes
 * a large file, and ENOSPC comes only when the disk is really full.
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

static const uint8_t uuid[16] = { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3,
	4, 5, 6 };

static void
reopen(struct rfs *fs, struct rfs_disk *d)
{
	rfs_write_close(fs);
	rfs_close(fs);
	ck_assert_int_eq(rfs_open(fs, d), 0);
	ck_assert_int_eq(rfs_write_open(fs), 0);
}

static int
isfree(const struct rfs *fs, uint64_t b)
{
	return fs->wr->free[b >> 3] >> (b & 7) & 1;
}

static uint64_t
reserve_of(const struct rfs *fs)
{
	return fs->blocks / 16 < RFS_RESERVE_BLOCKS ? fs->blocks / 16 :
	    RFS_RESERVE_BLOCKS;
}

/*
 * Upstream's allocator (allocator.rs), as a model: for each level, the set
 * of free blocks of that size; allocate takes the free block of that level
 * or larger with the lowest index and splits it, keeping the right halves
 * free; deallocate joins a block with its free buddy, again and again.
 */
#define M_LEVELS 16

struct buddy {
	uint64_t nblocks, count;	/* count: free blocks */
	uint8_t *set[M_LEVELS];		/* bit i: block i of this level free */
};

static int
b_has(const struct buddy *m, unsigned l, uint64_t i)
{
	return i < m->nblocks && (m->set[l][i >> 3] >> (i & 7) & 1);
}

static void
b_put(struct buddy *m, unsigned l, uint64_t i, int v)
{
	if (b_has(m, l, i) != v)
		m->count = v ? m->count + ((uint64_t)1 << l) :
		    m->count - ((uint64_t)1 << l);
	if (v)
		m->set[l][i >> 3] |= (uint8_t)(1u << (i & 7));
	else
		m->set[l][i >> 3] &= (uint8_t)~(1u << (i & 7));
}

/* The lowest member of level l's set, or nblocks. */
static uint64_t
b_first(const struct buddy *m, unsigned l)
{
	for (uint64_t i = 0; i < m->nblocks; i += 8) {
		if (m->set[l][i >> 3] == 0)
			continue;
		for (uint64_t j = i; j < i + 8; j++)
			if (b_has(m, l, j))
				return j;
	}
	return m->nblocks;
}

static uint64_t
b_alloc(struct buddy *m, unsigned level)
{
	uint64_t best = m->nblocks;
	unsigned bl = 0;

	for (unsigned l = level; l < M_LEVELS; l++) {
		uint64_t i = b_first(m, l);
		if (i < best) {
			best = i;
			bl = l;
		}
	}
	if (best == m->nblocks)
		return 0;
	b_put(m, bl, best, 0);
	while (bl > level) {
		bl--;
		b_put(m, bl, best + ((uint64_t)1 << bl), 1);
	}
	return best;
}

static void
b_free(struct buddy *m, uint64_t i, unsigned l)
{
	for (;; l++) {
		uint64_t size = (uint64_t)1 << l;
		ck_assert_uint_lt(l, M_LEVELS - 1);
		if (i % (2 * size) == 0 && b_has(m, l, i + size)) {
			b_put(m, l, i + size, 0);
		} else if (i % (2 * size) != 0 && b_has(m, l, i - size)) {
			b_put(m, l, i - size, 0);
			i -= size;
		} else {
			b_put(m, l, i, 1);
			return;
		}
	}
}

/* As upstream at mount: every free block of the bitmap, one at a time. */
static void
b_reset(struct buddy *m, const struct rfs *fs)
{
	for (unsigned l = 0; l < M_LEVELS; l++)
		memset(m->set[l], 0, (size_t)(m->nblocks / 8 + 1));
	m->count = 0;
	for (uint64_t b = 0; b < fs->blocks; b++)
		if (isfree(fs, b))
			b_free(m, b, 0);
}

static void
b_copy(struct buddy *dst, const struct buddy *src)
{
	for (unsigned l = 0; l < M_LEVELS; l++)
		memcpy(dst->set[l], src->set[l], (size_t)(src->nblocks / 8 + 1));
	dst->count = src->count;
}

static void
b_init(struct buddy *m, uint64_t nblocks)
{
	m->nblocks = nblocks;
	m->count = 0;
	for (unsigned l = 0; l < M_LEVELS; l++) {
		m->set[l] = calloc(1, (size_t)(nblocks / 8 + 1));
		ck_assert_ptr_nonnull(m->set[l]);
	}
}

static void
b_fini(struct buddy *m)
{
	for (unsigned l = 0; l < M_LEVELS; l++)
		free(m->set[l]);
}

static uint32_t rs = 1;

static uint32_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 17;
	rs ^= rs << 5;
	return rs;
}

/* A block run the test holds; tx: allocated since the last commit. */
struct ext { uint64_t index; unsigned level; int tx, op; };

/*
 * Random allocations, frees (immediate for blocks of the open
 * transaction, at commit for committed ones), commits, remounts, and
 * batched operations that fail and are undone: every allocation returns
 * the block upstream's allocator would, on the same free space.
 */
START_TEST(test_alloc_as_upstream)
{
	struct rfs_memdisk md;
	struct rfs_disk d;
	struct rfs fs;
	struct buddy m, mop;
	enum { NB = 3001, MAXE = 4096 };
	struct ext *e = calloc(MAXE, sizeof *e), *eop = calloc(MAXE, sizeof *e);
	struct ext *ecom = calloc(MAXE, sizeof *e);
	size_t ne = 0, neop = 0, necom = 0;
	int in_op = 0, opno = 0, allocs = 0, fails = 0;

	rs = 12345u + (uint32_t)_i;
	rfs_memdisk_init(&md, &d, (NB + 16) * RFS_BLOCK_SIZE);
	ck_assert_int_eq(rfs_format(&fs, &d, 16, NB, uuid, 1, 0), 0);
	b_init(&m, NB);
	b_init(&mop, NB);
	b_reset(&m, &fs);
	for (int step = 0; step < 20000; step++) {
		uint32_t r = rnd() % 100;
		if (r < 50 && ne < MAXE) {
			/* Mostly single blocks and records, as a file system. */
			uint32_t k = rnd() % 16;
			unsigned lv = k < 8 ? 0 : k < 11 ? 5 : k - 10;
			uint64_t n = (uint64_t)1 << lv, want = 0;
			if (m.count >= n + reserve_of(&fs))
				want = b_alloc(&m, lv);
			uint64_t got = rfs_alloc(&fs, lv);
			ck_assert_msg(got == want, "step %d: level %u at %llu, "
			    "upstream %llu", step, lv, (unsigned long long)got,
			    (unsigned long long)want);
			if (got == 0) {
				fails++;
				continue;
			}
			allocs++;
			e[ne++] = (struct ext){ got, lv, 1, in_op ? opno : 0 };
		} else if (r < 88 && ne > 0) {
			size_t i = rnd() % ne;
			struct ext x = e[i];
			e[i] = e[--ne];
			rfs_free_ptr(&fs, (struct rfs_ptr){
			    rfs_addr_make(x.index, x.level, 0), 0 });
			/* Deferred frees (committed blocks) wait for commit;
			 * an earlier operation's blocks for this one's end. */
			if (x.tx && !(in_op && x.op != opno))
				b_free(&m, x.index, x.level);
		} else if (r < 94 && !in_op) {
			ck_assert_int_eq(rfs_commit(&fs), 0);
			for (size_t i = 0; i < ne; i++)
				e[i].tx = 0;
			memcpy(ecom, e, ne * sizeof *e);
			necom = ne;
			if (rnd() % 4 == 0)
				reopen(&fs, &d);
			b_reset(&m, &fs);
		} else if (r < 95 && !in_op) {
			/* Dropping the transaction: back to the last commit. */
			ck_assert_int_eq(rfs_abort(&fs), 0);
			memcpy(e, ecom, necom * sizeof *e);
			ne = necom;
			b_reset(&m, &fs);
		} else if (!in_op) {
			rfs_op_begin(&fs);
			in_op = 1;
			opno++;
			b_copy(&mop, &m);
			memcpy(eop, e, ne * sizeof *e);
			neop = ne;
		} else if (rnd() % 3 == 0) {
			int err = rnd() % 2 ? -ENOSPC : 0;
			ck_assert_int_eq(rfs_op_end(&fs, err), err);
			in_op = 0;
			if (err) {
				b_copy(&m, &mop);
				memcpy(e, eop, neop * sizeof *e);
				ne = neop;
			} else {
				b_reset(&m, &fs);
			}
		}
		ck_assert_uint_eq(m.count, fs.wr->nfree);
	}
	/* The model and the bitmap agree block for block. */
	struct buddy chk;
	b_init(&chk, NB);
	b_reset(&chk, &fs);
	ck_assert_uint_eq(chk.count, m.count);
	for (unsigned l = 0; l < M_LEVELS; l++)
		ck_assert_mem_eq(chk.set[l], m.set[l], NB / 8 + 1);
	b_fini(&chk);
	ck_assert_int_gt(allocs, 1000);
	ck_assert_int_gt(fails, 10);
	b_fini(&m);
	b_fini(&mop);
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(e);
	free(eop);
	free(ecom);
	free(md.data);
}
END_TEST

/* Bytes that do not compress, the same for the same seed. */
static void
gen(uint8_t *p, size_t len, uint32_t seed, uint64_t off)
{
	for (size_t i = 0; i < len; i++) {
		uint64_t x = (off + i) / 4 * 2654435761u + seed * 40503u + 1;
		x ^= x >> 29;
		x *= 0xBF58476D1CE4E5B9u;
		x ^= x >> 32;
		p[i] = (uint8_t)(x >> (8 * ((off + i) % 4)));
	}
}

static int
make_file(struct rfs *fs, const char *name, const void *data, size_t len,
    struct rfs_node *n)
{
	int err = rfs_create(fs, 1, name, strlen(name), RFS_MODE_FILE | 0644,
	    0, 0, 1, 0, n);

	if (err == 0 && len > 0)
		err = rfs_node_write(fs, n, 0, data, len);
	return err;
}

/* Reads name back; its size and bytes must be `size` from gen(seed). */
static void
expect_file(struct rfs *fs, const char *name, uint64_t size, uint32_t seed,
    const char *small, uint8_t *buf, uint8_t *want)
{
	struct rfs_node *dir = malloc(sizeof *dir), *n = malloc(sizeof *n);
	uint32_t id;

	ck_assert_int_eq(rfs_node_load(fs, 1, dir), 0);
	ck_assert_int_eq(rfs_dir_lookup(fs, dir, name, strlen(name), &id), 0);
	ck_assert_int_eq(rfs_node_load(fs, id, n), 0);
	ck_assert_uint_eq(n->size, size);
	for (uint64_t off = 0; off < size; off += RFS_RECORD_SIZE) {
		size_t k = size - off < RFS_RECORD_SIZE ? (size_t)(size - off) :
		    RFS_RECORD_SIZE;
		ck_assert_int_eq(rfs_node_read(fs, n, off, buf, k), (long)k);
		if (small) {
			ck_assert_mem_eq(buf, small, k);
		} else {
			gen(want, k, seed, off);
			ck_assert_msg(memcmp(buf, want, k) == 0,
			    "%s differs at %llu", name,
			    (unsigned long long)off);
		}
	}
	free(dir);
	free(n);
}

/* Free runs in the bitmap, and the longest. */
static uint64_t
free_runs(const struct rfs *fs, uint64_t *longest)
{
	uint64_t runs = 0, len = 0;

	*longest = 0;
	for (uint64_t b = 0; b < fs->blocks; b++) {
		if (!isfree(fs, b)) {
			len = 0;
			continue;
		}
		if (len++ == 0)
			runs++;
		if (len > *longest)
			*longest = len;
	}
	return runs;
}

#define MIB (1u << 20)

/*
 * A user's report: 1500 one-line files on a 64 MiB disk (a commit after
 * each, as a mount does over time), then a 3 MB file: the old next-fit
 * allocator had scattered the small blocks over the whole disk, no aligned
 * run of 32 blocks was left for a 128 KiB record, and the write failed
 * with ENOSPC though 58 MiB were free.
 */
START_TEST(test_alloc_small_then_large)
{
	struct rfs_memdisk md;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);
	size_t big = 3000000;
	uint8_t *data = malloc(big), *buf = malloc(RFS_RECORD_SIZE);
	uint8_t *want = malloc(RFS_RECORD_SIZE);
	uint64_t longest, runs, used;
	char name[16];

	rfs_memdisk_init(&md, &d, 64 * MIB);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 64 * MIB / RFS_BLOCK_SIZE,
	    uuid, 1, 0), 0);
	for (int i = 1; i <= 1500; i++) {
		snprintf(name, sizeof name, "f%d", i);
		ck_assert_int_eq(make_file(&fs, name, "x\n", 2, n), 0);
		ck_assert_int_eq(rfs_commit(&fs), 0);
	}
	/*
	 * Lowest address first: the small files' blocks sit together at the
	 * start, so the free space is a few holes and one long run.
	 */
	runs = free_runs(&fs, &longest);
	used = fs.blocks - RFS_HEADER_RING - 1 - fs.wr->nfree;
	ck_assert_msg(runs <= 16 && longest >= fs.wr->nfree - 64,
	    "%llu blocks free in %llu runs, longest %llu",
	    (unsigned long long)fs.wr->nfree, (unsigned long long)runs,
	    (unsigned long long)longest);
	uint64_t b = rfs_alloc(&fs, 5);
	ck_assert_uint_ne(b, 0);
	ck_assert_uint_eq(b % 32, 0);
	ck_assert_uint_lt(b, RFS_HEADER_RING + 1 + used + 64);
	ck_assert_int_eq(rfs_abort(&fs), 0);

	gen(data, big, 7, 0);
	ck_assert_int_eq(make_file(&fs, "big", data, big, n), 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	rfs_check_clean(&fs, "small files and a large one");
	reopen(&fs, &d);
	expect_file(&fs, "big", big, 7, NULL, buf, want);
	expect_file(&fs, "f1500", 2, 0, "x\n", buf, want);
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(data);
	free(buf);
	free(want);
	free(md.data);
}
END_TEST

/*
 * Writes file name of up to size bytes in 128 KiB writes, each its own
 * operation, as a mount does; commits first when freed space waits.
 * Returns the bytes written (all, or up to the write that hit ENOSPC).
 */
static uint64_t
write_chunked(struct rfs *fs, const char *name, uint64_t size, uint32_t seed,
    uint8_t *buf, int *err, int *made)
{
	struct rfs_node *n = malloc(sizeof *n);
	uint64_t off = 0;

	rfs_op_begin(fs);
	*err = rfs_op_end(fs, make_file(fs, name, NULL, 0, n));
	*made = *err == 0;
	while (*err == 0 && off < size) {
		size_t k = RFS_RECORD_SIZE;
		gen(buf, k, seed, off);
		for (int retry = 0; retry < 2; retry++) {
			rfs_op_begin(fs);
			*err = rfs_op_end(fs, rfs_node_write(fs, n, off, buf, k));
			if (*err == 0)
				break;
			/* Undone: the node as the tree has it. */
			ck_assert_int_eq(rfs_node_load(fs, n->id, n), 0);
			if (*err != -ENOSPC || rfs_wr_deferred(fs) == 0)
				break;
			ck_assert_int_eq(rfs_commit(fs), 0);
		}
		if (*err == 0)
			off += k;
	}
	free(n);
	return off;
}

/*
 * Fills a fresh 64 MiB disk: 1000 small files, then 4 MiB files until
 * ENOSPC.  That must come only when the disk is really full: under 2% of
 * it free besides the reserve kept for removals.  The file cut short
 * keeps what was written; an operation that fails is undone without a
 * trace; the image checks clean, and after a remount every file reads
 * back as written.
 */
START_TEST(test_alloc_fill)
{
	struct rfs_memdisk md;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n), *dir = malloc(sizeof *dir);
	uint8_t *buf = malloc(RFS_RECORD_SIZE), *want = malloc(RFS_RECORD_SIZE);
	uint64_t got = 0, free_at;
	char name[16];
	uint32_t id;
	int err = 0, big = 0, made = 0;

	rfs_memdisk_init(&md, &d, 64 * MIB);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 64 * MIB / RFS_BLOCK_SIZE,
	    uuid, 1, 0), 0);
	for (int i = 1; i <= 1000; i++) {
		snprintf(name, sizeof name, "s%d", i);
		ck_assert_int_eq(make_file(&fs, name, "x\n", 2, n), 0);
		if (i % 50 == 0)
			ck_assert_int_eq(rfs_commit(&fs), 0);
	}
	while (err == 0 && big < 100) {
		snprintf(name, sizeof name, "l%d", ++big);
		got = write_chunked(&fs, name, 4 * MIB, (uint32_t)big, buf, &err,
		    &made);
		ck_assert_int_eq(rfs_commit(&fs), 0);
	}
	ck_assert_int_eq(err, -ENOSPC);
	if (!made)
		big--;		/* not even the file could be made */
	free_at = fs.wr->nfree;
	ck_assert_msg(free_at <= fs.blocks / 50 + reserve_of(&fs),
	    "ENOSPC at file %d with %llu of %llu blocks free", big,
	    (unsigned long long)free_at, (unsigned long long)fs.blocks);
	printf("redoxfs-alloc: ENOSPC at 4 MiB file %d, %llu of %llu blocks "
	    "free\n", big, (unsigned long long)free_at,
	    (unsigned long long)fs.blocks);
	rfs_check_clean(&fs, "full");

	/* One more file in one operation: it fails and leaves nothing. */
	gen(buf, RFS_RECORD_SIZE, 999, 0);
	rfs_op_begin(&fs);
	err = make_file(&fs, "late", buf, RFS_RECORD_SIZE, n);
	if (err == 0)
		err = rfs_node_write(&fs, n, RFS_RECORD_SIZE, buf,
		    RFS_RECORD_SIZE);
	ck_assert_int_eq(rfs_op_end(&fs, err), -ENOSPC);
	ck_assert_uint_eq(fs.wr->nfree, free_at);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	rfs_check_clean(&fs, "after a failed operation");

	reopen(&fs, &d);
	rfs_check_clean(&fs, "remounted");
	ck_assert_int_eq(rfs_node_load(&fs, 1, dir), 0);
	ck_assert_int_eq(rfs_dir_lookup(&fs, dir, "late", 4, &id), -ENOENT);
	for (int i = 1; i <= 1000; i++) {
		snprintf(name, sizeof name, "s%d", i);
		expect_file(&fs, name, 2, 0, "x\n", buf, want);
	}
	for (int i = 1; i <= big; i++) {
		snprintf(name, sizeof name, "l%d", i);
		expect_file(&fs, name, i < big || !made ? 4 * MIB : got,
		    (uint32_t)i,
		    NULL, buf, want);
	}
	ck_assert_int_gt(big, 10);
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(dir);
	free(buf);
	free(want);
	free(md.data);
}
END_TEST

Suite *
redoxfs_alloc_suite(void)
{
	Suite *s = suite_create("redoxfs-alloc");
	TCase *tc = tcase_create("alloc");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_alloc_as_upstream, 0, 3);
	tcase_add_test(tc, test_alloc_small_then_large);
	tcase_add_test(tc, test_alloc_fill);
	suite_add_tcase(s, tc);
	return s;
}
