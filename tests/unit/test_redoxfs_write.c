/*
 * RedoxFS writer: format, LZ4 round trips, htree growth, and an fsx-style
 * randomized model test with crashes (seeds printed; RFS_SEED=N reruns one,
 * RFS_OPS=N sets the number of operations; make fsx-redoxfs runs 100,000;
 * RFS_SECONDS=S ends a run after S seconds, the operations done so far
 * printed, so that a slow or busy machine keeps the suite in its time).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fs/redoxfs/host/check.h"
#include "fs/redoxfs/lib/wbdisk.h"
#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/lib/lz4.h"
#include "fs/redoxfs/host/manifest.h"
#include "fs/redoxfs/lib/ops.h"

#ifndef RFS_IMG_DIR
#define RFS_IMG_DIR "build/redoxfs"
#endif

/* A writable disk in memory that can be made to fail (a crash). */
struct wdisk {
	uint8_t *data;
	size_t len;
	long fail_after;	/* writes left before the "power cut"; -1 never */
};

static int
w_read(void *ctx, uint64_t block, void *buf, size_t n)
{
	struct wdisk *m = ctx;

	if ((block + n) * RFS_BLOCK_SIZE > m->len)
		return -EIO;
	memcpy(buf, m->data + block * RFS_BLOCK_SIZE, n * RFS_BLOCK_SIZE);
	return 0;
}

static int
w_write(void *ctx, uint64_t block, const void *buf, size_t n)
{
	struct wdisk *m = ctx;

	if ((block + n) * RFS_BLOCK_SIZE > m->len)
		return -EIO;
	if (m->fail_after == 0)
		return -EIO;
	if (m->fail_after > 0)
		m->fail_after--;
	memcpy(m->data + block * RFS_BLOCK_SIZE, buf, n * RFS_BLOCK_SIZE);
	return 0;
}

static int
w_flush(void *ctx)
{
	(void)ctx;
	return 0;
}

static void
wdisk_init(struct wdisk *w, struct rfs_disk *d, size_t bytes)
{
	w->data = calloc(1, bytes);
	ck_assert_ptr_nonnull(w->data);
	w->len = bytes;
	w->fail_after = -1;
	*d = (struct rfs_disk){ w, w_read, w_write, w_flush,
		bytes / RFS_BLOCK_SIZE, NULL };
}

static void
quiet(void *arg, int sev, const char *msg)
{
	if (sev != RFS_CHECK_INFO && arg)
		fprintf(stderr, "fsck: %s\n", msg);
}

/* fsck must find nothing at all: no errors, no leaks. */
static void
check_clean(struct rfs *fs, const char *when)
{
	struct rfs_check_stats st;

	fs->cache_valid = 0;
	ck_assert_int_eq(rfs_check(fs, quiet, (void *)1, &st), 0);
	ck_assert_msg(st.errors == 0 && st.warnings == 0,
	    "%s: fsck found %u errors, %u warnings", when, st.errors,
	    st.warnings);
}

static const uint8_t uuid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
	14, 15, 16 };

START_TEST(test_lz4_roundtrip)
{
	size_t n = 128 * 1024;
	uint8_t *src = malloc(n), *c = malloc(n + 1024), *d = malloc(n);
	uint32_t x = 1;

	for (int kind = 0; kind < 3; kind++) {
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			src[i] = kind == 0 ? (uint8_t)(x >> 16) : kind == 1 ?
			    (uint8_t)"redox "[i % 6] : (uint8_t)(i / 1000);
		}
		long cl = lz4_compress(src, n, c, n + 1024);
		ck_assert_int_gt(cl, 0);
		ck_assert_int_eq(lz4_decompress(c, (size_t)cl, d, n), (long)n);
		ck_assert_mem_eq(src, d, n);
		if (kind)
			ck_assert_int_lt(cl, 4096);
	}
	ck_assert_int_eq(lz4_compress(src, n, c, 100), -ENOSPC);
	free(src);
	free(c);
	free(d);
}
END_TEST

