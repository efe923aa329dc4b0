/*
 * _start: the kernel enters here with rsp (also in rdi) pointing at argc,
 * then argv, NULL, envp, NULL, auxv.  Relocations are already applied.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xor	%ebp, %ebp		/* marks the outermost frame */
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	__libc_start
	ud2
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
