/*
 * test_vm.c - a process's regions (core/vm.c) and what it asks the HAL
 * to map.  The fake HAL hands out addresses with a guard page between
 * them and records mappings, so the two views can be compared.
 */
#include "core/abi.h"
#include "core/kmem.h"
#include "core/vm.h"
#include "tests/unit/fake_hal.h"

#include <check.h>
#include <stdint.h>
#include <string.h>

#define P ((uintptr_t)HAL_PAGE_SIZE)
#define R HAL_PROT_READ
#define W HAL_PROT_WRITE
#define X HAL_PROT_EXEC
#define RW (R | W)

static struct vm *vm;
static size_t mem0, pages0;

struct want {
	uintptr_t start;
	size_t len;
	int prot;
	enum region_kind kind;
};

/* The region list must be exactly `w`, in order. */
static void
expect(const struct want *w, int n)
{
	int i = 0;
	struct list *l;
	list_for_each(l, &vm->regions) {
		struct region *r = list_entry(l, struct region, link);
		ck_assert_msg(i < n, "more than %d regions", n);
		ck_assert_msg(r->start == w[i].start && r->len == w[i].len &&
		    r->prot == w[i].prot && r->kind == w[i].kind,
		    "region %d: %#lx+%#zx prot %d kind %d, want %#lx+%#zx prot %d kind %d",
		    i, (unsigned long)r->start, r->len, r->prot, r->kind,
		    (unsigned long)w[i].start, w[i].len, w[i].prot, w[i].kind);
		i++;
	}
	ck_assert_int_eq(i, n);
}
#define EXPECT(...) do { \
	const struct want w_[] = { __VA_ARGS__ }; \
	expect(w_, (int)(sizeof w_ / sizeof w_[0])); \
} while (0)

/* The HAL's mappings agree with the regions, page by page. */
static void
agree(void)
{
	size_t bytes = 0;
	struct list *l;
	list_for_each(l, &vm->regions) {
		struct region *r = list_entry(l, struct region, link);
		for (uintptr_t a = r->start; a < r->start + r->len; a += P)
			ck_assert_int_eq(fake_as_prot(vm->as, a), r->prot);
		bytes += r->len;
	}
	ck_assert_uint_eq(fake_as_mapped(vm->as), bytes);
	ck_assert_uint_eq(vm->pages * P, bytes);
}

static void
setup(void)
{
	mem0 = kmem_in_use();
	pages0 = fake_pages_used();
	vm = vm_new();
	ck_assert_ptr_nonnull(vm);
}

static void
teardown(void)
{
	vm_free(vm);
	ck_assert_int_eq(fake_as_live(), 0);
	ck_assert_uint_eq(kmem_in_use(), mem0);
	ck_assert_uint_eq(fake_pages_used(), pages0);
}

static uintptr_t
map(size_t len, int prot)
{
	uintptr_t a = 0;
	ck_assert_int_eq(vm_map(vm, &a, len, prot, R_ANON), 0);
	ck_assert_uint_ne(a, 0);
	ck_assert_uint_eq(a % P, 0);
	return a;
}

START_TEST(test_map_hal_chooses)
{
	uintptr_t a = map(3 * P, RW);
	uintptr_t b = map(5000, R);	/* rounds up to 2 pages */
	EXPECT({ a, 3 * P, RW, R_ANON }, { b, 2 * P, R, R_ANON });
	ck_assert_uint_eq(vm->pages, 5);
	agree();

	uintptr_t z = 0;
	ck_assert_int_eq(vm_map(vm, &z, 0, RW, R_ANON), -EINVAL);
	ck_assert_int_eq(vm_map(vm, &z, ((size_t)1 << 40) + 1, RW, R_ANON), -EINVAL);
	ck_assert_uint_eq(z, 0);
	ck_assert_uint_eq(vm->pages, 5);
}
END_TEST