START_TEST(test_format)
{
	struct wdisk w;
	struct rfs_disk d;
	struct rfs fs, fs2;
	struct manifest m = { 0 };
	char *text;

	wdisk_init(&w, &d, 4u << 20);
	ck_assert_int_eq(rfs_format(&fs, &d, 16, 1000, uuid, 1700000000, 5),
	    0);
	check_clean(&fs, "fresh");
	rfs_write_close(&fs);
	rfs_close(&fs);
	ck_assert_int_eq(rfs_open(&fs2, &d), 0);
	ck_assert_uint_eq(fs2.block, 16);
	ck_assert_uint_eq(fs2.blocks, 1000);
	ck_assert_int_eq(rfs_manifest(&fs2, &m, UINT64_MAX), 0);
	text = manifest_text(&m);
	ck_assert_str_eq(text, "/ d 0755 0 0 0 1700000000.000000005 -\n");
	free(text);
	manifest_free(&m);
	rfs_close(&fs2);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 200, uuid, 0, 0), -ENOSPC);
	free(w.data);
}
END_TEST

/*
 * 100,000 entries (hard links to one file, so the test needs no 400 MB of
 * node blocks): the htree grows to depth 2 and every name is found.
 */
START_TEST(test_big_dir)
{
	struct wdisk w;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n), *dir = malloc(sizeof *dir);
	char name[64];
	uint32_t id;
	int count = 100000, depth;
	struct rfs_ptr root;
	clock_t t0 = clock();

	wdisk_init(&w, &d, 64u << 20);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 16384, uuid, 1, 0), 0);
	ck_assert_int_eq(rfs_create(&fs, 1, "target", 6, RFS_MODE_FILE | 0644,
	    0, 0, 2, 0, n), 0);
	uint32_t target = n->id;
	for (int i = 0; i < count; i++) {
		snprintf(name, sizeof name, "a-rather-long-file-name-%06d", i);
		ck_assert_int_eq(rfs_link(&fs, 1, name, strlen(name), target),
		    0);
	}
	ck_assert_int_eq(rfs_commit(&fs), 0);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ck_assert_int_eq(rfs_node_load(&fs, 1, dir), 0);
	ck_assert_int_eq(rfs_dir_root(&fs, dir, &depth, &root), 0);
	ck_assert_int_eq(depth, 2);
	for (int i = 0; i < count; i += 7) {
		snprintf(name, sizeof name, "a-rather-long-file-name-%06d", i);
		ck_assert_int_eq(rfs_dir_lookup(&fs, dir, name, strlen(name),
		    &id), 0);
	}
	check_clean(&fs, "big dir");
	/* Remove every other one, then check again. */
	for (int i = 0; i < count; i += 2) {
		snprintf(name, sizeof name, "a-rather-long-file-name-%06d", i);
		ck_assert_int_eq(rfs_unlink(&fs, 1, name, strlen(name), 0), 0);
	}
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs, "big dir, half removed");
	printf("redoxfs: %d entries created in %.2f s (htree depth %d)\n",
	    count, secs, depth);
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(dir);
	free(w.data);
}
END_TEST

/* The fsx-style model. */

#define NSLOT	24
#define NDIR	3
#define MAXF	(700u << 10)

struct model {
	uint8_t *data[NSLOT];
	size_t size[NSLOT];
	int exists[NSLOT];
};

static uint32_t dirs[NDIR];
static uint64_t rng;

static uint32_t
rnd(void)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng >> 33);
}

static void
slot_name(int s, char *buf, uint32_t *dir)
{
	sprintf(buf, "file-%02d", s);
	*dir = dirs[s % NDIR];
}

static void
model_copy(struct model *dst, const struct model *src)
{
	for (int i = 0; i < NSLOT; i++) {
		free(dst->data[i]);
		dst->data[i] = malloc(MAXF + (256u << 10));
		memcpy(dst->data[i], src->data[i], src->size[i]);
		dst->size[i] = src->size[i];
		dst->exists[i] = src->exists[i];
	}
}

