/*
 * pmm.h - physical pages (pmm.c): a bitmap over usable RAM from the
 * multiboot memory map, reached through the direct map.
 */
#ifndef HAL_X86_64_PMM_H
#define HAL_X86_64_PMM_H

#include <stddef.h>
#include <stdint.h>

void pmm_init(void);
/* npages contiguous physical pages, zeroed; returns the physical address or 0. */
uint64_t pmm_alloc(size_t npages);
void pmm_free(uint64_t pa, size_t npages);

#endif
