/*
 * sigframe.c - signal frames on the user stack (hosted).
 *
 * A thread enters the core only by calling the syscall entry, so its user
 * state is just the return address at user_rsp, the stack pointer and the
 * result; callee-saved registers survive the handler by the C ABI.  The
 * frame keeps those, and the thread keeps the newest frame's address (the
 * frames form a list through `prev`), so sigreturn never trusts the stack
 * to find it.
 */
#include <errno.h>
#include <stdint.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"

#define FRAME_MAGIC 0x5349474652414d45ull	/* "SIGFRAME" */

int hosted_copy(void *dst, const void *src, size_t n);

struct sigframe {
	uint64_t restorer;	/* the handler returns here */
	uint64_t magic;
	uint64_t prev;
	uint64_t rip;
	uint64_t rsp;
	int64_t rax;
	uint64_t cookie;
};

int
hosted_signal_push(uintptr_t handler, uintptr_t restorer, int sig,
    uint64_t cookie, long rax)
{
	struct hal_thread *t = hosted_cur;
	struct sigframe f;
	uint64_t rip;

	if (hosted_copy(&rip, (const void *)t->user_rsp, 8) != 0)
		return -EFAULT;
	/* Below the red zone; rsp % 16 == 8 at the handler, as after a call. */
	uint64_t frame = ((t->user_rsp - 128 - sizeof f) & ~15ull) - 8;
	f.restorer = restorer;
	f.magic = FRAME_MAGIC;
	f.prev = t->sigframe;
	f.rip = rip;
	f.rsp = t->user_rsp;
	f.rax = rax;
	f.cookie = cookie;
	uint64_t h = handler;
	if (hosted_copy((void *)frame, &f, sizeof f) != 0 ||
	    hosted_copy((void *)(frame - 8), &h, 8) != 0)
		return -EFAULT;
	t->sigframe = frame;
	t->user_rsp = frame - 8;	/* the exit stub's ret pops the handler */
	t->ret_rdi = (uint64_t)sig;
	return 0;
}

int
hosted_signal_return(uint64_t *cookie, long *rax)
{
	struct hal_thread *t = hosted_cur;
	struct sigframe f;

	if (!t->sigframe || hosted_copy(&f, (const void *)t->sigframe, sizeof f) != 0)
		return -EFAULT;
	if (f.magic != FRAME_MAGIC)
		return -EFAULT;
	if (hosted_copy((void *)f.rsp, &f.rip, 8) != 0)
		return -EFAULT;
	t->sigframe = f.prev;
	t->user_rsp = f.rsp;
	t->ret_rdi = 0;
	*cookie = f.cookie;
	*rax = f.rax;
	return 0;
}
