/*
 * __thread_exit(volatile uint32_t *state, int status, volatile uint32_t *alive):
 * the last thing a thread does.  Marks it exited, wakes a joiner, and
 * leaves with SYS_EXIT_THREAD(status, alive); the kernel clears *alive
 * once the thread will never touch its stack again, which is when its
 * mapping may go (thread/pthread.c).
 */
	.text
	.globl __thread_exit
	.type __thread_exit, @function
__thread_exit:
	mov	%rdi, %r12		/* callee-saved: survive the call */
	mov	%esi, %r13d
	mov	%rdx, %r14
	movl	$2, (%rdi)		/* THREAD_EXITED */
	mov	$240, %eax		/* SYS_FUTEX(state, FUTEX_WAKE, 1, NULL) */
	mov	$1, %esi
	mov	$1, %edx
	xor	%r10d, %r10d
	call	*__redox_syscall_entry(%rip)
	mov	$1008, %eax		/* SYS_EXIT_THREAD(status, alive) */
	mov	%r13d, %edi
	mov	%r14, %rsi
	call	*__redox_syscall_entry(%rip)
	ud2
	.size __thread_exit, . - __thread_exit

	.section .note.GNU-stack, "", @progbits
