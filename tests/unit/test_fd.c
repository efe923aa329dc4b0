/*
 * test_fd.c - descriptor tables, open file descriptions and the scheme
 * registry, over a tiny scheme whose ops count their calls.
 */
#include "core/abi.h"
#include "core/fd.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/scheme.h"
#include "tests/unit/fake_hal.h"

#include <check.h>
#include <string.h>

#define NHANDLES 2048

static unsigned closes[NHANDLES];	/* close calls per handle */
static unsigned total_closes, releases;
static struct scheme *sch;
static struct fdtable *t;
static size_t mem0, pages0;

static int
cnt_close(struct scheme *s, uint64_t handle)
{
	(void)s;
	ck_assert_uint_lt(handle, NHANDLES);
	closes[handle]++;
	total_closes++;
	return 0;
}

static void
cnt_release(struct scheme *s)
{
	(void)s;
	releases++;
}

static const struct scheme_ops cnt_ops = {
	.close = cnt_close,
	.release = cnt_release,
};

static struct file *
newf(uint64_t handle)
{
	struct file *f = file_new(sch, handle, O_RDWR);
	ck_assert_ptr_nonnull(f);
	return f;
}

static void
setup(void)
{
	memset(closes, 0, sizeof closes);
	total_closes = releases = 0;
	mem0 = kmem_in_use();
	pages0 = fake_pages_used();
	ck_assert_int_eq(scheme_register("cnt", 3, &cnt_ops, NULL, &sch), 0);
	t = fdtable_new();
	ck_assert_ptr_nonnull(t);
}

/* Everything a test opened is gone once the table and scheme are. */
static void
teardown(void)
{
	fdtable_free(t);
	scheme_unregister(sch);
	ck_assert_uint_eq(releases, 1);
	ck_assert_uint_eq(kmem_in_use(), mem0);
	ck_assert_uint_eq(fake_pages_used(), pages0);
}

START_TEST(test_lowest_free)
{
	ck_assert_int_eq(fd_alloc(t, newf(0), false, 0), 0);
	ck_assert_int_eq(fd_alloc(t, newf(1), false, 0), 1);
	ck_assert_int_eq(fd_alloc(t, newf(2), false, 0), 2);
	ck_assert_int_eq(fd_close(t, 1), 0);
	ck_assert_int_eq(fd_alloc(t, newf(3), false, 0), 1);
	ck_assert_int_eq(fd_get(t, 1)->handle, 3);
	/* a minimum skips lower free slots, even past the table's end */
	ck_assert_int_eq(fd_alloc(t, newf(4), false, 10), 10);
	ck_assert_int_eq(fd_alloc(t, newf(5), false, 10), 11);
	ck_assert_int_eq(fd_alloc(t, newf(6), false, 0), 3);
	ck_assert_int_eq(fd_alloc(t, newf(7), false, 2), 4);
	ck_assert_int_eq(fd_count(t), 7);
	ck_assert_ptr_null(fd_get(t, 5));
}
END_TEST

START_TEST(test_bad_min)
{
	struct file *f = newf(0);
	ck_assert_int_eq(fd_alloc(t, f, false, -1), -EINVAL);
	ck_assert_int_eq(fd_alloc(t, f, false, FD_MAX), -EINVAL);
	ck_assert_int_eq(fd_count(t), 0);
	file_put(f);	/* not installed: still ours */
	ck_assert_uint_eq(closes[0], 1);
}
END_TEST

