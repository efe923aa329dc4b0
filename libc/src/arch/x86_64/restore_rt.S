/*
 * __restore_rt: a signal handler returns here (the kernel's signal frame
 * puts this address where `ret` finds it).  sigreturn restores the
 * interrupted context and never returns.
 */
	.text
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	mov	$119, %eax		/* SYS_SIGRETURN */
	call	*__redox_syscall_entry(%rip)
	ud2
	.size __restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", @progbits
