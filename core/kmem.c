/*
 * kmem.c - the core's heap over hal_page_alloc().
 *
 * Requests up to 2 KiB come from slab pages of one size class each; every
 * page keeps its own free list so an empty page goes back to the HAL at
 * once (sys:meminfo returns to its baseline when objects are freed).
 * Bigger requests get their own run of pages.  Both kinds start with a
 * header at the page boundary, so kmem_free() finds it by masking.
 */
#include <stdint.h>

#include "core/kmem.h"
#include "core/list.h"
#include "core/log.h"
#include "core/str.h"
#include "hal/hal.h"

#define KMEM_MAGIC	0x6b6d656du
#define KMEM_HDR	64		/* keeps objects 16-aligned */
#define NCLASS		7		/* 32 .. 2048 */

struct page_hdr {
	uint32_t magic;
	uint32_t cls;		/* size class, or NCLASS for a big run */
	uint32_t used;		/* objects handed out (slab) */
	uint32_t npages;	/* big run length */
	void *free;		/* slab free list */
	struct list link;	/* on the class's partial list */
};

static struct list partial[NCLASS];
static size_t in_use;
static int ready;

static size_t
class_size(unsigned cls)
{
	return (size_t)32 << cls;
}

static void
kmem_init(void)
{
	for (unsigned i = 0; i < NCLASS; i++)
		list_init(&partial[i]);
	ready = 1;
}

static struct page_hdr *
slab_new(unsigned cls)
{
	struct page_hdr *h = hal_page_alloc(1);
	if (!h)
		return NULL;
	h->magic = KMEM_MAGIC;
	h->cls = cls;
	size_t sz = class_size(cls);
	char *first = (char *)h + (KMEM_HDR > sz ? KMEM_HDR : sz);
	char *end = (char *)h + HAL_PAGE_SIZE;
	void *prev = NULL;
	/* Thread the free list from the end so allocation walks upward. */
	for (char *p = end - sz; p >= first; p -= sz) {
		*(void **)p = prev;
		prev = p;
	}
	h->free = prev;
	list_push_front(&partial[cls], &h->link);
	return h;
}

void *
kmem_alloc(size_t size)
{
	if (!ready)
		kmem_init();
	if (size == 0)
		size = 1;
	if (size <= class_size(NCLASS - 1)) {
		unsigned cls = 0;
		while (class_size(cls) < size)
			cls++;
		struct page_hdr *h;
		if (list_empty(&partial[cls])) {
			if (!(h = slab_new(cls)))
				return NULL;
		} else {
			h = list_entry(partial[cls].next, struct page_hdr, link);
		}
		void *p = h->free;
		h->free = *(void **)p;
		h->used++;
		if (!h->free)
			list_remove(&h->link);
		memset(p, 0, class_size(cls));
		in_use += class_size(cls);
		return p;
	}
	if (size > (size_t)1 << 30)
		return NULL;
	size_t npages = (size + KMEM_HDR + HAL_PAGE_SIZE - 1) / HAL_PAGE_SIZE;
	struct page_hdr *h = hal_page_alloc(npages);
	if (!h)
		return NULL;
	h->magic = KMEM_MAGIC;
	h->cls = NCLASS;
	h->npages = (uint32_t)npages;
	in_use += npages * HAL_PAGE_SIZE;
	return (char *)h + KMEM_HDR;
}

void
kmem_free(void *p)
{
	if (!p)
		return;
	struct page_hdr *h = (void *)((uintptr_t)p & ~(uintptr_t)(HAL_PAGE_SIZE - 1));
	if (h->magic != KMEM_MAGIC || h->cls > NCLASS)
		log_panic("kmem_free: bad pointer %p", p);
	if (h->cls == NCLASS) {
		in_use -= (size_t)h->npages * HAL_PAGE_SIZE;
		h->magic = 0;
		hal_page_free(h, h->npages);
		return;
	}
	size_t sz = class_size(h->cls);
	in_use -= sz;
	if (!h->free)
		list_push_front(&partial[h->cls], &h->link);
	*(void **)p = h->free;
	h->free = p;
	if (--h->used == 0) {
		list_remove(&h->link);
		h->magic = 0;
		hal_page_free(h, 1);
	}
}

char *
kmem_strndup(const char *s, size_t n)
{
	char *d = kmem_alloc(n + 1);
	if (d)
		memcpy(d, s, n);
	return d;
}

size_t
kmem_in_use(void)
{
	return in_use;
}
