/*
 * test_usercopy.c - checked copies across the user boundary.  The
 * "user" memory is the test's own pages, entered as regions of the
 * current process; the fake HAL can make a range fault as well.
 */
#include "core/abi.h"
#include "core/proc.h"
#include "core/sched.h"
#include "core/usercopy.h"
#include "core/vm.h"
#include "tests/unit/fake_hal.h"

#include <check.h>
#include <string.h>

#define P HAL_PAGE_SIZE
static struct proc fproc;
static struct thread th;
static char mem[4 * P] __attribute__((aligned(P)));
static uintptr_t ro, rw, rw2;	/* read-only page, then two rw pages */

static void
start(void *arg)
{
	(void)arg;
	sched_start();
}

static void
setup(void)
{
	memset(&fproc, 0, sizeof fproc);
	memset(&th, 0, sizeof th);
	memset(mem, 0, sizeof mem);
	th.proc = &fproc;
	th.hal = hal_thread_new(NULL, NULL);
	list_init(&th.run_link);
	list_init(&th.wait_link);
	list_init(&th.timer.link);
	sched_init();
	sched_ready(&th);
	ck_assert_int_eq(fake_run(start, NULL), FAKE_DROPPED);
	fproc.vm = vm_new();
	ro = (uintptr_t)mem;
	rw = ro + P;
	rw2 = rw + P;
	/* the fourth page is not ours */
	ck_assert_int_eq(vm_region_add(fproc.vm, ro, P, HAL_PROT_READ, R_IMAGE), 0);
	ck_assert_int_eq(vm_region_add(fproc.vm, rw, P, HAL_PROT_READ | HAL_PROT_WRITE, R_ANON), 0);
	ck_assert_int_eq(vm_region_add(fproc.vm, rw2, P, HAL_PROT_READ | HAL_PROT_WRITE, R_STACK), 0);
	fake_user_bad(0, 0);
}

static void
teardown(void)
{
	sched_init();
}

START_TEST(test_copy_in)
{
	char buf[16];
	memcpy(mem, "read only", 10);
	ck_assert_int_eq(uc_copy_in(buf, ro, 10), 0);
	ck_assert_str_eq(buf, "read only");
	ck_assert_int_eq(uc_copy_in(buf, rw2 + P - 8, 8), 0);
	ck_assert_int_eq(uc_copy_in(buf, rw2 + P - 8, 9), -EFAULT);	/* off the end */
	ck_assert_int_eq(uc_copy_in(buf, ro - 1, 2), -EFAULT);		/* before */
	ck_assert_int_eq(uc_copy_in(buf, 0, 1), -EFAULT);
	ck_assert_int_eq(uc_copy_in(buf, 0, 0), 0);			/* nothing */
	ck_assert_int_eq(uc_copy_in(buf, UINTPTR_MAX - 3, 8), -EFAULT);	/* wraps */
	/* across all three regions */
	static char big[3 * P];
	ck_assert_int_eq(uc_copy_in(big, ro, 3 * P), 0);
	/* the HAL faults inside a region we believe in */
	fake_user_bad(rw + 100, rw + 101);
	ck_assert_int_eq(uc_copy_in(buf, rw + 96, 8), -EFAULT);
	ck_assert_int_eq(uc_copy_in(buf, rw + 101, 8), 0);
}
END_TEST

START_TEST(test_copy_out)
{
	ck_assert_int_eq(uc_copy_out(rw, "hi", 3), 0);
	ck_assert_str_eq(mem + P, "hi");
	ck_assert_int_eq(uc_copy_out(ro, "hi", 3), -EFAULT);		/* read-only */
	ck_assert_int_eq(mem[0], 0);
	ck_assert_int_eq(uc_copy_out(rw2 + P - 1, "hi", 2), -EFAULT);
	ck_assert_int_eq(uc_copy_out(rw + P - 1, "hi", 2), 0);		/* seam */
	ck_assert_int_eq(uc_check(ro, P, 0), 1);
	ck_assert_int_eq(uc_check(ro, P, 1), 0);
	ck_assert_int_eq(uc_check(rw, 2 * P, 1), 1);
	ck_assert_int_eq(uc_check(rw, 3 * P, 0), 0);
}
END_TEST

START_TEST(test_strlen)
{
	strcpy(mem + P, "hello");
	ck_assert_int_eq(uc_strlen(rw, 100, -ENAMETOOLONG), 5);
	ck_assert_int_eq(uc_strlen(rw, 5, -ENAMETOOLONG), 5);
	ck_assert_int_eq(uc_strlen(rw, 4, -ENAMETOOLONG), -ENAMETOOLONG);
	ck_assert_int_eq(uc_strlen(rw, 0, -E2BIG), -E2BIG);
	ck_assert_int_eq(uc_strlen(rw + 5, 0, -E2BIG), 0);
	/* longer than one 64-byte chunk, and across a region seam */
	memset(mem + P, 'a', P + 100);
	mem[P + P + 100] = 0;
	ck_assert_int_eq(uc_strlen(rw, 2 * P, -E2BIG), P + 100);
	ck_assert_int_eq(uc_strlen(rw + P - 1, 2 * P, -E2BIG), 101);
	/* no NUL before our memory ends */
	memset(mem + P, 'b', 2 * P);
	ck_assert_int_eq(uc_strlen(rw, 4 * P, -E2BIG), -EFAULT);
	ck_assert_int_eq(uc_strlen(rw2 + P - 1, 10, -E2BIG), -EFAULT);
	/* ...unless max comes first */
	ck_assert_int_eq(uc_strlen(rw, 10, -E2BIG), -E2BIG);
	/* not ours at all */
	ck_assert_int_eq(uc_strlen(rw2 + P, 10, -E2BIG), -EFAULT);
	/* the HAL faults half way */
	mem[P + 200] = 0;
	fake_user_bad(rw + 150, rw + 151);
	ck_assert_int_eq(uc_strlen(rw, 1000, -E2BIG), -EFAULT);
}
END_TEST

Suite *
usercopy_suite(void)
{
	Suite *s = suite_create("usercopy");
	TCase *tc = tcase_create("copies");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_copy_in);
	tcase_add_test(tc, test_copy_out);
	tcase_add_test(tc, test_strlen);
	suite_add_tcase(s, tc);
	return s;
}
