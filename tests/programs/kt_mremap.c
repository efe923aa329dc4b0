/*
 * kt_mremap - mremap on anonymous mappings: shrinking keeps the address
 * and unmaps the tail; growing without MREMAP_MAYMOVE fails (ENOMEM)
 * unless the program's own PROT_NONE reservation follows, which it then
 * takes in place; with MREMAP_MAYMOVE it moves, contents kept and the new
 * part zeroed; MREMAP_FIXED moves to a chosen address inside its own
 * reservation; bad arguments get EINVAL or EFAULT as on Linux.
 */
#define NAME "kt_mremap"
#include "check.h"
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096

static sigjmp_buf jb;

static void
jump_out(int sig)
{
	(void)sig;
	siglongjmp(jb, 1);
}

/* True if *p can be read (a fault jumps back here instead). */
static int
readable(const volatile char *p)
{
	if (sigsetjmp(jb, 1) == 0) {
		(void)*p;
		return 1;
	}
	return 0;
}

static void
fill(char *p, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (char)(i * 7 + seed);
}

static int
same(const char *p, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != (char)(i * 7 + seed))
			return 0;
	return 1;
}

static int
zero(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

static void *
anon(size_t len, int prot)
{
	return mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void
test_shrink(void)
{
	char *a = anon(3 * PG, PROT_READ | PROT_WRITE);
	CHECK(a != MAP_FAILED);
	fill(a, 3 * PG, 1);
	CHECK(mremap(a, 3 * PG, PG, 0) == a);
	CHECK(same(a, PG, 1));
	CHECK(!readable(a + PG));
	CHECK(!readable(a + 2 * PG));
	CHECK(munmap(a, PG) == 0);
}

static void
test_grow_move(void)
{
	char *a = anon(PG, PROT_READ | PROT_WRITE);
	CHECK(a != MAP_FAILED);
	fill(a, PG, 2);
	errno = 0;
	CHECK(mremap(a, PG, 64 * PG, 0) == MAP_FAILED && errno == ENOMEM);
	CHECK(same(a, PG, 2));
	char *b = mremap(a, PG, 64 * PG, MREMAP_MAYMOVE);
	CHECK(b != MAP_FAILED);
	if (b == MAP_FAILED)
		return;
	CHECK(same(b, PG, 2));
	CHECK(zero(b + PG, 63 * PG));
	b[64 * PG - 1] = 5;
	if (b != a)
		CHECK(!readable(a));
	CHECK(munmap(b, 64 * PG) == 0);

	/* A megabyte to four, every byte kept. */
	size_t mb = 1024 * 1024;
	char *c = anon(mb, PROT_READ | PROT_WRITE);
	CHECK(c != MAP_FAILED);
	fill(c, mb, 3);
	char *d = mremap(c, mb, 4 * mb, MREMAP_MAYMOVE);
	CHECK(d != MAP_FAILED && same(d, mb, 3) && zero(d + mb, 3 * mb));
	if (d != MAP_FAILED)
		CHECK(munmap(d, 4 * mb) == 0);
}

static void
test_grow_in_place(void)
{
	char *r = anon(16 * PG, PROT_NONE);
	CHECK(r != MAP_FAILED);
	char *a = mmap(r, 4 * PG, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(a == r);
	fill(a, 4 * PG, 4);
	CHECK(mremap(a, 4 * PG, 12 * PG, 0) == a);
	CHECK(same(a, 4 * PG, 4));
	CHECK(zero(a + 4 * PG, 8 * PG));
	a[12 * PG - 1] = 1;
	CHECK(!readable(a + 12 * PG));	/* the rest of the reservation */

	/* MREMAP_FIXED: to the reservation's last pages. */
	char *b = mremap(a, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, r + 14 * PG);
	CHECK(b == r + 14 * PG);
	CHECK(same(b, 2 * PG, 4));
	CHECK(!readable(a));
	CHECK(munmap(r, 16 * PG) == 0);
}

static void
test_errors(void)
{
	char *a = anon(2 * PG, PROT_READ | PROT_WRITE);
	int local = 0;
	CHECK(a != MAP_FAILED);
	errno = 0;
	CHECK(mremap(a, PG, 2 * PG, 0x80) == MAP_FAILED && errno == EINVAL);
	errno = 0;
	CHECK(mremap(a, PG, 2 * PG, MREMAP_FIXED, a + 64 * PG) == MAP_FAILED && errno == EINVAL);
	errno = 0;
	CHECK(mremap(a, PG, 0, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL);
	errno = 0;
	CHECK(mremap(a + 1, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL);
	CHECK(munmap(a, 2 * PG) == 0);
	errno = 0;
	CHECK(mremap(a, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT);
	/* The stack is not an anonymous mapping to move. */
	uintptr_t s = (uintptr_t)&local & ~(uintptr_t)(PG - 1);
	errno = 0;
	CHECK(mremap((void *)s, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL);
}

int
main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = jump_out;
	if (sigaction(SIGSEGV, &sa, NULL) != 0)
		return 1;
	test_shrink();
	test_grow_move();
	test_grow_in_place();
	test_errors();
	return finish();
}
