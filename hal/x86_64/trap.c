/*
 * trap.c - what happens after entry.S has built a frame.
 *
 * The core is entered only from user mode and runs with interrupts off,
 * so an interrupt in kernel mode can only arrive inside hal_idle(): it
 * records its event and returns.  One from user mode also calls
 * core_interrupt() (after the EOI, since the core may switch threads and
 * not come back for a while).  Exceptions in user mode become core_fault();
 * in kernel mode they are bugs, except a page fault inside the user-copy
 * routine, which becomes -EFAULT.
 */
#include "hal/hal.h"
#include "hal/x86_64/apic.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/thread.h"
#include "hal/x86_64/trap.h"

#define SIGILL	4
#define SIGTRAP	5
#define SIGBUS	7
#define SIGFPE	8
#define SIGSEGV	11
#define SIGSYS	31

extern char x86_user_copy_fault[], x86_user_copy_fixup[];

static x86_irq_fn handlers[256];

struct x86_core_entry x86_core = { core_syscall, core_fault, core_interrupt };

static const char *const exc_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault", "coprocessor",
	"invalid TSS", "segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 FP error", "alignment check",
	"machine check", "SIMD FP error", "virtualization", "control protection",
};

void
x86_vector_set(int vec, x86_irq_fn fn)
{
	handlers[vec] = fn;
}

void
x86_irq_route(int irq, x86_irq_fn fn)
{
	handlers[VEC_IRQ_BASE + irq] = fn;
	apic_route_irq(irq, VEC_IRQ_BASE + irq);
}

_Noreturn void
x86_halt(void)
{
	/* Under test, a hang would only cost a timeout: exit with status 70. */
	if (x86_opts.test)
		outb(0xf4, 70);
	for (;;)
		__asm__ volatile("cli; hlt");
}

void
x86_backtrace(uint64_t rbp)
{
	x86_printf("backtrace (addr2line -e build/kernel.elf):\n");
	for (int i = 0; i < 32; i++) {
		if (rbp < DMAP_BASE || (rbp & 7))
			break;
		uint64_t *fp = (uint64_t *)rbp;
		if (!fp[1])
			break;
		x86_printf("  %p\n", (void *)fp[1]);
		rbp = fp[0];
	}
}

static _Noreturn void
kernel_fault(struct x86_frame *f)
{
	uint64_t v = f->vector;
	x86_printf("\nKERNEL FAULT: %s (vector %lu, error 0x%lx) at rip %p\n",
	    v < 32 && exc_names[v] ? exc_names[v] : "?", v, f->error, (void *)f->rip);
	x86_printf("  cr2 %p cr3 %p rflags %lx cs %lx\n", (void *)read_cr2(),
	    (void *)read_cr3(), f->rflags, f->cs);
	x86_printf("  rax %p rbx %p rcx %p rdx %p\n", (void *)f->rax, (void *)f->rbx, (void *)f->rcx, (void *)f->rdx);
	x86_printf("  rsi %p rdi %p rbp %p rsp %p\n", (void *)f->rsi, (void *)f->rdi, (void *)f->rbp, (void *)f->rsp);
	x86_printf("  r8  %p r9  %p r10 %p r11 %p\n", (void *)f->r8, (void *)f->r9, (void *)f->r10, (void *)f->r11);
	x86_printf("  r12 %p r13 %p r14 %p r15 %p\n", (void *)f->r12, (void *)f->r13, (void *)f->r14, (void *)f->r15);
	x86_printf("  %p <- faulting instruction\n", (void *)f->rip);
	x86_backtrace(f->rbp);
	x86_halt();
}

/* The signal and si_code (Linux's numbers) for an exception in ring 3. */
static int
fault_signal(const struct x86_frame *f)
{
	switch (f->vector) {
	case 0: return HAL_FAULT(SIGFPE, 1);		/* FPE_INTDIV */
	case 4: return HAL_FAULT(SIGSEGV, 0x80);	/* into: SI_KERNEL */
	case 16: case 19: return HAL_FAULT(SIGFPE, 0);
	case 1: return HAL_FAULT(SIGTRAP, 2);		/* TRAP_TRACE */
	case 3: return HAL_FAULT(SIGTRAP, 0x80);
	case 6: return HAL_FAULT(SIGILL, 2);		/* ILL_ILLOPN, as Linux */
	case 7: return HAL_FAULT(SIGILL, 7);		/* ILL_COPROC */
	case 11: case 12: return HAL_FAULT(SIGBUS, 2);	/* BUS_ADRERR */
	case 17: return HAL_FAULT(SIGBUS, 1);		/* BUS_ADRALN */
	case 14: /* present bit: a protection fault, else nothing mapped */
		return HAL_FAULT(SIGSEGV, (f->error & 1) ? 2 : 1);
	default: return HAL_FAULT(SIGSEGV, 0x80);	/* #GP: SI_KERNEL */
	}
}

/* Ring-3 segments and flags, whatever the frame held. */
void
x86_frame_sanitise(struct x86_frame *f)
{
	f->cs = 0x23;
	f->ss = 0x1b;
	/* Arithmetic flags, DF and AC are the program's; IF on, no IOPL/NT/TF. */
	f->rflags = (f->rflags & 0x40cd5) | 0x202;
}

/* Makes a frame safe to return to ring 3 with, after the core has run. */
void
x86_user_return_check(struct x86_frame *f)
{
	/* sysret/iretq to a non-canonical rip would fault in ring 0. */
	while (f->rip >= 0x800000000000ull)
		x86_core.fault(SIGSEGV, f->rip, f->rip);
	x86_frame_sanitise(f);
}

void
x86_trap(struct x86_frame *f)
{
	uint64_t v = f->vector;
	int user = (f->cs & 3) != 0;

	if (v < 32) {
		if (!user) {
			if (v == 14 && f->rip == (uint64_t)x86_user_copy_fault) {
				f->rip = (uint64_t)x86_user_copy_fixup;
				return;
			}
			kernel_fault(f);
		}
		/* Linux gives a #GP's si_addr as 0; the others their rip. */
		uint64_t addr = v == 14 ? read_cr2() : v == 13 ? 0 : f->rip;
		x86_core.fault(fault_signal(f), addr, f->rip);
		x86_user_return_check(f);
		return;
	}
	if (v != VEC_SPURIOUS) {
		if (handlers[v])
			handlers[v](f);
		apic_eoi();
	}
	if (user) {
		x86_core.interrupt();
		x86_user_return_check(f);
	}
}

void
x86_syscall(struct x86_frame *f)
{
	/* Only the trampoline page may enter: its `syscall` is at offset 0. */
	if (f->rip != X86_TRAMP_VA + 2)
		x86_core.fault(SIGSYS, f->rip - 2, f->rip - 2);
	else
		f->rax = (uint64_t)x86_core.syscall((long)f->rax, (long)f->rdi,
		    (long)f->rsi, (long)f->rdx, (long)f->r10, (long)f->r8, (long)f->r9);
	x86_user_return_check(f);
}
