/*
 * sigframe.c - signal frames on the user stack (hosted).
 *
 * A thread enters the core by calling the syscall entry, so what the core
 * knows of its user state depends on how it came in:
 *  - a plain syscall: the return address at user_rsp, the stack pointer
 *    and the result (callee-saved registers survive the handler by the C
 *    ABI; the others the call clobbers anyway);
 *  - through a stub (sigentry.S: a preemption or a fault): every register,
 *    saved on the user stack; the return address at user_rsp is inside the
 *    stub and the word above it points at the saved block.  The stub may
 *    itself have been called from the syscall exit (an event arrived late),
 *    and then the program's rip is the exit's own return address.
 * The frame keeps where the program's rip and registers live (pcslot,
 * block), so sigreturn writes back what the handler left in its ucontext.
 * The thread keeps the newest frame's address (frames form a list through
 * `prev`), so sigreturn never trusts the stack to find it.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"

#define FRAME_MAGIC 0x5349474652414d45ull	/* "SIGFRAME" */

_Static_assert(offsetof(struct hal_thread, alt_lo) == T_ALT_LO, "T_ALT_LO");
_Static_assert(offsetof(struct hal_thread, alt_hi) == T_ALT_HI, "T_ALT_HI");

extern char hosted_yield_stub[], hosted_stubs_end[];

enum { K_SYSCALL, K_STUB, K_MOVED };

/* The order sigtramp.S reads: restorer, handler, info, uc. */
struct sigframe {
	uint64_t restorer;	/* the handler returns here */
	uint64_t handler;
	uint64_t info;
	uint64_t uc;
	uint64_t magic;
	uint64_t prev;
	uint64_t rsp;		/* user_rsp to go back to */
	uint64_t kind;		/* K_* */
	uint64_t pcslot;	/* where the program's rip is kept */
	uint64_t block;		/* a stub's saved registers, or 0 */
	uint8_t saved[HAL_SIG_SAVED];
};
_Static_assert(sizeof(struct sigframe) % 16 == 0, "sigframe alignment");
_Static_assert(sizeof(struct hal_ucontext) % 16 == 0, "ucontext alignment");

/* A stub's block, from its lowest word up (sigentry.S's pushes). */
enum {
	B_R15, B_R14, B_R13, B_R12, B_R11, B_R10, B_R9, B_R8, B_RBP, B_RDI,
	B_RSI, B_RDX, B_RCX, B_RBX, B_RAX, B_RFLAGS, B_RIP, B_N
};
static const int8_t block_greg[B_RFLAGS + 1] = {
	[B_R15] = HAL_REG_R15, [B_R14] = HAL_REG_R14, [B_R13] = HAL_REG_R13,
	[B_R12] = HAL_REG_R12, [B_R11] = HAL_REG_R11, [B_R10] = HAL_REG_R10,
	[B_R9] = HAL_REG_R9, [B_R8] = HAL_REG_R8, [B_RBP] = HAL_REG_RBP,
	[B_RDI] = HAL_REG_RDI, [B_RSI] = HAL_REG_RSI, [B_RDX] = HAL_REG_RDX,
	[B_RCX] = HAL_REG_RCX, [B_RBX] = HAL_REG_RBX, [B_RAX] = HAL_REG_RAX,
	[B_RFLAGS] = HAL_REG_EFL,
};
/* Flags a program may set by sigreturn: the arithmetic ones and DF. */
#define USER_FLAGS 0xcd5ull

static int
in_range(uint64_t v, const char *lo, const char *hi)
{
	return v >= (uint64_t)lo && v < (uint64_t)hi;
}

/* Fills uc's registers and the frame's pcslot/block/kind from how the
 * thread entered the core. */
static int
read_state(struct hal_thread *t, struct sigframe *f, struct hal_ucontext *uc, long rax)
{
	uint64_t ret, blk, b[B_N];

	if (hosted_copy(&ret, (const void *)t->user_rsp, 8) != 0)
		return -EFAULT;
	if (!in_range(ret, hosted_yield_stub, hosted_stubs_end)) {
		f->kind = K_SYSCALL;
		f->pcslot = t->user_rsp;
		f->block = 0;
		uc->gregs[HAL_REG_RIP] = ret;
		uc->gregs[HAL_REG_RSP] = t->user_rsp + 8;
		uc->gregs[HAL_REG_RAX] = (uint64_t)rax;
		return 0;
	}
	if (hosted_copy(&blk, (const void *)(t->user_rsp + 8), 8) != 0 ||
	    hosted_copy(b, (const void *)blk, sizeof b) != 0)
		return -EFAULT;
	for (int i = 0; i <= B_RFLAGS; i++)
		uc->gregs[block_greg[i]] = b[i];
	f->kind = t->fault_moved ? K_MOVED : K_STUB;
	f->block = blk;
	/* The rip slot, then the red zone the stub kept, then the stack. */
	f->pcslot = blk + B_RIP * 8;
	uint64_t rip = b[B_RIP], rsp = f->pcslot + 8 + 128;
	if (in_range(rip, (const char *)hosted_syscall_entry, (const char *)hosted_fault_entry)) {
		/* Called from the syscall exit: the program's rip is the
		 * word the exit's own `ret` pops. */
		f->pcslot = rsp;
		if (hosted_copy(&rip, (const void *)rsp, 8) != 0)
			return -EFAULT;
		rsp += 8;
	}
	if (t->fault_moved)
		rsp = t->fault_rsp;
	t->fault_moved = 0;
	uc->gregs[HAL_REG_RIP] = rip;
	uc->gregs[HAL_REG_RSP] = rsp;
	uc->fpregs = t->user_rsp + 24;	/* the stub's xsave area (sigentry.S) */
	return 0;
}

