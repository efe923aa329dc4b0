/*
 * rxrun's side of the syscall boundary.  rx_syscall_entry is the address
 * programs get in auxv AT_REDOX_SYSCALL: it takes the Redox registers
 * (rax; rdi rsi rdx r10 r8 r9) and calls rx_dispatch(nr, a0..a5) in C.
 */
	.text
	.globl rx_syscall_entry
	.type rx_syscall_entry, @function
rx_syscall_entry:
	push	%rbp
	mov	%rsp, %rbp
	sub	$8, %rsp
	push	%r9			/* a5: the 7th C argument, on the stack */
	mov	%r8, %r9
	mov	%r10, %r8
	mov	%rdx, %rcx
	mov	%rsi, %rdx
	mov	%rdi, %rsi
	mov	%rax, %rdi
	cld
	call	rx_dispatch
	leave
	ret
	.size rx_syscall_entry, . - rx_syscall_entry

/* rx_clone(flags, stack, entry, arg, tls): a Linux thread that starts at
 * entry(arg) on stack, as SYS_CLONE_THREAD promises. */
	.globl rx_clone
	.type rx_clone, @function
rx_clone:
	push	%r12
	push	%r13
	mov	%rdx, %r12
	mov	%rcx, %r13
	mov	$56, %eax		/* clone(flags, newsp, ptid, ctid, tls) */
	xor	%edx, %edx
	xor	%r10d, %r10d
	syscall
	test	%rax, %rax
	jnz	1f
	mov	%r13, %rdi		/* the child, on its new stack */
	xor	%ebp, %ebp
	jmp	*%r12
1:	pop	%r13
	pop	%r12
	ret
	.size rx_clone, . - rx_clone

/* Linux's signal return, used as every handler's restorer. */
	.globl rx_restorer
	.type rx_restorer, @function
rx_restorer:
	mov	$15, %eax		/* rt_sigreturn */
	syscall
	ud2
	.size rx_restorer, . - rx_restorer

/* rx_start(entry, sp): enter the program as the kernel would. */
	.globl rx_start
	.type rx_start, @function
rx_start:
	mov	%rdi, %rax
	mov	%rsi, %rsp
	mov	%rsi, %rdi
	xor	%ebp, %ebp
	jmp	*%rax
	.size rx_start, . - rx_start

	.section .note.GNU-stack, "", @progbits
