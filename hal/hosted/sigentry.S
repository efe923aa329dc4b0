/*
 * sigentry.S - the assembly around host signals.
 *
 * hosted_sig_entry: every handler starts here.  It saves the interrupted
 * FS base, installs the host's, calls hosted_signal() and installs the FS
 * that function returns; the tick and SIGIO go to hosted_signal_quick()
 * on the FS that is installed (outside the sanitizer build).
 *
 * hosted_yield_stub: a preempted program resumes here (the handler set
 * rip to it and moved rsp below the red zone).  It saves every register
 * and the whole xsave state on the user stack, enters the core with
 * SYS_YIELD, restores, and returns to the preempted rip with ret $128.
 *
 * hosted_fault_stub: the same for a fault; the core runs the program's
 * handler for it or kills it.
 *
 * hosted_fault_tramp: a faulting program with no room on its stack (or a
 * fault in a stub) resumes here, on its thread's empty kernel stack, and
 * the core kills it.
 */
#include "hal/hosted/fsbase.h"
#include "hal/hosted/hosted.h"

#define SIGNO_IO	29	/* Linux x86_64 */
#define SIGNO_ALRM	14

	.text
	.globl hosted_sig_entry
	.type hosted_sig_entry, @function
hosted_sig_entry:
	.cfi_startproc
	push %rbx
	.cfi_adjust_cfa_offset 8
	push %r12
	.cfi_adjust_cfa_offset 8
	sub $8, %rsp
	.cfi_adjust_cfa_offset 8
	/* Host system calls allowed while the handler runs (WRFS is one). */
	movzbl hosted_sud(%rip), %r12d
	movb $0, hosted_sud(%rip)
#ifndef HOSTED_EAGER_FS
	/* The tick and SIGIO on the FS that is installed (signal.c). */
	cmp $SIGNO_IO, %edi
	je 2f
	cmp $SIGNO_ALRM, %edi
	jne 3f
2:	call hosted_signal_quick
	test %eax, %eax
	jz 4f
	mov hosted_host_fs(%rip), %rax
	WRFS %rax
	jmp 4f
3:
#endif
	RDFS %rbx
	mov hosted_host_fs(%rip), %rax
	WRFS %rax
	mov %rbx, %rcx
	call hosted_signal
	WRFS %rax
	/* Back to the program: its own state again; to the core (or the
	 * fault trampoline, which is the core): allowed. */
4:	cmpb $0, hosted_in_core(%rip)
	jne 1f
	movb %r12b, hosted_sud(%rip)
1:	add $8, %rsp
	.cfi_adjust_cfa_offset -8
	pop %r12
	.cfi_adjust_cfa_offset -8
	pop %rbx
	.cfi_adjust_cfa_offset -8
	ret
	.cfi_endproc
	.size hosted_sig_entry, .-hosted_sig_entry

/*
 * Every handler returns through here (SA_RESTORER, signal.c): the one
 * place a program's thread may make a Linux system call, rt_sigreturn,
 * so it is Syscall User Dispatch's allowed range.
 */
	.globl hosted_restorer, hosted_restorer_end
	.type hosted_restorer, @function
hosted_restorer:
	mov $15, %eax		/* rt_sigreturn */
	syscall
	ud2
hosted_restorer_end:
	.size hosted_restorer, .-hosted_restorer

/*
 * The two stubs share their shape: put the resume address (recorded in
 * hosted_cur->preempt_rip by the host handler) in the slot above the
 * moved rsp, save every register and the xsave state, enter the core,
 * restore, and return to the resume address with ret $128.  Only the
 * first part (until the address is in its slot) must not be preempted.
 */
.macro STUB_PREFIX
	/* No flag may change (no sub). */
	lea -8(%rsp), %rsp
	push %rax
	mov hosted_cur(%rip), %rax
	mov T_PREEMPT_RIP(%rax), %rax
	mov %rax, 8(%rsp)
	pop %rax
.endm

.macro STUB_BODY enter
	pushfq
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
	mov %rsp, %rbp
	sub hosted_xsave_size(%rip), %rsp
	and $-64, %rsp
	xor %eax, %eax
	mov %rax, 512(%rsp)
	mov %rax, 520(%rsp)
	mov %rax, 528(%rsp)
	mov %rax, 536(%rsp)
	mov %rax, 544(%rsp)
	mov %rax, 552(%rsp)
	mov %rax, 560(%rsp)
	mov %rax, 568(%rsp)
	mov $-1, %eax
	mov $-1, %edx
	xsave64 (%rsp)
	cld
	fninit
	ldmxcsr default_mxcsr(%rip)
	/* The block's address above the return address: a signal frame
	 * finds the registers there (sigframe.c). */
	push %rbp
	push %rbp
	call \enter
	add $16, %rsp
	mov $-1, %eax
	mov $-1, %edx
	xrstor64 (%rsp)
	mov %rbp, %rsp
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
	popfq
	ret $128
.endm

	.globl hosted_yield_stub, hosted_yield_stub_safe
	.type hosted_yield_stub, @function
hosted_yield_stub:
	STUB_PREFIX
/*
 * From here on nothing lives in hosted_cur->preempt_rip, so a tick may
 * preempt this code again.  Entered also by `call` (the slot is then the
 * return address), from the syscall exit when an event is pending.
 */
hosted_yield_stub_safe:
	STUB_BODY yield_enter
	.size hosted_yield_stub, .-hosted_yield_stub

yield_enter:
	mov $158, %eax			/* SYS_YIELD */
	jmp hosted_syscall_entry

/*
 * hosted_fault_stub: a program that faulted resumes here when its stack
 * has room, so that a handler it installed can run and return to the
 * faulting instruction with every register as it was.
 */
	.globl hosted_fault_stub, hosted_fault_stub_safe, hosted_stubs_end
	.type hosted_fault_stub, @function
hosted_fault_stub:
	STUB_PREFIX
hosted_fault_stub_safe:
	STUB_BODY hosted_fault_entry
	.size hosted_fault_stub, .-hosted_fault_stub
hosted_stubs_end:

/* Entered with rdi = sig, rsi = addr, rdx = ip, on the kernel stack. */
	.globl hosted_fault_tramp
	.type hosted_fault_tramp, @function
hosted_fault_tramp:
	.cfi_startproc
	.cfi_undefined rip
	cld
	fninit
	ldmxcsr default_mxcsr(%rip)
	xor %ebp, %ebp
	call core_fault_fatal
	ud2
	.cfi_endproc
	.size hosted_fault_tramp, .-hosted_fault_tramp

	.section .note.GNU-stack, "", @progbits