int
hosted_signal_push(const struct hal_sigpush *a)
{
	struct hal_thread *t = hosted_cur;
	struct sigframe f;
	struct hal_ucontext uc;
	uint8_t info[HAL_SIG_INFO_MAX];

	if (a->info_len > sizeof info || a->saved_len > HAL_SIG_SAVED)
		return -EFAULT;
	memset(&f, 0, sizeof f);
	memset(&uc, 0, sizeof uc);
	if (read_state(t, &f, &uc, a->rax) != 0)
		return -EFAULT;
	uint64_t sp = t->user_rsp;
	int on_alt = a->alt_hi && sp > a->alt_lo && sp <= a->alt_hi;
	uint64_t top = a->alt_hi && !on_alt ? a->alt_hi : sp - 128;
	uint64_t info_at = (top - sizeof info) & ~15ull;
	uint64_t uc_at = info_at - sizeof uc;
	/* rsp % 16 == 8 at the handler, as after a call. */
	uint64_t frame = uc_at - sizeof f - 8;
	if (frame < 4096 + sizeof f)
		return -EFAULT;
	memset(info, 0, sizeof info);
	memcpy(info, a->info, a->info_len);
	uc.ss_sp = a->ss_sp;
	uc.ss_size = a->ss_size;
	uc.ss_flags = a->alt_flags;
	uc.uc_sigmask = a->cookie;
	f.restorer = a->restorer;
	f.handler = a->handler;
	f.info = info_at;
	f.uc = uc_at;
	f.magic = FRAME_MAGIC;
	f.prev = t->sigframe;
	f.rsp = t->user_rsp;
	memcpy(f.saved, a->saved, a->saved_len);
	uint64_t tramp = (uint64_t)hosted_sig_tramp;
	if (hosted_copy((void *)info_at, info, sizeof info) != 0 ||
	    hosted_copy((void *)uc_at, &uc, sizeof uc) != 0 ||
	    hosted_copy((void *)frame, &f, sizeof f) != 0 ||
	    hosted_copy((void *)(frame - 8), &tramp, 8) != 0)
		return -EFAULT;
	t->sigframe = frame;
	t->user_rsp = frame - 8;	/* the exit's ret pops the trampoline */
	t->ret_rdi = (uint64_t)a->sig;
	return 0;
}

int
hosted_signal_return(struct hal_sigret *r)
{
	struct hal_thread *t = hosted_cur;
	struct sigframe f;
	struct hal_ucontext uc;

	if (!t->sigframe || hosted_copy(&f, (const void *)t->sigframe, sizeof f) != 0 ||
	    f.magic != FRAME_MAGIC || hosted_copy(&uc, (const void *)f.uc, sizeof uc) != 0)
		return -EFAULT;
	/* A fault moved to the alternate stack lost the stack it came
	 * from: its handler may jump out, not return. */
	if (f.kind == K_MOVED)
		return -EFAULT;
	uint64_t rip = uc.gregs[HAL_REG_RIP];
	if (rip >= HAL_USER_TOP || hosted_copy((void *)f.pcslot, &rip, 8) != 0)
		return -EFAULT;
	if (f.kind == K_STUB) {
		uint64_t b[B_RFLAGS + 1];
		if (hosted_copy(b, (const void *)f.block, sizeof b) != 0)
			return -EFAULT;
		for (int i = 0; i < B_RFLAGS; i++)
			b[i] = uc.gregs[block_greg[i]];
		b[B_RFLAGS] = (b[B_RFLAGS] & ~USER_FLAGS) | (uc.gregs[HAL_REG_EFL] & USER_FLAGS);
		if (hosted_copy((void *)f.block, b, sizeof b) != 0)
			return -EFAULT;
	}
	t->sigframe = f.prev;
	t->user_rsp = f.rsp;
	t->ret_rdi = 0;
	r->cookie = uc.uc_sigmask;
	r->rax = (long)uc.gregs[HAL_REG_RAX];
	memcpy(r->saved, f.saved, sizeof r->saved);
	return 0;
}
