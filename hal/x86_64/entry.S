/*
 * entry.S - the ways into and out of the kernel.
 *
 *  - x86_vector_stubs: 256 interrupt/exception stubs.  Each pushes a zero
 *    error code where the CPU pushes none, then its vector number, so
 *    x86_trap() gets one struct x86_frame for all of them.
 *  - x86_syscall_entry: `syscall` from the user trampoline page.  The CPU
 *    leaves rsp as the user's, so it is parked in a scratch word (one CPU,
 *    interrupts masked by SFMASK) while the thread's kernel stack is
 *    loaded; then it builds the same frame an interrupt would.
 *  - x86_frame_return: back to user mode from a frame - sysret for a
 *    syscall frame (rcx and r11 are the syscall ABI's to clobber), iretq
 *    for anything else (a preempted thread gets every register back).
 *  - x86_switch: the kernel context switch (callee-saved registers only;
 *    the FPU and FS base are switched in C).
 *  - x86_user_copy: the only code that touches user memory, with SMAP
 *    lifted and an exception-table entry that turns a fault into -EFAULT.
 */
#include "hal/x86_64/cpu.h"
#include "hal/x86_64/trap.h"

.macro PUSH_GPRS
	push %rax
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %rbp
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
.endm

.macro POP_GPRS
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rbp
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rbx
	pop %rax
.endm

	.text
	.balign 16
vector_stub_base:
	vec = 0
	.rept 256
	.balign 16
	.if (vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30)
	.else
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
	vec = vec + 1
	.endr

trap_common:
	PUSH_GPRS
	cld
	testb $3, FRAME_CS(%rsp)
	jz 1f
	/* From ring 3: user rflags.AC must not switch SMAP off in here. */
	cmpb $0, x86_smap_on(%rip)
	je 1f
	clac
1:	mov %rsp, %rdi
	call x86_trap
	mov %rsp, %rdi
	/* fall through */

/* noreturn x86_frame_return(struct x86_frame *f) */
	.globl x86_frame_return
x86_frame_return:
	mov %rdi, %rsp
	cmpq $VEC_SYSCALL, FRAME_VECTOR(%rsp)
	je sysret_path
	POP_GPRS
	add $16, %rsp			/* vector, error */
	iretq

sysret_path:
	/* rip canonical was checked in C (x86_syscall); rcx/r11 are rip/rflags. */
	mov FRAME_RIP(%rsp), %rcx
	mov FRAME_RIP+16(%rsp), %r11	/* rflags */
	mov %rcx, 96(%rsp)
	mov %r11, 32(%rsp)
	POP_GPRS
	mov 40(%rsp), %rsp		/* vector error rip cs rflags [rsp] ss */
	sysretq

	.globl x86_syscall_entry
x86_syscall_entry:
	mov %rsp, x86_scratch_rsp(%rip)
	mov x86_kstack_top(%rip), %rsp
	pushq $SEL_UDATA
	pushq x86_scratch_rsp(%rip)
	push %r11
	pushq $SEL_UCODE
	push %rcx
	pushq $0
	pushq $VEC_SYSCALL
	PUSH_GPRS
	cld
	mov %rsp, %rdi
	call x86_syscall
	mov %rsp, %rdi
	jmp x86_frame_return

/* void x86_switch(uint64_t *save_ksp, uint64_t ksp) */
	.globl x86_switch
x86_switch:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, (%rdi)
	mov %rsi, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret

/* A new thread's first switch returns here, on its empty kernel stack. */
	.globl x86_thread_trampoline
x86_thread_trampoline:
	xor %ebp, %ebp
	call x86_thread_first
	ud2

/* int x86_user_copy(void *dst, const void *src, uint64_t n) */
	.globl x86_user_copy, x86_user_copy_fault, x86_user_copy_fixup
x86_user_copy:
	mov %rdx, %rcx
	cmpb $0, x86_smap_on(%rip)
	je 1f
	stac
1:
x86_user_copy_fault:
	rep movsb
	cmpb $0, x86_smap_on(%rip)
	je 2f
	clac
2:	xor %eax, %eax
	ret
x86_user_copy_fixup:
	cmpb $0, x86_smap_on(%rip)
	je 3f
	clac
3:	mov $-14, %eax			/* -EFAULT */
	ret

/* The page every address space maps at X86_TRAMP_VA (user, read+exec). */
	.section .rodata
	.balign 4096
	.globl x86_tramp_code, x86_tramp_code_end
x86_tramp_code:
	syscall
	ret
x86_tramp_code_end:
	.balign 4096

	.section .rodata
	.balign 8
	.globl x86_vector_stubs
x86_vector_stubs:
	vec = 0
	.rept 256
	.quad vector_stub_base + vec * 16
	vec = vec + 1
	.endr

	.bss
	.balign 8
	.globl x86_kstack_top, x86_scratch_rsp
x86_kstack_top:	.quad 0
x86_scratch_rsp: .quad 0

	.section .note.GNU-stack, "", @progbits