START_TEST(test_bad_fds)
{
	ck_assert_ptr_null(fd_get(t, 0));
	ck_assert_ptr_null(fd_get(t, -1));
	ck_assert_ptr_null(fd_get(t, FD_MAX));
	ck_assert_ptr_null(fd_get(t, 1 << 30));
	ck_assert_int_eq(fd_close(t, 0), -EBADF);
	ck_assert_int_eq(fd_close(t, -1), -EBADF);
	ck_assert_int_eq(fd_close(t, 99999), -EBADF);
	ck_assert_int_eq(fd_alloc(t, newf(0), false, 0), 0);
	ck_assert_int_eq(fd_close(t, 0), 0);
	ck_assert_int_eq(fd_close(t, 0), -EBADF);	/* twice */
	ck_assert_int_eq(fd_set_cloexec(t, 0, true), -EBADF);
	ck_assert_int_eq(fd_get_cloexec(t, 0), -EBADF);
	ck_assert_int_eq(fd_get_cloexec(t, -5), -EBADF);
	ck_assert_int_eq(fd_dup2(t, 0, 1), -EBADF);
	ck_assert_int_eq(fd_dup2(t, 7, 7), -EBADF);	/* onto itself, closed */
	ck_assert_int_eq(fd_dup2(t, -1, 1), -EBADF);
	ck_assert_uint_eq(total_closes, 1);
}
END_TEST

START_TEST(test_dup2)
{
	struct file *a = newf(10), *b = newf(11);
	ck_assert_int_eq(fd_alloc(t, a, false, 0), 0);
	ck_assert_int_eq(fd_alloc(t, b, false, 0), 1);

	/* onto itself: nothing changes, not even the cloexec flag */
	ck_assert_int_eq(fd_set_cloexec(t, 0, true), 0);
	ck_assert_int_eq(fd_dup2(t, 0, 0), 0);
	ck_assert_uint_eq(a->refs, 1);
	ck_assert_int_eq(fd_get_cloexec(t, 0), 1);
	ck_assert_int_eq(fd_set_cloexec(t, 0, false), 0);
	ck_assert_uint_eq(total_closes, 0);

	/* over an open fd: that one's file is closed, a is shared */
	ck_assert_int_eq(fd_dup2(t, 0, 1), 1);
	ck_assert_uint_eq(closes[11], 1);
	ck_assert_ptr_eq(fd_get(t, 1), a);
	ck_assert_uint_eq(a->refs, 2);

	/* over an fd already sharing the same file: no close, same refs */
	ck_assert_int_eq(fd_dup2(t, 1, 0), 0);
	ck_assert_uint_eq(a->refs, 2);
	ck_assert_uint_eq(closes[10], 0);

	/* far past the table's end: it grows */
	ck_assert_int_eq(fd_dup2(t, 0, 700), 700);
	ck_assert_uint_eq(a->refs, 3);
	ck_assert_int_eq(fd_count(t), 3);

	/* out of range targets */
	ck_assert_int_eq(fd_dup2(t, 0, -1), -EBADF);
	ck_assert_int_eq(fd_dup2(t, 0, FD_MAX), -EBADF);
	ck_assert_uint_eq(a->refs, 3);

	/* one close per description, when its last fd goes */
	fd_close(t, 0);
	fd_close(t, 700);
	ck_assert_uint_eq(closes[10], 0);
	fd_close(t, 1);
	ck_assert_uint_eq(closes[10], 1);
	ck_assert_uint_eq(total_closes, 2);
}
END_TEST

START_TEST(test_refcounts)
{
	struct file *f = newf(5);
	ck_assert_uint_eq(sch->refs, 2);	/* registry + file */
	ck_assert_int_eq(fd_alloc(t, f, false, 0), 0);
	ck_assert_uint_eq(f->refs, 1);
	ck_assert_int_eq(fd_install(t, 3, f), 3);
	ck_assert_uint_eq(f->refs, 2);
	ck_assert_int_eq(fd_get_cloexec(t, 3), 0);
	ck_assert_int_eq(fd_close(t, 0), 0);
	ck_assert_uint_eq(closes[5], 0);
	ck_assert_uint_eq(f->refs, 1);
	ck_assert_int_eq(fd_close(t, 3), 0);
	ck_assert_uint_eq(closes[5], 1);
	ck_assert_uint_eq(sch->refs, 1);
	struct file *g = newf(6);
	ck_assert_int_eq(fd_install(t, -1, g), -EBADF);
	ck_assert_uint_eq(g->refs, 1);
	file_put(g);
}
END_TEST