static void
model_verify(struct rfs *fs, const struct model *m, uint8_t *buf,
    unsigned seed, const char *when)
{
	struct rfs_node *dn = malloc(sizeof *dn), *n = malloc(sizeof *n);
	char name[32];
	uint32_t dir, id;

	for (int s = 0; s < NSLOT; s++) {
		slot_name(s, name, &dir);
		ck_assert_int_eq(rfs_node_load(fs, dir, dn), 0);
		int err = rfs_dir_lookup(fs, dn, name, strlen(name), &id);
		if (!m->exists[s]) {
			ck_assert_msg(err == -ENOENT, "seed %u %s: %s exists "
			    "(%d)", seed, when, name, err);
			continue;
		}
		ck_assert_msg(err == 0, "seed %u %s: %s missing (%d)", seed,
		    when, name, err);
		ck_assert_int_eq(rfs_node_load(fs, id, n), 0);
		ck_assert_msg(n->size == m->size[s], "seed %u %s: %s size %llu "
		    "want %zu", seed, when, name, (unsigned long long)n->size,
		    m->size[s]);
		long k = rfs_node_read(fs, n, 0, buf, m->size[s]);
		ck_assert_int_eq(k, (long)m->size[s]);
		if (memcmp(buf, m->data[s], m->size[s]) != 0) {
			size_t at = 0;
			while (buf[at] == m->data[s][at])
				at++;
			ck_abort_msg("seed %u %s: %s differs at byte %zu", seed,
			    when, name, at);
		}
	}
	free(dn);
	free(n);
}

static void
fill(uint8_t *p, size_t len)
{
	unsigned kind = rnd() % 4;
	uint8_t c = (uint8_t)rnd();

	for (size_t i = 0; i < len; i++)
		p[i] = kind == 0 ? (uint8_t)rnd() : kind == 1 ? 0 :
		    kind == 2 ? c : (uint8_t)"lorem ipsum dolor "[i % 18];
}

/*
 * The disk the model test's file system uses: the memory disk itself, or
 * the write-back layer over it (whose pending blocks a crash loses).
 */
static int use_wb;
static struct rfs_disk wbd;

static struct rfs_disk *
top_disk(struct rfs_disk *d)
{
	if (!use_wb)
		return d;
	ck_assert_int_eq(rfs_wbdisk_open(&wbd, d, RFS_WB_MAX_BLOCKS), 0);
	return &wbd;
}

static void
reopen(struct rfs *fs, struct rfs_disk *d)
{
	rfs_write_close(fs);
	rfs_close(fs);
	if (use_wb)
		rfs_wbdisk_abandon(&wbd);
	ck_assert_int_eq(rfs_open(fs, top_disk(d)), 0);
	ck_assert_int_eq(rfs_write_open(fs), 0);
}

