/* libc_stdlib: malloc and friends, number parsing, sorting, the
 * environment, and small helpers. */
#define NAME "libc_stdlib"
#include "check.h"
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <inttypes.h>
#include <unistd.h>

static void test_malloc(void)
{
	enum { N = 500 };
	static unsigned char *p[N];
	static size_t sz[N];
	size_t i, j;
	int ok = 1;
	unsigned seed = 1;
	void *q;

	CHECK(malloc(0) != NULL || 1);
	/* many sizes, small to large, each filled with its own pattern */
	for (i = 0; i < N; i++) {
		sz[i] = (size_t)(rand_r(&seed) % (i % 50 == 0 ? 300000 : 2000)) + 1;
		p[i] = malloc(sz[i]);
		if (p[i] == NULL || ((uintptr_t)p[i] & 15) != 0)
			ok = 0;
		else
			memset(p[i], (int)(i & 0xff), sz[i]);
	}
	CHECK(ok);
	/* free every other one, allocate again, then verify all patterns */
	for (i = 0; i < N; i += 2) {
		free(p[i]);
		sz[i] = (size_t)(rand_r(&seed) % 5000) + 1;
		p[i] = malloc(sz[i]);
		if (p[i])
			memset(p[i], (int)(i & 0xff), sz[i]);
	}
	for (i = 0; i < N && ok; i++)
		for (j = 0; j < sz[i]; j++)
			if (p[i] == NULL || p[i][j] != (unsigned char)(i & 0xff)) {
				ok = 0;
				break;
			}
	CHECK(ok);
	for (i = 0; i < N; i++)
		free(p[i]);

	/* calloc zeroes, even reused blocks */
	q = malloc(256);
	memset(q, 0xaa, 256);
	free(q);
	{
		unsigned char *z = calloc(16, 16);
		ok = z != NULL;
		for (i = 0; z && i < 256; i++)
			if (z[i])
				ok = 0;
		CHECK(ok);
		free(z);
	}
	errno = 0;
	CHECK(calloc(SIZE_MAX / 2, 4) == NULL && errno == ENOMEM);
	CHECK(malloc(SIZE_MAX - 10) == NULL);

	/* realloc keeps the contents while growing through every size */
	{
		unsigned char *r = NULL;
		size_t n;
		ok = 1;
		for (n = 1; n <= 200000; n = n * 3 / 2 + 1) {
			unsigned char *nr = realloc(r, n);
			if (nr == NULL) {
				ok = 0;
				break;
			}
			r = nr;
			r[n - 1] = (unsigned char)n;
			if (n > 1 && r[0] != 1)
				ok = 0;
			if (n == 1)
				r[0] = 1;
		}
		CHECK(ok);
		r = realloc(r, 10);
		CHECK(r != NULL && r[0] == 1);
		free(r);
	}
	CHECK(realloc(NULL, 10) != NULL);
	{
		void *a = aligned_alloc(4096, 100);
		void *b = NULL;
		CHECK(a != NULL && ((uintptr_t)a & 4095) == 0);
		CHECK(posix_memalign(&b, 64, 1000) == 0 && ((uintptr_t)b & 63) == 0);
		CHECK(posix_memalign(&b, 3, 10) == EINVAL);
		free(a);
		CHECK(malloc_usable_size(a) == 0 || 1);
	}
	free(NULL);
}

/* The size classes and the cache of freed big mappings: every size
 * gets at least what it asked for and not much more, a reused big block
 * is zeroed by calloc, and a big buffer grown step by step keeps its
 * contents. */
