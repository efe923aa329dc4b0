/*
 * kt_regs_call(in, out): loads rbx, r12-r15 and rbp from in[0..5], makes
 * syscall in[6] with arguments in[7..9] through the entry, and stores
 * those registers and rax to out[0..6].  For kt_regs: the registers must survive preemption.
 */
	.text
	.globl kt_regs_call
	.type kt_regs_call, @function
kt_regs_call:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	push %rsi
	mov 0(%rdi), %rbx
	mov 8(%rdi), %r12
	mov 16(%rdi), %r13
	mov 24(%rdi), %r14
	mov 32(%rdi), %r15
	mov 40(%rdi), %rbp
	mov 48(%rdi), %rax
	mov 64(%rdi), %rsi
	mov 72(%rdi), %rdx
	mov 56(%rdi), %rdi
	call *__redox_syscall_entry(%rip)
	pop %rsi
	mov %rbx, 0(%rsi)
	mov %r12, 8(%rsi)
	mov %r13, 16(%rsi)
	mov %r14, 24(%rsi)
	mov %r15, 32(%rsi)
	mov %rbp, 40(%rsi)
	mov %rax, 48(%rsi)
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size kt_regs_call, .-kt_regs_call
	.section .note.GNU-stack, "", @progbits
