/* RedoxFS library: hashes, LZ4, and reading the upstream-made fixtures. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/host/check.h"
#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/lib/fs.h"
#include "fs/redoxfs/lib/lz4.h"
#include "fs/redoxfs/host/manifest.h"
#include "fs/redoxfs/lib/node.h"
#include "fs/redoxfs/lib/seahash.h"
#include "fs/redoxfs/lib/sha256.h"

#ifndef RFS_IMG_DIR
#define RFS_IMG_DIR "build/redoxfs"
#endif
#define RFS_FIXTURE_DIR "tests/fixtures/redoxfs"

/* A disk held in memory. */
struct memdisk {
	uint8_t *data;
	size_t len;
};

static int
mem_read(void *ctx, uint64_t block, void *buf, size_t n)
{
	struct memdisk *m = ctx;

	if (block * RFS_BLOCK_SIZE + n * RFS_BLOCK_SIZE > m->len)
		return -EIO;
	memcpy(buf, m->data + block * RFS_BLOCK_SIZE, n * RFS_BLOCK_SIZE);
	return 0;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s (run via make test-unit)",
	    path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void
memdisk_load(struct memdisk *m, struct rfs_disk *d, const char *name)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s.img", RFS_IMG_DIR, name);
	m->data = (uint8_t *)slurp(path, &m->len);
	memset(d, 0, sizeof *d);
	d->ctx = m;
	d->read = mem_read;
	d->size_blocks = m->len / RFS_BLOCK_SIZE;
}

START_TEST(test_seahash_vectors)
{
	static uint8_t zero[4096];
	const char *s = "to be or not to be";

	ck_assert_uint_eq(seahash(s, strlen(s)), 1988685042348123509ull);
	ck_assert_uint_eq(seahash(zero, 4072), 0xe81ffcb86026ff96ull);
	ck_assert_uint_eq(seahash(zero, 4096), 0x7ad6348702da2905ull);
}
END_TEST

START_TEST(test_header_zero_hash)
{
	/* header.rs header_hash_test: an all-zero header's hashes. */
	static uint8_t raw[RFS_BLOCK_SIZE];
	uint64_t h = seahash(raw, RFS_HDR_ENC_HASH);

	ck_assert_uint_eq(h, 0xe81ffcb86026ff96ull);
	rfs_put64(raw + RFS_HDR_ENC_HASH, h);
	static const uint8_t want[8] = { 0x96, 0xff, 0x26, 0x60, 0xb8, 0xfc,
		0x1f, 0xe8 };
	ck_assert_mem_eq(raw + RFS_HDR_ENC_HASH, want, 8);
}
END_TEST

START_TEST(test_header_roundtrip)
{
	struct rfs_header h = { 0 }, g;
	uint8_t raw[RFS_BLOCK_SIZE];

	h.size = 1 << 20;
	h.generation = 7;
	h.tree.addr = rfs_addr_make(257, 0, 0);
	h.tree.hash = 99;
	rfs_header_build(&h, raw);
	ck_assert_int_eq(rfs_header_parse(raw, &g), RFS_HDRCHK_OK);
	ck_assert_uint_eq(g.generation, 7);
	ck_assert_int_eq(g.encrypted, 0);
	ck_assert_uint_eq(g.tree.addr, h.tree.addr);
	raw[100] ^= 1;
	ck_assert_int_eq(rfs_header_parse(raw, &g), RFS_HDRCHK_BADHASH);
	raw[0] = 'X';
	ck_assert_int_eq(rfs_header_parse(raw, &g), RFS_HDRCHK_NOSIG);
}
END_TEST

START_TEST(test_lz4_blocks)
{
	uint8_t out[64];
	/* Literals only: token 0x50, "hello". */
	const uint8_t lit[] = { 0x50, 'h', 'e', 'l', 'l', 'o' };
	/* "ab" then a match at offset 2, length 4+4 (overlapping), then "!". */
	const uint8_t ov[] = { 0x24, 'a', 'b', 2, 0, 0x10, '!' };
	const uint8_t badoff[] = { 0x14, 'a', 5, 0, 0x00 };
	const uint8_t trunc[] = { 0xF0, 255 };

	ck_assert_int_eq(lz4_decompress(lit, sizeof lit, out, sizeof out), 5);
	ck_assert_mem_eq(out, "hello", 5);
	ck_assert_int_eq(lz4_decompress(ov, sizeof ov, out, sizeof out), 11);
	ck_assert_mem_eq(out, "ababababab!", 11);
	ck_assert_int_eq(lz4_decompress(ov, sizeof ov, out, 5), -EIO);
	ck_assert_int_eq(lz4_decompress(badoff, sizeof badoff, out, 64), -EIO);
	ck_assert_int_eq(lz4_decompress(trunc, sizeof trunc, out, 64), -EIO);
	ck_assert_int_eq(lz4_decompress(lit, 0, out, 64), -EIO);
}
END_TEST

