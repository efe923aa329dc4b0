/*
 * vmm.h - page tables and address spaces (vmm.c).
 *
 * The lower half (below USER_TOP) belongs to the process; the upper half
 * (the direct map and the kernel image) is the kernel's and is the same in
 * every address space: each new PML4 copies the kernel's upper entries,
 * whose lower-level tables are never replaced.
 */
#ifndef HAL_X86_64_VMM_H
#define HAL_X86_64_VMM_H

#include <stdint.h>

#define USER_TOP	0x0000800000000000ull
/* The syscall trampoline page, at the same place in every address space. */
#define X86_TRAMP_VA	0x00007fffffffe000ull
/* Where hal_map() puts mappings the core lets the HAL place. */
#define USER_MAP_BASE	0x0000100000000000ull

struct hal_as;

void vmm_init(void);
/* The PML4 physical address the CPU should use for as (NULL: kernel only). */
uint64_t vmm_as_root(struct hal_as *as);

#endif
