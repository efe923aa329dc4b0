/*
 * sys_thread.c - threads (clone_thread, futex), the thread pointer, time
 * and sleeping.
 */
#include "core/abi.h"
#include "core/cputime.h"
#include "core/kmem.h"
#include "core/list.h"
#include "core/proc.h"
#include "core/sched.h"
#include "core/syscall.h"
#include "core/usercopy.h"
#include "core/vm.h"
#include "hal/hal.h"

/*
 * A thread pointer is any user address: null and unaligned ones are the
 * program's business, but a non-canonical or kernel-half value would fault
 * in the core when loaded on the way back to user mode.
 */
static bool
tp_ok(long tp)
{
	return (uintptr_t)tp < HAL_USER_TOP;
}

long
sys_set_tp(long tp, long flags)
{
	struct thread *t = sched_current();
	if (!tp_ok(tp) || (flags & ~(long)SET_TP_HEAD))
		return -EINVAL;
	t->tp = (uintptr_t)tp;
	t->tp_head = (flags & SET_TP_HEAD) ? HAL_TP_HEAD : 0;
	hal_thread_set_tp(t->hal, t->tp, t->tp_head);
	return 0;
}

void
sys_thread_start(struct thread *t)
{
	/* The writable region holding the new stack is the thread's stack. */
	size_t below = vm_span_down(t->proc->vm, t->stack - 1, HAL_PROT_WRITE);
	hal_thread_set_stack(t->hal, t->stack - below, t->stack);
	hal_thread_set_tp(t->hal, t->tp, t->tp_head);
	hal_user_enter(t->entry, t->stack, t->arg);
}

long
sys_clone_thread(long entry, long stack, long arg, long tp)
{
	struct proc *p = proc_current();
	if ((stack & 15) || !vm_check(p->vm, (uintptr_t)stack - 64, 64, HAL_PROT_WRITE) ||
	    !vm_check(p->vm, (uintptr_t)entry, 1, HAL_PROT_EXEC) || !tp_ok(tp))
		return -EINVAL;
	if (p->nthreads >= 1024)
		return -EAGAIN;
	struct thread *t = proc_thread_new(p, sys_thread_start);
	if (!t)
		return -ENOMEM;
	t->entry = (uintptr_t)entry;
	t->stack = (uintptr_t)stack;
	t->arg = (uintptr_t)arg;
	t->tp = (uintptr_t)tp;
	t->tp_head = sched_current()->tp_head;	/* the same libc */
	t->sigmask = sched_current()->sigmask;
	sched_ready(t);
	return t->tid;
}

/* Wakes up to n waiters on the futex at addr in p; returns how many. */
static int futex_wake(struct proc *p, uintptr_t addr, int n);

long
sys_exit_thread(long status, long clear)
{
	struct proc *p = proc_current();
	if (p->nthreads == 1)
		proc_exit(W_EXITED(status));
	/* As Linux's CLONE_CHILD_CLEARTID: the joiner learns we are off the
	 * stack.  Safe here: this thread never runs user code again. */
	if (clear && !(clear & 3)) {
		uint32_t zero = 0;
		if (uc_copy_out((uintptr_t)clear, &zero, sizeof zero) == 0)
			futex_wake(p, (uintptr_t)clear, -1);
	}
	proc_thread_exit();
}

long
sys_gettid(void)
{
	return sched_current()->tid;
}

/* ---- futexes: wait queues keyed by (process, address) ---- */

struct futex {
	struct list link;
	struct proc *proc;
	uintptr_t addr;
	struct waitq wq;
	int waiters;
};

static struct list futexes = LIST_INIT(futexes);

static struct futex *
futex_get(struct proc *p, uintptr_t addr, bool create)
{
	struct list *l;
	list_for_each(l, &futexes) {
		struct futex *f = list_entry(l, struct futex, link);
		if (f->proc == p && f->addr == addr)
			return f;
	}
	if (!create)
		return NULL;
	struct futex *f = kmem_alloc(sizeof *f);
	if (!f)
		return NULL;
	f->proc = p;
	f->addr = addr;
	waitq_init(&f->wq);
	list_push_back(&futexes, &f->link);
	return f;
}

