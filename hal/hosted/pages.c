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
 * and the next touch faults again.  Fresh pages come in with the mmap
 * (MAP_POPULATE): the core writes them at once, and a host page fault
 * costs 8-15 us on the VMs this runs on, against about 0.3 us to zero
 * a page inside the mmap.  Runs of up to CACHE_RUN pages,
 * CACHE_DEPTH of each length (at most 8 MiB); they count as free.
 *
 * Longer runs (exec's copy of a program file, up to the image size) take
 * a power-of-two length of pages, one kept per length, BIG_KEEP bytes in
 * all.  Reuse matters more than it seems: on these VMs (shadow paging)
 * even a populated fresh page costs a trip to the hypervisor at its
 * first touch, so writing 8 MiB into fresh pages takes ~10 ms and into
 * reused ones ~0.3 ms.
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
#define BIG_SHIFTS 16			/* runs of up to 2^15 pages (128 MiB) */
#define BIG_KEEP (32u << 20)

static size_t pages_used;
static void *cache[CACHE_RUN + 1][CACHE_DEPTH];
static unsigned ncache[CACHE_RUN + 1];
static void *big[BIG_SHIFTS];		/* a kept run of 2^i pages, or NULL */
static size_t big_kept;			/* bytes in big[] */

/* The shift of a long run's length: the least power of two >= npages. */
static unsigned
big_shift(size_t npages)
{
	unsigned k = 0;
	while (((size_t)1 << k) < npages)
		k++;
	return k;
}

static void *
big_alloc(size_t npages)
{
	unsigned k = big_shift(npages);
	size_t len = (size_t)HAL_PAGE_SIZE << k;
	void *p = k < BIG_SHIFTS ? big[k] : NULL;
	if (p) {
		big[k] = NULL;
		big_kept -= len;
		memset(p, 0, npages * HAL_PAGE_SIZE);
		return p;
	}
	long r = hosted_rawsys(SYS_mmap, 0, (long)len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r < 0 && r > -4096)
		return NULL;
	/* Only what the caller asked for is written: bring in just that. */
	(void)hosted_rawsys3(SYS_madvise, r, (long)(npages * HAL_PAGE_SIZE), MADV_POPULATE_WRITE);
	return (void *)r;
}

static void
big_free(void *p, size_t npages)
{
	unsigned k = big_shift(npages);
	size_t len = (size_t)HAL_PAGE_SIZE << k;
	if (k < BIG_SHIFTS && !big[k] && big_kept + len <= BIG_KEEP) {
		big[k] = p;
		big_kept += len;
		return;
	}
	(void)hosted_rawsys(SYS_munmap, (long)p, (long)len, 0, 0, 0, 0);
}

void *
hal_page_alloc(size_t npages)
{
	void *p;

	if (npages == 0 || npages > RAM_PAGES - pages_used)
		return NULL;
	if (npages > CACHE_RUN) {
		if ((p = big_alloc(npages)) == NULL)
			return NULL;
	} else if (ncache[npages] > 0) {
		p = cache[npages][--ncache[npages]];
		memset(p, 0, npages * HAL_PAGE_SIZE);
	} else {
		long r = hosted_rawsys(SYS_mmap, 0, (long)(npages * HAL_PAGE_SIZE),
		    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
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
	if (npages > CACHE_RUN)
		big_free(p, npages);
	else if (ncache[npages] < CACHE_DEPTH)
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