static void test_malloc_classes(void)
{
	int bad_size = 0, bad_zero = 0, bad_keep = 0;
	size_t n;

	for (n = 1; n <= 70000; n += n < 600 ? 1 : 97) {
		unsigned char *p = malloc(n);
		size_t u = malloc_usable_size(p);
		if (p == NULL || u < n || ((uintptr_t)p & 15) != 0 ||
		    (n > 64 && n < 60000 && u > n + n / 2 + 16))
			bad_size++;
		if (p != NULL) {
			p[0] = 1;
			p[u - 1] = 2;
		}
		free(p);
	}
	CHECK_INT(bad_size, 0);
	/* Big blocks freed dirty, then calloc'd: the cache hands them back. */
	for (int round = 0; round < 20; round++) {
		size_t sz = 100000 + (size_t)round * 3000;
		unsigned char *d = malloc(sz);
		if (d == NULL) {
			bad_zero++;
			continue;
		}
		memset(d, 0x5a, sz);
		free(d);
		unsigned char *z = calloc(1, sz - 5000);
		if (z == NULL) {
			bad_zero++;
			continue;
		}
		for (size_t i = 0; i < sz - 5000; i++)
			if (z[i] != 0) {
				bad_zero++;
				break;
			}
		free(z);
	}
	CHECK_INT(bad_zero, 0);
	/* Many big blocks alive at once, freed, allocated again. */
	{
		enum { NB = 24 };
		unsigned char *b[NB];
		for (int k = 0; k < 3; k++) {
			for (int i = 0; i < NB; i++) {
				size_t sz = 70000 + (size_t)i * 40000;
				b[i] = malloc(sz);
				if (b[i] != NULL)
					memset(b[i], i, sz);
			}
			for (int i = 0; i < NB; i++) {
				size_t sz = 70000 + (size_t)i * 40000;
				if (b[i] == NULL || b[i][0] != i || b[i][sz - 1] != i)
					bad_keep++;
				free(b[i]);
			}
		}
	}
	/* Grown a little at a time from 1 KiB to 3 MiB. */
	{
		unsigned char *r = NULL;
		size_t have = 0;
		for (n = 1024; n <= (3u << 20); n += n / 8 + 1000) {
			unsigned char *nr = realloc(r, n);
			if (nr == NULL) {
				bad_keep++;
				break;
			}
			r = nr;
			for (size_t i = have; i < n; i++)
				r[i] = (unsigned char)(i * 31 >> 3);
			have = n;
		}
		for (size_t i = 0; r != NULL && i < have; i++)
			if (r[i] != (unsigned char)(i * 31 >> 3)) {
				bad_keep++;
				break;
			}
		free(r);
	}
	CHECK_INT(bad_keep, 0);
	/* Doubled from 128 KiB to 8 MiB: grown in place mostly (the block
	 * reserves room to grow), its contents kept, shrunk and freed. */
	{
		unsigned char *r = malloc(100), *prev;
		size_t have = 100;
		int moves = 0, bad = r == NULL;
		for (size_t i = 0; r != NULL && i < 100; i++)
			r[i] = (unsigned char)(i * 7);
		for (n = 128 << 10; r != NULL && n <= (8u << 20); n *= 2) {
			prev = r;
			if ((r = realloc(r, n)) == NULL) {
				bad++;
				free(prev);
				break;
			}
			moves += r != prev;
			for (size_t i = 0; i < have; i += 4093)
				bad += r[i] != (unsigned char)(i * 7);
			for (size_t i = have; i < n; i++)
				r[i] = (unsigned char)(i * 7);
			have = n;
		}
		CHECK_INT(bad, 0);
		CHECK(moves <= 3);
		if (r != NULL) {
			CHECK(malloc_usable_size(r) >= (8u << 20));
			unsigned char *s2 = realloc(r, 1000);
			CHECK(s2 != NULL && s2[999] == (unsigned char)(999 * 7));
			free(s2 != NULL ? s2 : r);
		}
	}
}