START_TEST(test_sha256)
{
	struct sha256 s;
	uint8_t d[32];
	char hex[65];

	sha256_init(&s);
	sha256_update(&s, "abc", 3);
	sha256_final(&s, d);
	sha256_hex(d, hex);
	ck_assert_str_eq(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_init(&s);
	sha256_final(&s, d);
	sha256_hex(d, hex);
	ck_assert_str_eq(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

static const struct {
	const char *name;
	uint64_t block, generation;
} fixtures[] = {
	{ "redoxfs-a", 0, 5 },
	{ "redoxfs-c-reserved", 16, 4 },
};

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* The library's listing of each fixture equals its manifest, byte for byte. */
START_TEST(test_fixture_manifest)
{
	struct memdisk md;
	struct rfs_disk d;
	struct rfs fs;
	struct manifest m = { 0 };
	char path[256], *want, *got;
	size_t wlen;
	int err;

	memdisk_load(&md, &d, fixtures[_i].name);
	err = rfs_open(&fs, &d);
	ck_assert_msg(err == 0, "open: %d", err);
	ck_assert_uint_eq(fs.block, fixtures[_i].block);
	ck_assert_uint_eq(fs.hdr.generation, fixtures[_i].generation);
	err = rfs_manifest(&fs, &m, UINT64_MAX);
	ck_assert_msg(err == 0, "manifest: %d (%s at block %llu)", err,
	    fs.why ? fs.why : "?", (unsigned long long)fs.why_block);
	got = manifest_text(&m);
	snprintf(path, sizeof path, "%s/%s.manifest", RFS_FIXTURE_DIR,
	    fixtures[_i].name);
	want = slurp(path, &wlen);
	if (strcmp(got, want) != 0) {
		/* Show the first differing line. */
		const char *a = got, *b = want;
		while (*a && *a == *b)
			a++, b++;
		while (a > got && a[-1] != '\n')
			a--;
		while (b > want && b[-1] != '\n')
			b--;
		ck_abort_msg("%s: listing differs:\n got: %.200s\nwant: %.200s",
		    fixtures[_i].name, a, b);
	}
	printf("redoxfs: %s: %zu manifest entries match\n", fixtures[_i].name,
	    count_lines(got));
	free(got);
	free(want);
	manifest_free(&m);
	rfs_close(&fs);
	free(md.data);
}
END_TEST

/* Every name in /many is found through the htree, and absent ones are not. */
START_TEST(test_htree_lookup)
{
	struct memdisk md;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *root = malloc(sizeof *root), *many = malloc(sizeof *many);
	uint32_t id;
	char name[32];

	memdisk_load(&md, &d, "redoxfs-a");
	ck_assert_int_eq(rfs_open(&fs, &d), 0);
	ck_assert_int_eq(rfs_node_load(&fs, 1, root), 0);
	ck_assert_int_eq(rfs_dir_lookup(&fs, root, "many", 4, &id), 0);
	ck_assert_int_eq(rfs_node_load(&fs, id, many), 0);
	ck_assert(rfs_node_is_dir(many));
	for (int i = 0; i < 1500; i++) {
		snprintf(name, sizeof name, "entry-%05d", i);
		ck_assert_msg(rfs_dir_lookup(&fs, many, name, strlen(name),
		    &id) == 0, "lookup %s", name);
	}
	ck_assert_int_eq(rfs_dir_lookup(&fs, many, "entry-01500", 11, &id),
	    -ENOENT);
	ck_assert_int_eq(rfs_dir_lookup(&fs, root, "nope", 4, &id), -ENOENT);
	ck_assert_int_eq(rfs_dir_lookup(&fs, root, "", 0, &id), -ENOENT);
	rfs_close(&fs);
	free(root);
	free(many);
	free(md.data);
}
END_TEST

START_TEST(test_foreign_image)
{
	struct memdisk md = { calloc(1, 1 << 20), 1 << 20 };
	struct rfs_disk d = { &md, mem_read, NULL, NULL, 256, NULL };
	struct rfs fs;

	memset(md.data, 'x', md.len);
	ck_assert_int_eq(rfs_open(&fs, &d), -ENOENT);
	free(md.data);
}
END_TEST

/* Damaged images: the reader gives the right listing or an error. */

static void
quiet(void *arg, int sev, const char *msg)
{
	(void)arg;
	(void)sev;
	(void)msg;
}

/*
 * Lists and checks the image in md.  Returns the listing (NULL when the
 * reader failed) and the checker's error count in *errors (-1 when the
 * file system did not open).
 */
static char *
list_and_check(struct memdisk *md, int nohash, int *errors, uint64_t *gen)
{
	struct rfs_disk d = { md, mem_read, NULL, NULL, md->len / RFS_BLOCK_SIZE, NULL };
	struct rfs fs;
	struct manifest m = { 0 };
	struct rfs_check_stats st;
	char *text = NULL;
	int err;

	*errors = -1;
	if (rfs_open(&fs, &d) != 0)
		return NULL;
	fs.nohash = nohash;
	*gen = fs.hdr.generation;
	err = rfs_manifest(&fs, &m, 64u << 20);
	ck_assert_int_le(err, 0);
	if (err == 0)
		text = manifest_text(&m);
	manifest_free(&m);
	ck_assert_int_eq(rfs_check(&fs, quiet, NULL, &st), 0);
	*errors = (int)st.errors;
	rfs_close(&fs);
	return text;
}

static void
corrupt_image(const char *name, unsigned runs, int nohash)
{
	struct memdisk md;
	struct rfs_disk d;
	char *clean, *got;
	int errors;
	unsigned same = 0, failed = 0, unopened = 0;
	uint64_t nblocks;
	uint32_t rng = 12345;
	uint64_t gen, gen0;

	memdisk_load(&md, &d, name);
	nblocks = md.len / RFS_BLOCK_SIZE;
	clean = list_and_check(&md, 0, &errors, &gen0);
	ck_assert_ptr_nonnull(clean);
	ck_assert_int_eq(errors, 0);
	for (unsigned i = 0; i < runs; i++) {
		/* Spread over the disk; vary where in the block, and how. */
		uint64_t b = runs >= nblocks ? i % nblocks :
		    (uint64_t)i * nblocks / runs;
		size_t at = (size_t)(b * RFS_BLOCK_SIZE + (b * 131 + i) % RFS_BLOCK_SIZE);
		unsigned nbytes = nohash ? 1 + i % 16 : 1;
		uint8_t saved[16];

		memcpy(saved, md.data + at, nbytes);
		for (unsigned k = 0; k < nbytes; k++) {
			rng = rng * 1103515245u + 12345u;
			md.data[at + k] ^= (uint8_t)(rng >> 16 | 1);
		}
		got = list_and_check(&md, nohash, &errors, &gen);
		if (errors < 0)
			unopened++;
		else if (got && strcmp(got, clean) == 0)
			same++;
		else
			failed++;
		/*
		 * With hashes checked, a wrong listing is never silent --
		 * unless the newest header was hit and an older generation
		 * mounted, which is how crash recovery is meant to work.
		 */
		if (!nohash && errors >= 0 && gen == gen0 &&
		    !(got && strcmp(got, clean) == 0))
			ck_assert_msg(got == NULL && errors > 0,
			    "%s: byte %zu: %s, %d fsck errors", name, at,
			    got ? "listing differs" : "reader failed", errors);
		free(got);
		memcpy(md.data + at, saved, nbytes);
	}
	printf("redoxfs: %s: %u corruptions%s: %u listed as before, %u gave "
	    "errors, %u did not open\n", name, runs,
	    nohash ? " (hashes ignored)" : "", same, failed, unopened);
	free(clean);
	free(md.data);
}

START_TEST(test_corrupt_small)
{
	corrupt_image("redoxfs-c-reserved", 1024, 0);
}
END_TEST

START_TEST(test_corrupt_small_nohash)
{
	corrupt_image("redoxfs-c-reserved", 1024, 1);
}
END_TEST

START_TEST(test_corrupt_large)
{
	corrupt_image("redoxfs-a", 128, 0);
}
END_TEST

START_TEST(test_corrupt_large_nohash)
{
	corrupt_image("redoxfs-a", 128, 1);
}
END_TEST

/*
 * Every node's `blocks` and `links` in the fixtures is what the original
 * counted; changing either (hashes ignored) must be an fsck error.
 */
struct heard {
	const char *want;
	int seen;
};

static void
hear(void *arg, int sev, const char *msg)
{
	struct heard *h = arg;

	if (sev == RFS_CHECK_ERROR && strstr(msg, h->want) != NULL)
		h->seen = 1;
}

/* Adds delta to the little-endian field of `bytes` bytes at `at`, checks. */
static void
perturb(struct memdisk *md, size_t at, unsigned bytes, int delta,
    const char *want, uint32_t id)
{
	struct rfs_disk d = { md, mem_read, NULL, NULL,
		md->len / RFS_BLOCK_SIZE, NULL };
	struct rfs fs;
	struct rfs_check_stats st;
	struct heard h = { want, 0 };
	uint8_t saved[8];
	uint64_t v = 0;

	memcpy(saved, md->data + at, bytes);
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)md->data[at + i] << (8 * i);
	v += (uint64_t)(int64_t)delta;
	for (unsigned i = 0; i < bytes; i++)
		md->data[at + i] = (uint8_t)(v >> (8 * i));
	ck_assert_int_eq(rfs_open(&fs, &d), 0);
	fs.nohash = 1;
	ck_assert_int_eq(rfs_check(&fs, hear, &h, &st), 0);
	ck_assert_msg(h.seen, "node %u: %s %+d not flagged (%u errors)", id,
	    want, delta, st.errors);
	rfs_close(&fs);
	memcpy(md->data + at, saved, bytes);
}

static const char *const count_fixtures[] = { "redoxfs-a",
	"redoxfs-c-reserved" };

START_TEST(test_fixture_counts)
{
	struct memdisk md;
	struct rfs_disk d;
	struct rfs fs;
	struct rfs_node *n = malloc(sizeof *n);
	unsigned tried = 0;

	memdisk_load(&md, &d, count_fixtures[_i]);
	d.size_blocks = md.len / RFS_BLOCK_SIZE;
	ck_assert_int_eq(rfs_open(&fs, &d), 0);
	for (uint32_t id = 1; id < 2000; id++) {
		if (rfs_node_load(&fs, id, n) != 0)
			continue;
		/* Directories, files with records, and a sample of the rest. */
		if (!rfs_node_is_dir(n) && n->blocks == 1 && id % 64 != 0)
			continue;
		size_t at = (size_t)((fs.block +
		    rfs_addr_index(n->where.addr)) * RFS_BLOCK_SIZE);
		perturb(&md, at + RFS_NODE_BLOCKS, 8, 1, "blocks", id);
		perturb(&md, at + RFS_NODE_BLOCKS, 8, -1, "blocks", id);
		perturb(&md, at + RFS_NODE_LINKS, 4, 1, "links", id);
		tried++;
	}
	ck_assert_uint_gt(tried, 0);
	rfs_close(&fs);
	free(n);
	free(md.data);
}
END_TEST

Suite *
redoxfs_suite(void)
{
	Suite *s = suite_create("redoxfs");
	TCase *tc = tcase_create("read");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_seahash_vectors);
	tcase_add_test(tc, test_header_zero_hash);
	tcase_add_test(tc, test_header_roundtrip);
	tcase_add_test(tc, test_lz4_blocks);
	tcase_add_test(tc, test_sha256);
	tcase_add_loop_test(tc, test_fixture_manifest, 0,
	    sizeof fixtures / sizeof fixtures[0]);
	tcase_add_test(tc, test_htree_lookup);
	tcase_add_test(tc, test_foreign_image);
	tcase_add_loop_test(tc, test_fixture_counts, 0,
	    sizeof count_fixtures / sizeof count_fixtures[0]);
	suite_add_tcase(s, tc);

	tc = tcase_create("corrupt");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_corrupt_small);
	tcase_add_test(tc, test_corrupt_small_nohash);
	tcase_add_test(tc, test_corrupt_large);
	tcase_add_test(tc, test_corrupt_large_nohash);
	suite_add_tcase(s, tc);
	return s;
}
