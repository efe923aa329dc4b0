/*
 * mem.c - pages, address spaces and user copies for the hosted backend.
 *
 * All programs share the host's one address space (hosted mode isolates
 * faults, not wild writes).  An address space is therefore only a token;
 * mappings are plain mmap()s.  The core checks every user range against
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

struct hal_as {
	int unused;
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
	return calloc(1, sizeof(struct hal_as));
}

void
hosted_as_free(struct hal_as *as)
{
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
	(void)as;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	if (*addr)
		flags |= MAP_FIXED;
	void *p = mmap((void *)*addr, len, host_prot(prot), flags, -1, 0);
	if (p == MAP_FAILED)
		return -ENOMEM;
	*addr = (uintptr_t)p;
	return 0;
}

int
hosted_unmap(struct hal_as *as, uintptr_t addr, size_t len)
{
	(void)as;
	return munmap((void *)addr, len) == 0 ? 0 : -EINVAL;
}

int
hosted_protect(struct hal_as *as, uintptr_t addr, size_t len, int prot)
{
	(void)as;
	return mprotect((void *)addr, len, host_prot(prot)) == 0 ? 0 : -EINVAL;
}

