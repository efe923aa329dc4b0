/*
 * Thread-local storage, variant II: [TLS block][TCB], the thread pointer at
 * the TCB.  The linker addressed each __thread variable as a negative
 * offset from the thread pointer, so the block must end exactly at tp and
 * tp must have the image's alignment.
 */
#include <string.h>
#include "../internal/libc.h"

#define PT_TLS	7
#define PT_PHDR	6

struct phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

extern const char __ehdr_start[] __attribute__((visibility("hidden")));

static struct {
	int found;
	const void *image;
	size_t filesz, memsz, align;
	size_t offset;		/* block start = tp - offset */
} tls;

static void find_tls(void)
{
	const struct phdr *ph = (const struct phdr *)__libc.phdr;
	const struct phdr *t = NULL;
	uintptr_t bias = (uintptr_t)__ehdr_start;
	size_t i;

	if (tls.found)
		return;
	tls.found = 1;
	tls.align = 16;
	for (i = 0; ph != NULL && i < __libc.phnum; i++) {
		if (ph[i].p_type == PT_PHDR)
			bias = __libc.phdr - ph[i].p_vaddr;
		if (ph[i].p_type == PT_TLS)
			t = &ph[i];
	}
	if (t == NULL)
		return;
	tls.image = (const void *)(bias + t->p_vaddr);
	tls.filesz = t->p_filesz;
	tls.memsz = t->p_memsz;
	/* As musl: round up so that block start and image agree modulo the
	 * segment's own alignment, which is what the linker assumed: the
	 * block ends where image + memsz rounded up to p_align would.  Only
	 * then may tp's alignment grow (16 for the TCB); using 16 here too
	 * put the block 8 bytes off for an image that is 8- but not
	 * 16-aligned. */
	{
		size_t a = t->p_align > 1 ? t->p_align : 1;
		tls.offset = tls.memsz + ((-tls.memsz - (uintptr_t)tls.image) & (a - 1));
		if (a > tls.align)
			tls.align = a;
	}
}

/* Bytes of the program's TLS block (0: none, %fs reaches only the TCB). */
size_t __tls_block_size(void)
{
	find_tls();
	return tls.memsz;
}

/* Bytes needed for one thread's TLS block and TCB, alignment slack included. */
size_t __tls_area_size(void)
{
	find_tls();
	return tls.offset + sizeof(struct __pthread) + tls.align;
}

/* Lays out TLS and TCB in mem (size bytes, at least __tls_area_size()). */
struct __pthread *__tls_init(void *mem, size_t size)
{
	uintptr_t tp;
	struct __pthread *t;

	find_tls();
	tp = (uintptr_t)mem + tls.offset;
	tp = (tp + tls.align - 1) & ~(uintptr_t)(tls.align - 1);
	(void)size;
	t = (struct __pthread *)tp;
	memset((void *)(tp - tls.offset), 0, tls.offset);
	if (tls.filesz)
		memcpy((void *)(tp - tls.offset), tls.image, tls.filesz);
	memset(t, 0, sizeof(*t));
	t->self = t;
	t->self2 = t;
	return t;
}
