/*
 * bare-mb2.S - the smallest multiboot2 kernel: GRUB loads it, it writes 0
 * to QEMU's isa-debug-exit port and QEMU ends.  bench/native-boot.sh boots
 * it the same way as kernel.elf, so the difference is our kernel's boot.
 */
	.section .text
	.code32
	.balign 8
mb2:
	.long 0xe85250d6, 0, mb2_end - mb2
	.long -(0xe85250d6 + (mb2_end - mb2))
	.short 0, 0
	.long 8
mb2_end:
	.globl _start
_start:
	mov $0, %al
	out %al, $0xf4
1:	hlt
	jmp 1b
	.section .note.GNU-stack, "", @progbits
