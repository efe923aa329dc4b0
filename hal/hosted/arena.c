/*
 * arena.c - one reserved range of host addresses per address space.
 *
 * A program's mappings are all carved from its own reservation, so
 * freeing the space is a single munmap.  On the VMs this runs on, every
 * munmap costs a TLB flush through the hypervisor (about 100 us); a
 * process used to pay one per region at exit, now one in all.
 *
 * Free space is a list of extents sorted by address, first fit.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"

struct extent {
	uintptr_t start, len;
	struct extent *next;
};

int
arena_init(struct arena *a, size_t size)
{
	void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -ENOMEM;
	struct extent *e = malloc(sizeof *e);
	if (!e) {
		munmap(p, size);
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
		free(e);
	}
	if (a->size)
		munmap((void *)a->base, a->size);
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
			free(e);
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
		free(e);
	}
	struct extent *n = malloc(sizeof *n);
	if (!n)
		return -ENOMEM;	/* the range stays reserved, only lost to reuse */
	*n = (struct extent){ lo, hi - lo, *pp };
	*pp = n;
	return 0;
}
