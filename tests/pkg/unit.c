/*
 * Host unit tests of apps/pkg/lib: SHA-512 (FIPS 180-4 examples), Ed25519
 * (RFC 8032 section 7.1 vectors, and what must be refused), ustar,
 * manifests and whole packages built in memory.  Prints one line per
 * failed check and "pkg unit: all N checks passed".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/pkg/lib/ed25519.h"
#include "apps/pkg/lib/manifest.h"
#include "apps/pkg/lib/sha512.h"
#include "apps/pkg/lib/tar.h"
#include "apps/pkg/lib/trust.h"
#include "fs/redoxfs/lib/sha256.h"

static int checks, failed;

#define CHECK(cond) do { checks++; if (!(cond)) { failed++; \
	printf("%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

static void
unhex(const char *h, uint8_t *b)
{
	size_t n = strlen(h) / 2;

	if (manifest_unhex(h, strlen(h), b, n) != 0) {
		printf("bad hex in test\n");
		exit(1);
	}
}

static int
hex_is(const uint8_t *b, size_t n, const char *want)
{
	char hex[300];

	manifest_hex(b, n, hex);
	return strcmp(hex, want) == 0;
}

static void
test_sha512(void)
{
	uint8_t d[64];
	struct sha512 s;
	uint8_t a1000[1000];
	int i;

	memset(a1000, 'a', sizeof a1000);

	sha512("", 0, d);
	CHECK(hex_is(d, 64, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"));
	sha512("abc", 3, d);
	CHECK(hex_is(d, 64, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
	{
		const char *m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
		sha512(m, strlen(m), d);
		CHECK(hex_is(d, 64, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
		    "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"));
	}
	sha512_init(&s);
	for (i = 0; i < 1000; i++)
		sha512_update(&s, a1000, sizeof a1000);
	sha512_final(&s, d);
	CHECK(hex_is(d, 64, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	    "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"));
}

/* RFC 8032 7.1: SECRET, PUBLIC, MESSAGE, SIGNATURE. */
static const char *const rfc[][4] = {
	{ "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
	  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
	  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
	  "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
	{ "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
	  "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
	  "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
	  "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
	{ "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
	  "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
	  "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
	  "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
	{ "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
	  "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
	  "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
	  "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704" },
};

static void
test_ed25519(void)
{
	uint8_t seed[32], pub[32], want[32], sig[64], msg[64], bad[64];
	size_t i, len;

	for (i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
		unhex(rfc[i][0], seed);
		unhex(rfc[i][1], want);
		len = strlen(rfc[i][2]) / 2;
		unhex(rfc[i][2], msg);
		ed25519_pubkey(pub, seed);
		CHECK(memcmp(pub, want, 32) == 0);
		ed25519_sign(sig, msg, len, seed, pub);
		CHECK(hex_is(sig, 64, rfc[i][3]));
		CHECK(ed25519_verify(sig, msg, len, pub) == 0);
		/* A changed message, R, S or key is refused. */
		msg[0] ^= 1;
		CHECK(ed25519_verify(sig, msg, len > 0 ? len : 1, pub) != 0);
		msg[0] ^= 1;
		memcpy(bad, sig, 64);
		bad[3] ^= 0x10;
		CHECK(ed25519_verify(bad, msg, len, pub) != 0);
		memcpy(bad, sig, 64);
		bad[40] ^= 0x01;
		CHECK(ed25519_verify(bad, msg, len, pub) != 0);
		pub[7] ^= 0x80;
		CHECK(ed25519_verify(sig, msg, len, pub) != 0);
	}
	/* S + L is the same point but not canonical: refused (RFC 8032 5.1.7). */
	{
		static const uint8_t L[32] = { 0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63,
		    0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
		    [31] = 0x10 };
		unsigned c = 0;
		int k;
		unhex(rfc[0][0], seed);
		ed25519_pubkey(pub, seed);
		ed25519_sign(sig, "", 0, seed, pub);
		for (k = 0; k < 32; k++) {
			c += sig[32 + k] + L[k];
			sig[32 + k] = (uint8_t)c;
			c >>= 8;
		}
		CHECK(ed25519_verify(sig, "", 0, pub) != 0);
	}
	/* A public key whose y is not canonical (y = p) is refused. */
	memset(pub, 0xff, 32);
	pub[0] = 0xed;
	pub[31] = 0x7f;
	CHECK(ed25519_verify(sig, "", 0, pub) != 0);
}

static void
test_tar(void)
{
	uint8_t arc[6 * TAR_BLOCK], blk[TAR_BLOCK];
	struct tar_reader r;
	struct tar_member m;
	char longname[300];

	memset(arc, 0, sizeof arc);
	CHECK(tar_header(arc, "usr/bin/x", 0755, 5, 0) == 0);
	memcpy(arc + TAR_BLOCK, "hello", 5);
	memset(longname, 'a', 120);
	memcpy(longname + 120, "/bbbbbbbbbb", 12);
	CHECK(tar_header(arc + 2 * TAR_BLOCK, longname, 0644, 0, 0) == 0);
	tar_reader_init(&r, arc, sizeof arc);
	CHECK(tar_next(&r, &m) == 1);
	CHECK(strcmp(m.name, "usr/bin/x") == 0 && m.size == 5 && m.mode == 0755 &&
	    m.type == '0' && memcmp(m.data, "hello", 5) == 0);
	CHECK(tar_next(&r, &m) == 1);
	CHECK(strcmp(m.name, longname) == 0 && m.size == 0);
	CHECK(tar_next(&r, &m) == 0);
	/* A damaged checksum, a size past the end, a truncated header. */
	arc[10] ^= 1;
	tar_reader_init(&r, arc, sizeof arc);
	CHECK(tar_next(&r, &m) == -EINVAL);
	arc[10] ^= 1;
	tar_reader_init(&r, arc, TAR_BLOCK + 2);
	CHECK(tar_next(&r, &m) == -EINVAL);
	tar_reader_init(&r, arc, 100);
	CHECK(tar_next(&r, &m) == -EINVAL);
	memset(longname, 'a', 250);
	longname[250] = '\0';
	CHECK(tar_header(blk, longname, 0644, 0, 0) == -ENAMETOOLONG);
	CHECK(tar_header(blk, "x", 010000, 0, 0) == -EINVAL);
	CHECK(tar_padding(0) == 0 && tar_padding(1) == 511 && tar_padding(512) == 0);
}

static const char good_manifest[] =
	"name=hello\nversion=1.0-2\ndescription=Says hello\ndepends=libc zlib\n"
	"file=0755 5 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 usr/bin/hello\n"
	"file=0644 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 usr/share/hello/empty\n";

static int
parses(const char *text)
{
	struct manifest m;
	char err[200];
	int r = manifest_parse(&m, text, strlen(text), err, sizeof err);

	if (r == 0)
		manifest_free(&m);
	return r == 0;
}

static void
test_manifest(void)
{
	struct manifest m;
	char err[200], *text, buf[600];
	size_t len;
	static const char *const bad_paths[] = { "../etc/passwd", "/etc/passwd",
	    "usr//bin/x", "usr/./x", "usr/bin/", "usr/..", "a\tb",
	    "var/lib/pkg/x.manifest", "" };
	size_t i;

	CHECK(manifest_parse(&m, good_manifest, strlen(good_manifest), err, sizeof err) == 0);
	CHECK(strcmp(m.name, "hello") == 0 && strcmp(m.version, "1.0-2") == 0);
	CHECK(m.ndepends == 2 && strcmp(m.depends[1], "zlib") == 0);
	CHECK(m.nfiles == 2 && m.files[0].mode == 0755 && m.files[0].size == 5);
	CHECK(manifest_find(&m, "usr/share/hello/empty") == &m.files[1]);
	CHECK(manifest_find(&m, "usr/bin") == NULL);
	text = manifest_format(&m, &len);
	CHECK(text != NULL && len == strlen(good_manifest) &&
	    memcmp(text, good_manifest, len) == 0);
	free(text);
	manifest_free(&m);

	CHECK(parses("name=a\nversion=1\ndescription=\ndepends=\n"));
	CHECK(!parses("name=a\nversion=1\ndescription=\ndepends="));	/* no newline */
	CHECK(!parses("name=a\nversion=1\ndescription=\n"));		/* no depends */
	CHECK(!parses("name=a\nname=a\nversion=1\ndescription=\ndepends=\n"));
	CHECK(!parses("name=a\nversion=1\ndescription=\ndepends=\ncolour=red\n"));
	CHECK(!parses("name=A\nversion=1\ndescription=\ndepends=\n"));
	CHECK(!parses("name=a b\nversion=1\ndescription=\ndepends=\n"));
	CHECK(!parses("name=a\nversion=1 2\ndescription=\ndepends=\n"));
	CHECK(!parses("name=a\nversion=1\ndescription=\ndepends=B\n"));
	CHECK(!parses("file=0644 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 x\n"
	    "name=a\nversion=1\ndescription=\ndepends=\n"));
	CHECK(!parses("name=a\nversion=1\ndescription=\ndepends=\n"
	    "file=0999 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 x\n"));
	CHECK(!parses("name=a\nversion=1\ndescription=\ndepends=\n"
	    "file=0644 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 x\n"));
	CHECK(!parses("name=a\nversion=1\ndescription=\ndepends=\n"
	    "file=0644 -1 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 x\n"));
	CHECK(!parses("name=a\nversion=1\ndescription=\ndepends=\n"
	    "file=0644 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 x\n"
	    "file=0644 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 x\n"));
	CHECK(!parses("name=a\nversion=1\ndescription=\ndepends=\n"
	    "file=0644 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 x\n"
	    "depends=\n"));
	for (i = 0; i < sizeof bad_paths / sizeof bad_paths[0]; i++) {
		CHECK(!manifest_path_ok(bad_paths[i]));
		snprintf(buf, sizeof buf, "name=a\nversion=1\ndescription=\ndepends=\n"
		    "file=0644 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 %s\n",
		    bad_paths[i]);
		CHECK(!parses(buf));
	}
	CHECK(manifest_path_ok("usr/bin/lua") && manifest_path_ok("a..b/.c"));
}

/* A package in memory: manifest, signature, then members as given. */
struct member { const char *name; char type; const char *data; };

static size_t
build_pkg(uint8_t *out, const char *mtext, const uint8_t seed[32],
    const struct member *mem, size_t n)
{
	uint8_t pub[32], sig[64];
	char hex[130];
	size_t off = 0, i;

	ed25519_pubkey(pub, seed);
	ed25519_sign(sig, mtext, strlen(mtext), seed, pub);
	manifest_hex(sig, 64, hex);
	hex[128] = '\n';
	hex[129] = '\0';
	struct member all[8] = { { "pkg/manifest", '0', mtext }, { "pkg/signature", '0', hex } };
	memcpy(all + 2, mem, n * sizeof *mem);
	for (i = 0; i < n + 2; i++) {
		size_t len = strlen(all[i].data);
		tar_header(out + off, all[i].name, all[i].name[0] == 'u' &&
		    all[i].name[4] == 'b' ? 0755 : 0644, len, 0);
		if (all[i].type != '0') {
			/* Re-checksum after changing the type. */
			uint8_t *h = out + off;
			unsigned sum = 0;
			int k;
			h[156] = (uint8_t)all[i].type;
			memset(h + 148, ' ', 8);
			for (k = 0; k < TAR_BLOCK; k++)
				sum += h[k];
			snprintf((char *)h + 148, 8, "%06o", sum);
		}
		off += TAR_BLOCK;
		memcpy(out + off, all[i].data, len);
		off += len + tar_padding(len);
	}
	memset(out + off, 0, 2 * TAR_BLOCK);
	return off + 2 * TAR_BLOCK;
}

static int
check_pkg(const uint8_t *buf, size_t len, const struct trust_keys *k, int *stage)
{
	struct pkgfile p;
	char err[300];
	int r;

	*stage = 0;
	if ((r = pkgfile_open(&p, buf, len, err, sizeof err)) != 0)
		return r;
	*stage = 1;
	if ((r = pkgfile_check_sig(&p, k, err, sizeof err)) == 0) {
		*stage = 2;
		r = pkgfile_check_files(&p, err, sizeof err);
	}
	pkgfile_close(&p);
	return r;
}

static void
test_pkgfile(void)
{
	static uint8_t buf[16 * TAR_BLOCK];
	uint8_t seed[32], other[32];
	struct trust_keys k = { .n = 1 };
	struct member ok[2] = { { "usr/bin/hello", '0', "hello" },
	    { "usr/share/hello/empty", '0', "" } };
	struct member m2[3];
	size_t len;
	int stage;

	unhex(rfc[1][0], seed);
	unhex(rfc[2][0], other);
	ed25519_pubkey(k.key[0], seed);
	len = build_pkg(buf, good_manifest, seed, ok, 2);
	CHECK(check_pkg(buf, len, &k, &stage) == 0 && stage == 2);
	/* Signed by a key we do not trust. */
	len = build_pkg(buf, good_manifest, other, ok, 2);
	CHECK(check_pkg(buf, len, &k, &stage) == -EACCES && stage == 1);
	/* A file's bytes changed after signing. */
	m2[0] = ok[0];
	m2[0].data = "jello";
	m2[1] = ok[1];
	len = build_pkg(buf, good_manifest, seed, m2, 2);
	CHECK(check_pkg(buf, len, &k, &stage) == -EINVAL && stage == 2);
	/* A symbolic link, a file too many, a file missing, the wrong order. */
	m2[0] = ok[0];
	m2[1] = ok[1];
	m2[1].type = '2';
	len = build_pkg(buf, good_manifest, seed, m2, 2);
	CHECK(check_pkg(buf, len, &k, &stage) == -EINVAL && stage == 2);
	m2[1] = ok[1];
	m2[2] = (struct member){ "etc/extra", '0', "x" };
	len = build_pkg(buf, good_manifest, seed, m2, 3);
	CHECK(check_pkg(buf, len, &k, &stage) == -EINVAL && stage == 2);
	len = build_pkg(buf, good_manifest, seed, ok, 1);
	CHECK(check_pkg(buf, len, &k, &stage) == -EINVAL && stage == 2);
	m2[0] = ok[1];
	m2[1] = ok[0];
	len = build_pkg(buf, good_manifest, seed, m2, 2);
	CHECK(check_pkg(buf, len, &k, &stage) == -EINVAL && stage == 2);
	/* The signature's hex changed; no keys at all; not a package. */
	len = build_pkg(buf, good_manifest, seed, ok, 2);
	{
		/* manifest header and one data block, the signature's header,
		 * then its hex */
		uint8_t *sighex = buf + 3 * TAR_BLOCK;
		sighex[5] = sighex[5] == 'a' ? 'b' : 'a';
		CHECK(check_pkg(buf, len, &k, &stage) == -EACCES && stage == 1);
	}
	len = build_pkg(buf, good_manifest, seed, ok, 2);
	k.n = 0;
	CHECK(check_pkg(buf, len, &k, &stage) == -EACCES);
	CHECK(check_pkg((const uint8_t *)"garbage", 7, &k, &stage) == -EINVAL && stage == 0);
}

/* Random damage to a valid package (bytes changed, the end cut off):
 * never a crash, and whatever still passes every check carries exactly
 * the signed manifest and the original files. */
static void
test_damage(void)
{
	static uint8_t good[16 * TAR_BLOCK], buf[16 * TAR_BLOCK];
	struct member ok[2] = { { "usr/bin/hello", '0', "hello" },
	    { "usr/share/hello/empty", '0', "" } };
	struct trust_keys k = { .n = 1 };
	uint8_t seed[32];
	unsigned long x = 12345;
	size_t len, cut;
	int i, j, passed = 0, wrong = 0, refused = 0;

	unhex(rfc[1][0], seed);
	ed25519_pubkey(k.key[0], seed);
	len = build_pkg(good, good_manifest, seed, ok, 2);
	for (i = 0; i < 3000; i++) {
		struct pkgfile p;
		char err[300];
		memcpy(buf, good, len);
		cut = len;
		for (j = 0; j < 1 + i % 4; j++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			buf[(x >> 20) % len] ^= (uint8_t)(1u << ((x >> 8) % 8));
		}
		if (i % 10 == 0)
			cut = (x >> 33) % len;
		if (pkgfile_open(&p, buf, cut, err, sizeof err) == 0 &&
		    pkgfile_check_sig(&p, &k, err, sizeof err) == 0 &&
		    pkgfile_check_files(&p, err, sizeof err) == 0) {
			passed++;
			if (p.mlen != strlen(good_manifest) ||
			    memcmp(p.mtext, good_manifest, p.mlen) != 0 ||
			    p.m.nfiles != 2 || memcmp(p.data[0], "hello", 5) != 0)
				wrong++;
		}
		pkgfile_close(&p);
	}
	CHECK(wrong == 0);
	/* Some damage lands where nothing is checked (names of owners,
	 * padding); most does not. */
	CHECK(passed < 3000 / 2);
	/* Garbage manifests: errors, not crashes. */
	for (i = 0; i < 3000; i++) {
		char text[400];
		struct manifest m;
		char err[200];
		size_t n = strlen(good_manifest);
		memcpy(text, good_manifest, n);
		for (j = 0; j < 1 + i % 6; j++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			text[(x >> 20) % n] = (char)(x >> 40);
		}
		if (manifest_parse(&m, text, n, err, sizeof err) == 0)
			manifest_free(&m);
		else
			refused++;
	}
	CHECK(refused > 3000 / 2);
}

int
main(void)
{
	test_sha512();
	test_ed25519();
	test_tar();
	test_manifest();
	test_pkgfile();
	test_damage();
	if (failed) {
		printf("pkg unit: %d of %d checks failed\n", failed, checks);
		return 1;
	}
	printf("pkg unit: all %d checks passed\n", checks);
	return 0;
}
