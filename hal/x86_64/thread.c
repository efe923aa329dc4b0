/*
 * thread.c - kernel stacks, context switch, entry to user mode, the user
 * thread pointer and signal frames.
 *
 * The FPU is switched eagerly: the kernel is built -mgeneral-regs-only, so
 * from a ring-3 entry to the next switch the FPU still holds the user's
 * state; hal_thread_switch() saves it into `from` and loads `to`'s.
 *
 * Signal frames hold the whole user frame and FPU state, so a handler can
 * interrupt anything - a syscall (sysret path) or a preempted thread (iretq
 * path, every register) - and sigreturn puts it back.  As in hosted, the
 * thread keeps the newest frame's address, so sigreturn never trusts the
 * stack to find it; what it reads back is sanitised (segments, flags, rip
 * canonical, FPU header) before it can reach the CPU.
 */
#include "hal/hal.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/cpu.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/pmm.h"
#include "hal/x86_64/thread.h"

#define EFAULT		14
#define FRAME_MAGIC	0x5349474652414d45ull	/* "SIGFRAME" */
#define CANARY		0x6b737461636b2121ull
#define THREAD_PAGES	(1 + KSTACK_SIZE / HAL_PAGE_SIZE)

_Static_assert(sizeof(struct x86_frame) == FRAME_SIZE, "FRAME_SIZE");
_Static_assert(__builtin_offsetof(struct x86_frame, rax) == FRAME_RAX, "FRAME_RAX");
_Static_assert(__builtin_offsetof(struct x86_frame, vector) == FRAME_VECTOR, "FRAME_VECTOR");
_Static_assert(__builtin_offsetof(struct x86_frame, rip) == FRAME_RIP, "FRAME_RIP");
_Static_assert(__builtin_offsetof(struct x86_frame, cs) == FRAME_CS, "FRAME_CS");

struct hal_thread *x86_cur;
extern uint64_t x86_kstack_top;

void x86_switch(uint64_t *save_ksp, uint64_t ksp);
void x86_thread_trampoline(void);

/* Below it on the user stack: the ucontext and the siginfo, then the
 * FPU image (64-aligned); fpu says where that is. */
struct sigframe {
	uint64_t restorer;	/* the handler's return address */
	uint64_t magic;
	uint64_t prev;
	uint64_t fpu;
	uint64_t pad;		/* sizeof % 16 == 8: rsp % 16 == 8 at the handler */
	uint8_t saved[HAL_SIG_SAVED];
	struct x86_frame regs;
};
_Static_assert(sizeof(struct sigframe) % 16 == 8, "sigframe alignment");
_Static_assert(sizeof(struct hal_ucontext) % 16 == 0, "ucontext alignment");

struct hal_thread *
hal_thread_new(void (*entry)(void *), void *arg)
{
	if (sizeof(struct hal_thread) + 64 + x86_cpu.xsave_size > HAL_PAGE_SIZE)
		return NULL;
	uint8_t *m = hal_page_alloc(THREAD_PAGES);
	if (!m)
		return NULL;
	struct hal_thread *t = (struct hal_thread *)m;
	t->fpu = m + 64 * ((sizeof *t + 63) / 64);
	cpu_fpu_init_area(t->fpu);
	t->kstack_top = (uint64_t)m + THREAD_PAGES * HAL_PAGE_SIZE;
	t->canary = (uint64_t *)(m + HAL_PAGE_SIZE);
	*t->canary = CANARY;
	t->entry = entry;
	t->arg = arg;
	/* The frame x86_switch pops: six registers, then the return address. */
	uint64_t *sp = (uint64_t *)(t->kstack_top - FRAME_SIZE);
	*--sp = 0;				/* alignment: rsp % 16 == 8 at entry */
	*--sp = (uint64_t)x86_thread_trampoline;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	t->ksp = (uint64_t)sp;
	return t;
}

void
hal_thread_free(struct hal_thread *t)
{
	if (t)
		hal_page_free(t, THREAD_PAGES);
}

void
x86_thread_first(void)
{
	struct hal_thread *t = x86_cur;
	t->entry(t->arg);
	x86_panic("a core thread returned");
}

void
hal_thread_switch(struct hal_thread *from, struct hal_thread *to)
{
	static uint64_t discard;

	if (*to->canary != CANARY || (from && *from->canary != CANARY))
		x86_panic("kernel stack overflow (thread %p)", (void *)(*to->canary != CANARY ? to : from));
	if (from)
		cpu_fpu_save(from->fpu);
	x86_cur = to;
	x86_kstack_top = to->kstack_top;
	cpu_set_rsp0(to->kstack_top);
	cpu_fpu_restore(to->fpu);
	wrmsr(MSR_FS_BASE, to->user_fs);
	x86_switch(from ? &from->ksp : &discard, to->ksp);
}

