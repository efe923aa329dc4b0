/*
 * entry.S - the hosted backend's crossings between programs and the core.
 *
 * No C runs before the host's FS base is installed where C needs it:
 *  - lazy policy (release): the core is TLS-free and runs on the program's
 *    FS; every HAL call goes through a thunk (thunks.S) that installs the
 *    host FS, and the way out restores the program's only if it changed.
 *  - eager policy (HOSTED_EAGER_FS, sanitizer builds): the host FS is
 *    installed at every entry and the program's at every exit.
 */
#include "hal/hosted/fsbase.h"
#include "hal/hosted/hosted.h"

	.text

/* void hosted_switch(struct hal_thread *from, struct hal_thread *to) */
	.globl hosted_switch
	.type hosted_switch, @function
hosted_switch:
	.cfi_startproc
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	sub $8, %rsp
	stmxcsr (%rsp)
	fnstcw 4(%rsp)
	mov %rsp, T_KSP(%rdi)
	mov %rsi, %rdi
	jmp hosted_switch_discard	/* the same way in as a fresh switch */
	.cfi_endproc
	.size hosted_switch, .-hosted_switch

/* void hosted_switch_discard(struct hal_thread *to): the current context is dropped. */
	.globl hosted_switch_discard
	.type hosted_switch_discard, @function
hosted_switch_discard:
	cmpq $0, T_TP_HEAD(%rdi)
	je 1f
	push %rdi
	call hosted_tp_window_load
	pop %rdi
1:	mov %rdi, hosted_cur(%rip)
	mov T_KSP(%rdi), %rsp
	ldmxcsr (%rsp)
	fldcw 4(%rsp)
	add $8, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size hosted_switch_discard, .-hosted_switch_discard

/* A new thread's first switch returns here, on its empty kernel stack. */
	.globl hosted_thread_trampoline
	.type hosted_thread_trampoline, @function
hosted_thread_trampoline:
	.cfi_startproc
	.cfi_undefined rip
	xor %ebp, %ebp
	call hosted_thread_first
	ud2
	.cfi_endproc
	.size hosted_thread_trampoline, .-hosted_thread_trampoline

/* noreturn hosted_boot_enter(stack_top, fn): run fn on the boot stack. */
	.globl hosted_boot_enter
	.type hosted_boot_enter, @function
hosted_boot_enter:
	mov %rdi, %rsp
	xor %ebp, %ebp
	call *%rsi
	ud2
	.size hosted_boot_enter, .-hosted_boot_enter

/*
 * The syscall entry named by AT_REDOX_SYSCALL.  Programs `call` it with the
 * number in rax and arguments in rdi rsi rdx r10 r8 r9; it returns the
 * result in rax and clobbers the C caller-saved registers.
 */
	.globl hosted_syscall_entry
	.type hosted_syscall_entry, @function
/* Onto the thread's kernel stack, the program's FS saved; r11 = hosted_cur. */
.macro ENTER_CORE
	cld
	movb $0, hosted_sud(%rip)	/* host system calls allowed (signal.c) */
	movb $1, hosted_in_core(%rip)
	mov hosted_cur(%rip), %r11
	mov %rsp, T_USER_RSP(%r11)
	mov T_KSTACK_TOP(%r11), %rsp
	RDFS %rcx
	mov %rcx, T_USER_FS(%r11)
#ifdef HOSTED_EAGER_FS
	mov hosted_host_fs(%rip), %rcx
	WRFS %rcx
#endif
.endm

hosted_syscall_entry:
	.cfi_startproc
	ENTER_CORE
	/* core_syscall(nr, a0, a1, a2, a3, a4, a5) */
	sub $8, %rsp
	push %r9
	mov %r8, %r9
	mov %r10, %r8
	mov %rdx, %rcx
	mov %rsi, %rdx
	mov %rdi, %rsi
	mov %rax, %rdi
	call core_syscall
hosted_syscall_exit:
	/* Back on this thread's stack; hosted_cur is this thread again. */
	mov hosted_cur(%rip), %r11
	mov T_USER_FS(%r11), %rcx
#ifdef HOSTED_EAGER_FS
	WRFS %rcx
#else
	RDFS %rdx
	cmp %rcx, %rdx
	je 1f
	WRFS %rcx
1:
#endif
	mov T_RET_RDI(%r11), %rdi
	mov T_USER_RSP(%r11), %rsp
	movb $0, hosted_in_core(%rip)
	movb $1, hosted_sud(%rip)	/* the program's are not */
	/*
	 * An event (a tick) that arrived after the core last looked would
	 * wait until the next syscall, which a CPU-bound program never makes:
	 * enter the core again as a tick would.  From here on a tick may
	 * preempt as in user code.
	 */
	cmpl $0, hosted_pending(%rip)
	jne 2f
	ret
2:	lea -128(%rsp), %rsp
	call hosted_yield_stub_safe
	ret
	.cfi_endproc
	.size hosted_syscall_entry, .-hosted_syscall_entry

/*
 * The fault stub's way in (sigentry.S): core_fault() with what the host
 * signal handler recorded.  It returns only when the program has a
 * handler, which then runs; the way out is the syscall's.
 */
	.globl hosted_fault_entry
	.type hosted_fault_entry, @function
hosted_fault_entry:
	.cfi_startproc
	ENTER_CORE
	mov T_FAULT_SIG(%r11), %rdi
	mov T_FAULT_ADDR(%r11), %rsi
	mov T_FAULT_IP(%r11), %rdx
	call core_fault
	jmp hosted_syscall_exit
	.cfi_endproc
	.size hosted_fault_entry, .-hosted_fault_entry

/* noreturn hosted_user_enter(entry, sp, arg, fs): first entry to user mode. */
	.globl hosted_user_enter
	.type hosted_user_enter, @function
hosted_user_enter:
	WRFS %rcx
	mov %rsi, %rsp
	mov %rdi, %r11
	mov %rdx, %rdi
	fninit
	ldmxcsr default_mxcsr(%rip)
	xor %eax, %eax
	xor %ebx, %ebx
	xor %ecx, %ecx
	xor %edx, %edx
	xor %esi, %esi
	xor %ebp, %ebp
	xor %r8d, %r8d
	xor %r9d, %r9d
	xor %r10d, %r10d
	xor %r12d, %r12d
	xor %r13d, %r13d
	xor %r14d, %r14d
	xor %r15d, %r15d
	movb $0, hosted_in_core(%rip)
	movb $1, hosted_sud(%rip)
	jmp *%r11
	.size hosted_user_enter, .-hosted_user_enter

	.section .rodata
	.globl default_mxcsr
default_mxcsr:
	.long 0x1f80
	.section .note.GNU-stack, "", @progbits
