/*
 * sigtramp.S - the hosted pieces of signal delivery that need no glibc
 * (so no thunk, no host FS), and the CPU-time counter.
 *
 * hosted_sig_tramp: a signal frame's first stop.  The syscall exit pops
 * its address and leaves rdi = the signal; rsp points at the frame
 * (sigframe.c: restorer, handler, &info, &uc), whose restorer is the
 * handler's return address.  It loads rsi and rdx and jumps, so the
 * handler runs as handler(sig, &info, &uc) called from the restorer.
 */
#include "hal/hosted/hosted.h"

	.text
	.globl hosted_sig_tramp
	.type hosted_sig_tramp, @function
hosted_sig_tramp:
	mov 16(%rsp), %rsi
	mov 24(%rsp), %rdx
	jmp *8(%rsp)
	.size hosted_sig_tramp, .-hosted_sig_tramp

/* uintptr_t hal_user_sp(void): rsp at the current thread's entry. */
	.globl hal_user_sp
	.type hal_user_sp, @function
hal_user_sp:
	mov hosted_cur(%rip), %rax
	mov T_USER_RSP(%rax), %rax
	ret
	.size hal_user_sp, .-hal_user_sp

/* void hal_thread_set_altstack(struct hal_thread *t, uintptr_t lo, uintptr_t hi) */
	.globl hal_thread_set_altstack
	.type hal_thread_set_altstack, @function
hal_thread_set_altstack:
	mov %rsi, T_ALT_LO(%rdi)
	mov %rdx, T_ALT_HI(%rdi)
	ret
	.size hal_thread_set_altstack, .-hal_thread_set_altstack

/* uint64_t hal_cpu_ticks(void): the TSC; no thunk, no glibc. */
	.globl hal_cpu_ticks
	.type hal_cpu_ticks, @function
hal_cpu_ticks:
	rdtsc
	shl $32, %rdx
	or %rdx, %rax
	ret
	.size hal_cpu_ticks, .-hal_cpu_ticks

	.section .note.GNU-stack, "", @progbits
