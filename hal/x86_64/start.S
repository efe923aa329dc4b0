/*
 * start.S - from the boot loader to C in long mode.
 *
 * Two headers, so one kernel.elf boots both ways:
 *  - multiboot2 (GRUB, `make iso`): GRUB loads the ELF by its physical
 *    addresses and enters x86_entry32 with eax = 0x36d76289;
 *  - multiboot1 with the a.out kludge (QEMU -kernel, the fast path the
 *    system tests use): QEMU refuses 64-bit ELFs but loads the file as a
 *    flat image when the header gives the addresses; eax = 0x2badb002.
 * Both enter in 32-bit protected mode, paging off, ebx = the info block.
 *
 * The entry builds boot page tables (the first 4 GiB identity-mapped, at
 * the direct map 0xffff800000000000, and the first 1 GiB at -2 GiB where
 * the kernel is linked), enables long mode and jumps to x86_main(magic,
 * info).  boot.c drops the identity map once it no longer needs it.
 */
#include "hal/x86_64/boot.h"

#define MB2_MAGIC	0xe85250d6
#define MB1_MAGIC	0x1badb002
#define MB1_FLAGS	0x00010003	/* page-align modules, memory info, addresses */
#define PHYS(x)		((x) - KERNEL_VMA)

	.section .boot.header, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long 0				/* i386 protected mode */
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
	/* information request: memory map, modules, cmdline, framebuffer,
	 * ACPI RSDP */
	.balign 8
mb2_info_req:
	.short 1, 1			/* optional: boot even if one is missing */
	.long mb2_info_req_end - mb2_info_req
	.long 1, 3, 6, 8, 14, 15
mb2_info_req_end:
	/* a 1024x768 32-bit framebuffer for the screen console, if any */
	.balign 8
	.short 5, 1			/* optional */
	.long 20
	.long 1024, 768, 32
	.balign 8
	.short 0, 0			/* end tag */
	.long 8
mb2_header_end:

	.balign 4
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long -(MB1_MAGIC + MB1_FLAGS)
	.long mb1_header			/* header_addr */
	.long __kernel_phys_start		/* load_addr */
	.long __load_end_phys			/* load_end_addr */
	.long __kernel_phys_end			/* bss_end_addr */
	.long x86_entry32			/* entry_addr */

	.section .boot.text, "ax"
	.code32
	.globl x86_entry32
x86_entry32:
	cli
	cld
	mov %eax, %ebp			/* magic */
	/* ebx = info block; rep stosb below uses eax, ecx, edi only */
	mov $PHYS(__bss_start), %edi
	mov $PHYS(__bss_end), %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb
	mov $PHYS(x86_boot_stack_top), %esp
	push %ebx			/* cpuid below clobbers ebx */

	/* PD0..PD3: 2048 2 MiB pages covering 0..4 GiB */
	mov $PHYS(x86_boot_pd), %edi
	xor %ecx, %ecx
1:	mov %ecx, %eax
	shl $21, %eax
	or $0x83, %eax			/* present, writable, 2 MiB */
	mov %eax, (%edi,%ecx,8)
	mov %ecx, %eax
	shr $11, %eax			/* high dword: (i * 2 MiB) >> 32 */
	mov %eax, 4(%edi,%ecx,8)
	inc %ecx
	cmp $2048, %ecx
	jne 1b

	/* PDPT (low and direct map): four PDs */
	mov $PHYS(x86_boot_pdpt), %edi
	mov $PHYS(x86_boot_pd) + 3, %eax
	mov %eax, 0(%edi)
	add $4096, %eax
	mov %eax, 8(%edi)
	add $4096, %eax
	mov %eax, 16(%edi)
	add $4096, %eax
	mov %eax, 24(%edi)
	/* PDPT for -2 GiB: entry 510 = PD0 (physical 0..1 GiB) */
	mov $PHYS(x86_boot_pdpt_hi), %edi
	mov $PHYS(x86_boot_pd) + 3, %eax
	mov %eax, 510*8(%edi)

	mov $PHYS(x86_boot_pml4), %edi
	mov $PHYS(x86_boot_pdpt) + 3, %eax
	mov %eax, 0(%edi)		/* identity, until boot.c drops it */
	mov %eax, 256*8(%edi)		/* direct map */
	mov $PHYS(x86_boot_pdpt_hi) + 3, %eax
	mov %eax, 511*8(%edi)

	/* No long mode: say so on COM1 and stop. */
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	jb no_long_mode
	mov $0x80000001, %eax
	cpuid
	test $(1 << 29), %edx
	jz no_long_mode
	mov %edx, %esi			/* bit 20: NX */

	mov %cr4, %eax
	or $(1 << 5), %eax		/* PAE */
	mov %eax, %cr4
	mov $PHYS(x86_boot_pml4), %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx		/* EFER */
	rdmsr
	or $(1 << 8), %eax		/* LME */
	test $(1 << 20), %esi
	jz 2f
	or $(1 << 11), %eax		/* NXE */
2:	wrmsr
	mov %cr0, %eax
	or $0x80010001, %eax		/* PG, WP, PE */
	mov %eax, %cr0
	pop %ebx
	lgdt boot_gdt_ptr
	ljmp $0x08, $entry64_low

no_long_mode:
	mov $no_lm_msg, %esi
3:	lodsb
	test %al, %al
	jz 4f
	mov $0x3f8, %dx
	out %al, %dx
	jmp 3b
4:	hlt
	jmp 4b

	.code64
entry64_low:
	mov $0x10, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	movabs $entry64_high, %rax
	jmp *%rax

	.section .boot.data, "a"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
boot_gdt_ptr:
	.short boot_gdt_ptr - boot_gdt - 1
	.long boot_gdt
no_lm_msg:
	.asciz "redox: this CPU has no long mode (x86_64); halting\r\n"

	.text
entry64_high:
	movabs $x86_boot_stack_top, %rsp
	mov %ebp, %edi			/* x86_main(magic, info phys) */
	mov %ebx, %esi
	xor %ebp, %ebp			/* ends the backtrace */
	call x86_main
	ud2

	.bss
	.balign 4096
	.globl x86_boot_pml4, x86_boot_pdpt, x86_boot_pdpt_hi, x86_boot_pd
x86_boot_pml4:	.skip 4096
x86_boot_pdpt:	.skip 4096
x86_boot_pdpt_hi: .skip 4096
x86_boot_pd:	.skip 4 * 4096
	.globl x86_boot_stack_top
x86_boot_stack:	.skip BOOT_STACK_SIZE
x86_boot_stack_top:

	.section .note.GNU-stack, "", @progbits