START_TEST(test_map_fixed)
{
	uintptr_t a = map(4 * P, RW);
	uintptr_t f = a + P;
	ck_assert_int_eq(vm_map(vm, &f, 2 * P, R, R_SHARED), 0);
	ck_assert_uint_eq(f, a + P);
	EXPECT({ a, P, RW, R_ANON }, { a + P, 2 * P, R, R_SHARED },
	    { a + 3 * P, P, RW, R_ANON });
	ck_assert_uint_eq(vm->pages, 4);
	agree();

	/* across the pieces it made: still inside our own regions */
	f = a;
	ck_assert_int_eq(vm_map(vm, &f, 4 * P, X | R, R_IMAGE), 0);
	EXPECT({ a, 4 * P, R | X, R_IMAGE });
	agree();

	/* outside, partly outside, misaligned, over a gap */
	f = a + 10 * P;
	ck_assert_int_eq(vm_map(vm, &f, P, RW, R_ANON), -ENOMEM);
	f = a + 3 * P;
	ck_assert_int_eq(vm_map(vm, &f, 2 * P, RW, R_ANON), -ENOMEM);
	f = a - P;
	ck_assert_int_eq(vm_map(vm, &f, 2 * P, RW, R_ANON), -ENOMEM);
	f = a + 1;
	ck_assert_int_eq(vm_map(vm, &f, P, RW, R_ANON), -EINVAL);
	uintptr_t b = map(P, RW);	/* a guard page after a's end */
	ck_assert_uint_gt(b, a + 4 * P);
	f = a;
	ck_assert_int_eq(vm_map(vm, &f, b + P - a, RW, R_ANON), -ENOMEM);
	EXPECT({ a, 4 * P, R | X, R_IMAGE }, { b, P, RW, R_ANON });
	agree();
}
END_TEST

START_TEST(test_check)
{
	uintptr_t a = 0x40000000;
	ck_assert_int_eq(vm_region_add(vm, a, 2 * P, RW, R_ANON), 0);
	ck_assert_int_eq(vm_region_add(vm, a + 2 * P, 2 * P, R, R_IMAGE), 0);
	ck_assert_int_eq(vm_region_add(vm, a + 8 * P, P, RW, R_STACK), 0);

	ck_assert(vm_check(vm, a, 4 * P, R));		/* exact, two regions */
	ck_assert(!vm_check(vm, a, 4 * P, W));		/* second is read-only */
	ck_assert(vm_check(vm, a, 2 * P, RW));
	ck_assert(vm_check(vm, a + 100, 50, RW));	/* inside */
	ck_assert(vm_check(vm, a + 2 * P - 1, 2, R));	/* straddles the seam */
	ck_assert(!vm_check(vm, a + 2 * P - 1, 2, W));
	ck_assert(!vm_check(vm, a - 1, 2, R));		/* starts before */
	ck_assert(!vm_check(vm, a - P, P, R));		/* adjacent below */
	ck_assert(!vm_check(vm, a + 4 * P, 1, R));	/* adjacent above */
	ck_assert(!vm_check(vm, a + 4 * P - 1, 2, R));	/* runs off the end */
	ck_assert(!vm_check(vm, a, 9 * P, R));		/* over the gap */
	ck_assert(vm_check(vm, a + 8 * P, P, W));
	ck_assert(!vm_check(vm, a + 8 * P, P, X));
	ck_assert(vm_check(vm, a, 1, 0));
	/* zero length is always fine (nothing is touched) */
	ck_assert(vm_check(vm, 0, 0, RW));
	ck_assert(vm_check(vm, a + 5 * P, 0, RW));
	/* ranges that wrap around the address space */
	ck_assert(!vm_check(vm, a, SIZE_MAX, R));
	ck_assert(!vm_check(vm, a + P, (size_t)-P, R));
	ck_assert(!vm_check(vm, UINTPTR_MAX - 10, 20, R));
	ck_assert(!vm_check(vm, 0, 1, 0));

	ck_assert_uint_eq(vm_span(vm, a, R), 4 * P);
	ck_assert_uint_eq(vm_span(vm, a + 100, R), 4 * P - 100);
	ck_assert_uint_eq(vm_span(vm, a, W), 2 * P);
	ck_assert_uint_eq(vm_span(vm, a + 2 * P, W), 0);
	ck_assert_uint_eq(vm_span(vm, a + 5 * P, R), 0);
	ck_assert_uint_eq(vm_span(vm, a + 9 * P, R), 0);
	ck_assert_uint_eq(vm_span(vm, a + 8 * P + 5, RW), P - 5);
	ck_assert_uint_eq(vm_span(vm, 0, 0), 0);
	/* these regions were never mapped: drop them before vm_free */
	ck_assert_int_eq(vm_unmap(vm, a, 9 * P), 0);
	ck_assert_uint_eq(vm->pages, 0);
}
END_TEST