static double
seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
fsx(unsigned seed, int nops)
{
	const char *secs = getenv("RFS_SECONDS");
	double end = secs ? seconds_now() + strtod(secs, NULL) : 0;
	struct wdisk w;
	struct rfs_disk d;
	struct rfs fs;
	struct model m = { 0 }, saved = { 0 };
	struct rfs_node *n = malloc(sizeof *n);
	uint8_t *buf = malloc(MAXF + (256u << 10));
	char name[32], name2[32];
	uint32_t dir, dir2, id;
	int commits = 0, crashes = 0, torn = 0;

	rng = seed;
	wdisk_init(&w, &d, 48u << 20);
	ck_assert_int_eq(rfs_format(&fs, top_disk(&d), 0, 12288, uuid, 1, 0), 0);
	dirs[0] = 1;
	ck_assert_int_eq(rfs_create(&fs, 1, "a", 1, RFS_MODE_DIR | 0755, 0, 0,
	    1, 0, n), 0);
	dirs[1] = n->id;
	ck_assert_int_eq(rfs_create(&fs, dirs[1], "b", 1, RFS_MODE_DIR | 0700,
	    0, 0, 1, 0, n), 0);
	dirs[2] = n->id;
	ck_assert_int_eq(rfs_commit(&fs), 0);
	for (int i = 0; i < NSLOT; i++)
		m.data[i] = calloc(1, MAXF + (256u << 10));
	model_copy(&saved, &m);

	for (int op = 0; op < nops; op++) {
		int s = (int)(rnd() % NSLOT), err;
		unsigned what = rnd() % 100;

		if (end > 0 && op % 64 == 0 && seconds_now() > end) {
			nops = op;	/* out of time: check what was done */
			break;
		}
		slot_name(s, name, &dir);
		if (what < 45) {	/* write */
			size_t size = m.size[s];
			uint64_t off = rnd() % 5 == 0 ? rnd() % (MAXF / 2) :
			    size ? rnd() % (size + 1) : 0;
			size_t len = rnd() % 3 == 0 ? rnd() % 200000 :
			    rnd() % 5000 + 1;
			if (off + len > MAXF)
				continue;
			if (!m.exists[s]) {
				ck_assert_int_eq(rfs_create(&fs, dir, name,
				    strlen(name), RFS_MODE_FILE | 0644, 0, 0, 3,
				    0, n), 0);
				m.exists[s] = 1;
				m.size[s] = 0;
			} else {
				ck_assert_int_eq(rfs_dir_lookup(&fs, (
				    rfs_node_load(&fs, dir, n), n), name,
				    strlen(name), &id), 0);
				ck_assert_int_eq(rfs_node_load(&fs, id, n), 0);
			}
			fill(buf, len);
			err = rfs_node_write(&fs, n, off, buf, len);
			ck_assert_msg(err == 0, "seed %u op %d: write %d", seed,
			    op, err);
			if (off > m.size[s])
				memset(m.data[s] + m.size[s], 0, off - m.size[s]);
			memcpy(m.data[s] + off, buf, len);
			if (off + len > m.size[s])
				m.size[s] = off + len;
		} else if (what < 60 && m.exists[s]) {	/* truncate */
			size_t ns = rnd() % (m.size[s] + m.size[s] / 2 + 9000);
			if (ns > MAXF)
				continue;
			ck_assert_int_eq(rfs_dir_lookup(&fs, (rfs_node_load(
			    &fs, dir, n), n), name, strlen(name), &id), 0);
			ck_assert_int_eq(rfs_node_load(&fs, id, n), 0);
			ck_assert_int_eq(rfs_node_truncate(&fs, n, ns), 0);
			if (ns > m.size[s])
				memset(m.data[s] + m.size[s], 0, ns - m.size[s]);
			m.size[s] = ns;
		} else if (what < 68 && m.exists[s]) {	/* unlink */
			ck_assert_int_eq(rfs_unlink(&fs, dir, name,
			    strlen(name), 0), 0);
			m.exists[s] = 0;
		} else if (what < 76 && m.exists[s]) {	/* rename */
			int t = (int)(rnd() % NSLOT);
			slot_name(t, name2, &dir2);
			ck_assert_int_eq(rfs_rename(&fs, dir, name,
			    strlen(name), dir2, name2, strlen(name2)), 0);
			if (t != s) {
				memcpy(m.data[t], m.data[s], m.size[s]);
				m.size[t] = m.size[s];
				m.exists[t] = 1;
				m.exists[s] = 0;
			}
		} else if (what < 90) {	/* commit */
			if (rnd() % 4 == 0) {
				/* Power cut somewhere inside the commit. */
				w.fail_after = (long)(rnd() % 40);
				err = rfs_commit(&fs);
				w.fail_after = -1;
				reopen(&fs, &d);
				torn++;
				if (err == 0)
					model_copy(&saved, &m);
				else
					model_copy(&m, &saved);
			} else {
				ck_assert_int_eq(rfs_commit(&fs), 0);
				model_copy(&saved, &m);
			}
			commits++;
			/* Long runs check the whole image every 16th commit. */
			if (nops <= 3000 || commits % 16 == 0)
				check_clean(&fs, "after commit");
			model_verify(&fs, &m, buf, seed, "after commit");
		} else if (what < 93) {	/* crash: lose what is not committed */
			reopen(&fs, &d);
			model_copy(&m, &saved);
			crashes++;
			if (nops <= 3000 || crashes % 16 == 0)
				check_clean(&fs, "after crash");
			model_verify(&fs, &m, buf, seed, "after crash");
		}
	}
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs, "at the end");
	model_verify(&fs, &m, buf, seed, "at the end");
	reopen(&fs, &d);
	model_verify(&fs, &m, buf, seed, "reopened");
	printf("redoxfs: fsx seed %u%s: %d ops, %d commits (%d torn), %d crashes, "
	    "model matches\n", seed, use_wb ? " (write-back)" : "", nops,
	    commits, torn, crashes);
	rfs_write_close(&fs);
	rfs_close(&fs);
	if (use_wb)
		ck_assert_int_eq(rfs_wbdisk_close(&wbd), 0);
	for (int i = 0; i < NSLOT; i++) {
		free(m.data[i]);
		free(saved.data[i]);
	}
	free(n);
	free(buf);
	free(w.data);
}

