/*
 * test_limits.c - the limit checks behind EMFILE, EAGAIN and ENOMEM:
 * RLIMIT_NOFILE in the fd table, RLIMIT_NPROC and the process table's
 * root reserve at spawn, RLIMIT_AS and the page reserve for mappings,
 * and limits passed on to new processes.  Like test_signal.c, this
 * relies on Check forking per test (the process table is global).
 */
#include "core/abi.h"
#include "core/fd.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/proc.h"
#include "core/scheme.h"
#include "core/vm.h"
#include "tests/unit/fake_hal.h"

#include <check.h>

#define P HAL_PAGE_SIZE

static struct scheme *sch;
static struct proc *init, *user;

static const struct scheme_ops nop_ops = { 0 };

static void
setup(void)
{
	ck_assert_int_eq(scheme_register("lim", 3, &nop_ops, NULL, &sch), 0);
	init = proc_new(NULL, "init", 4);
	user = proc_new(init, "user", 4);
	ck_assert_ptr_nonnull(user);
	user->uid = user->euid = 1000;
}

static struct proc *
child_of(struct proc *parent, uint32_t uid)
{
	struct proc *c = proc_new(parent, "c", 1);
	ck_assert_ptr_nonnull(c);
	c->uid = c->euid = uid;
	return c;
}

START_TEST(test_nofile_emfile)
{
	struct fdtable *t = fdtable_new();
	ck_assert_uint_eq(t->max, FD_MAX);
	fd_set_limit(t, 4);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(fd_alloc(t, file_new(sch, 0, O_RDWR), false, 0), i);
	struct file *f = file_new(sch, 0, O_RDWR);
	ck_assert_int_eq(fd_alloc(t, f, false, 0), -EMFILE);
	ck_assert_int_eq(fd_alloc(t, f, false, 2), -EMFILE);
	/* dup2 past the limit is EBADF, as POSIX says. */
	ck_assert_int_eq(fd_install(t, 4, f), -EBADF);
	ck_assert_int_eq(fd_dup2(t, 0, 7), -EBADF);
	/* A freed slot below the limit is taken again. */
	ck_assert_int_eq(fd_close(t, 1), 0);
	ck_assert_int_eq(fd_alloc(t, f, false, 0), 1);
	/* Lowering below open fds keeps them; nothing new opens. */
	fd_set_limit(t, 2);
	ck_assert_ptr_nonnull(fd_get(t, 3));
	f = file_new(sch, 0, O_RDWR);
	ck_assert_int_eq(fd_alloc(t, f, false, 0), -EMFILE);
	file_put(f);
	/* The table never grows past FD_MAX, whatever the limit says. */
	fd_set_limit(t, RLIMIT_INFINITY);
	ck_assert_uint_eq(t->max, FD_MAX);
	fdtable_free(t);
}
END_TEST

START_TEST(test_nofile_default_table)
{
	struct fdtable *t = fdtable_new();
	int last = -1;
	for (int i = 0; i < FD_MAX; i++)
		last = fd_alloc(t, file_new(sch, 0, O_RDWR), false, 0);
	ck_assert_int_eq(last, FD_MAX - 1);
	struct file *f = file_new(sch, 0, O_RDWR);
	ck_assert_int_eq(fd_alloc(t, f, false, 0), -EMFILE);
	file_put(f);
	fdtable_free(t);
}
END_TEST

START_TEST(test_nproc_per_user)
{
	user->rlim[RLIMIT_NPROC].rlim_cur = 3;
	ck_assert_int_eq(limits_spawn_check(user), 0);
	child_of(user, 1000);
	ck_assert_int_eq(limits_spawn_check(user), 0);
	struct proc *c = child_of(user, 1000);
	ck_assert_int_eq(limits_spawn_check(user), -EAGAIN);
	/* Another user's processes do not count; a zombie still does. */
	child_of(init, 2000);
	ck_assert_int_eq(limits_spawn_check(user), -EAGAIN);
	c->state = P_ZOMBIE;
	ck_assert_int_eq(limits_spawn_check(user), -EAGAIN);
	proc_discard(c);
	ck_assert_int_eq(limits_spawn_check(user), 0);
	/* Root is exempt from RLIMIT_NPROC, as on Linux. */
	init->rlim[RLIMIT_NPROC].rlim_cur = 1;
	ck_assert_int_eq(limits_spawn_check(init), 0);
}
END_TEST

START_TEST(test_system_cap_leaves_room_for_root)
{
	user->rlim[RLIMIT_NPROC].rlim_cur = RLIMIT_INFINITY;
	/* Fill the table with other users' processes. */
	uint32_t uid = 2000;
	while (proc_count() < PROC_MAX - PROC_ROOT_RESERVE)
		child_of(init, uid++);
	ck_assert_int_eq(limits_spawn_check(user), -EAGAIN);
	ck_assert_int_eq(limits_spawn_check(init), 0);
	while (proc_count() < PROC_MAX)
		child_of(init, 0);
	ck_assert_int_eq(limits_spawn_check(init), -EAGAIN);
}
END_TEST