START_TEST(test_unmap_split)
{
	uintptr_t a = map(5 * P, RW);
	ck_assert_int_eq(vm_unmap(vm, a + 2 * P, P), 0);
	EXPECT({ a, 2 * P, RW, R_ANON }, { a + 3 * P, 2 * P, RW, R_ANON });
	ck_assert_int_eq(fake_as_prot(vm->as, a + 2 * P), -1);
	ck_assert_uint_eq(vm->pages, 4);
	agree();
	ck_assert(!vm_check(vm, a, 5 * P, R));

	/* across both pieces and the hole between them */
	ck_assert_int_eq(vm_unmap(vm, a + P, 3 * P), 0);
	EXPECT({ a, P, RW, R_ANON }, { a + 4 * P, P, RW, R_ANON });
	agree();

	/* a length that is not a page multiple covers the last page */
	ck_assert_int_eq(vm_unmap(vm, a, 1), 0);
	EXPECT({ a + 4 * P, P, RW, R_ANON });
	ck_assert_int_eq(vm_unmap(vm, a + 4 * P, 3), 0);
	EXPECT();
	ck_assert_uint_eq(vm->pages, 0);
	ck_assert_uint_eq(fake_as_mapped(vm->as), 0);

	ck_assert_int_eq(vm_unmap(vm, a + 1, P), -EINVAL);
	ck_assert_int_eq(vm_unmap(vm, a, 0), -EINVAL);
	ck_assert_int_eq(vm_unmap(vm, UINTPTR_MAX & ~(P - 1), 2 * P), -EINVAL);
	ck_assert_int_eq(vm_unmap(vm, a, P), 0);	/* nothing there */
}
END_TEST

START_TEST(test_protect_split)
{
	uintptr_t a = map(4 * P, RW);
	unsigned calls = fake_protect_calls;
	ck_assert_int_eq(vm_protect(vm, a + P, 2 * P, R), 0);
	ck_assert_uint_eq(fake_protect_calls, calls + 1);
	EXPECT({ a, P, RW, R_ANON }, { a + P, 2 * P, R, R_ANON },
	    { a + 3 * P, P, RW, R_ANON });
	ck_assert_uint_eq(vm->pages, 4);
	agree();
	ck_assert(!vm_check(vm, a, 4 * P, W));
	ck_assert(vm_check(vm, a, 4 * P, R));

	/* over the seams, keeping each piece's kind */
	ck_assert_int_eq(vm_protect(vm, a, 2 * P, R | X), 0);
	EXPECT({ a, P, R | X, R_ANON }, { a + P, P, R | X, R_ANON },
	    { a + 2 * P, P, R, R_ANON }, { a + 3 * P, P, RW, R_ANON });
	agree();

	/* not ours, partly ours, misaligned, empty: refused before the HAL */
	calls = fake_protect_calls;
	ck_assert_int_eq(vm_protect(vm, a + 3 * P, 2 * P, R), -ENOMEM);
	ck_assert_int_eq(vm_protect(vm, a + 10 * P, P, R), -ENOMEM);
	ck_assert_int_eq(vm_protect(vm, a + 1, P, R), -EINVAL);
	ck_assert_int_eq(vm_protect(vm, a, 0, R), -EINVAL);
	ck_assert_uint_eq(fake_protect_calls, calls);
	agree();
	ck_assert_int_eq(vm_unmap(vm, a, 4 * P), 0);
	ck_assert_uint_eq(vm->pages, 0);
}
END_TEST