START_TEST(test_fsx)
{
	const char *env = getenv("RFS_SEED");
	static const unsigned seeds[] = { 1, 2, 3, 20251124 };

	const char *ops = getenv("RFS_OPS");
	int n = ops ? (int)strtol(ops, NULL, 0) : 0;

	use_wb = 0;
	if (env) {
		fsx((unsigned)strtoul(env, NULL, 0), n > 0 ? n : 3000);
		return;
	}
	fsx(seeds[_i], n > 0 ? n : 1500);
}
END_TEST

/* The write-back layer alone: reads see pending blocks, big writes and
 * discards replace them, a flush writes each once, in runs. */
static unsigned nwrites;

static int
count_write(void *ctx, uint64_t block, const void *buf, size_t n)
{
	nwrites++;
	return w_write(ctx, block, buf, n);
}

START_TEST(test_wbdisk)
{
	struct wdisk w;
	struct rfs_disk d, wb;
	uint8_t a[RFS_BLOCK_SIZE], b[3 * RFS_BLOCK_SIZE], got[3 * RFS_BLOCK_SIZE];

	wdisk_init(&w, &d, (RFS_WB_MAX_BLOCKS + 64) * RFS_BLOCK_SIZE);
	d.write = count_write;
	nwrites = 0;
	ck_assert_int_eq(rfs_wbdisk_open(&wb, &d, RFS_WB_MAX_BLOCKS), 0);
	memset(a, 'a', sizeof a);
	for (uint64_t blk = 10; blk < 20; blk++)	/* 10..19, twice each */
		ck_assert_int_eq(wb.write(wb.ctx, blk, a, 1), 0);
	memset(a, 'A', sizeof a);
	for (uint64_t blk = 10; blk < 20; blk++)
		ck_assert_int_eq(wb.write(wb.ctx, blk, a, 1), 0);
	ck_assert_uint_eq(nwrites, 0);
	ck_assert_int_eq(w.data[10 * RFS_BLOCK_SIZE], 0);	/* not yet */
	ck_assert_int_eq(wb.read(wb.ctx, 12, got, 1), 0);
	ck_assert_int_eq(got[0], 'A');
	ck_assert_int_eq(wb.read(wb.ctx, 9, got, 3), 0);	/* 9 from disk, 10-11 pending */
	ck_assert(got[0] == 0 && got[RFS_BLOCK_SIZE] == 'A' && got[2 * RFS_BLOCK_SIZE] == 'A');

	memset(b, 'b', sizeof b);		/* a record over 11..13 wins */
	ck_assert_int_eq(wb.write(wb.ctx, 11, b, 3), 0);
	ck_assert_uint_eq(nwrites, 1);
	ck_assert_int_eq(wb.discard(wb.ctx, 15, 2), 0);	/* 15, 16: dead */
	ck_assert_int_eq(wb.flush(wb.ctx), 0);
	/* Left pending: 10, 14, 17..19: three runs. */
	ck_assert_uint_eq(nwrites, 1 + 3);
	ck_assert_int_eq(w.data[10 * RFS_BLOCK_SIZE], 'A');
	ck_assert_int_eq(w.data[12 * RFS_BLOCK_SIZE], 'b');
	ck_assert_int_eq(w.data[14 * RFS_BLOCK_SIZE], 'A');
	ck_assert_int_eq(w.data[15 * RFS_BLOCK_SIZE], 0);
	ck_assert_int_eq(w.data[19 * RFS_BLOCK_SIZE], 'A');
	ck_assert_int_eq(wb.flush(wb.ctx), 0);	/* nothing left */
	ck_assert_uint_eq(nwrites, 4);

	/* Past the limit, pending blocks are written out without a flush:
	 * RFS_WB_MAX_BLOCKS consecutive ones in runs of 64. */
	for (uint64_t blk = 0; blk <= RFS_WB_MAX_BLOCKS; blk++)
		ck_assert_int_eq(wb.write(wb.ctx, 32 + blk, a, 1), 0);
	ck_assert_uint_eq(nwrites, 4 + RFS_WB_MAX_BLOCKS / 64);
	ck_assert_int_eq(w.data[(32 + RFS_WB_MAX_BLOCKS - 1) * RFS_BLOCK_SIZE], 'A');
	ck_assert_int_eq(rfs_wbdisk_close(&wb), 0);	/* the last one */
	ck_assert_uint_eq(nwrites, 4 + RFS_WB_MAX_BLOCKS / 64 + 1);
	ck_assert_int_eq(w.data[(32 + RFS_WB_MAX_BLOCKS) * RFS_BLOCK_SIZE], 'A');

	/* A failing disk: the flush fails, nothing is lost from the layer. */
	ck_assert_int_eq(rfs_wbdisk_open(&wb, &d, RFS_WB_MAX_BLOCKS), 0);
	ck_assert_int_eq(wb.write(wb.ctx, 40, b, 1), 0);
	w.fail_after = 0;
	ck_assert_int_ne(wb.flush(wb.ctx), 0);
	w.fail_after = -1;
	ck_assert_int_eq(wb.read(wb.ctx, 40, got, 1), 0);
	ck_assert_int_eq(got[0], 'b');
	ck_assert_int_eq(wb.flush(wb.ctx), 0);
	ck_assert_int_eq(w.data[40 * RFS_BLOCK_SIZE], 'b');
	rfs_wbdisk_abandon(&wb);
	free(w.data);
}
END_TEST

