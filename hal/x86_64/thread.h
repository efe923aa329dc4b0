/*
 * thread.h - kernel threads and their user state (thread.c).
 *
 * A hal_thread owns 5 pages: the first holds this struct and the FPU save
 * area, the other four are the 16 KiB kernel stack.  The top FRAME_SIZE
 * bytes of the stack are kept for the user frame (entries from ring 3
 * land there), so kernel C code never runs over it.
 */
#ifndef HAL_X86_64_THREAD_H
#define HAL_X86_64_THREAD_H

#include <stdint.h>

#include "hal/x86_64/trap.h"
#include "hal/x86_64/vmm.h"

#define KSTACK_SIZE	16384

struct hal_thread {
	uint64_t ksp;		/* saved kernel rsp while switched out */
	uint64_t kstack_top;
	uint64_t user_fs;
	uint64_t sigframe;	/* newest signal frame on the user stack, or 0 */
	void (*entry)(void *);
	void *arg;
	uint64_t *canary;	/* lowest word of the stack */
	uint8_t *fpu;		/* 64-byte aligned save area */
};

extern struct hal_thread *x86_cur;

static inline struct x86_frame *
thread_frame(struct hal_thread *t)
{
	return (struct x86_frame *)(t->kstack_top - FRAME_SIZE);
}

/* trap.c: make a frame safe for ring 3 (segments, flags; + rip, after the core). */
void x86_frame_sanitise(struct x86_frame *f);
void x86_user_return_check(struct x86_frame *f);

#endif