_Noreturn void
hal_user_enter(uintptr_t entry, uintptr_t sp, uintptr_t arg)
{
	struct hal_thread *t = x86_cur;
	struct x86_frame *f = thread_frame(t);

	memset(f, 0, sizeof *f);
	/* A non-canonical entry would fault in ring 0; 0 faults in ring 3. */
	f->rip = entry < USER_TOP ? entry : 0;
	f->rsp = sp;
	f->rdi = arg;
	f->vector = VEC_USER_ENTER;
	f->rflags = 0x202;
	t->sigframe = 0;
	cpu_fpu_init_area(t->fpu);
	cpu_fpu_restore(t->fpu);
	wrmsr(MSR_FS_BASE, t->user_fs);
	x86_frame_sanitise(f);
	x86_frame_return(f);
}

/* The head promise (hal.h) is of no use here: wrmsr is cheap in ring 0. */
void
hal_thread_set_tp(struct hal_thread *t, uintptr_t tp, size_t head)
{
	(void)head;
	/* A non-canonical FS base would fault in wrmsr, in ring 0. */
	if (tp >= HAL_USER_TOP)
		tp = 0;
	t->user_fs = tp;
	if (t == x86_cur)
		wrmsr(MSR_FS_BASE, tp);
}

uintptr_t
hal_thread_tp(struct hal_thread *t)
{
	return t->user_fs;
}

/* The frame's registers as a handler sees them (Linux's gregs order). */
static void
regs_to_uc(const struct x86_frame *f, struct hal_ucontext *uc)
{
	uint64_t *g = uc->gregs;
	g[HAL_REG_R8] = f->r8; g[HAL_REG_R9] = f->r9;
	g[HAL_REG_R10] = f->r10; g[HAL_REG_R11] = f->r11;
	g[HAL_REG_R12] = f->r12; g[HAL_REG_R13] = f->r13;
	g[HAL_REG_R14] = f->r14; g[HAL_REG_R15] = f->r15;
	g[HAL_REG_RDI] = f->rdi; g[HAL_REG_RSI] = f->rsi;
	g[HAL_REG_RBP] = f->rbp; g[HAL_REG_RBX] = f->rbx;
	g[HAL_REG_RDX] = f->rdx; g[HAL_REG_RAX] = f->rax;
	g[HAL_REG_RCX] = f->rcx; g[HAL_REG_RSP] = f->rsp;
	g[HAL_REG_RIP] = f->rip; g[HAL_REG_EFL] = f->rflags;
	g[HAL_REG_CSGSFS] = f->cs;
	if (f->vector < 32) {
		g[HAL_REG_TRAPNO] = f->vector;
		g[HAL_REG_ERR] = f->error;
		if (f->vector == 14)
			g[HAL_REG_CR2] = read_cr2();
	}
}

/* And back: what the handler left there (sanitised by the caller). */
static void
uc_to_regs(const struct hal_ucontext *uc, struct x86_frame *f)
{
	const uint64_t *g = uc->gregs;
	f->r8 = g[HAL_REG_R8]; f->r9 = g[HAL_REG_R9];
	f->r10 = g[HAL_REG_R10]; f->r11 = g[HAL_REG_R11];
	f->r12 = g[HAL_REG_R12]; f->r13 = g[HAL_REG_R13];
	f->r14 = g[HAL_REG_R14]; f->r15 = g[HAL_REG_R15];
	f->rdi = g[HAL_REG_RDI]; f->rsi = g[HAL_REG_RSI];
	f->rbp = g[HAL_REG_RBP]; f->rbx = g[HAL_REG_RBX];
	f->rdx = g[HAL_REG_RDX]; f->rax = g[HAL_REG_RAX];
	f->rcx = g[HAL_REG_RCX]; f->rsp = g[HAL_REG_RSP];
	f->rip = g[HAL_REG_RIP]; f->rflags = g[HAL_REG_EFL];
}

