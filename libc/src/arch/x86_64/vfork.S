/*
 * pid_t vfork(void): a child sharing our memory runs first, returning 0
 * to our caller on our stack; we are suspended in the kernel until it
 * execs or exits (SYS_VFORK), then return its pid.
 *
 * The child will write below the caller's rsp as soon as it calls
 * anything, so what we need afterwards cannot stay there: vfork's return
 * address goes in the thread control block (struct __pthread's vfork_ret,
 * at 0x18; reached through %fs:0, not written through %fs: libc.h says
 * why), the callee-saved registers stay in their registers (the
 * syscall keeps them), and the kernel puts back the syscall's own return
 * address into this code.  The child gets a block below the caller's
 * rsp with the callee-saved registers, the return address and the rsp,
 * which it reads before touching the stack.
 */
	.text
	.globl vfork
	.type vfork, @function
vfork:
	pop	%rcx			/* the return address; rsp is the caller's */
	mov	%fs:0, %rax
	mov	%rcx, 0x18(%rax)
	mov	%rsp, %rdx
	sub	$64, %rsp		/* the child's block (16-aligned) */
	mov	%rbx, 0(%rsp)
	mov	%rbp, 8(%rsp)
	mov	%r12, 16(%rsp)
	mov	%r13, 24(%rsp)
	mov	%r14, 32(%rsp)
	mov	%r15, 40(%rsp)
	mov	%rcx, 48(%rsp)
	mov	%rdx, 56(%rsp)
	lea	__vfork_child(%rip), %rdi	/* entry */
	mov	%rsp, %rsi			/* stack */
	mov	%rsp, %rdx			/* arg: the block */
	mov	$1025, %eax			/* SYS_VFORK */
	call	*__redox_syscall_entry(%rip)
	/* The parent: the child is gone or exec'd. */
	add	$64, %rsp
	mov	%fs:0, %rcx
	pushq	0x18(%rcx)
	mov	%rax, %rdi
	jmp	__vfork_result
	.size vfork, . - vfork

	.type __vfork_child, @function
__vfork_child:
	mov	0(%rdi), %rbx
	mov	8(%rdi), %rbp
	mov	16(%rdi), %r12
	mov	24(%rdi), %r13
	mov	32(%rdi), %r14
	mov	40(%rdi), %r15
	mov	48(%rdi), %rcx
	mov	56(%rdi), %rsp
	xor	%eax, %eax
	jmp	*%rcx
	.size __vfork_child, . - __vfork_child

	.section .note.GNU-stack, "", @progbits
