/*
 * thunks.S - every core -> HAL call enters here.  The core may run on the
 * program's FS base (lazy policy); glibc needs the host's.  A thunk installs
 * the host FS if it is not installed and tail-calls the C implementation,
 * whose arguments are untouched (only rax and the flags change).
 */
#include "hal/hosted/fsbase.h"

	.text
.macro THUNK_TO sym, target
	.globl \sym
	.type \sym, @function
\sym:
	RDFS %rax
	cmp hosted_host_fs(%rip), %rax
	jne 1f
	jmp \target
1:	mov hosted_host_fs(%rip), %rax
	WRFS %rax
	jmp \target
	.size \sym, .-\sym
.endm

.macro THUNK name
	THUNK_TO hal_\name, hosted_\name
.endm

	THUNK boot_info
	THUNK console_read
	THUNK poweroff
	THUNK reboot
	THUNK idle
	THUNK thread_new
	THUNK thread_free
#ifdef HOSTED_EAGER_FS
	THUNK thread_switch		/* with ASan's fiber calls */
#endif
	THUNK thread_set_tp
	THUNK thread_set_stack
	THUNK thread_tp
	THUNK signal_push
	THUNK signal_return
	THUNK as_new
	THUNK as_free
	THUNK random_seed
	THUNK blk_get
	THUNK nic_get
	THUNK_TO hosted_pcap_send_thunk, hosted_pcap_send	/* nic.c */
	THUNK_TO hosted_pcap_recv_thunk, hosted_pcap_recv

/*
 * Called without a thunk, on whatever FS is installed: they read no TLS
 * and make their host system calls raw (rawsys.h).  Each is on a hot
 * path where a thunk's two FS swaps (host system calls without FSGSBASE)
 * would cost more than the call: hal_clock_ns and hal_wallclock_ns
 * (clock.c), hal_timer_arm (events.c), hal_page_alloc/free/counts
 * (pages.c), hal_map/unmap/protect/prefault (mem.c, arena.c), hal_console_write
 * (console.c), a disk's submit (blk.c), a TAP's send and recv (nic.c).
 */

/*
 * hal_events_take: on every way back to user mode, so no thunk: it needs
 * no glibc, and an FS swap would cost more than the rest of a syscall.
 */
	.globl hal_events_take
	.type hal_events_take, @function
hal_events_take:
	mov hosted_pending(%rip), %eax	/* usually 0: skip the locked swap */
	test %eax, %eax
	jz 1f
	xor %eax, %eax
	xchg %eax, hosted_pending(%rip)
1:	ret
	.size hal_events_take, .-hal_events_take

/*
 * hal_as_activate: the hosted HAL has one address space, so there is
 * nothing to switch, and a thunk's FS swap would be the whole cost.
 * hal_clock_ns is in clock.c, also without a thunk.
 */
	.globl hal_as_activate
	.type hal_as_activate, @function
hal_as_activate:
	ret
	.size hal_as_activate, .-hal_as_activate

/*
 * The user copies: no thunk either.  They are hosted_copy itself (same
 * arguments), which needs no glibc; without FSGSBASE a thunk's FS swaps
 * would be two host system calls around every copy.
 */
	.globl hal_copy_from_user, hal_copy_to_user
	.type hal_copy_from_user, @function
	.type hal_copy_to_user, @function
hal_copy_from_user:
hal_copy_to_user:
	jmp hosted_copy
	.size hal_copy_from_user, .-hal_copy_from_user
	.size hal_copy_to_user, .-hal_copy_to_user

#ifndef HOSTED_EAGER_FS
/*
 * hal_thread_switch: no thunk outside the sanitizer build, where it is
 * hosted_switch itself (assembly, no glibc).  The thread switched to
 * resumes inside the core, which needs no FS of its own, and its way out
 * installs its program's; so a scheme round trip swaps FS twice, not four
 * times (without FSGSBASE each swap is a host system call).
 */
	.globl hal_thread_switch
	.type hal_thread_switch, @function
hal_thread_switch:
	test %rdi, %rdi
	jz 1f
	jmp hosted_switch
1:	mov %rsi, %rdi
	jmp hosted_switch_discard
	.size hal_thread_switch, .-hal_thread_switch
#endif

/* hal_syscall_entry(as): one shared address space, one entry function. */
	.globl hal_syscall_entry
	.type hal_syscall_entry, @function
hal_syscall_entry:
	lea hosted_syscall_entry(%rip), %rax
	ret
	.size hal_syscall_entry, .-hal_syscall_entry

/* hal_user_enter: the C part only reads the current thread. */
	.globl hal_user_enter
	.type hal_user_enter, @function
hal_user_enter:
	RDFS %rax
	cmp hosted_host_fs(%rip), %rax
	je 1f
	mov hosted_host_fs(%rip), %rax
	WRFS %rax
1:	jmp hosted_user_enter_c
	.size hal_user_enter, .-hal_user_enter

/*
 * int hosted_copy(void *dst, const void *src, size_t n): 0, or -EFAULT
 * when the copy faults (the SIGSEGV handler moves rip to the fixup).
 */
	.globl hosted_copy, hosted_copy_start, hosted_copy_end, hosted_copy_fixup
	.type hosted_copy, @function
hosted_copy:
	mov %rdx, %rcx
hosted_copy_start:
	rep movsb
hosted_copy_end:
	xor %eax, %eax
	ret
hosted_copy_fixup:
	mov $-14, %eax
	ret
	.size hosted_copy, .-hosted_copy

	.section .note.GNU-stack, "", @progbits