/* The same through the write-back layer redoxfs-fuse uses. */
START_TEST(test_fsx_wb)
{
	const char *env = getenv("RFS_SEED");
	const char *ops = getenv("RFS_OPS");
	int n = ops ? (int)strtol(ops, NULL, 0) : 0;

	use_wb = 1;	/* a quarter of a long run: the layer, not the writer */
	fsx(env ? (unsigned)strtoul(env, NULL, 0) : 100 + (unsigned)_i,
	    n > 0 ? (n + 3) / 4 : 1500);
	use_wb = 0;
}
END_TEST

/* The writer on an image made by upstream: change it, check it. */
START_TEST(test_modify_fixture)
{
	struct wdisk w;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n), *dn = malloc(sizeof *dn);
	FILE *f = fopen(RFS_IMG_DIR "/redoxfs-a.img", "rb");
	uint8_t *buf = malloc(1 << 20);
	uint32_t id;

	ck_assert_ptr_nonnull(f);
	wdisk_init(&w, &d, 16u << 20);
	ck_assert_uint_eq(fread(w.data, 1, w.len, f), w.len);
	fclose(f);
	ck_assert_int_eq(rfs_open(&fs, &d), 0);
	ck_assert_int_eq(rfs_write_open(&fs), 0);
	/* Overwrite part of a compressed record, add and remove entries. */
	ck_assert_int_eq(rfs_node_load(&fs, 1, dn), 0);
	ck_assert_int_eq(rfs_dir_lookup(&fs, dn, "data", 4, &id), 0);
	ck_assert_int_eq(rfs_node_load(&fs, id, dn), 0);
	ck_assert_int_eq(rfs_dir_lookup(&fs, dn, "compressible-1M", 15, &id),
	    0);
	ck_assert_int_eq(rfs_node_load(&fs, id, n), 0);
	memset(buf, 'Z', 1000);
	ck_assert_int_eq(rfs_node_write(&fs, n, 200000, buf, 1000), 0);
	ck_assert_int_eq(rfs_unlink(&fs, 1, "many", 4, 1), -ENOTEMPTY);
	uint32_t many;
	ck_assert_int_eq(rfs_node_load(&fs, 1, dn), 0);
	ck_assert_int_eq(rfs_dir_lookup(&fs, dn, "many", 4, &many), 0);
	for (int i = 0; i < 1500; i += 3) {
		char name[32];
		snprintf(name, sizeof name, "entry-%05d", i);
		ck_assert_int_eq(rfs_unlink(&fs, many, name, strlen(name), 0),
		    0);
	}
	ck_assert_int_eq(rfs_create(&fs, many, "new", 3, RFS_MODE_FILE | 0600,
	    7, 7, 5, 0, dn), 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs, "modified fixture");
	ck_assert_int_eq(rfs_node_load(&fs, id, n), 0);
	ck_assert_int_eq(rfs_node_read(&fs, n, 199990, buf, 1020), 1020);
	ck_assert_mem_eq(buf + 10, "ZZZZ", 4);
	/* Around the change, the original text. */
	const char *fox = "The quick brown fox jumps over the lazy dog.\n";
	ck_assert_int_eq(buf[0], fox[199990 % 45]);
	ck_assert_int_eq(buf[1010], fox[201000 % 45]);
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(dn);
	free(buf);
	free(w.data);
}
END_TEST

