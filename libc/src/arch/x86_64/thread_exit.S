/*
 * __thread_exit(volatile uint32_t *state, int status): the last thing a
 * thread does.  Marks it exited, wakes a joiner, and leaves with
 * SYS_EXIT_THREAD, touching the stack as little as it can (the joiner may
 * unmap it soon after; see thread/pthread_create.c).
 */
	.text
	.globl __thread_exit
	.type __thread_exit, @function
__thread_exit:
	mov	%rdi, %r12		/* callee-saved: survives the call */
	mov	%esi, %r13d
	movl	$2, (%rdi)		/* THREAD_EXITED */
	mov	$240, %eax		/* SYS_FUTEX(state, FUTEX_WAKE, 1) */
	mov	$1, %esi
	mov	$1, %edx
	call	*__redox_syscall_entry(%rip)
	mov	$1008, %eax		/* SYS_EXIT_THREAD(status, state) */
	mov	%r13d, %edi
	mov	%r12, %rsi
	call	*__redox_syscall_entry(%rip)
	ud2
	.size __thread_exit, . - __thread_exit

	.section .note.GNU-stack, "", @progbits