int
hal_signal_push(const struct hal_sigpush *a)
{
	struct hal_thread *t = x86_cur;
	struct x86_frame *f = thread_frame(t);
	struct sigframe sf;
	struct hal_ucontext uc;

	if (a->info_len > HAL_SIG_INFO_MAX || a->saved_len > HAL_SIG_SAVED)
		return -EFAULT;
	/* The alternate stack unless already on it; else below the red zone. */
	bool on_alt = a->alt_hi && f->rsp > a->alt_lo && f->rsp <= a->alt_hi;
	uint64_t top = a->alt_hi && !on_alt ? a->alt_hi : f->rsp - 128;
	uint64_t need = x86_cpu.xsave_size + 64 + HAL_SIG_INFO_MAX + sizeof uc + sizeof sf + 16;
	if (top < 4096 + need)
		return -EFAULT;
	uint64_t fpu_at = (top - x86_cpu.xsave_size) & ~63ull;
	uint64_t info_at = fpu_at - HAL_SIG_INFO_MAX;
	uint64_t uc_at = info_at - sizeof uc;
	uint64_t at = uc_at - sizeof sf;
	memset(&sf, 0, sizeof sf);
	sf.restorer = a->restorer;
	sf.magic = FRAME_MAGIC;
	sf.prev = t->sigframe;
	sf.fpu = fpu_at;
	memcpy(sf.saved, a->saved, a->saved_len);
	sf.regs = *f;
	/* A syscall's result goes back in rax; a preempted thread keeps its own. */
	if (f->vector == VEC_SYSCALL)
		sf.regs.rax = (uint64_t)a->rax;
	memset(&uc, 0, sizeof uc);
	regs_to_uc(&sf.regs, &uc);
	uc.ss_sp = a->ss_sp;
	uc.ss_size = a->ss_size;
	uc.ss_flags = a->alt_flags;
	uc.fpregs = fpu_at;
	uc.uc_sigmask = a->cookie;
	uint8_t info[HAL_SIG_INFO_MAX];
	memset(info, 0, sizeof info);
	memcpy(info, a->info, a->info_len);
	cpu_fpu_save(t->fpu);
	if (hal_copy_to_user(fpu_at, t->fpu, x86_cpu.xsave_size) != 0 ||
	    hal_copy_to_user(info_at, info, sizeof info) != 0 ||
	    hal_copy_to_user(uc_at, &uc, sizeof uc) != 0 ||
	    hal_copy_to_user(at, &sf, sizeof sf) != 0)
		return -EFAULT;
	t->sigframe = at;
	f->rsp = at;
	f->rip = a->handler;
	f->rdi = (uint64_t)a->sig;
	f->rsi = info_at;
	f->rdx = uc_at;
	f->rax = 0;
	f->rflags &= ~0x400ull;		/* DF clear, as the ABI wants at a call */
	/* The handler starts with a clean FPU, as after a call from C. */
	cpu_fpu_init_area(t->fpu);
	cpu_fpu_restore(t->fpu);
	return 0;
}

/* Makes an FPU image from user memory safe for xrstor/fxrstor. */
static void
fpu_sanitise(uint8_t *a)
{
	uint32_t *mxcsr = (uint32_t *)(a + 24);
	*mxcsr &= 0xffbf;
	if (x86_cpu.xsave) {
		uint64_t *hdr = (uint64_t *)(a + 512);
		hdr[0] &= x86_cpu.xcr0;	/* XSTATE_BV */
		for (int i = 1; i < 8; i++)
			hdr[i] = 0;	/* XCOMP_BV (standard form) and reserved */
	}
}

int
hal_signal_return(struct hal_sigret *r)
{
	struct hal_thread *t = x86_cur;
	struct x86_frame *f = thread_frame(t);
	struct sigframe sf;
	struct hal_ucontext uc;

	if (!t->sigframe || hal_copy_from_user(&sf, t->sigframe, sizeof sf) != 0 ||
	    sf.magic != FRAME_MAGIC ||
	    hal_copy_from_user(&uc, t->sigframe + sizeof sf, sizeof uc) != 0 ||
	    uc.gregs[HAL_REG_RIP] >= USER_TOP)
		return -EFAULT;
	if (hal_copy_from_user(t->fpu, sf.fpu, x86_cpu.xsave_size) != 0)
		return -EFAULT;
	fpu_sanitise(t->fpu);
	cpu_fpu_restore(t->fpu);
	uc_to_regs(&uc, &sf.regs);
	*f = sf.regs;
	if (f->vector != VEC_SYSCALL)
		f->vector = VEC_USER_ENTER;	/* any non-syscall frame: iretq */
	x86_frame_sanitise(f);
	t->sigframe = sf.prev;
	r->cookie = uc.uc_sigmask;
	r->rax = (long)f->rax;
	memcpy(r->saved, sf.saved, sizeof r->saved);
	return 0;
}

uint64_t
hal_cpu_ticks(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

uintptr_t
hal_user_sp(void)
{
	return thread_frame(x86_cur)->rsp;
}

void
hal_thread_set_altstack(struct hal_thread *t, uintptr_t lo, uintptr_t hi)
{
	/* Nothing to do natively: a fault's state lands on the kernel stack. */
	(void)t; (void)lo; (void)hi;
}

void
hal_thread_set_stack(struct hal_thread *t, uintptr_t lo, uintptr_t hi)
{
	/* Nothing to do natively: preemption saves user state on the kernel stack. */
	(void)t; (void)lo; (void)hi;
}