/* A full file system still lets files be removed. */
START_TEST(test_full)
{
	struct wdisk w;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);
	uint8_t data[6000];
	char name[16];
	int made = 0, err = 0;

	memset(data, 9, sizeof data);
	wdisk_init(&w, &d, 2u << 20);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 512, uuid, 1, 0), 0);
	while (err == 0) {
		snprintf(name, sizeof name, "f%d", made);
		err = rfs_create(&fs, 1, name, strlen(name), RFS_MODE_FILE |
		    0644, 0, 0, 1, 0, n);
		if (err == 0)
			err = rfs_node_write(&fs, n, 0, data, sizeof data);
		if (err == 0)
			err = rfs_commit(&fs);
		if (err)
			ck_assert_int_eq(rfs_abort(&fs), 0);
		else
			made++;
	}
	ck_assert_int_eq(err, -ENOSPC);
	ck_assert_int_gt(made, 10);
	check_clean(&fs, "full");
	for (int i = 0; i < made; i++) {
		snprintf(name, sizeof name, "f%d", i);
		ck_assert_int_eq(rfs_unlink(&fs, 1, name, strlen(name), 0), 0);
		ck_assert_int_eq(rfs_commit(&fs), 0);
	}
	check_clean(&fs, "emptied");
	/* Back to a fresh fs: 4 tree lists, the root, the log block. */
	ck_assert_uint_eq(rfs_wr_free_count(&fs), 512 - 257 - 6);
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(w.data);
}
END_TEST

/*
 * Batched: operations fill the disk inside one transaction; the one that
 * runs out of space is undone alone (its half-made file too), the rest
 * commit, and emptying it in another batch gives the space back.
 */
START_TEST(test_batch_undo)
{
	struct wdisk w;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n), *dir = malloc(sizeof *dir);
	uint8_t data[6000], back[6000];
	char name[16];
	uint32_t id;
	int made = 0, err = 0, rounds = 0;

	memset(data, 7, sizeof data);
	wdisk_init(&w, &d, 2u << 20);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 512, uuid, 1, 0), 0);
	for (int i = 0; i < 3; i++) {
		/* Rewriting one file many times: earlier copies are kept. */
		snprintf(name, sizeof name, "g%d", i);
		rfs_op_begin(&fs);
		ck_assert_int_eq(rfs_op_end(&fs, rfs_create(&fs, 1, name,
		    strlen(name), RFS_MODE_FILE | 0644, 0, 0, 1, 0, n)), 0);
	}
	while (err == 0 || rounds++ < 3) {
		snprintf(name, sizeof name, "f%d", made);
		rfs_op_begin(&fs);
		err = rfs_create(&fs, 1, name, strlen(name), RFS_MODE_FILE |
		    0644, 0, 0, 1, 0, n);
		if (err == 0)
			err = rfs_node_write(&fs, n, 0, data, sizeof data);
		if (rfs_op_end(&fs, err) == 0)
			made++;
	}
	ck_assert_int_eq(err, -ENOSPC);
	ck_assert_int_gt(made, 10);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs, "batch full");
	ck_assert_int_eq(rfs_node_load(&fs, 1, dir), 0);
	for (int i = 0; i <= made; i++) {
		snprintf(name, sizeof name, "f%d", i);
		err = rfs_dir_lookup(&fs, dir, name, strlen(name), &id);
		if (i == made) {
			ck_assert_int_eq(err, -ENOENT);	/* the undone one */
			break;
		}
		ck_assert_int_eq(err, 0);
		ck_assert_int_eq(rfs_node_load(&fs, id, n), 0);
		ck_assert_int_eq(rfs_node_read(&fs, n, 0, back, sizeof back),
		    sizeof data);
		ck_assert_mem_eq(back, data, sizeof data);
	}
	/* A failing operation in the middle of a batch of removals. */
	for (int i = 0; i < made; i++) {
		snprintf(name, sizeof name, "f%d", i);
		rfs_op_begin(&fs);
		ck_assert_int_eq(rfs_op_end(&fs, rfs_unlink(&fs, 1, name,
		    strlen(name), 0)), 0);
		if (i == made / 2) {
			rfs_op_begin(&fs);
			ck_assert_int_eq(rfs_op_end(&fs, rfs_unlink(&fs, 1,
			    "nothere", 7, 0)), -ENOENT);
		}
	}
	for (int i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "g%d", i);
		rfs_op_begin(&fs);
		ck_assert_int_eq(rfs_op_end(&fs, rfs_unlink(&fs, 1, name,
		    strlen(name), 0)), 0);
	}
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs, "batch emptied");
	ck_assert_uint_eq(rfs_wr_free_count(&fs), 512 - 257 - 6);
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(dir);
	free(w.data);
}
END_TEST

