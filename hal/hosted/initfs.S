/* initfs.S - the built-in initfs image, linked into redox-hosted. */
	.section .rodata
	.balign 4096
	.globl hosted_initfs_start, hosted_initfs_end
hosted_initfs_start:
	.incbin INITFS_IMAGE
hosted_initfs_end:
	.section .note.GNU-stack, "", @progbits
