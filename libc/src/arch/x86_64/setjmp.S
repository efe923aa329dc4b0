/*
 * setjmp/longjmp: save and restore the callee-saved registers, the stack
 * pointer and the return address.  jmp_buf: rbx rbp r12 r13 r14 r15 rsp rip.
 * sigsetjmp stores the mask flag and mask in slots 8 and 9 (signal/sigsetjmp.c).
 */
	.text
	.globl setjmp, _setjmp, __setjmp_regs
	.type setjmp, @function
setjmp:
_setjmp:
__setjmp_regs:
	mov	%rbx, 0(%rdi)
	mov	%rbp, 8(%rdi)
	mov	%r12, 16(%rdi)
	mov	%r13, 24(%rdi)
	mov	%r14, 32(%rdi)
	mov	%r15, 40(%rdi)
	lea	8(%rsp), %rdx		/* rsp as it will be after we return */
	mov	%rdx, 48(%rdi)
	mov	(%rsp), %rdx		/* our return address */
	mov	%rdx, 56(%rdi)
	xor	%eax, %eax
	ret
	.size setjmp, . - setjmp

	.globl longjmp, _longjmp
	.type longjmp, @function
longjmp:
_longjmp:
	mov	%esi, %eax
	test	%eax, %eax		/* longjmp(env, 0) returns 1 */
	jnz	1f
	inc	%eax
1:	mov	0(%rdi), %rbx
	mov	8(%rdi), %rbp
	mov	16(%rdi), %r12
	mov	24(%rdi), %r13
	mov	32(%rdi), %r14
	mov	40(%rdi), %r15
	mov	48(%rdi), %rsp
	jmp	*56(%rdi)
	.size longjmp, . - longjmp

	/*
	 * sigsetjmp(env, savemask): the registers first, so the frame is
	 * right; then, if asked, the C helper stores the mask.
	 */
	.globl sigsetjmp
	.type sigsetjmp, @function
sigsetjmp:
	movq	$0, 64(%rdi)
	test	%esi, %esi
	jz	__setjmp_regs
	push	%rdi
	call	__sigsetjmp_save	/* rsp is 16-aligned here */
	pop	%rdi
	jmp	__setjmp_regs
	.size sigsetjmp, . - sigsetjmp

	.section .note.GNU-stack, "", @progbits
