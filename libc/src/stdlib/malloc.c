/*
 * malloc: size classes carved from 64 KiB mmap'd chunks, and a private
 * mapping for anything bigger than the largest class.
 *
 * The classes go 32, 48, 64, 96, 128, ... 48 Ki, 64 Ki: two per power of
 * two, so a block wastes at most a third of itself (one per power wasted
 * half, which costs cache and page faults).  Every block starts with a
 * 16-byte header holding its class (or, for a big block, its mapping
 * size), so free() needs no lookup.  Freed small blocks go on their
 * class's list and are never returned to the kernel.
 *
 * Freed big mappings are kept in a small cache and reused: a fresh
 * mapping page-faults on every page it touches, and programs that
 * allocate and free the same big buffer in a loop (a file daemon's
 * per-request buffer, a growing string) would otherwise pay that, plus an
 * mmap and a munmap, each time.
 *
 * A block that realloc grows past the classes becomes "growable": its
 * mapping reserves address space (PROT_NONE, no memory committed) for
 * eight times what it holds, and growing within that is an mprotect
 * that opens more of it: no copy, no page faults on copied pages (the
 * kernel has no mremap, which is how other libcs grow such blocks).  A
 * buffer doubled step by step is copied once every three doublings.
 *
 * One futex lock guards it all, taken only once the
 * process has a second thread (__libc.threaded is set before the first
 * one starts, and no thread is started from inside malloc, so a call
 * that began unlocked ends unlocked).  Nothing assumes where
 * mappings land (hosted programs share one address space).
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>
#include "../internal/libc.h"

#define HDR		16
#define MIN_SHIFT	5		/* 32-byte blocks */
#define MAX_SHIFT	16		/* 64 KiB blocks */
#define NCLASS		(2 * (MAX_SHIFT - MIN_SHIFT) + 1)
#define MAX_SMALL	((size_t)1 << MAX_SHIFT)
#define CHUNK		(64 * 1024)
#define PAGE		4096
#define BIG		0xb16b16b16b16b16bUL	/* marks a mapped block */
#define ALIGNED		0xa11a11a11a11a11aUL	/* size = the real block */
#define GROW		0x6a0e6a0e6a0e6a0eUL	/* a growable mapping */
#define GROW_HDR	32	/* [reserved length][0][open length][GROW] */
#define NCACHE		8			/* freed mappings kept */
#define CACHE_MAX	((size_t)16 << 20)	/* bytes they may hold */

struct hdr {
	size_t size;	/* class index, or the mapping size for a big block */
	size_t magic;	/* BIG or ~index: catches some bad frees */
};

struct freeblk {
	struct hdr h;
	struct freeblk *next;
};

static struct freeblk *freelist[NCLASS];
/* Freed mappings: len bytes open; res is the reservation of a growable
 * one (what munmap takes), 0 for a plain one. */
struct cached {
	void *p;
	size_t len, res;
};
static struct cached cache[NCACHE];
static size_t ncache, cached;
static volatile uint32_t lock;

/* The lock, if there are threads to guard against; 1 if taken. */
static inline int take(void)
{
	if (!__libc.threaded)
		return 0;
	__lock(&lock);
	return 1;
}

static inline void give(int held)
{
	if (held)
		__unlock(&lock);
}