START_TEST(test_cloexec)
{
	ck_assert_int_eq(fd_alloc(t, newf(0), true, 0), 0);
	ck_assert_int_eq(fd_alloc(t, newf(1), false, 0), 1);
	ck_assert_int_eq(fd_alloc(t, newf(2), true, 0), 2);
	ck_assert_int_eq(fd_get_cloexec(t, 0), 1);
	ck_assert_int_eq(fd_get_cloexec(t, 1), 0);
	ck_assert_int_eq(fd_set_cloexec(t, 1, true), 0);
	ck_assert_int_eq(fd_get_cloexec(t, 1), 1);
	ck_assert_int_eq(fd_set_cloexec(t, 1, false), 0);
	ck_assert_int_eq(fd_get_cloexec(t, 1), 0);
	/* dup2'd fds do not inherit the flag */
	ck_assert_int_eq(fd_dup2(t, 0, 5), 5);
	ck_assert_int_eq(fd_get_cloexec(t, 5), 0);

	fd_close_cloexec(t);
	ck_assert_ptr_null(fd_get(t, 0));
	ck_assert_ptr_nonnull(fd_get(t, 1));
	ck_assert_ptr_null(fd_get(t, 2));
	ck_assert_ptr_nonnull(fd_get(t, 5));
	ck_assert_uint_eq(closes[0], 0);	/* fd 5 still holds it */
	ck_assert_uint_eq(closes[2], 1);
	ck_assert_int_eq(fd_count(t), 2);

	/* a slot reused after close starts without the flag */
	ck_assert_int_eq(fd_alloc(t, newf(3), true, 0), 0);
	ck_assert_int_eq(fd_close(t, 0), 0);
	ck_assert_int_eq(fd_alloc(t, newf(4), false, 0), 0);
	ck_assert_int_eq(fd_get_cloexec(t, 0), 0);
}
END_TEST

START_TEST(test_growth_and_limit)
{
	for (int i = 0; i < FD_MAX; i++)
		ck_assert_int_eq(fd_alloc(t, newf((uint64_t)i), i % 3 == 0, 0), i);
	ck_assert_int_eq(fd_count(t), FD_MAX);
	ck_assert_uint_le(t->cap, FD_MAX);
	struct file *f = newf(FD_MAX);
	ck_assert_int_eq(fd_alloc(t, f, false, 0), -EMFILE);
	ck_assert_int_eq(fd_alloc(t, f, false, FD_MAX - 1), -EMFILE);
	ck_assert_uint_eq(f->refs, 1);
	/* a freed slot is found again, however high */
	ck_assert_int_eq(fd_close(t, 1000), 0);
	ck_assert_int_eq(fd_alloc(t, f, false, 0), 1000);
	ck_assert_int_eq(fd_install(t, FD_MAX - 1, f), FD_MAX - 1);
	ck_assert_int_eq(fd_install(t, FD_MAX, f), -EBADF);
	for (int i = 0; i < FD_MAX; i++)
		ck_assert_ptr_nonnull(fd_get(t, i));
	/* closed so far: fd 1000's file, and 1023's (replaced) */
	ck_assert_uint_eq(total_closes, 2);
	ck_assert_uint_eq(closes[1000], 1);
	ck_assert_uint_eq(closes[FD_MAX - 1], 1);
	/* cloexec went with the install at 1023: 0, 3, ... 1020 remain */
	fd_close_cloexec(t);
	ck_assert_uint_eq(total_closes, 2 + 341);
	ck_assert_int_eq(fd_count(t), FD_MAX - 341);
}
END_TEST

START_TEST(test_free_closes_all)
{
	for (int i = 0; i < 40; i++)
		fd_alloc(t, newf((uint64_t)i), false, 0);
	fd_dup2(t, 3, 100);
	fdtable_free(t);
	t = fdtable_new();
	ck_assert_uint_eq(total_closes, 40);
	for (int i = 0; i < 40; i++)
		ck_assert_uint_eq(closes[i], 1);
	ck_assert_uint_eq(sch->refs, 1);
}
END_TEST

