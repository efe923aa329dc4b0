/*
 * long __syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
 *
 * Moves a C call's arguments into the kernel's registers (rax; rdi rsi rdx
 * r10 r8 r9) and calls the entry whose address auxv AT_REDOX_SYSCALL gave
 * us.  Out of line on purpose: a `call` from inline asm would push over
 * the caller's red zone.  The entry clobbers what a C call may clobber.
 */
	.text
	.globl __syscall6
	.type __syscall6, @function
__syscall6:
	mov	%rdi, %rax
	mov	%rsi, %rdi
	mov	%rdx, %rsi
	mov	%rcx, %rdx
	mov	%r8, %r10
	mov	%r9, %r8
	mov	8(%rsp), %r9
	/* keep the stack 16-byte aligned at the call, as the C ABI wants */
	sub	$8, %rsp
	call	*__redox_syscall_entry(%rip)
	add	$8, %rsp
	ret
	.size __syscall6, . - __syscall6

	.section .note.GNU-stack, "", @progbits
