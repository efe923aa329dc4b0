/*
 * pmm.c - the physical page allocator.
 *
 * One bit per 4 KiB page up to the highest usable address (set = not
 * available), the bitmap itself taken from the first free RAM.  Runs are
 * found next-fit from a rotating hint, which keeps single-page allocation
 * O(1) in the common case.  Only RAM below DMAP_BOOT_SIZE is used: that
 * is what the direct map covers.
 */
#include "hal/hal.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/pmm.h"

#define PG HAL_PAGE_SIZE

static uint64_t *bitmap;
static size_t npages_max;	/* pages covered by the bitmap */
static size_t total, used;
static size_t hint;

static int
test_bit(size_t i)
{
	return (bitmap[i / 64] >> (i % 64)) & 1;
}

static void
set_range(size_t first, size_t n, int v)
{
	for (size_t i = first; i < first + n; i++) {
		if (v)
			bitmap[i / 64] |= 1ull << (i % 64);
		else
			bitmap[i / 64] &= ~(1ull << (i % 64));
	}
}

static int
overlaps(uint64_t s, uint64_t e, uint64_t rs, uint64_t re)
{
	return s < re && rs < e;
}

/* Is [s, e) free of the kernel image and the boot loader's data? */
static int
clear_of_reserved(uint64_t s, uint64_t e)
{
	if (overlaps(s, e, (uint64_t)__kernel_phys_start, (uint64_t)__kernel_phys_end))
		return 0;
	for (unsigned i = 0; i < x86_nreserved; i++)
		if (overlaps(s, e, x86_reserved[i].start, x86_reserved[i].end))
			return 0;
	return 1;
}

void
pmm_init(void)
{
	uint64_t top = 0;
	for (unsigned i = 0; i < x86_nram; i++) {
		if (x86_ram[i].end > DMAP_BOOT_SIZE)
			x86_ram[i].end = DMAP_BOOT_SIZE;
		if (x86_ram[i].end > top)
			top = x86_ram[i].end;
	}
	npages_max = top / PG;
	size_t bytes = (npages_max + 63) / 64 * 8;
	uint64_t bm_pa = 0;
	/* The bitmap goes in the first page-aligned hole that fits, above 1 MiB. */
	for (unsigned i = 0; i < x86_nram && !bm_pa; i++) {
		uint64_t s = (x86_ram[i].start + PG - 1) & ~(uint64_t)(PG - 1);
		if (s < 0x100000)
			s = 0x100000;
		for (; s + bytes <= x86_ram[i].end; s += PG)
			if (clear_of_reserved(s, s + bytes)) {
				bm_pa = s;
				break;
			}
	}
	if (!bm_pa)
		x86_panic("no room for the page bitmap (%lu pages)", (uint64_t)npages_max);
	bitmap = phys_to_virt(bm_pa);
	memset(bitmap, 0xff, bytes);
	for (unsigned i = 0; i < x86_nram; i++) {
		uint64_t s = (x86_ram[i].start + PG - 1) / PG;
		uint64_t e = x86_ram[i].end / PG;
		for (uint64_t p = s; p < e; p++) {
			uint64_t pa = p * PG;
			/* Low 1 MiB: BIOS data, the EBDA; not worth the trouble. */
			if (pa < 0x100000 || !clear_of_reserved(pa, pa + PG) ||
			    overlaps(pa, pa + PG, bm_pa, bm_pa + bytes))
				continue;
			set_range(p, 1, 0);
			total++;
		}
	}
	x86_printf("x86: %lu MiB of RAM for pages\n", (uint64_t)(total * PG >> 20));
}

uint64_t
pmm_alloc(size_t n)
{
	if (n == 0 || n > total - used)
		return 0;
	for (size_t pass = 0; pass < 2; pass++) {
		size_t i = pass ? 0 : hint;
		size_t end = pass ? hint + n : npages_max;
		if (end > npages_max)
			end = npages_max;
		while (i + n <= end) {
			if (bitmap[i / 64] == ~0ull) {
				i = (i / 64 + 1) * 64;
				continue;
			}
			size_t run = 0;
			while (run < n && !test_bit(i + run))
				run++;
			if (run == n) {
				set_range(i, n, 1);
				used += n;
				hint = i + n;
				uint64_t pa = (uint64_t)i * PG;
				memset(phys_to_virt(pa), 0, n * PG);
				return pa;
			}
			i += run + 1;
		}
	}
	return 0;
}

void
pmm_free(uint64_t pa, size_t n)
{
	size_t first = pa / PG;
	for (size_t i = first; i < first + n; i++)
		if (i >= npages_max || !test_bit(i))
			x86_panic("pmm_free: page %p is not allocated", (void *)(i * PG));
	set_range(first, n, 0);
	used -= n;
}

void *
hal_page_alloc(size_t npages)
{
	uint64_t pa = pmm_alloc(npages);
	return pa ? phys_to_virt(pa) : NULL;
}

void
hal_page_free(void *p, size_t npages)
{
	if (p)
		pmm_free(virt_to_phys(p), npages);
}

void
hal_page_counts(size_t *t, size_t *u)
{
	*t = total;
	*u = used;
}