/* ---- the registry ------------------------------------------------------ */

START_TEST(test_register_names)
{
	struct scheme *s;
	ck_assert_int_eq(scheme_register("cnt", 3, &cnt_ops, NULL, &s), -EEXIST);
	ck_assert_int_eq(scheme_register("", 0, &cnt_ops, NULL, &s), -EINVAL);
	ck_assert_int_eq(scheme_register("a:b", 3, &cnt_ops, NULL, &s), -EINVAL);
	ck_assert_int_eq(scheme_register("a/b", 3, &cnt_ops, NULL, &s), -EINVAL);
	ck_assert_int_eq(scheme_register("a b", 3, &cnt_ops, NULL, &s), -EINVAL);
	ck_assert_int_eq(scheme_register("a\0b", 3, &cnt_ops, NULL, &s), -EINVAL);
	char longname[SCHEME_NAME_MAX];
	memset(longname, 'n', sizeof longname);
	ck_assert_int_eq(scheme_register(longname, SCHEME_NAME_MAX, &cnt_ops, NULL, &s), -EINVAL);
	ck_assert_int_eq(scheme_register(longname, SCHEME_NAME_MAX - 1, &cnt_ops, NULL, &s), 0);
	scheme_unregister(s);
	ck_assert_uint_eq(releases, 1);
	releases = 0;
	/* only len bytes of the name count */
	ck_assert_int_eq(scheme_register("cntx", 3, &cnt_ops, NULL, &s), -EEXIST);
	ck_assert_ptr_eq(scheme_find("cnt", 3), sch);
	ck_assert_ptr_null(scheme_find("cn", 2));
	ck_assert_ptr_null(scheme_find("cntt", 4));
	ck_assert_uint_eq(sch->refs, 2);
	scheme_put(sch);

	char buf[64];
	size_t n = scheme_list(buf, sizeof buf);
	ck_assert_uint_eq(n, 4);
	ck_assert(memcmp(buf, "cnt\n", 4) == 0);
	ck_assert_uint_eq(scheme_list(buf, 2), 4);	/* the size it needs */
}
END_TEST

START_TEST(test_unregister_with_open_files)
{
	struct scheme *s;
	ck_assert_int_eq(scheme_register("tmp", 3, &cnt_ops, NULL, &s), 0);
	struct file *f = file_new(s, 7, O_RDONLY);
	ck_assert_int_eq(fd_alloc(t, f, false, 0), 0);
	scheme_unregister(s);
	scheme_unregister(s);	/* twice is harmless */
	ck_assert_ptr_null(scheme_find("tmp", 3));
	ck_assert_uint_eq(releases, 0);	/* the open file keeps it */
	/* the name is free again */
	struct scheme *s2;
	ck_assert_int_eq(scheme_register("tmp", 3, &cnt_ops, NULL, &s2), 0);
	ck_assert_int_eq(fd_close(t, 0), 0);
	ck_assert_uint_eq(closes[7], 1);
	ck_assert_uint_eq(releases, 1);
	scheme_unregister(s2);
	ck_assert_uint_eq(releases, 2);
	releases = 0;
}
END_TEST

Suite *
fd_suite(void)
{
	Suite *s = suite_create("fd");
	TCase *tc = tcase_create("fdtable");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lowest_free);
	tcase_add_test(tc, test_bad_min);
	tcase_add_test(tc, test_bad_fds);
	tcase_add_test(tc, test_dup2);
	tcase_add_test(tc, test_refcounts);
	tcase_add_test(tc, test_cloexec);
	tcase_add_test(tc, test_growth_and_limit);
	tcase_add_test(tc, test_free_closes_all);
	suite_add_tcase(s, tc);
	tc = tcase_create("registry");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_register_names);
	tcase_add_test(tc, test_unregister_with_open_files);
	suite_add_tcase(s, tc);
	return s;
}
