/*
 * asm_hello - the smallest program: no libc.  It finds the syscall entry
 * in the auxiliary vector, writes a line to fd 1 and exits with 7.  It
 * checks the process-entry ABI (stack layout, auxv) on its own.
 */
	.text
	.globl _start
_start:
	mov (%rsp), %rcx		/* argc */
	lea 16(%rsp,%rcx,8), %rbx	/* skip argc, argv[], NULL */
1:	cmpq $0, (%rbx)			/* skip envp[] */
	lea 8(%rbx), %rbx
	jne 1b
2:	mov (%rbx), %rax		/* auxv: find AT_REDOX_SYSCALL */
	test %rax, %rax
	jz 9f
	cmp $0x5c00, %rax
	je 3f
	add $16, %rbx
	jmp 2b
3:	mov 8(%rbx), %r12
	mov $0x21000004, %eax		/* SYS_WRITE */
	mov $1, %edi
	lea msg(%rip), %rsi
	mov $msglen, %edx
	call *%r12
	mov $1, %eax			/* SYS_EXIT */
	mov $7, %edi
	call *%r12
9:	ud2

	.section .rodata
msg:	.ascii "asm_hello: hello from a program with no libc\n"
	.set msglen, . - msg
	.section .note.GNU-stack, "", @progbits
