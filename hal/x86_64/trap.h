/*
 * trap.h - interrupts, exceptions and the syscall entry (trap.c, entry.S).
 *
 * Every entry from ring 3 - interrupt, exception or `syscall` - leaves
 * the same struct x86_frame at the top of the thread's kernel stack, and
 * the way back reads it from there.  So the signal code and the user-fault
 * path see one format, and a switched-out thread's user state is always
 * at a known place.  FRAME_* offsets are shared with entry.S.
 */
#ifndef HAL_X86_64_TRAP_H
#define HAL_X86_64_TRAP_H

#define FRAME_RAX	112
#define FRAME_VECTOR	120
#define FRAME_RIP	136
#define FRAME_CS	144
#define FRAME_SIZE	176

#define VEC_SYSCALL	0x100	/* frame.vector of a syscall entry */
#define VEC_USER_ENTER	0x101	/* frame.vector of a first entry to user mode */
#define VEC_IRQ_BASE	0x20	/* IOAPIC pins 0..23 -> vectors 0x20..0x37 */
#define VEC_TIMER	0x40	/* local APIC timer */
#define VEC_AHCI	0x41	/* AHCI controllers' MSI */
#define VEC_NIC		0x42	/* the RTL8168's MSI */
#define VEC_SPURIOUS	0xff

#ifndef __ASSEMBLER__
#include <stdint.h>

struct x86_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;	/* as the CPU pushes them */
};

typedef void (*x86_irq_fn)(struct x86_frame *f);

/*
 * The core's entry points, called through here so the in-kernel tests
 * (ktest.c) can stand in for the core; always core_* otherwise.
 */
struct x86_core_entry {
	long (*syscall)(long, long, long, long, long, long, long);
	void (*fault)(int sig, uintptr_t addr, uintptr_t ip);
	void (*interrupt)(void);
};
extern struct x86_core_entry x86_core;

/* Sends IOAPIC pin `irq` (ISA numbering) to fn. */
void x86_irq_route(int irq, x86_irq_fn fn);
/* Handles a local vector (the APIC timer) with fn. */
void x86_vector_set(int vec, x86_irq_fn fn);

void x86_backtrace(uint64_t rbp);
_Noreturn void x86_halt(void);

/* entry.S */
void x86_syscall_entry(void);
_Noreturn void x86_frame_return(struct x86_frame *f);
/* 0, or -EFAULT if a page faulted (SMAP is lifted around the copy). */
int x86_user_copy(void *dst, const void *src, uint64_t n);
/* The user-mapped trampoline page's contents: syscall; ret. */
extern char x86_tramp_code[], x86_tramp_code_end[];
#endif
#endif
