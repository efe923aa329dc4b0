	.text
	.globl gpr_spin
	.type gpr_spin, @function
/* long gpr_spin(long iters): loads patterns in all GPRs, spins, returns the
 * number of mismatches found. */
gpr_spin:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rdi, %r8
	movabs $0x1111111111111111, %rax
	movabs $0x2222222222222222, %rbx
	movabs $0x3333333333333333, %rcx
	movabs $0x4444444444444444, %rdx
	movabs $0x5555555555555555, %rsi
	movabs $0x6666666666666666, %rdi
	movabs $0x7777777777777777, %rbp
	movabs $0x9999999999999999, %r9
	movabs $0xaaaaaaaaaaaaaaaa, %r10
	movabs $0xbbbbbbbbbbbbbbbb, %r11
	movabs $0xcccccccccccccccc, %r12
	movabs $0xdddddddddddddddd, %r13
	movabs $0xeeeeeeeeeeeeeeee, %r14
	movabs $0xffffffffffffffff, %r15
1:	dec %r8
	jnz 1b
	xor %r8d, %r8d
	movabs $0x1111111111111111, %r15
	cmp %r15, %rax
	je 2f
	inc %r8
2:	movabs $0x2222222222222222, %r15
	cmp %r15, %rbx
	je 2f
	inc %r8
2:	movabs $0x3333333333333333, %r15
	cmp %r15, %rcx
	je 2f
	inc %r8
2:	movabs $0x4444444444444444, %r15
	cmp %r15, %rdx
	je 2f
	inc %r8
2:	movabs $0x5555555555555555, %r15
	cmp %r15, %rsi
	je 2f
	inc %r8
2:	movabs $0x6666666666666666, %r15
	cmp %r15, %rdi
	je 2f
	inc %r8
2:	movabs $0x7777777777777777, %r15
	cmp %r15, %rbp
	je 2f
	inc %r8
2:	movabs $0x9999999999999999, %r15
	cmp %r15, %r9
	je 2f
	inc %r8
2:	movabs $0xaaaaaaaaaaaaaaaa, %r15
	cmp %r15, %r10
	je 2f
	inc %r8
2:	movabs $0xbbbbbbbbbbbbbbbb, %r15
	cmp %r15, %r11
	je 2f
	inc %r8
2:	movabs $0xcccccccccccccccc, %r15
	cmp %r15, %r12
	je 2f
	inc %r8
2:	movabs $0xdddddddddddddddd, %r15
	cmp %r15, %r13
	je 2f
	inc %r8
2:	movabs $0xeeeeeeeeeeeeeeee, %r15
	cmp %r15, %r14
	je 2f
	inc %r8
2:	mov %r8, %rax
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.section .note.GNU-stack, "", @progbits
