/*
 * malloc: power-of-two size classes carved from 64 KiB mmap'd chunks, and
 * a private mapping for anything bigger than the largest class.
 *
 * Every block starts with a 16-byte header holding its class (or, for a
 * big block, its mapping size), so free() needs no lookup.  Freed small
 * blocks go on their class's list and are never returned to the kernel:
 * simple, and good enough for the programs we run.  One futex lock guards
 * it all.  Nothing assumes where mappings land (hosted programs share one
 * address space).
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>
#include "../internal/libc.h"

#define HDR		16
#define MIN_SHIFT	5		/* 32-byte blocks */
#define MAX_SHIFT	16		/* 64 KiB blocks */
#define NCLASS		(MAX_SHIFT - MIN_SHIFT + 1)
#define CHUNK		(64 * 1024)
#define BIG		0xb16b16b16b16b16bUL	/* marks a mapped block */
#define ALIGNED		0xa11a11a11a11a11aUL	/* size = the real block */

struct hdr {
	size_t size;	/* class index, or the mapping size for a big block */
	size_t magic;	/* BIG or ~index: catches some bad frees */
};

struct freeblk {
	struct hdr h;
	struct freeblk *next;
};

static struct freeblk *freelist[NCLASS];
static volatile uint32_t lock;

static void *map(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static int class_of(size_t n)
{
	int c = 0;

	while (((size_t)1 << (c + MIN_SHIFT)) < n + HDR)
		c++;
	return c;
}

/* Splits a fresh chunk into blocks of class c.  Called with the lock held. */
static int refill(int c)
{
	size_t bs = (size_t)1 << (c + MIN_SHIFT);
	unsigned char *p = map(CHUNK);
	size_t off;

	if (p == NULL)
		return -1;
	for (off = 0; off + bs <= CHUNK; off += bs) {
		struct freeblk *b = (struct freeblk *)(p + off);
		b->next = freelist[c];
		freelist[c] = b;
	}
	return 0;
}

void *malloc(size_t n)
{
	struct hdr *h;
	int c;

	if (n > ((size_t)1 << MAX_SHIFT) - HDR) {
		size_t len;
		if (n > SIZE_MAX / 2) {
			errno = ENOMEM;
			return NULL;
		}
		len = (n + HDR + 4095) & ~(size_t)4095;
		h = map(len);
		if (h == NULL) {
			errno = ENOMEM;
			return NULL;
		}
		h->size = len;
		h->magic = BIG;
		return h + 1;
	}
	c = class_of(n);
	__lock(&lock);
	if (freelist[c] == NULL && refill(c) < 0) {
		__unlock(&lock);
		errno = ENOMEM;
		return NULL;
	}
	h = &freelist[c]->h;
	freelist[c] = freelist[c]->next;
	__unlock(&lock);
	h->size = (size_t)c;
	h->magic = ~(size_t)c;
	return h + 1;
}

void free(void *p)
{
	struct hdr *h;
	struct freeblk *b;
	int c;

	if (p == NULL)
		return;
	h = (struct hdr *)p - 1;
	if (h->magic == ALIGNED) {
		free((void *)h->size);
		return;
	}
	if (h->magic == BIG) {
		munmap(h, h->size);
		return;
	}
	if (h->magic != ~h->size || h->size >= NCLASS)
		abort();	/* a bad or double free: stop before worse */
	c = (int)h->size;
	b = (struct freeblk *)h;
	h->magic = 0;
	__lock(&lock);
	b->next = freelist[c];
	freelist[c] = b;
	__unlock(&lock);
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
	return ((size_t)1 << (h->size + MIN_SHIFT)) - HDR;
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	size_t have;
	void *q;

	if (p == NULL)
		return malloc(n);
	have = malloc_usable_size(p);
	/* Keep the block if it fits and is not wastefully big. */
	if (n <= have && (have <= 64 || n >= have / 2))
		return p;
	q = malloc(n);
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