static int
always_busy(void *arg, uint32_t id)
{
	(void)arg;
	(void)id;
	return 1;
}

/* An open file unlinked lives on the release list until released. */
START_TEST(test_release_list)
{
	struct wdisk w;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);
	uint8_t data[9000];
	uint32_t id;

	memset(data, 7, sizeof data);
	wdisk_init(&w, &d, 4u << 20);
	ck_assert_int_eq(rfs_format(&fs, &d, 0, 1024, uuid, 1, 0), 0);
	for (int i = 0; i < 3; i++) {
		char name[8] = { 'f', (char)('0' + i), 0 };
		ck_assert_int_eq(rfs_create(&fs, 1, name, 2, RFS_MODE_FILE |
		    0644, 0, 0, 1, 0, n), 0);
		ck_assert_int_eq(rfs_node_write(&fs, n, 0, data, sizeof data),
		    0);
	}
	id = n->id;
	fs.busy = always_busy;
	ck_assert_int_eq(rfs_unlink(&fs, 1, "f0", 2, 0), 0);
	ck_assert_int_eq(rfs_unlink(&fs, 1, "f2", 2, 0), 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs, "two on the release list");
	ck_assert_int_eq(rfs_node_load(&fs, id, n), 0);
	ck_assert_uint_eq(n->links, 0);
	ck_assert_int_eq(rfs_node_read(&fs, n, 0, data, 10), 10);
	/* The last close frees one; a "crash" leaves the other for mount. */
	ck_assert_int_eq(rfs_release_node(&fs, id), 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	check_clean(&fs, "one released");
	ck_assert_int_eq(rfs_node_load(&fs, id, n), -ENOENT);
	rfs_write_close(&fs);
	rfs_close(&fs);
	ck_assert_int_eq(rfs_open(&fs, &d), 0);
	ck_assert_int_eq(rfs_write_open(&fs), 0);
	ck_assert(!rfs_ptr_is_null(fs.hdr.release));
	ck_assert_int_eq(rfs_release_all(&fs), 0);
	ck_assert_int_eq(rfs_commit(&fs), 0);
	ck_assert(rfs_ptr_is_null(fs.hdr.release));
	check_clean(&fs, "all released");
	rfs_write_close(&fs);
	rfs_close(&fs);
	free(n);
	free(w.data);
}
END_TEST


Suite *
redoxfs_write_suite(void)
{
	Suite *s = suite_create("redoxfs-write");
	TCase *tc = tcase_create("write");
	tcase_add_test(tc, test_wbdisk);

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_lz4_roundtrip);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_modify_fixture);
	tcase_add_test(tc, test_release_list);
	tcase_add_test(tc, test_full);
	tcase_add_test(tc, test_batch_undo);
	tcase_add_test(tc, test_big_dir);
	suite_add_tcase(s, tc);
	/* Its own case, so make test-redoxfs-fsx can run it alone, long. */
	TCase *fx = tcase_create("fsx");
	tcase_set_timeout(fx, 1200);
	tcase_add_loop_test(fx, test_fsx, 0, getenv("RFS_SEED") ? 1 : 4);
	tcase_add_loop_test(fx, test_fsx_wb, 0, getenv("RFS_SEED") ? 1 : 2);
	suite_add_tcase(s, fx);
	return s;
}
