/*
 * arena.c - one reserved range of host addresses per address space.
 *
 * A program's mappings are all carved from its own reservation, so
 * freeing the space is a single munmap.  On the VMs this runs on, every
 * munmap costs a TLB flush through the hypervisor (about 100 us); a
 * process used to pay one per region at exit, now one in all.
 *
 * Free space is a list of extents sorted by address, first fit.  The
 * map and unmap calls that use it run without a thunk (thunks.S), so
 * nothing here reads TLS: extents come from a pool of kernel pages, not
 * malloc, and the host calls are raw (rawsys.h).
 */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"
#include "hal/hosted/rawsys.h"

struct extent {
	uintptr_t start, len;
	struct extent *next;
};

/* Unused extents of every arena; pages taken for them are kept. */
static struct extent *spare;

static struct extent *
extent_new(void)
{
	if (!spare) {
		struct extent *page = hal_page_alloc(1);
		if (!page)
			return NULL;
		for (size_t i = 0; i < HAL_PAGE_SIZE / sizeof *page; i++) {
			page[i].next = spare;
			spare = &page[i];
		}
	}
	struct extent *e = spare;
	spare = e->next;
	return e;
}

static void
extent_free(struct extent *e)
{
	e->next = spare;
	spare = e;
}

static void *
host_mmap(uintptr_t addr, size_t len, int prot, int flags)
{
	long r = hosted_rawsys((long)SYS_mmap, (long)addr, (long)len, prot, flags, -1, 0);
	return r < 0 && r > -4096 ? MAP_FAILED : (void *)r;
}

int
arena_init(struct arena *a, size_t size)
{
	void *p = host_mmap(0, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE);
	if (p == MAP_FAILED)
		return -ENOMEM;
	struct extent *e = extent_new();
	if (!e) {
		(void)hosted_rawsys((long)SYS_munmap, (long)p, (long)size, 0, 0, 0, 0);
		return -ENOMEM;
	}
	*e = (struct extent){ (uintptr_t)p, size, NULL };
	a->base = (uintptr_t)p;
	a->size = size;
	a->free = e;
	return 0;
}

void
arena_fini(struct arena *a)
{
	while (a->free) {
		struct extent *e = a->free;
		a->free = e->next;
		extent_free(e);
	}
	if (a->size)
		(void)hosted_rawsys((long)SYS_munmap, (long)a->base, (long)a->size, 0, 0, 0, 0);
	a->size = 0;
}

int
arena_contains(const struct arena *a, uintptr_t addr, size_t len)
{
	return addr >= a->base && len <= a->size && addr - a->base <= a->size - len;
}

int
arena_take(struct arena *a, size_t len, uintptr_t *addr)
{
	for (struct extent **pp = &a->free; *pp; pp = &(*pp)->next) {
		struct extent *e = *pp;
		if (e->len < len)
			continue;
		*addr = e->start;
		e->start += len;
		e->len -= len;
		if (e->len == 0) {
			*pp = e->next;
			extent_free(e);
		}
		return 0;
	}
	return -ENOMEM;
}

/* Returns [addr, addr+len) to the free list, merging with neighbours.
 * Parts already free are absorbed, so giving twice does no harm. */
int
arena_give(struct arena *a, uintptr_t addr, size_t len)
{
	if (!arena_contains(a, addr, len))
		return -EINVAL;
	uintptr_t lo = addr, hi = addr + len;
	struct extent **pp = &a->free;
	/* Skip extents wholly below; absorb every one touching [lo, hi]. */
	while (*pp && (*pp)->start + (*pp)->len < lo)
		pp = &(*pp)->next;
	while (*pp && (*pp)->start <= hi) {
		struct extent *e = *pp;
		if (e->start < lo)
			lo = e->start;
		if (e->start + e->len > hi)
			hi = e->start + e->len;
		*pp = e->next;
		extent_free(e);
	}
	struct extent *n = extent_new();
	if (!n)
		return -ENOMEM;	/* the range stays reserved, only lost to reuse */
	*n = (struct extent){ lo, hi - lo, *pp };
	*pp = n;
	return 0;
}

/*
 * Maps [addr, addr+len) afresh with prot (MAP_FIXED, inside the arena):
 * 0 or -ENOMEM.  PROT_NONE gives the pages back and keeps the addresses.
 */
int
arena_map(uintptr_t addr, size_t len, int prot)
{
	return host_mmap(addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
	    MAP_FIXED) == MAP_FAILED ? -ENOMEM : 0;
}

int
arena_protect(uintptr_t addr, size_t len, int prot)
{
	return hosted_rawsys3(SYS_mprotect, addr, len, prot) == 0 ? 0 : -EINVAL;
}