static int
futex_wake(struct proc *p, uintptr_t addr, int n)
{
	struct futex *f = futex_get(p, addr, false);
	return f ? waitq_wake(&f->wq, n) : 0;
}

static int
deadline_of(long uts, uint64_t *deadline)
{
	struct redox_timespec ts;
	*deadline = 0;
	if (!uts)
		return 0;
	if (uc_copy_in(&ts, (uintptr_t)uts, sizeof ts) != 0)
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	uint64_t ns = (uint64_t)ts.tv_nsec + 1;	/* never 0: that is "none" */
	if ((uint64_t)ts.tv_sec >= SCHED_MAX_WAIT_NS / 1000000000ull)
		ns = SCHED_MAX_WAIT_NS;
	else
		ns += (uint64_t)ts.tv_sec * 1000000000ull;
	*deadline = sched_deadline_in(ns);
	return 0;
}

long
sys_futex(long addr, long op, long val, long timeout)
{
	struct proc *p = proc_current();
	uint32_t cur;
	if (addr & 3)
		return -EINVAL;
	if (!uc_check((uintptr_t)addr, 4, 1))
		return -EFAULT;
	switch (op) {
	case FUTEX_WAIT: {
		uint64_t deadline;
		long e = deadline_of(timeout, &deadline);
		if (e)
			return e;
		if (uc_copy_in(&cur, (uintptr_t)addr, 4) != 0)
			return -EFAULT;
		if (cur != (uint32_t)val)
			return -EAGAIN;
		struct futex *f = futex_get(p, (uintptr_t)addr, true);
		if (!f)
			return -ENOMEM;
		f->waiters++;
		int r = waitq_sleep(&f->wq, deadline, true);
		if (--f->waiters == 0) {
			list_remove(&f->link);
			kmem_free(f);
		}
		return r;
	}
	case FUTEX_WAKE:
		return futex_wake(p, (uintptr_t)addr, val < 0 ? -1 : (int)val);
	default:
		return -ENOSYS;
	}
}

long
sys_clock_gettime(long clock, long uts)
{
	uint64_t ns;
	if (clock == CLOCK_MONOTONIC)
		ns = hal_clock_ns();
	else if (clock == CLOCK_REALTIME)
		ns = hal_wallclock_ns();
	else if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID) {
		uint64_t user, sys;
		if (clock == CLOCK_PROCESS_CPUTIME_ID)
			cputime_proc(proc_current(), &user, &sys);
		else
			cputime_thread(sched_current(), &user, &sys);
		ns = user + sys;
	} else
		return -EINVAL;
	struct redox_timespec ts = { (int64_t)(ns / 1000000000ull), (int32_t)(ns % 1000000000ull), 0 };
	return uc_copy_out((uintptr_t)uts, &ts, sizeof ts);
}

long
sys_nanosleep(long ureq, long urem)
{
	uint64_t deadline;
	struct waitq wq;
	if (!ureq)
		return -EFAULT;
	long e = deadline_of(ureq, &deadline);
	if (e)
		return e;
	if (urem && !uc_check((uintptr_t)urem, sizeof(struct redox_timespec), 1))
		return -EFAULT;
	waitq_init(&wq);
	int r = waitq_sleep(&wq, deadline, true);
	if (r == -EINTR) {
		uint64_t now = hal_clock_ns(), left = deadline > now ? deadline - now : 0;
		struct redox_timespec rem = { (int64_t)(left / 1000000000ull),
		    (int32_t)(left % 1000000000ull), 0 };
		if (urem)
			uc_copy_out((uintptr_t)urem, &rem, sizeof rem);
		return -EINTR;
	}
	return 0;
}
