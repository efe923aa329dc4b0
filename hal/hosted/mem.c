/*
 * mem.c - pages, address spaces and user copies for the hosted backend.
 *
 * All programs share the host's one address space (hosted mode isolates
 * faults, not wild writes).  An address space is a reserved range of it
 * (arena.c) that its mappings are carved from, so freeing one is a
 * single munmap.  The core checks every user range against
 * its region lists before it calls the copy routines; a fault inside them
 * still becomes -EFAULT (see signal.c).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"

#define RAM_PAGES (256u * 1024u)	/* 1 GiB of "RAM" in 4 KiB pages */

int hosted_copy(void *dst, const void *src, size_t n);

static size_t pages_used;

/* Address room per program; RLIMIT_AS and the 1 TiB mmap cap are
 * checked by the core, this only bounds the reservation. */
#define AS_ARENA ((size_t)128 << 30)

struct hal_as {
	struct arena arena;
};

/*
 * Freed kernel pages wait here for reuse instead of going back to Linux
 * at once: an munmap flushes the TLB (in a VM, a trip to the hypervisor)
 * and the next touch faults again, and the core allocates and frees a
 * page or two on every path lookup.  Runs of up to CACHE_RUN pages,
 * CACHE_DEPTH of each length (at most 8 MiB); they count as free.
 */
#define CACHE_RUN 32
#define CACHE_DEPTH 4
static void *cache[CACHE_RUN + 1][CACHE_DEPTH];
static unsigned ncache[CACHE_RUN + 1];

void *
hosted_page_alloc(size_t npages)
{
	void *p;

	if (npages == 0 || npages > RAM_PAGES - pages_used)
		return NULL;
	if (npages <= CACHE_RUN && ncache[npages] > 0) {
		p = cache[npages][--ncache[npages]];
		memset(p, 0, npages * HAL_PAGE_SIZE);
	} else {
		p = mmap(NULL, npages * HAL_PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return NULL;
	}
	pages_used += npages;
	return p;
}

void
hosted_page_free(void *p, size_t npages)
{
	if (!p)
		return;
	pages_used -= npages;
	if (npages <= CACHE_RUN && ncache[npages] < CACHE_DEPTH)
		cache[npages][ncache[npages]++] = p;
	else
		munmap(p, npages * HAL_PAGE_SIZE);
}

void
hosted_page_counts(size_t *total, size_t *used)
{
	*total = RAM_PAGES;
	*used = pages_used;
}

struct hal_as *
hosted_as_new(void)
{
	struct hal_as *as = calloc(1, sizeof *as);
	if (as && arena_init(&as->arena, AS_ARENA) != 0) {
		free(as);
		return NULL;
	}
	return as;
}

/* Every mapping goes with the space (hal.h). */
void
hosted_as_free(struct hal_as *as)
{
	if (!as)
		return;
	arena_fini(&as->arena);
	free(as);
}

static int
host_prot(int prot)
{
	return (prot & HAL_PROT_READ ? PROT_READ : 0) |
	    (prot & HAL_PROT_WRITE ? PROT_WRITE : 0) |
	    (prot & HAL_PROT_EXEC ? PROT_EXEC : 0);
}

int
hosted_map(struct hal_as *as, uintptr_t *addr, size_t len, int prot)
{
	uintptr_t a = *addr;
	if (a == 0) {
		if (arena_take(&as->arena, len, &a) != 0)
			return -ENOMEM;
	} else if (!arena_contains(&as->arena, a, len)) {
		return -EINVAL;
	}
	void *p = mmap((void *)a, len, host_prot(prot),
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
	if (p == MAP_FAILED) {
		if (*addr == 0)
			arena_give(&as->arena, a, len);
		return -ENOMEM;
	}
	*addr = a;
	return 0;
}

int
hosted_unmap(struct hal_as *as, uintptr_t addr, size_t len)
{
	if (!arena_contains(&as->arena, addr, len))
		return -EINVAL;
	/* Drop the pages, keep the addresses reserved for reuse. */
	if (mmap((void *)addr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
	    MAP_FIXED, -1, 0) == MAP_FAILED)
		return -ENOMEM;
	return arena_give(&as->arena, addr, len);
}

int
hosted_protect(struct hal_as *as, uintptr_t addr, size_t len, int prot)
{
	(void)as;
	return mprotect((void *)addr, len, host_prot(prot)) == 0 ? 0 : -EINVAL;
}

