# The instructions disasm must decode like objdump -d -M intel.
# Assembled by tests/binutils/run with `as`; local labels only, so the
# object has no relocations inside .text.
	.intel_syntax noprefix
	.text
	.globl start
start:
	push rbp
	mov rbp, rsp
	push r12
	push r15
	pop r15
	pop r12
	mov rax, rbx
	mov eax, ebx
	mov ax, bx
	mov al, bl
	mov sil, dil
	mov ah, bh
	mov r8, r9
	mov r10d, r11d
	mov r12w, r13w
	mov r14b, r15b
	mov rax, QWORD PTR [rbp-0x8]
	mov QWORD PTR [rbp-0x10], rdi
	mov DWORD PTR [rax+0x8], 0x1
	mov BYTE PTR [rdi], 0x41
	mov WORD PTR [rsi+rcx*2], 0x1234
	mov eax, DWORD PTR [rsp+0x10]
	mov rax, QWORD PTR [r12]
	mov rax, QWORD PTR [r13+0x0]
	mov rdx, QWORD PTR [rax+rbx*8+0x100]
	mov ecx, DWORD PTR [rip+0x20]
	mov eax, 0x12345678
	mov r9d, 0x5
	mov rax, 0x7
	movabs rax, 0x1122334455667788
	mov cl, 0xff
	mov rax, QWORD PTR [r8+r9*4-0x4]
	lea rax, [rbx+0x8]
	lea rdi, [rip+0x100]
	lea rcx, [rax+rax*2]
	lea r8, [rsp-0x80]
	add rax, rbx
	add eax, 0x10
	add rsp, 0x8
	sub rsp, 0x1000
	sub eax, DWORD PTR [rbp-0x4]
	and eax, 0xff
	and DWORD PTR [rdi], 0xfffffff0
	or rax, 0xffffffffffffff80
	or cl, 0x2
	xor eax, eax
	xor r8d, r8d
	cmp rax, rcx
	cmp eax, 0x1
	cmp BYTE PTR [rdi], 0x0
	cmp QWORD PTR [rbp-0x8], 0x100
	adc rax, rdx
	sbb ecx, ecx
	test eax, eax
	test rdi, rdi
	test al, 0x1
	test BYTE PTR [rax], 0x80
	test ecx, 0x10000
	inc eax
	dec rcx
	inc BYTE PTR [rax]
	dec DWORD PTR [rbx+0x4]
	neg rax
	not ecx
	movzx eax, BYTE PTR [rdi]
	movzx ecx, WORD PTR [rsi+0x2]
	movzx eax, al
	movsx rax, BYTE PTR [rdi]
	movsx eax, WORD PTR [rsi]
	movsxd rax, ecx
	movsxd rdx, DWORD PTR [rdi+0x4]
	shl eax, 1
	shl rax, 0x4
	shr ecx, cl
	sar rdx, 0x3f
	sar eax, 1
	shr r8, 0x2
	rol eax, 0x8
	ror ecx, cl
	imul eax, ecx
	imul rax, QWORD PTR [rdi]
	imul eax, ecx, 0x10
	imul rdx, rsi, 0x1000
	imul rcx
	mul rdx
	div rcx
	idiv DWORD PTR [rbp-0x4]
	cqo
	cdq
	cdqe
	cwde
	sete al
	setne cl
	setg BYTE PTR [rdi]
	setb r8b
	cmove eax, ecx
	cmovne rax, QWORD PTR [rdi]
	cmovl edx, esi
	cmova r9, r10
	xchg rax, rbx
	xchg ecx, eax
	xchg r8, rax
	push 0x10
	push 0x12345
	push QWORD PTR [rax+0x8]
	call rax
	call QWORD PTR [rip+0x10]
	call r11
	jmp rax
	jmp QWORD PTR [rax+rcx*8]
	nop
	nop DWORD PTR [rax]
	nop DWORD PTR [rax+rax*1+0x0]
	nop WORD PTR [rax+rax*1+0x0]
	syscall
	int3
	int 0x80
	hlt
	ud2
	leave
	ret
	ret 0x10
back:
	jmp back
	je back
	jne fwd
	jl back
	jge fwd
	ja back
	jbe fwd
	js back
	call back
	jmp fwd
	call fwd
	.skip 200, 0x90
	jg back
	jle back
	jns fwd
fwd:
	ret
	# prefixes: endbr64, repz ret, pause, cs/data16 nop padding, rep
	# string ops, fs:/gs: operands
	.byte 0xf3, 0x0f, 0x1e, 0xfa
	.byte 0xf3, 0xc3
	.byte 0xf3, 0x90
	.byte 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
	.byte 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
	.byte 0xf3, 0xab
	.byte 0xf3, 0x48, 0xab
	.byte 0xf3, 0xa4
	.byte 0xf3, 0x48, 0xa5
	.byte 0xaa
	.byte 0x48, 0xab
	.byte 0x66, 0xa5
	.byte 0x64, 0x48, 0x8b, 0x04, 0x25, 0x28, 0x00, 0x00, 0x00
	.byte 0x65, 0x8b, 0x00
	.byte 0x64, 0x48, 0x89, 0x44, 0x24, 0x08
	.byte 0x66, 0x90
	.byte 0x06, 0x07, 0xd6
	ret