static void test_strtol(void)
{
	char *end;

	CHECK_INT(strtol("123", &end, 10), 123);
	CHECK(*end == '\0');
	CHECK_INT(strtol("  -42xyz", &end, 10), -42);
	CHECK_STR(end, "xyz");
	CHECK_INT(strtol("0x1F", NULL, 16), 31);
	CHECK_INT(strtol("0x1F", NULL, 0), 31);
	CHECK_INT(strtol("017", NULL, 0), 15);
	CHECK_INT(strtol("z", NULL, 36), 35);
	CHECK_INT(strtol("+7", NULL, 10), 7);
	CHECK_INT(strtol("abc", &end, 10), 0);
	CHECK_STR(end, "abc");
	CHECK_INT(strtol("0x", &end, 16), 0);
	CHECK_STR(end, "x");
	errno = 0;
	CHECK(strtol("9223372036854775807", NULL, 10) == LONG_MAX && errno == 0);
	CHECK(strtol("9223372036854775808", NULL, 10) == LONG_MAX && errno == ERANGE);
	errno = 0;
	CHECK(strtol("-9223372036854775808", NULL, 10) == LONG_MIN && errno == 0);
	CHECK(strtol("-9223372036854775809", NULL, 10) == LONG_MIN && errno == ERANGE);
	errno = 0;
	CHECK(strtoul("18446744073709551615", NULL, 10) == ULONG_MAX && errno == 0);
	CHECK(strtoul("18446744073709551616", NULL, 10) == ULONG_MAX && errno == ERANGE);
	CHECK(strtoul("-1", NULL, 10) == ULONG_MAX);
	CHECK(strtoull("ffffffffffffffff", NULL, 16) == ULLONG_MAX);
	CHECK_INT(strtoll("-123456789012", NULL, 10), -123456789012LL);
	CHECK(strtoimax("-5", NULL, 10) == -5 && strtoumax("5", NULL, 10) == 5);
	CHECK_INT(atoi(" 12abc"), 12);
	CHECK_INT(atol("-99"), -99);
	CHECK_INT(atoll("1000000000000"), 1000000000000LL);
}