START_TEST(test_brk)
{
	ck_assert_int_eq(vm_brk_reserve(vm, 16 * P), 0);
	uintptr_t s = vm->brk_start;
	ck_assert_uint_ne(s, 0);
	ck_assert_uint_eq(vm->brk_cur, s);
	ck_assert_uint_eq(vm->brk_end, s + 16 * P);
	EXPECT({ s, 16 * P, 0, R_BRK });
	ck_assert(!vm_check(vm, s, 1, R));	/* reserved, not usable */

	ck_assert_uint_eq(vm_brk(vm, 0), s);	/* a query */
	ck_assert_uint_eq(vm_brk(vm, s + 100), s + 100);
	ck_assert(vm_check(vm, s, P, RW));
	ck_assert(!vm_check(vm, s + P, 1, R));
	agree();

	ck_assert_uint_eq(vm_brk(vm, s + 3 * P + 1), s + 3 * P + 1);
	ck_assert(vm_check(vm, s, 4 * P, RW));
	ck_assert(!vm_check(vm, s + 4 * P, 1, R));
	agree();

	/* out of bounds: nothing moves */
	ck_assert_uint_eq(vm_brk(vm, s + 16 * P + 1), s + 3 * P + 1);
	ck_assert_uint_eq(vm_brk(vm, s - 1), s + 3 * P + 1);
	ck_assert_uint_eq(vm_brk(vm, UINTPTR_MAX), s + 3 * P + 1);

	/* shrinking gives pages back */
	ck_assert_uint_eq(vm_brk(vm, s + 10), s + 10);
	ck_assert(vm_check(vm, s, P, RW));
	ck_assert(!vm_check(vm, s + P, 1, R));
	agree();

	/* the whole range, then back to empty */
	ck_assert_uint_eq(vm_brk(vm, s + 16 * P), s + 16 * P);
	ck_assert(vm_check(vm, s, 16 * P, RW));
	ck_assert_uint_eq(vm_brk(vm, s), s);
	ck_assert(!vm_check(vm, s, 1, R));
	agree();
	ck_assert_uint_eq(vm->pages, 16);	/* still reserved */
	for (struct list *l = vm->regions.next; l != &vm->regions; l = l->next)
		ck_assert_int_eq(list_entry(l, struct region, link)->kind, R_BRK);
}
END_TEST

START_TEST(test_accounting)
{
	uintptr_t a = map(8 * P, RW), b = map(3 * P, R), c = map(P, RW);
	uintptr_t f = a + 2 * P;
	ck_assert_int_eq(vm_map(vm, &f, 2 * P, R, R_SHARED), 0);
	ck_assert_int_eq(vm_protect(vm, a + 5 * P, P, 0), 0);
	ck_assert_int_eq(vm_unmap(vm, b + P, P), 0);
	ck_assert_int_eq(vm_brk_reserve(vm, 4 * P), 0);
	vm_brk(vm, vm->brk_start + 2 * P);
	ck_assert_uint_eq(vm->pages, 8 + 2 + 1 + 4);
	agree();
	ck_assert_int_eq(vm_unmap(vm, a, 8 * P), 0);
	ck_assert_int_eq(vm_unmap(vm, b, 3 * P), 0);
	ck_assert_int_eq(vm_unmap(vm, c, P), 0);
	ck_assert_int_eq(vm_unmap(vm, vm->brk_start, 4 * P), 0);
	EXPECT();
	ck_assert_uint_eq(vm->pages, 0);
	ck_assert_uint_eq(fake_as_mapped(vm->as), 0);
}
END_TEST

/* vm_free takes everything down: regions, mappings, the address space. */
START_TEST(test_free_everything)
{
	map(8 * P, RW);
	uintptr_t b = map(3 * P, R);
	ck_assert_int_eq(vm_unmap(vm, b + P, P), 0);
	vm_brk_reserve(vm, 64 * P);
	struct hal_as *as = vm->as;
	(void)as;
	vm_free(vm);
	vm = vm_new();
	ck_assert_int_eq(fake_as_live(), 1);
}
END_TEST

Suite *
vm_suite(void)
{
	Suite *s = suite_create("vm");
	TCase *tc = tcase_create("regions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_map_hal_chooses);
	tcase_add_test(tc, test_map_fixed);
	tcase_add_test(tc, test_check);
	tcase_add_test(tc, test_unmap_split);
	tcase_add_test(tc, test_protect_split);
	tcase_add_test(tc, test_brk);
	tcase_add_test(tc, test_accounting);
	tcase_add_test(tc, test_free_everything);
	suite_add_tcase(s, tc);
	return s;
}
