/*
 * vmm.c - 4-level paging: address spaces, user mappings and user copies.
 *
 * Mappings are eager: hal_map() gives each accessible page a zeroed frame
 * at once, so a user page fault is always a real fault (SIGSEGV), never a
 * request.  One exception keeps reservations cheap: a page mapped with no
 * access (the core reserves 64 MiB of brk that way) gets no frame, only
 * PTE_RESERVED, and receives its zeroed frame when hal_protect() first
 * makes it accessible.  A page made inaccessible later keeps its frame
 * with the present bit clear and PTE_OWNED set, so unmap and destroy
 * still free it.  The
 * trampoline page is a kernel page (PTE_SHARED): never freed with a space.
 * HAL-chosen addresses come from a per-space bump pointer with a guard
 * page after each mapping; 47 bits of space make reuse unnecessary.
 */
#include "hal/hal.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/cpu.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/pmm.h"
#include "hal/x86_64/trap.h"
#include "hal/x86_64/vmm.h"

#define EFAULT	14
#define ENOMEM	12
#define EINVAL	22

#define PTE_P		(1ull << 0)
#define PTE_W		(1ull << 1)
#define PTE_U		(1ull << 2)
#define PTE_PS		(1ull << 7)
#define PTE_OWNED	(1ull << 9)	/* software: the frame belongs to this space */
#define PTE_SHARED	(1ull << 10)	/* software: a kernel frame, not ours to free */
#define PTE_RESERVED	(1ull << 11)	/* software: mapped with no access, no frame yet */
#define PTE_NX		(1ull << 63)
#define PTE_ADDR	0x000ffffffffff000ull

struct hal_as {
	uint64_t pml4;		/* physical */
	uint64_t next;		/* next HAL-chosen address */
};

extern uint64_t x86_boot_pml4[512];
static uint64_t kernel_pml4_pa;
static struct hal_as *active;
static uint64_t tramp_pa;

void
vmm_init(void)
{
	kernel_pml4_pa = virt_to_phys(x86_boot_pml4);
	/* The identity map was only for the jump to the upper half. */
	x86_boot_pml4[0] = 0;
	write_cr3(kernel_pml4_pa);
	tramp_pa = virt_to_phys(x86_tramp_code);
	if (tramp_pa & (HAL_PAGE_SIZE - 1))
		x86_panic("trampoline page is not page-aligned");
}

uint64_t
vmm_as_root(struct hal_as *as)
{
	return as ? as->pml4 : kernel_pml4_pa;
}

/* The PTE for va in as, creating tables on the way if create. */
static uint64_t *
walk(struct hal_as *as, uint64_t va, int create)
{
	uint64_t *table = phys_to_virt(as->pml4);
	for (int level = 3; level > 0; level--) {
		unsigned idx = (va >> (12 + 9 * level)) & 511;
		uint64_t e = table[idx];
		if (!(e & PTE_P)) {
			if (!create)
				return NULL;
			uint64_t pa = pmm_alloc(1);
			if (!pa)
				return NULL;
			e = pa | PTE_P | PTE_W | PTE_U;
			table[idx] = e;
		}
		table = phys_to_virt(e & PTE_ADDR);
	}
	return &table[(va >> 12) & 511];
}

static uint64_t
prot_bits(int prot)
{
	uint64_t b = PTE_U;
	if (prot & (HAL_PROT_READ | HAL_PROT_WRITE | HAL_PROT_EXEC))
		b |= PTE_P;
	if (prot & HAL_PROT_WRITE)
		b |= PTE_W;
	if (!(prot & HAL_PROT_EXEC) && x86_cpu.nx)
		b |= PTE_NX;
	return b;
}

static void
flush(struct hal_as *as, uint64_t va)
{
	if (as == active)
		invlpg(va);
}

struct hal_as *
hal_as_new(void)
{
	struct hal_as *as = hal_page_alloc(1);
	if (!as)
		return NULL;
	as->pml4 = pmm_alloc(1);
	if (!as->pml4) {
		hal_page_free(as, 1);
		return NULL;
	}
	uint64_t *pml4 = phys_to_virt(as->pml4);
	for (int i = 256; i < 512; i++)
		pml4[i] = x86_boot_pml4[i];
	as->next = USER_MAP_BASE;
	uint64_t *pte = walk(as, X86_TRAMP_VA, 1);
	if (!pte) {
		hal_as_free(as);
		return NULL;
	}
	*pte = tramp_pa | PTE_P | PTE_U | PTE_SHARED;	/* read + execute */
	return as;
}

static void
free_level(uint64_t table_pa, int level)
{
	uint64_t *t = phys_to_virt(table_pa);
	for (int i = 0; i < 512; i++) {
		uint64_t e = t[i];
		if (level == 0) {
			if ((e & PTE_OWNED) && !(e & PTE_SHARED))
				pmm_free(e & PTE_ADDR, 1);
		} else if (e & PTE_P) {
			free_level(e & PTE_ADDR, level - 1);
		}
	}
	pmm_free(table_pa, 1);
}

