/*
 * test_kmem.c - the core's heap: sizes, zeroing, alignment, no overlap,
 * and every page back to the (fake) HAL once everything is freed.
 */
#include "core/kmem.h"
#include "tests/unit/fake_hal.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t pages0, mem0;

static void
setup(void)
{
	pages0 = fake_pages_used();
	mem0 = kmem_in_use();
}

static void
teardown(void)
{
	ck_assert_uint_eq(kmem_in_use(), mem0);
	ck_assert_uint_eq(fake_pages_used(), pages0);
}

static int
all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

#define N 600
static unsigned char *obj[N];
static size_t sz[N];

/* Sizes across every class boundary and into big runs. */
static size_t
size_of(int i)
{
	static const size_t edge[] = { 0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65,
	    127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025,
	    2047, 2048, 2049, 4000, 4032, 4033, 4096, 8192, 20000 };
	int ne = (int)(sizeof edge / sizeof edge[0]);
	return i < ne ? edge[i] : (size_t)(i * 37 % 3000) + 1;
}

START_TEST(test_many_sizes)
{
	for (int i = 0; i < N; i++) {
		sz[i] = size_of(i);
		obj[i] = kmem_alloc(sz[i]);
		ck_assert_ptr_nonnull(obj[i]);
		ck_assert_uint_eq((uintptr_t)obj[i] % 16, 0);
		ck_assert_msg(all_zero(obj[i], sz[i]), "size %zu not zeroed", sz[i]);
		memset(obj[i], i & 0xff, sz[i]);	/* ASan: within bounds */
	}
	ck_assert_uint_gt(kmem_in_use(), mem0);
	/* nobody wrote over anybody (one assert per object: a Check assert
	 * per byte took longer than Check's timeout under the sanitizers) */
	for (int i = 0; i < N; i++) {
		size_t k = 0;
		while (k < sz[i] && obj[i][k] == (unsigned char)(i & 0xff))
			k++;
		ck_assert_msg(k == sz[i], "object %d overwritten at byte %zu", i, k);
	}
	/* free in a scrambled order */
	for (int i = 0; i < N; i++) {
		int j = (i * 7919) % N;
		kmem_free(obj[j]);
		obj[j] = NULL;
	}
	for (int i = 0; i < N; i++)
		ck_assert_ptr_null(obj[i]);
}
END_TEST

START_TEST(test_reuse_is_zeroed)
{
	for (int round = 0; round < 3; round++) {
		unsigned char *p[100];
		for (int i = 0; i < 100; i++) {
			p[i] = kmem_alloc(200);
			ck_assert(all_zero(p[i], 200));
			memset(p[i], 0xa5, 200);
		}
		for (int i = 0; i < 100; i += 2)
			kmem_free(p[i]);
		for (int i = 0; i < 100; i += 2) {
			p[i] = kmem_alloc(200);
			ck_assert(all_zero(p[i], 200));
		}
		for (int i = 0; i < 100; i++)
			kmem_free(p[i]);
		ck_assert_uint_eq(fake_pages_used(), pages0);
	}
}
END_TEST

START_TEST(test_accounting)
{
	void *a = kmem_alloc(20);		/* class 32 */
	ck_assert_uint_eq(kmem_in_use(), mem0 + 32);
	void *b = kmem_alloc(2048);		/* class 2048 */
	ck_assert_uint_eq(kmem_in_use(), mem0 + 32 + 2048);
	ck_assert_uint_eq(fake_pages_used(), pages0 + 2);
	kmem_free(a);
	ck_assert_uint_eq(fake_pages_used(), pages0 + 1);	/* empty slab went back */
	kmem_free(b);
	ck_assert_uint_eq(kmem_in_use(), mem0);
	kmem_free(NULL);
	ck_assert_uint_eq(fake_pages_used(), pages0);
}
END_TEST

START_TEST(test_big)
{
	size_t sizes[] = { 2049, 4096, 4096 - 64, 4096 - 63, 100000, 1 << 20, 16 << 20 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t before = fake_pages_used();
		unsigned char *p = kmem_alloc(sizes[i]);
		ck_assert_ptr_nonnull(p);
		size_t pages = (sizes[i] + 64 + 4095) / 4096;
		ck_assert_uint_eq(fake_pages_used(), before + pages);
		ck_assert_uint_eq(kmem_in_use(), mem0 + pages * 4096);
		ck_assert(all_zero(p, sizes[i]));
		p[0] = 1;
		p[sizes[i] - 1] = 2;
		kmem_free(p);
		ck_assert_uint_eq(fake_pages_used(), before);
	}
	/* more than the heap will give */
	ck_assert_ptr_null(kmem_alloc(((size_t)1 << 30) + 1));
	ck_assert_ptr_null(kmem_alloc(SIZE_MAX));
	ck_assert_ptr_null(kmem_alloc(SIZE_MAX - 4096));
}
END_TEST

START_TEST(test_out_of_pages)
{
	fake_pages_fail_after(0);
	ck_assert_ptr_null(kmem_alloc(100));
	ck_assert_ptr_null(kmem_alloc(10000));
	fake_pages_fail_after(1);
	void *p = kmem_alloc(100);
	ck_assert_ptr_nonnull(p);
	void *q = kmem_alloc(100);		/* same slab page: no HAL call */
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_null(kmem_alloc(1000));	/* a new class needs a page */
	fake_pages_fail_after(-1);
	kmem_free(p);
	kmem_free(q);
}
END_TEST

START_TEST(test_strndup)
{
	char *s = kmem_strndup("hello world", 5);
	ck_assert_str_eq(s, "hello");
	kmem_free(s);
	s = kmem_strndup("", 0);
	ck_assert_str_eq(s, "");
	kmem_free(s);
}
END_TEST

static void
free_foreign(void *arg)
{
	kmem_free(arg);
}

START_TEST(test_bad_free_panics)
{
	unsigned char *page = aligned_alloc(4096, 4096);
	memset(page, 0, 4096);
	fake_console_reset();
	ck_assert_int_eq(fake_run(free_foreign, page + 64), 70);
	ck_assert_ptr_nonnull(strstr(fake_console(), "kernel panic: kmem_free: bad pointer"));
	free(page);
}
END_TEST

Suite *
kmem_suite(void)
{
	Suite *s = suite_create("kmem");
	TCase *tc = tcase_create("heap");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_many_sizes);
	tcase_add_test(tc, test_reuse_is_zeroed);
	tcase_add_test(tc, test_accounting);
	tcase_add_test(tc, test_big);
	tcase_add_test(tc, test_out_of_pages);
	tcase_add_test(tc, test_strndup);
	tcase_add_test(tc, test_bad_free_panics);
	suite_add_tcase(s, tc);
	return s;
}
