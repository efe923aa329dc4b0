/*
 * __thread_start(struct __pthread *t): where SYS_CLONE_THREAD starts a new
 * thread, with rsp 16-byte aligned.  The `call` gives __pthread_main the
 * stack alignment a C function expects at entry.
 */
	.text
	.globl __thread_start
	.type __thread_start, @function
__thread_start:
	xor	%ebp, %ebp		/* the outermost frame */
	call	__pthread_main		/* t is still in rdi */
	ud2
	.size __thread_start, . - __thread_start

	.section .note.GNU-stack, "", @progbits