void
hal_as_free(struct hal_as *as)
{
	if (!as)
		return;
	if (as == active)
		hal_as_activate(NULL);
	uint64_t *pml4 = phys_to_virt(as->pml4);
	for (int i = 0; i < 256; i++)
		if (pml4[i] & PTE_P)
			free_level(pml4[i] & PTE_ADDR, 2);
	pmm_free(as->pml4, 1);
	hal_page_free(as, 1);
}

void
hal_as_activate(struct hal_as *as)
{
	if (as == active)
		return;
	active = as;
	write_cr3(vmm_as_root(as));
}

static int
user_range_ok(uint64_t addr, size_t len)
{
	return !(addr & (HAL_PAGE_SIZE - 1)) && len <= USER_TOP &&
	    addr <= USER_TOP - len && addr != 0;
}

int
hal_unmap(struct hal_as *as, uintptr_t addr, size_t len)
{
	len = (len + HAL_PAGE_SIZE - 1) & ~(size_t)(HAL_PAGE_SIZE - 1);
	if (!user_range_ok(addr, len))
		return -EINVAL;
	for (uint64_t va = addr; va < addr + len; va += HAL_PAGE_SIZE) {
		uint64_t *pte = walk(as, va, 0);
		if (!pte || (*pte & PTE_SHARED))
			continue;
		if (*pte & PTE_OWNED)
			pmm_free(*pte & PTE_ADDR, 1);
		*pte = 0;
		flush(as, va);
	}
	return 0;
}

int
hal_map(struct hal_as *as, uintptr_t *addr, size_t len, int prot)
{
	len = (len + HAL_PAGE_SIZE - 1) & ~(size_t)(HAL_PAGE_SIZE - 1);
	uint64_t base = *addr;
	if (len == 0)
		return -EINVAL;
	if (base == 0) {
		base = as->next;
		if (len > X86_TRAMP_VA - HAL_PAGE_SIZE - base)
			return -ENOMEM;
		as->next = base + len + HAL_PAGE_SIZE;	/* a guard page between */
	}
	if (!user_range_ok(base, len))
		return -EINVAL;
	if (base < X86_TRAMP_VA + HAL_PAGE_SIZE && base + len > X86_TRAMP_VA)
		return -EINVAL;		/* not over the trampoline */
	int lazy = (prot & (HAL_PROT_READ | HAL_PROT_WRITE | HAL_PROT_EXEC)) == 0;
	for (uint64_t va = base; va < base + len; va += HAL_PAGE_SIZE) {
		uint64_t *pte = walk(as, va, 1);
		uint64_t pa = pte && !lazy ? pmm_alloc(1) : 0;
		if (!pte || (!lazy && !pa)) {
			hal_unmap(as, base, va - base);
			return -ENOMEM;
		}
		if (*pte & PTE_OWNED)
			pmm_free(*pte & PTE_ADDR, 1);	/* a fixed map replaces */
		*pte = lazy ? PTE_RESERVED : pa | prot_bits(prot) | PTE_OWNED;
		flush(as, va);
	}
	*addr = base;
	return 0;
}

/* Pages here are present from hal_map on: nothing to bring in. */
void
hal_prefault(struct hal_as *as, uintptr_t addr, size_t len)
{
	(void)as;
	(void)addr;
	(void)len;
}

int
hal_protect(struct hal_as *as, uintptr_t addr, size_t len, int prot)
{
	len = (len + HAL_PAGE_SIZE - 1) & ~(size_t)(HAL_PAGE_SIZE - 1);
	if (!user_range_ok(addr, len))
		return -EINVAL;
	int none = (prot & (HAL_PROT_READ | HAL_PROT_WRITE | HAL_PROT_EXEC)) == 0;
	for (uint64_t va = addr; va < addr + len; va += HAL_PAGE_SIZE) {
		uint64_t *pte = walk(as, va, 0);
		if (!pte || !(*pte & (PTE_OWNED | PTE_RESERVED)))
			return -ENOMEM;
		if (!(*pte & PTE_OWNED)) {
			if (none)
				continue;
			uint64_t pa = pmm_alloc(1);	/* a reservation gets its frame */
			if (!pa)
				return -ENOMEM;
			*pte = pa | PTE_OWNED;
		}
		*pte = (*pte & PTE_ADDR) | prot_bits(prot) | PTE_OWNED;
		flush(as, va);
	}
	return 0;
}

static int
user_span_ok(uintptr_t p, size_t len)
{
	return len <= USER_TOP && p <= USER_TOP - len;
}

int
hal_copy_from_user(void *dst, uintptr_t src, size_t len)
{
	if (!user_span_ok(src, len))
		return -EFAULT;
	return x86_user_copy(dst, (const void *)src, len);
}

int
hal_copy_to_user(uintptr_t dst, const void *src, size_t len)
{
	if (!user_span_ok(dst, len))
		return -EFAULT;
	return x86_user_copy((void *)dst, src, len);
}

uintptr_t
hal_syscall_entry(struct hal_as *as)
{
	(void)as;
	return X86_TRAMP_VA;	/* the same page in every address space */
}
