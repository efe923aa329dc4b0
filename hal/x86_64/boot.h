/*
 * boot.h - the kernel's place in memory and the boot entry (boot.c).
 *
 * Every address space shares the upper half: the kernel image at -2 GiB
 * (where it is linked) and a direct map of physical memory at DMAP_BASE,
 * through which the kernel reaches page tables, frames and the boot
 * loader's data.  Included by assembly too.
 */
#ifndef HAL_X86_64_BOOT_H
#define HAL_X86_64_BOOT_H

#define KERNEL_VMA	0xffffffff80000000
#define DMAP_BASE	0xffff800000000000
#define DMAP_BOOT_SIZE	0x100000000	/* start.S maps the first 4 GiB */
#define BOOT_STACK_SIZE	16384

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

static inline void *
phys_to_virt(uint64_t pa)
{
	return (void *)(pa + DMAP_BASE);
}

static inline uint64_t
virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;
	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DMAP_BASE;
}

/* Boot options from the kernel command line. */
struct x86_bootopts {
	int test;		/* "test": poweroff through isa-debug-exit */
	int ktest;		/* "ktest": run the in-kernel HAL tests, then power off */
	int ktest_input;	/* "ktest-input": ktest also reads "ping" from COM1 */
	int kfault;		/* "kfault": fault in the kernel on purpose (tests the report) */
};
extern struct x86_bootopts x86_opts;

/* A physical range the boot loader handed over (modules, info block). */
struct x86_range {
	uint64_t start, end;
};

/* The memory map, as usable RAM ranges (boot.c fills it for pmm.c). */
#define X86_MAX_RAM 32
extern struct x86_range x86_ram[X86_MAX_RAM];
extern unsigned x86_nram;
/* Ranges the page allocator must not hand out besides the kernel. */
#define X86_MAX_RESERVED 8
extern struct x86_range x86_reserved[X86_MAX_RESERVED];
extern unsigned x86_nreserved;
/* The ACPI RSDP copied out of the multiboot2 info, or NULL (acpi.c searches). */
extern const void *x86_rsdp;

extern char __kernel_phys_start[], __kernel_phys_end[];
extern char __text_start[], __text_end[];

_Noreturn void x86_main(uint32_t magic, uint32_t info);
#endif
#endif
