/*
 * fsbase.h - assembly macros that read and write the FS base.
 *
 * With FSGSBASE (AT_HWCAP2 bit 1) each is one instruction.  Without it (an
 * older CPU or kernel, or a VM that hides the feature) a write is an
 * arch_prctl system call, and a read takes hosted_fs_now, the value the
 * last write stored: only these macros change the core thread's FS base,
 * because programs cannot (wrfsbase faults without FSGSBASE).
 * hosted_fsgsbase, set by main.c before any thread runs, says which.
 *
 * A write stores hosted_fs_now before it makes the call, so a signal
 * handler that runs in between (it saves hosted_fs_now, installs its own
 * FS, and writes the saved value back) leaves both the same: the call
 * then installs that value again.
 *
 * Both keep every register but the target and the flags, so they drop in
 * wherever the instructions stood; a write needs 40 bytes of stack.
 */
#ifndef HAL_HOSTED_FSBASE_H
#define HAL_HOSTED_FSBASE_H
#ifdef __ASSEMBLER__

#define HOSTED_SYS_ARCH_PRCTL	158
#define HOSTED_ARCH_SET_FS	0x1002

/* \reg = FS base. */
.macro RDFS reg
	cmpb $0, hosted_fsgsbase(%rip)
	je .Lrdfs_slow\@
	rdfsbase \reg
	jmp .Lrdfs_done\@
.Lrdfs_slow\@:
	mov hosted_fs_now(%rip), \reg
.Lrdfs_done\@:
.endm

/* FS base = \reg.  The call may change rax, rcx, r11 and its arguments. */
.macro WRFS reg
	cmpb $0, hosted_fsgsbase(%rip)
	je .Lwrfs_slow\@
	wrfsbase \reg
	jmp .Lwrfs_done\@
.Lwrfs_slow\@:
	push %rax
	push %rcx
	push %rsi
	push %rdi
	push %r11
	mov \reg, %rsi
	mov %rsi, hosted_fs_now(%rip)
	mov $HOSTED_ARCH_SET_FS, %edi
	mov $HOSTED_SYS_ARCH_PRCTL, %eax
	syscall
	pop %r11
	pop %rdi
	pop %rsi
	pop %rcx
	pop %rax
.Lwrfs_done\@:
.endm

#endif
#endif