static void test_strtod(void)
{
	char *end;

	CHECK(strtod("1.5", NULL) == 1.5);
	CHECK(strtod("-0.25", NULL) == -0.25);
	CHECK(strtod("1e3", NULL) == 1000.0);
	CHECK(strtod("  2.5E-1xyz", &end) == 0.25 && strcmp(end, "xyz") == 0);
	CHECK(strtod(".5", NULL) == 0.5);
	CHECK(strtod("100", NULL) == 100.0);
	CHECK(strtod("inf", NULL) == __builtin_inf());
	CHECK(strtod("-Infinity", NULL) == -__builtin_inf());
	CHECK(strtod("nan", NULL) != strtod("nan", NULL));
	CHECK(strtod("abc", &end) == 0 && strcmp(end, "abc") == 0);
	CHECK(atof("3.0") == 3.0);
	{
		double d = strtod("3.14159", NULL);
		CHECK(d > 3.14158 && d < 3.14160);
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_sort(void)
{
	int v[1000], i, ok = 1, key;
	unsigned seed = 7;
	const char *words[] = { "pear", "apple", "fig", "banana", "cherry" };

	for (i = 0; i < 1000; i++)
		v[i] = rand_r(&seed) % 500 - 250;
	qsort(v, 1000, sizeof(int), cmp_int);
	for (i = 1; i < 1000; i++)
		if (v[i - 1] > v[i])
			ok = 0;
	CHECK(ok);
	qsort(v, 0, sizeof(int), cmp_int);
	qsort(v, 1, sizeof(int), cmp_int);
	qsort(words, 5, sizeof(words[0]), cmp_str);
	CHECK_STR(words[0], "apple");
	CHECK_STR(words[4], "pear");
	for (i = 0; i < 1000; i++)
		v[i] = i * 2;
	key = 500;
	CHECK(bsearch(&key, v, 1000, sizeof(int), cmp_int) == &v[250]);
	key = 501;
	CHECK(bsearch(&key, v, 1000, sizeof(int), cmp_int) == NULL);
	key = 0;
	CHECK(bsearch(&key, v, 1000, sizeof(int), cmp_int) == &v[0]);
	key = 1998;
	CHECK(bsearch(&key, v, 1000, sizeof(int), cmp_int) == &v[999]);
}

static void test_env(void)
{
	char *put = "LIBC_PUT=yes";

	CHECK(setenv("LIBC_TEST_A", "one", 1) == 0);
	CHECK_STR(getenv("LIBC_TEST_A"), "one");
	CHECK(setenv("LIBC_TEST_A", "two", 0) == 0);
	CHECK_STR(getenv("LIBC_TEST_A"), "one");
	CHECK(setenv("LIBC_TEST_A", "three", 1) == 0);
	CHECK_STR(getenv("LIBC_TEST_A"), "three");
	CHECK(setenv("LIBC_TEST_B", "", 1) == 0);
	CHECK_STR(getenv("LIBC_TEST_B"), "");
	CHECK(getenv("LIBC_TEST") == NULL);	/* a prefix is not a match */
	CHECK(unsetenv("LIBC_TEST_A") == 0);
	CHECK(getenv("LIBC_TEST_A") == NULL);
	CHECK(setenv("BAD=NAME", "x", 1) == -1 && errno == EINVAL);
	CHECK(putenv(put) == 0);
	CHECK_STR(getenv("LIBC_PUT"), "yes");
	{
		int i, found = 0;
		for (i = 0; environ[i]; i++)
			if (strcmp(environ[i], "LIBC_TEST_B=") == 0)
				found = 1;
		CHECK(found);
	}
	{
		int i, ok = 1;
		char name[32], val[32];
		for (i = 0; i < 100; i++) {
			snprintf(name, sizeof(name), "V%d", i);
			snprintf(val, sizeof(val), "%d", i * i);
			setenv(name, val, 1);
		}
		for (i = 0; i < 100; i++) {
			snprintf(name, sizeof(name), "V%d", i);
			if (getenv(name) == NULL || atoi(getenv(name)) != i * i)
				ok = 0;
		}
		CHECK(ok);
	}
}

static void test_misc(void)
{
	div_t d = div(17, 5);
	ldiv_t ld = ldiv(-17, 5);
	unsigned s1 = 42, s2 = 42;

	CHECK(abs(-3) == 3 && labs(-4L) == 4 && llabs(-5LL) == 5);
	CHECK(d.quot == 3 && d.rem == 2);
	CHECK(ld.quot == -3 && ld.rem == -2);
	CHECK(rand_r(&s1) == rand_r(&s2));
	srand(5);
	{
		int a = rand(), b;
		srand(5);
		b = rand();
		CHECK(a == b && a >= 0 && a <= RAND_MAX);
	}
}

static void test_mkstemp(const char *dir)
{
	char tmpl[256];
	int fd;

	snprintf(tmpl, sizeof(tmpl), "%s/tmpXXXXXX", dir);
	fd = mkstemp(tmpl);
	CHECK(fd >= 0);
	CHECK(strstr(tmpl, "XXXXXX") == NULL);
	CHECK(write(fd, "x", 1) == 1);
	close(fd);
	CHECK(unlink(tmpl) == 0);
	snprintf(tmpl, sizeof(tmpl), "%s/bad", dir);
	CHECK(mkstemp(tmpl) == -1 && errno == EINVAL);
}

/* exit runs handlers in reverse order of registration */
static void at1(void) { printf("%s: atexit: registered first, runs last\n", NAME); }
static void at2(void) { printf("%s: atexit: registered second, runs first\n", NAME); }

int main(void)
{
	const char *dir;

	test_malloc();
	test_malloc_classes();
	test_strtol();
	test_strtod();
	test_sort();
	test_env();
	test_misc();
	dir = scratch_dir();
	if (dir)
		test_mkstemp(dir);
	CHECK(atexit(at1) == 0);
	CHECK(atexit(at2) == 0);
	/* the handlers print after the summary; the system test (and
	 * tests/rxrun/run-all.sh) check their order */
	return finish();
}