static void *map(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* Class c's block size: even classes are powers of two, odd ones 1.5x. */
static size_t class_size(int c)
{
	size_t p = (size_t)1 << (MIN_SHIFT + c / 2);

	return (c & 1) ? p + p / 2 : p;
}

/* The smallest class holding n bytes plus the header (n + HDR <= 64 Ki). */
static int class_of(size_t n)
{
	size_t s = n + HDR;
	int k;

	if (s <= (size_t)1 << MIN_SHIFT)
		return 0;
	k = 63 - __builtin_clzl(s - 1);		/* 2^k < s <= 2^(k+1) */
	if (s <= ((size_t)3 << (k - 1)))
		return 2 * (k - MIN_SHIFT) + 1;
	return 2 * (k + 1 - MIN_SHIFT);
}

/* A block of class c that was never used: the next one of the current
 * chunk, else the first of a fresh chunk.  Blocks are handed out in
 * address order as they are needed, not threaded onto the free list
 * up front: that would touch (and page-fault) the whole chunk at once.
 * Called with the lock held. */
static struct hdr *carve(int c)
{
	static unsigned char *next[NCLASS], *end[NCLASS];
	size_t bs = class_size(c);
	unsigned char *p;

	if (next[c] == NULL || (size_t)(end[c] - next[c]) < bs) {
		if ((p = map(CHUNK)) == NULL)
			return NULL;
		next[c] = p;
		end[c] = p + CHUNK / bs * bs;
	}
	p = next[c];
	next[c] += bs;
	return (struct hdr *)p;
}

/* A cached mapping, or NULL: the smallest plain one (grow 0) of at
 * least len bytes and not much more, or the growable one with the most
 * room whose reservation holds at least four times len.  Its open
 * length goes to *got, its reservation to *res. */
static void *cache_take(int grow, size_t len, size_t *got, size_t *res)
{
	size_t i, best = NCACHE;
	void *p;
	int held = take();

	for (i = 0; i < ncache; i++) {
		struct cached *e = &cache[i];
		int fits = grow ? e->res / 4 >= len :
		    e->res == 0 && e->len >= len && e->len - len <= len / 2;
		if (fits && (best == NCACHE || (grow ? e->res > cache[best].res :
		    e->len < cache[best].len)))
			best = i;
	}
	if (best == NCACHE) {
		give(held);
		return NULL;
	}
	p = cache[best].p;
	*got = cache[best].len;
	*res = cache[best].res;
	cached -= cache[best].len;
	cache[best] = cache[--ncache];
	give(held);
	return p;
}

/* Keeps a freed mapping for reuse (len bytes open, res as in struct
 * cached), dropping the oldest ones when the cache is full; what does
 * not fit is unmapped. */
static void cache_put(void *p, size_t len, size_t res)
{
	struct cached out[NCACHE + 1];
	size_t nout = 0, i;
	int held;

	if (len > CACHE_MAX / 4) {
		munmap(p, res ? res : len);
		return;
	}
	held = take();
	while (ncache > 0 && (ncache == NCACHE || cached + len > CACHE_MAX)) {
		out[nout++] = cache[0];
		cached -= cache[0].len;
		memmove(&cache[0], &cache[1], (ncache - 1) * sizeof cache[0]);
		ncache--;
	}
	cache[ncache].p = p;
	cache[ncache].len = len;
	cache[ncache++].res = res;
	cached += len;
	give(held);
	for (i = 0; i < nout; i++)
		munmap(out[i].p, out[i].res ? out[i].res : out[i].len);
}

/* A big block of at least n bytes; *fresh says whether its memory is
 * known to be zero. */
static void *big_alloc(size_t n, int *fresh)
{
	size_t len, got, res;
	struct hdr *h;

	if (n > SIZE_MAX / 4) {
		errno = ENOMEM;
		return NULL;
	}
	len = (n + HDR + PAGE - 1) & ~(size_t)(PAGE - 1);
	if ((h = cache_take(0, len, &got, &res)) != NULL) {
		*fresh = 0;
	} else {
		if ((h = map(got = len)) == NULL) {
			errno = ENOMEM;
			return NULL;
		}
		*fresh = 1;
	}
	h->size = got;
	h->magic = BIG;
	return h + 1;
}

/* A growable block holding n bytes (see the top), or NULL: a cached
 * one whose reservation holds n, else a new reservation. */
static void *grow_alloc(size_t n)
{
	size_t open, res, have, *w;
	unsigned char *base;

	if (n > SIZE_MAX / 32)
		return NULL;
	open = (n + GROW_HDR + PAGE - 1) & ~(size_t)(PAGE - 1);
	if ((base = cache_take(1, open, &have, &res)) != NULL) {
		if (have < open && mprotect(base + have, open - have,
		    PROT_READ | PROT_WRITE) != 0) {
			munmap(base, res);
			return NULL;
		}
		if (have > open)
			open = have;
	} else {
		res = open <= ((size_t)256 << 20) ? open * 8 : open * 2;
		base = mmap(NULL, res, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (base == MAP_FAILED)
			return NULL;
		if (mprotect(base, open, PROT_READ | PROT_WRITE) != 0) {
			munmap(base, res);
			return NULL;
		}
	}
	w = (size_t *)base;
	w[0] = res;
	w[1] = 0;
	w[2] = open;
	w[3] = GROW;
	return base + GROW_HDR;
}

/* Opens enough of growable block h's reservation for n bytes: 0, or -1
 * if it does not fit (or the kernel says no). */
static int grow_in_place(struct hdr *h, size_t n)
{
	size_t *w = (size_t *)h - 2;
	size_t open;

	if (n > SIZE_MAX / 4)
		return -1;
	open = (n + GROW_HDR + PAGE - 1) & ~(size_t)(PAGE - 1);
	if (open > w[0])
		return -1;
	if (open > h->size) {
		if (mprotect((unsigned char *)w + h->size, open - h->size,
		    PROT_READ | PROT_WRITE) != 0)
			return -1;
		h->size = open;
	}
	return 0;
}

static void *alloc(size_t n, int *fresh)
{
	struct hdr *h;
	int c, held;

	if (n > MAX_SMALL - HDR)
		return big_alloc(n, fresh);
	*fresh = 0;
	c = class_of(n);
	held = take();
	if (freelist[c] != NULL) {
		h = &freelist[c]->h;
		freelist[c] = freelist[c]->next;
	} else if ((h = carve(c)) == NULL) {
		give(held);
		errno = ENOMEM;
		return NULL;
	}
	give(held);
	h->size = (size_t)c;
	h->magic = ~(size_t)c;
	return h + 1;
}

void *malloc(size_t n)
{
	int fresh;

	return alloc(n, &fresh);
}

void free(void *p)
{
	struct hdr *h;
	struct freeblk *b;
	int c, held;

	if (p == NULL)
		return;
	h = (struct hdr *)p - 1;
	if (h->magic == ALIGNED) {
		free((void *)h->size);
		return;
	}
	if (h->magic == BIG) {
		h->magic = 0;
		cache_put(h, h->size, 0);
		return;
	}
	if (h->magic == GROW) {
		size_t *w = (size_t *)h - 2;
		h->magic = 0;
		cache_put(w, h->size, w[0]);
		return;
	}
	if (h->magic != ~h->size || h->size >= NCLASS)
		abort();	/* a bad or double free: stop before worse */
	c = (int)h->size;
	b = (struct freeblk *)h;
	h->magic = 0;
	held = take();
	b->next = freelist[c];
	freelist[c] = b;
	give(held);
}

size_t malloc_usable_size(void *p)
{
	struct hdr *h;

	if (p == NULL)
		return 0;
	h = (struct hdr *)p - 1;
	if (h->magic == ALIGNED)
		return malloc_usable_size((void *)h->size) -
		    ((uintptr_t)p - h->size);
	if (h->magic == BIG)
		return h->size - HDR;
	if (h->magic == GROW)
		return h->size - GROW_HDR;
	return class_size((int)h->size) - HDR;
}

void *calloc(size_t n, size_t size)
{
	void *p;
	int fresh;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = alloc(n * size, &fresh);
	/* A fresh mapping is zero already: touching it would fault it in. */
	if (p != NULL && !fresh)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	size_t have;
	void *q;
	int fresh;

	if (p == NULL)
		return malloc(n);
	have = malloc_usable_size(p);
	/* A growable block stays while it is big (its pages are committed
	 * already: moving would only copy), and grows where it is. */
	if (((struct hdr *)p - 1)->magic == GROW && n > MAX_SMALL - HDR &&
	    (n <= have || grow_in_place((struct hdr *)p - 1, n) == 0))
		return p;
	/* Keep the block if it fits and is not wastefully big. */
	if (n <= have && (have <= 64 || n >= have / 2))
		return p;
	if (n > have && n > MAX_SMALL - HDR) {
		if ((q = grow_alloc(n)) == NULL)
			q = big_alloc(n, &fresh);
	} else {
		q = malloc(n);
	}
	if (q == NULL)
		return NULL;
	memcpy(q, p, n < have ? n : have);
	free(p);
	return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n * size);
}

/* Alignments above 16 over-allocate and put an ALIGNED header, which
 * points back at the real block, just below the returned address. */
int posix_memalign(void **out, size_t align, size_t n)
{
	unsigned char *p;
	uintptr_t a;
	struct hdr *h;

	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return EINVAL;
	if (align <= HDR) {
		p = malloc(n);
		if (p == NULL)
			return ENOMEM;
		*out = p;
		return 0;
	}
	if (n > SIZE_MAX / 2 || align > SIZE_MAX / 4)
		return ENOMEM;
	p = malloc(n + align + HDR);
	if (p == NULL)
		return ENOMEM;
	a = ((uintptr_t)p + HDR + align - 1) & ~(uintptr_t)(align - 1);
	h = (struct hdr *)a - 1;
	h->size = (size_t)p;
	h->magic = ALIGNED;
	*out = (void *)a;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	void *p = NULL;
	int e = posix_memalign(&p, align, n);

	if (e != 0) {
		errno = e;
		return NULL;
	}
	return p;
}
