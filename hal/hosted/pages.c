/*
 * pages.c - kernel pages for the hosted backend, without a thunk.
 *
 * The core allocates and frees a page or two on every path lookup.
 * Through a thunk each call would swap the FS base twice, which without
 * FSGSBASE is two host system calls; these functions read no TLS
 * (rawsys.h), so the core calls them directly on the program's FS.
 *
 * Freed pages wait here for reuse instead of going back to Linux at
 * once: an munmap flushes the TLB (in a VM, a trip to the hypervisor)
 * and the next touch faults again.  Runs of up to CACHE_RUN pages,
 * CACHE_DEPTH of each length (at most 8 MiB); they count as free.
 */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "hal/hal.h"
#include "hal/hosted/rawsys.h"

#define RAM_PAGES (256u * 1024u)	/* 1 GiB of "RAM" in 4 KiB pages */
#define CACHE_RUN 32
#define CACHE_DEPTH 4

static size_t pages_used;
static void *cache[CACHE_RUN + 1][CACHE_DEPTH];
static unsigned ncache[CACHE_RUN + 1];

void *
hal_page_alloc(size_t npages)
{
	void *p;

	if (npages == 0 || npages > RAM_PAGES - pages_used)
		return NULL;
	if (npages <= CACHE_RUN && ncache[npages] > 0) {
		p = cache[npages][--ncache[npages]];
		memset(p, 0, npages * HAL_PAGE_SIZE);
	} else {
		long r = hosted_rawsys(SYS_mmap, 0, (long)(npages * HAL_PAGE_SIZE),
		    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (r < 0 && r > -4096)
			return NULL;
		p = (void *)r;
	}
	pages_used += npages;
	return p;
}

void
hal_page_free(void *p, size_t npages)
{
	if (!p)
		return;
	pages_used -= npages;
	if (npages <= CACHE_RUN && ncache[npages] < CACHE_DEPTH)
		cache[npages][ncache[npages]++] = p;
	else
		(void)hosted_rawsys(SYS_munmap, (long)p, (long)(npages * HAL_PAGE_SIZE), 0, 0, 0, 0);
}

void
hal_page_counts(size_t *total, size_t *used)
{
	*total = RAM_PAGES;
	*used = pages_used;
}
