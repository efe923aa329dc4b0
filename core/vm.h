/*
 * vm.h - a process's regions: every user (pointer, length) is checked
 * against this sorted list before the core touches it.
 */
#ifndef CORE_VM_H
#define CORE_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/list.h"

enum region_kind { R_IMAGE, R_STACK, R_ANON, R_SHARED, R_RESERVED, R_BRK };

struct region {
	uintptr_t start;
	size_t len;
	int prot;		/* HAL_PROT_* */
	enum region_kind kind;
	struct list link;
};

struct vm {
	struct hal_as *as;
	struct list regions;	/* sorted by start, never overlapping */
	uintptr_t brk_start, brk_cur, brk_end;	/* inside an R_BRK region */
	size_t pages;		/* mapped pages, for accounting */
	size_t live, peak;	/* accessible pages: now, most ever (maxrss) */
};

struct vm *vm_new(void);
void vm_free(struct vm *vm);
/* Nothing mapped yet (a spawned child before its image). */
bool vm_empty(const struct vm *vm);
/*
 * Maps len bytes (rounded up to pages) of zeroed memory.  *addr == 0: the
 * HAL picks; otherwise the range must lie inside the process's existing
 * regions (MAP_FIXED) and replaces what was there.
 */
int vm_map(struct vm *vm, uintptr_t *addr, size_t len, int prot, enum region_kind kind);
int vm_unmap(struct vm *vm, uintptr_t addr, size_t len);
int vm_protect(struct vm *vm, uintptr_t addr, size_t len, int prot);
/*
 * mremap: [old, old + old_len), one anonymous mapping, shrinks in place,
 * grows in place over the program's own PROT_NONE reservation after it,
 * else (MREMAP_MAYMOVE) moves to a new mapping (*addr with MREMAP_FIXED,
 * inside its own regions) by copying.  The address goes in *addr.
 */
int vm_remap(struct vm *vm, uintptr_t old, size_t old_len, size_t new_len, int flags,
    uintptr_t *addr);
/* True if [p, p+len) is wholly inside regions that allow `prot`. */
/* Where the program's image starts (its lowest image region), 0 if none. */
uintptr_t vm_image_start(const struct vm *vm);
bool vm_check(const struct vm *vm, uintptr_t p, size_t len, int prot);
/* Bytes from p to the end of the accessible range (for strings), or 0. */
size_t vm_span(const struct vm *vm, uintptr_t p, int prot);
/* Bytes from the start of the accessible range holding p up to p + 1. */
size_t vm_span_down(const struct vm *vm, uintptr_t p, int prot);
/* Reserves a brk range of `max` bytes; brk then moves inside it. */
int vm_brk_reserve(struct vm *vm, size_t max);
uintptr_t vm_brk(struct vm *vm, uintptr_t want);
/* Pages of inaccessible (prot 0) regions inside [addr, addr + len). */
size_t vm_inaccessible(const struct vm *vm, uintptr_t addr, size_t len);
/* Pages of accessible (prot != 0) regions over all processes. */
size_t vm_committed(void);
/* Adds a region record without mapping (for tests and the loader). */
int vm_region_add(struct vm *vm, uintptr_t start, size_t len, int prot, enum region_kind kind);

#endif
