/*
 * thread.c - kernel stacks and contexts for the hosted backend.
 *
 * Every core thread owns an mmap'd kernel stack with a guard page below.
 * glibc runs on it inside the HAL, so it is 64 KiB (256 KiB with ASan).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"

_Static_assert(offsetof(struct hal_thread, ksp) == T_KSP, "T_KSP");
_Static_assert(offsetof(struct hal_thread, kstack_top) == T_KSTACK_TOP, "T_KSTACK_TOP");
_Static_assert(offsetof(struct hal_thread, user_rsp) == T_USER_RSP, "T_USER_RSP");
_Static_assert(offsetof(struct hal_thread, user_fs) == T_USER_FS, "T_USER_FS");
_Static_assert(offsetof(struct hal_thread, ret_rdi) == T_RET_RDI, "T_RET_RDI");
_Static_assert(offsetof(struct hal_thread, preempt_rip) == T_PREEMPT_RIP, "T_PREEMPT_RIP");
_Static_assert(offsetof(struct hal_thread, sigframe) == T_SIGFRAME, "T_SIGFRAME");
_Static_assert(offsetof(struct hal_thread, fault_sig) == T_FAULT_SIG, "T_FAULT_SIG");
_Static_assert(offsetof(struct hal_thread, fault_addr) == T_FAULT_ADDR, "T_FAULT_ADDR");
_Static_assert(offsetof(struct hal_thread, fault_ip) == T_FAULT_IP, "T_FAULT_IP");
_Static_assert(offsetof(struct hal_thread, tp) == T_TP, "T_TP");
_Static_assert(offsetof(struct hal_thread, tp_head) == T_TP_HEAD, "T_TP_HEAD");

#if defined(__SANITIZE_ADDRESS__)
#define KSTACK_SIZE (256 * 1024)
void __sanitizer_start_switch_fiber(void **fake, const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake, const void **bottom, size_t *size);
void __asan_unpoison_memory_region(const volatile void *addr, size_t size);
#else
#define KSTACK_SIZE (64 * 1024)
#endif
#define GUARD 4096

struct hal_thread *hosted_cur;
volatile uint8_t hosted_in_core = 1;

/*
 * The TCB window.  A thread whose program made the head promise (hal.h)
 * runs with %fs here, on a copy of the head of its TCB made when it is
 * switched in.  All such threads have this one FS base, so switching
 * between them - a scheme round trip switches twice - writes no FS: an
 * arch_prctl each without FSGSBASE, 3.4 us on the VMs this runs on.
 */
static uint8_t tp_window[HAL_TP_HEAD] __attribute__((aligned(64)));

/*
 * Called by hosted_switch_discard (entry.S), the one way every switch
 * goes, on either stack alignment; it reads no TLS, so any FS will do.
 */
__attribute__((force_align_arg_pointer)) void
hosted_tp_window_load(struct hal_thread *t)
{
	/* The program may have unmapped its TCB: it then reads zeros. */
	if (hosted_copy(tp_window, (const void *)t->tp, t->tp_head) != 0)
		memset(tp_window, 0, sizeof tp_window);
}

/*
 * Freed kernel stacks wait here for the next thread: a spawn used to pay
 * an mmap and an mprotect, and its exit an munmap, whose TLB flush is a
 * trip to the hypervisor on the VMs this runs on (about 100 us).
 */
#define SPARE_KSTACKS 16
static void *spare_kstack[SPARE_KSTACKS];
static unsigned nspare;

static void *
kstack_new(void)
{
	if (nspare > 0)
		return spare_kstack[--nspare];
	void *m = mmap(NULL, KSTACK_SIZE + GUARD, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	if (mprotect(m, GUARD, PROT_NONE) != 0) {
		munmap(m, KSTACK_SIZE + GUARD);
		return NULL;
	}
	return m;
}

static void
kstack_free(void *m)
{
	if (nspare < SPARE_KSTACKS)
		spare_kstack[nspare++] = m;
	else
		munmap(m, KSTACK_SIZE + GUARD);
}

struct hal_thread *
hosted_thread_new(void (*entry)(void *), void *arg)
{
	struct hal_thread *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	void *m = kstack_new();
	if (!m) {
		free(t);
		return NULL;
	}
	t->kstack = m;
	t->kstack_size = KSTACK_SIZE + GUARD;
	t->kstack_top = (uint64_t)m + KSTACK_SIZE + GUARD;
	t->entry = entry;
	t->arg = arg;
	t->asan_bottom = (char *)m + GUARD;
	t->asan_size = KSTACK_SIZE;

	/* The frame hosted_switch pops: FP control, six registers, return. */
	uint64_t *sp = (uint64_t *)t->kstack_top;
	*--sp = (uint64_t)hosted_thread_trampoline;
	for (int i = 0; i < 6; i++)
		*--sp = 0;			/* rbp rbx r12 r13 r14 r15 */
	*--sp = 0x037f00001f80ull;		/* fcw 0x37f : mxcsr 0x1f80 */
	t->ksp = (uint64_t)sp;
	return t;
}

void
hosted_thread_free(struct hal_thread *t)
{
	if (!t)
		return;
#if defined(__SANITIZE_ADDRESS__)
	/* Frames that never returned leave poisoned redzones behind. */
	__asan_unpoison_memory_region(t->kstack, t->kstack_size);
#endif
	kstack_free(t->kstack);
	free(t);
}

void
hosted_thread_first(void)
{
#if defined(__SANITIZE_ADDRESS__)
	__sanitizer_finish_switch_fiber(NULL, NULL, NULL);
#endif
	struct hal_thread *t = hosted_cur;
	t->entry(t->arg);
	fprintf(stderr, "redox-hosted: a core thread returned\n");
	abort();
}

void
hosted_thread_switch(struct hal_thread *from, struct hal_thread *to)
{
#if defined(__SANITIZE_ADDRESS__)
	void *fake = NULL;
	__sanitizer_start_switch_fiber(from ? &fake : NULL, to->asan_bottom, to->asan_size);
	if (from) {
		from->asan_fake = fake;
		hosted_switch(from, to);
		__sanitizer_finish_switch_fiber(from->asan_fake, NULL, NULL);
		return;
	}
	hosted_switch_discard(to);
#else
	if (from)
		hosted_switch(from, to);
	else
		hosted_switch_discard(to);
#endif
}

void
hosted_thread_set_stack(struct hal_thread *t, uintptr_t lo, uintptr_t hi)
{
	t->stack_lo = lo;
	t->stack_hi = hi;
}

void
hosted_thread_set_tp(struct hal_thread *t, uintptr_t tp, size_t head)
{
	/* wrfsbase of a non-canonical value faults inside the core. */
	if (tp >= HAL_USER_TOP)
		tp = 0;
	t->tp = tp;
	t->tp_head = tp && head <= HAL_TP_HEAD ? head : 0;
	t->user_fs = t->tp_head ? (uintptr_t)tp_window : tp;
	if (t->tp_head && t == hosted_cur)
		hosted_tp_window_load(t);
}

uintptr_t
hosted_thread_tp(struct hal_thread *t)
{
	return t->tp;
}

void
hosted_user_enter_c(uintptr_t entry, uintptr_t sp, uintptr_t arg)
{
	struct hal_thread *t = hosted_cur;
	t->ret_rdi = 0;
	t->sigframe = 0;
	hosted_user_enter(entry, sp, arg, t->user_fs);
}