START_TEST(test_limits_inherited)
{
	ck_assert_uint_eq(init->rlim[RLIMIT_NPROC].rlim_cur, NPROC_DEFAULT);
	ck_assert_uint_eq(init->rlim[RLIMIT_NOFILE].rlim_cur, FD_MAX);
	ck_assert_uint_eq(init->rlim[RLIMIT_AS].rlim_cur, RLIMIT_INFINITY);
	user->rlim[RLIMIT_NOFILE].rlim_cur = 10;
	user->rlim[RLIMIT_AS].rlim_max = 1 << 30;
	fd_set_limit(user->fds, 10);
	struct proc *c = child_of(user, 1000);
	ck_assert_uint_eq(c->rlim[RLIMIT_NOFILE].rlim_cur, 10);
	ck_assert_uint_eq(c->fds->max, 10);
	ck_assert_uint_eq(c->rlim[RLIMIT_AS].rlim_max, 1 << 30);
}
END_TEST

START_TEST(test_address_space_limit)
{
	ck_assert_int_eq(limits_as_check(user, 1 << 20), 0);
	user->rlim[RLIMIT_AS].rlim_cur = 16 * P;
	ck_assert_int_eq(vm_region_add(user->vm, 0x10000000, 10 * P,
	    HAL_PROT_READ | HAL_PROT_WRITE, R_ANON), 0);
	ck_assert_int_eq(limits_as_check(user, 6), 0);
	ck_assert_int_eq(limits_as_check(user, 7), -ENOMEM);
	ck_assert_int_eq(limits_as_check(user, (size_t)-1), -ENOMEM);
	/* Reserved (inaccessible) ranges count as address space too. */
	ck_assert_int_eq(vm_region_add(user->vm, 0x20000000, 6 * P, 0, R_BRK), 0);
	ck_assert_int_eq(limits_as_check(user, 1), -ENOMEM);
	/* The limit binds root too (root may raise it). */
	init->rlim[RLIMIT_AS].rlim_cur = 0;
	ck_assert_int_eq(limits_as_check(init, 1), -ENOMEM);
}
END_TEST

START_TEST(test_memory_reserve_for_root)
{
	size_t total, used;
	hal_page_counts(&total, &used);
	size_t room = total - total / MEM_RESERVE_DIV;
	ck_assert_int_eq(limits_mem_check(user, 100), 0);
	/* Another process commits all but 100 pages of the users' room. */
	size_t big = room - vm_committed() - 100;
	ck_assert_int_eq(vm_region_add(init->vm, 0x40000000, big * P,
	    HAL_PROT_READ | HAL_PROT_WRITE, R_ANON), 0);
	ck_assert_int_eq(limits_mem_check(user, 100), 0);
	ck_assert_int_eq(limits_mem_check(user, 101), -ENOMEM);
	ck_assert_int_eq(limits_mem_check(user, (size_t)-1), -ENOMEM);
	ck_assert_int_eq(limits_spawn_check(user), -EAGAIN);
	/* Root and the kernel may use the reserve. */
	ck_assert_int_eq(limits_mem_check(init, 1000), 0);
	ck_assert_int_eq(limits_mem_check(NULL, 1000), 0);
	ck_assert_int_eq(limits_spawn_check(init), 0);
	/* Opening up a reserved range commits only its inaccessible pages. */
	ck_assert_int_eq(vm_region_add(user->vm, 0x30000000, 200 * P, 0, R_BRK), 0);
	ck_assert_int_eq(vm_region_add(user->vm, 0x30000000 + 200 * P, 50 * P,
	    HAL_PROT_READ, R_ANON), 0);
	ck_assert_uint_eq(vm_inaccessible(user->vm, 0x30000000, 250 * P), 200);
	ck_assert_uint_eq(vm_inaccessible(user->vm, 0x30000000 + 150 * P, 100 * P), 50);
	ck_assert_uint_eq(vm_inaccessible(user->vm, 0x30000000 + 200 * P, 50 * P), 0);
	ck_assert_uint_eq(vm_inaccessible(user->vm, 0x30000000, (size_t)-1), 200);
	/* Unmapping gives the room back. */
	ck_assert_int_eq(vm_unmap(init->vm, 0x40000000, big * P), 0);
	ck_assert_int_eq(limits_mem_check(user, 101), 0);
}
END_TEST

START_TEST(test_kernel_reserve)
{
	size_t total, used;
	hal_page_counts(&total, &used);
	size_t room = total - total / MEM_RESERVE_DIV;
	ck_assert_int_eq(limits_kmem_check(user, 17), 0);
	ck_assert_int_eq(limits_kmem_check(user, room - used), 0);
	ck_assert_int_eq(limits_kmem_check(user, room - used + 1), -ENOMEM);
	ck_assert_int_eq(limits_kmem_check(init, room - used + 1), 0);
}
END_TEST

Suite *
limits_suite(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("fd");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_nofile_emfile);
	tcase_add_test(tc, test_nofile_default_table);
	suite_add_tcase(s, tc);
	tc = tcase_create("spawn");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_nproc_per_user);
	tcase_add_test(tc, test_system_cap_leaves_room_for_root);
	tcase_add_test(tc, test_limits_inherited);
	suite_add_tcase(s, tc);
	tc = tcase_create("memory");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_address_space_limit);
	tcase_add_test(tc, test_memory_reserve_for_root);
	tcase_add_test(tc, test_kernel_reserve);
	suite_add_tcase(s, tc);
	return s;
}
