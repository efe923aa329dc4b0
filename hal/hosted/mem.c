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
#include <sys/mman.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"

#define RAM_PAGES (256u * 1024u)	/* 1 GiB of "RAM" in 4 KiB pages */

int hosted_copy(void *dst, const void *src, size_t n);

static size_t pages_used;

struct hal_as {
	int unused;
};

void *
hosted_page_alloc(size_t npages)
{
	if (npages == 0 || npages > RAM_PAGES - pages_used)
		return NULL;
	void *p = mmap(NULL, npages * HAL_PAGE_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	pages_used += npages;
	return p;
}

void
hosted_page_free(void *p, size_t npages)
{
	if (!p)
		return;
	munmap(p, npages * HAL_PAGE_SIZE);
	pages_used -= npages;
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

void
hosted_as_activate(struct hal_as *as)
{
	(void)as;
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

