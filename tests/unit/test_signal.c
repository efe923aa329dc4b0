/*
 * test_signal.c - blocked signals: sigprocmask, a handler's mask, sigreturn,
 * faults and new threads, as a program sees them through core_syscall().
 *
 * A process (a child of an init) runs one thread; its "user" memory
 * is the test's own pages, entered as regions.  The fake HAL keeps the
 * signal frames the core pushes (fake_sigframes), so a test sees which
 * handler would run and with what cookie, and sigreturn pops them.  Calls
 * that end or stop the process run inside fake_run(), which reports how
 * they left.  Like test_sched.c, this relies on Check forking per test.
 */
#include "core/abi.h"
#include "core/proc.h"
#include "core/sched.h"
#include "core/signal.h"
#include "core/vm.h"
#include "tests/unit/fake_hal.h"

#include <check.h>
#include <string.h>

#define P HAL_PAGE_SIZE
#define HANDLER 0x401000	/* handler of sig n: HANDLER + n */
#define RESTORER 0x402000
#define USR1 SIGBIT(SIGUSR1)
#define USR2 SIGBIT(SIGUSR2)
#define INT SIGBIT(SIGINT)
#define TERM SIGBIT(SIGTERM)

/* data page, code page (for clone_thread's entry), stack page */
static char mem[3 * P] __attribute__((aligned(P)));
static struct user {
	uint64_t set, old;
	struct redox_sigaction act;
	struct redox_stack ss, oss;
	int32_t status;
} *u;
static struct proc *init, *p;
static struct thread *t0;

static void
never_runs(struct thread *t)
{
	(void)t;
	ck_abort_msg("a fake thread ran");
}

static void
start(void *arg)
{
	(void)arg;
	sched_start();
}

static void
setup(void)
{
	sched_init();
	memset(mem, 0, sizeof mem);
	u = (struct user *)mem;
	fake_nsigframes = 0;
	fake_user_bad(0, 0);
	init = proc_new(NULL, "init", 4);
	p = proc_new(init, "sig", 3);
	ck_assert_ptr_nonnull(p);
	uintptr_t m = (uintptr_t)mem;
	ck_assert_int_eq(vm_region_add(p->vm, m, P, HAL_PROT_READ | HAL_PROT_WRITE, R_ANON), 0);
	ck_assert_int_eq(vm_region_add(p->vm, m + P, P, HAL_PROT_READ | HAL_PROT_EXEC, R_IMAGE), 0);
	ck_assert_int_eq(vm_region_add(p->vm, m + 2 * P, P, HAL_PROT_READ | HAL_PROT_WRITE, R_STACK), 0);
	t0 = proc_thread_new(p, never_runs);
	ck_assert_ptr_nonnull(t0);
	sched_ready(t0);
	ck_assert_int_eq(fake_run(start, NULL), FAKE_DROPPED);
	ck_assert_ptr_eq(sched_current(), t0);
}

/* See test_sched.c: LeakSanitizer must find the run queue empty. */
static void
teardown(void)
{
	sched_init();
}

/* ---- what a program does ---------------------------------------------- */

static long
sys(long nr, long a0, long a1, long a2, long a3)
{
	return core_syscall(nr, a0, a1, a2, a3, 0, 0);
}

/* sigprocmask(how, &set, &old); the result is what the call returned,
 * which is a signal number if a handler is entered on the way out. */
static long
procmask(long how, uint64_t set, uint64_t *old)
{
	u->set = set;
	u->old = 0xbad;
	long r = sys(SYS_SIGPROCMASK, how, (long)&u->set, (long)&u->old, 0);
	if (old)
		*old = u->old;
	return r;
}

/* The calling thread's mask, asked without changing it. */
static uint64_t
mask_now(void)
{
	u->old = 0xbad;
	ck_assert_int_eq(sys(SYS_SIGPROCMASK, SIG_BLOCK, 0, (long)&u->old, 0), 0);
	return u->old;
}

static void
handle(int sig, uint64_t sa_mask, uint64_t flags)
{
	u->act = (struct redox_sigaction){
		.sa_handler = HANDLER + sig,
		.sa_mask = { sa_mask, 0 },
		.sa_flags = flags | SA_RESTORER,
	};
	ck_assert_int_eq(sys(SYS_SIGACTION, sig, (long)&u->act, 0, RESTORER), 0);
}

static long
kill_self(int sig)
{
	return sys(SYS_KILL, p->pid, sig, 0, 0);
}

/* The newest frame is for sig's handler and carries cookie and rax. */
static void
top_frame_is(int sig, uint64_t cookie, long rax)
{
	ck_assert_int_gt(fake_nsigframes, 0);
	struct fake_sigframe *f = &fake_sigframes[fake_nsigframes - 1];
	ck_assert_int_eq(f->sig, sig);
	ck_assert_uint_eq(f->handler, HANDLER + sig);
	ck_assert_uint_eq(f->restorer, RESTORER);
	ck_assert_uint_eq(f->cookie, cookie);
	ck_assert_int_eq(f->rax, rax);
}

/* ---- sigprocmask ------------------------------------------------------- */

START_TEST(test_block_unblock_setmask)
{
	uint64_t old;
	ck_assert_uint_eq(mask_now(), 0);
	ck_assert_int_eq(procmask(SIG_BLOCK, USR1, &old), 0);
	ck_assert_uint_eq(old, 0);
	ck_assert_int_eq(procmask(SIG_BLOCK, USR2 | TERM, &old), 0);
	ck_assert_uint_eq(old, USR1);		/* BLOCK adds */
	ck_assert_int_eq(procmask(SIG_UNBLOCK, USR1 | INT, &old), 0);
	ck_assert_uint_eq(old, USR1 | USR2 | TERM);	/* UNBLOCK removes */
	ck_assert_int_eq(procmask(SIG_SETMASK, INT, &old), 0);
	ck_assert_uint_eq(old, USR2 | TERM);	/* SETMASK replaces */
	ck_assert_uint_eq(mask_now(), INT);
	/* no set: only the old one is reported, whatever the how */
	u->old = 0;
	ck_assert_int_eq(sys(SYS_SIGPROCMASK, 9, 0, (long)&u->old, 0), 0);
	ck_assert_uint_eq(u->old, INT);
	/* no old set wanted */
	u->set = USR1;
	ck_assert_int_eq(sys(SYS_SIGPROCMASK, SIG_BLOCK, (long)&u->set, 0, 0), 0);
	ck_assert_uint_eq(mask_now(), INT | USR1);
	ck_assert_uint_eq(t0->sigmask, INT | USR1);
}
END_TEST

START_TEST(test_kill_stop_never_blocked)
{
	uint64_t all = ~0ull, want = ~SIG_UNBLOCKABLE;
	ck_assert_int_eq(procmask(SIG_BLOCK, all, NULL), 0);
	ck_assert_uint_eq(mask_now(), want);
	ck_assert_int_eq(procmask(SIG_SETMASK, 0, NULL), 0);
	ck_assert_int_eq(procmask(SIG_SETMASK, SIG_UNBLOCKABLE | USR1, NULL), 0);
	ck_assert_uint_eq(mask_now(), USR1);
	ck_assert_int_eq(procmask(SIG_SETMASK, all, NULL), 0);
	ck_assert_uint_eq(mask_now(), want);
	ck_assert_int_eq(procmask(SIG_UNBLOCK, USR1, NULL), 0);
	ck_assert_uint_eq(mask_now(), want & ~USR1);
}
END_TEST

static void
stop_self(void *arg)
{
	(void)arg;
	kill_self(SIGSTOP);
}

/* With everything "blocked", SIGSTOP still stops on the way out... */
START_TEST(test_stop_while_all_blocked)
{
	ck_assert_int_eq(procmask(SIG_SETMASK, ~0ull, NULL), 0);
	ck_assert(!proc_signal_pending(t0));
	/* the stopped thread sleeps; nothing else can run */
	ck_assert_int_eq(fake_run(stop_self, NULL), FAKE_DEADLOCK);
	ck_assert(p->stopped);
	ck_assert_int_eq(p->stop_sig, SIGSTOP);
}
END_TEST

static void
kill9_self(void *arg)
{
	(void)arg;
	kill_self(SIGKILL);
}

/* ...and SIGKILL kills. */
START_TEST(test_kill_while_all_blocked)
{
	ck_assert_int_eq(procmask(SIG_SETMASK, ~0ull, NULL), 0);
	ck_assert_int_ne(fake_run(kill9_self, NULL), FAKE_RETURNED);
	ck_assert_int_eq(p->state, P_ZOMBIE);
	ck_assert_int_eq(p->wstatus, W_SIGNALED(SIGKILL));
}
END_TEST

START_TEST(test_bad_how)
{
	ck_assert_int_eq(procmask(SIG_SETMASK, USR1, NULL), 0);
	long hows[] = { 3, 9, -1 };
	for (size_t i = 0; i < sizeof hows / sizeof hows[0]; i++) {
		ck_assert_int_eq(procmask(hows[i], USR2, NULL), -EINVAL);
		ck_assert_uint_eq(mask_now(), USR1);
	}
	/* a set the program cannot read leaves the mask alone too */
	ck_assert_int_eq(sys(SYS_SIGPROCMASK, SIG_SETMASK, (long)(mem + 3 * P), 0, 0), -EFAULT);
	ck_assert_int_eq(sys(SYS_SIGPROCMASK, SIG_SETMASK, (long)(mem + 3 * P - 4), 0, 0), -EFAULT);
	ck_assert_uint_eq(mask_now(), USR1);
	/* so does an old set it cannot write (the code page) */
	u->set = 0;
	ck_assert_int_eq(sys(SYS_SIGPROCMASK, SIG_SETMASK, (long)&u->set, (long)(mem + P), 0), -EFAULT);
	ck_assert_uint_eq(mask_now(), USR1);
}
END_TEST

/* ---- pending while blocked, delivered once unblocked ------------------- */

START_TEST(test_blocked_stays_pending)
{
	handle(SIGUSR1, 0, 0);
	ck_assert_int_eq(procmask(SIG_BLOCK, USR1, NULL), 0);
	ck_assert_int_eq(kill_self(SIGUSR1), 0);
	ck_assert_int_eq(sys(SYS_GETPID, 0, 0, 0, 0), p->pid);
	core_interrupt();		/* the way out without a syscall */
	ck_assert_int_eq(fake_nsigframes, 0);
	ck_assert_uint_eq(p->sig_pending, USR1);
	ck_assert(!proc_signal_pending(t0));	/* sleeps are not interrupted */

	/* unblocking enters the handler on that very call's way out */
	ck_assert_int_eq(procmask(SIG_UNBLOCK, USR1, NULL), SIGUSR1);
	ck_assert_int_eq(fake_nsigframes, 1);
	top_frame_is(SIGUSR1, 0, 0);		/* sigprocmask's 0 comes back later */
	ck_assert_uint_eq(p->sig_pending, 0);
}
END_TEST

/* A preempted thread gets its unblocked signals, not its blocked ones. */
START_TEST(test_interrupt_respects_mask)
{
	handle(SIGUSR1, 0, 0);
	handle(SIGUSR2, 0, 0);
	ck_assert_int_eq(procmask(SIG_BLOCK, USR1, NULL), 0);
	ck_assert_int_eq(signal_send(p, SIGUSR2), 0);
	core_interrupt();
	ck_assert_int_eq(fake_nsigframes, 1);
	top_frame_is(SIGUSR2, USR1, 0);
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), 0);

	/* USR1 is the lower number, but blocked */
	ck_assert_int_eq(signal_send(p, SIGUSR1), 0);
	ck_assert_int_eq(signal_send(p, SIGUSR2), 0);
	ck_assert(proc_signal_pending(t0));
	core_interrupt();
	ck_assert_int_eq(fake_nsigframes, 1);
	top_frame_is(SIGUSR2, USR1, 0);
	ck_assert_uint_eq(p->sig_pending, USR1);
}
END_TEST

static void
unblock_all(void *arg)
{
	(void)arg;
	procmask(SIG_SETMASK, 0, NULL);
}

/* A blocked signal's default action waits for the unblock too. */
START_TEST(test_blocked_default_action)
{
	ck_assert_int_eq(procmask(SIG_BLOCK, TERM, NULL), 0);
	ck_assert_int_eq(kill_self(SIGTERM), 0);
	ck_assert(!p->exiting);
	ck_assert_int_ne(fake_run(unblock_all, NULL), FAKE_RETURNED);
	ck_assert_int_eq(p->state, P_ZOMBIE);
	ck_assert_int_eq(p->wstatus, W_SIGNALED(SIGTERM));
}
END_TEST

/* ---- while a handler runs ---------------------------------------------- */

/*
 * USR1's handler blocks USR1 itself and its sa_mask (USR2, and KILL and
 * STOP, which it cannot); each sigreturn gives back the mask from before
 * the handler, and what became unblocked is delivered on its way out.
 */
START_TEST(test_handler_mask_and_sigreturn)
{
	handle(SIGUSR1, USR2 | SIG_UNBLOCKABLE, 0);
	handle(SIGUSR2, 0, 0);
	ck_assert_int_eq(procmask(SIG_SETMASK, INT, NULL), 0);

	ck_assert_int_eq(signal_send(p, SIGUSR1), 0);
	ck_assert_int_eq(sys(SYS_GETPID, 0, 0, 0, 0), SIGUSR1);
	top_frame_is(SIGUSR1, INT, p->pid);	/* getpid's result, saved */
	ck_assert_uint_eq(mask_now(), INT | USR1 | USR2);

	/* in the handler: both stay pending */
	ck_assert_int_eq(kill_self(SIGUSR1), 0);
	ck_assert_int_eq(kill_self(SIGUSR2), 0);
	ck_assert_int_eq(fake_nsigframes, 1);
	ck_assert_uint_eq(p->sig_pending, USR1 | USR2);

	/* back to INT only: USR1 (the lowest) comes at once */
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), SIGUSR1);
	ck_assert_int_eq(fake_nsigframes, 1);
	top_frame_is(SIGUSR1, INT, p->pid);
	ck_assert_uint_eq(p->sig_pending, USR2);

	/* then USR2, whose handler blocks only USR2 */
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), SIGUSR2);
	top_frame_is(SIGUSR2, INT, p->pid);
	ck_assert_uint_eq(mask_now(), INT | USR2);

	/* the interrupted getpid finally returns its pid */
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), p->pid);
	ck_assert_int_eq(fake_nsigframes, 0);
	ck_assert_uint_eq(mask_now(), INT);
}
END_TEST

START_TEST(test_nodefer)
{
	handle(SIGUSR1, USR2, SA_NODEFER);
	ck_assert_int_eq(kill_self(SIGUSR1), SIGUSR1);
	ck_assert_uint_eq(mask_now(), USR2);	/* sa_mask, not its own */
	/* it nests */
	ck_assert_int_eq(kill_self(SIGUSR1), SIGUSR1);
	ck_assert_int_eq(fake_nsigframes, 2);
	top_frame_is(SIGUSR1, USR2, 0);
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), 0);
	ck_assert_uint_eq(mask_now(), USR2);
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), 0);
	ck_assert_uint_eq(mask_now(), 0);
}
END_TEST

/* A program may rewrite the mask in its frame; KILL and STOP stay out. */
START_TEST(test_sigreturn_cookie_unblockable)
{
	handle(SIGUSR1, 0, 0);
	ck_assert_int_eq(kill_self(SIGUSR1), SIGUSR1);
	fake_sigframes[0].cookie = ~0ull;
	fake_sigframes[0].rax = 1234;
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), 1234);
	ck_assert_uint_eq(mask_now(), ~SIG_UNBLOCKABLE);
}
END_TEST

static void
sigreturn_no_frame(void *arg)
{
	(void)arg;
	sys(SYS_SIGRETURN, 0, 0, 0, 0);
}

START_TEST(test_sigreturn_without_frame)
{
	ck_assert_int_eq(procmask(SIG_SETMASK, USR1, NULL), 0);
	ck_assert_int_ne(fake_run(sigreturn_no_frame, NULL), FAKE_RETURNED);
	ck_assert_int_eq(p->wstatus, W_SIGNALED(SIGSEGV));
}
END_TEST

/* ---- faults ------------------------------------------------------------ */

START_TEST(test_fault_blocked)
{
	ck_assert(!signal_fault_handler(SIGSEGV, 0, 0));	/* no handler */
	handle(SIGSEGV, 0, 0);
	ck_assert_int_eq(procmask(SIG_BLOCK, SIGBIT(SIGSEGV), NULL), 0);
	ck_assert(!signal_fault_handler(SIGSEGV, 0, 0));
	ck_assert_int_eq(fake_nsigframes, 0);
	ck_assert_uint_eq(mask_now(), SIGBIT(SIGSEGV));

	ck_assert_int_eq(procmask(SIG_SETMASK, INT, NULL), 0);
	ck_assert(signal_fault_handler(SIGSEGV, 0, 0));
	top_frame_is(SIGSEGV, INT, 0);
	/* a fault inside the handler finds SEGV blocked */
	ck_assert(!signal_fault_handler(SIGSEGV, 0, 0));
	ck_assert_int_eq(fake_nsigframes, 1);
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), 0);
	ck_assert_uint_eq(mask_now(), INT);
}
END_TEST

START_TEST(test_fault_sigsys)
{
	handle(SIGSYS, 0, 0);
	ck_assert(signal_fault_handler(SIGSYS, 0, 0));
	top_frame_is(SIGSYS, 0, -ENOSYS);
}
END_TEST

static void
segv(void *arg)
{
	(void)arg;
	core_fault(SIGSEGV, 0x10, 0x401234);
}

/* The HAL's way in: a blocked fault kills instead of looping. */
START_TEST(test_core_fault_blocked_kills)
{
	handle(SIGSEGV, 0, 0);
	ck_assert_int_eq(procmask(SIG_BLOCK, SIGBIT(SIGSEGV), NULL), 0);
	ck_assert_int_ne(fake_run(segv, NULL), FAKE_RETURNED);
	ck_assert_int_eq(fake_nsigframes, 0);
	ck_assert_int_eq(p->wstatus, W_SIGNALED(SIGSEGV));
}
END_TEST

/* ---- threads ----------------------------------------------------------- */

static struct thread *
new_thread(void)
{
	uintptr_t code = (uintptr_t)mem + P, stack = (uintptr_t)mem + 3 * P;
	long tid = sys(SYS_CLONE_THREAD, code, stack, 0, 0);
	ck_assert_int_gt(tid, 0);
	struct list *l;
	list_for_each(l, &p->threads) {
		struct thread *t = list_entry(l, struct thread, proc_link);
		if (t->tid == tid)
			return t;
	}
	ck_abort_msg("no thread %ld", tid);
	return NULL;
}

START_TEST(test_clone_inherits_mask)
{
	ck_assert_int_eq(procmask(SIG_SETMASK, USR1 | TERM, NULL), 0);
	struct thread *t1 = new_thread();
	ck_assert_uint_eq(t1->sigmask, USR1 | TERM);
	/* masks are per thread from then on */
	ck_assert_int_eq(procmask(SIG_SETMASK, INT, NULL), 0);
	ck_assert_uint_eq(t1->sigmask, USR1 | TERM);
}
END_TEST

/*
 * A signal interrupts a sleeping thread only if that thread does not block
 * it; a signal every thread blocks waits for the one that unblocks it.
 */
START_TEST(test_send_respects_thread_masks)
{
	struct waitq wq;
	waitq_init(&wq);
	handle(SIGUSR1, 0, 0);
	handle(SIGUSR2, 0, 0);
	ck_assert_int_eq(procmask(SIG_BLOCK, USR1, NULL), 0);
	struct thread *t1 = new_thread();	/* blocks USR1 too */
	waitq_sleep(&wq, 0, true);		/* t0 sleeps, t1 runs */
	ck_assert_ptr_eq(sched_current(), t1);
	ck_assert_int_eq(procmask(SIG_BLOCK, USR2, NULL), 0);

	ck_assert_int_eq(kill_self(SIGUSR1), 0);
	ck_assert_int_eq(t0->state, T_BLOCKED);	/* blocks it: sleeps on */
	ck_assert(!proc_signal_pending(t0));
	ck_assert_int_eq(kill_self(SIGUSR2), 0);
	ck_assert_int_eq(t0->state, T_RUNNABLE);	/* does not: interrupted */
	ck_assert_int_eq(t0->wake_reason, -EINTR);
	ck_assert_int_eq(fake_nsigframes, 0);

	/* t1 unblocks USR1 and runs its handler itself */
	ck_assert_int_eq(procmask(SIG_UNBLOCK, USR1, NULL), SIGUSR1);
	top_frame_is(SIGUSR1, USR2, 0);
	ck_assert_uint_eq(t1->sigmask, USR1 | USR2);
	ck_assert_uint_eq(p->sig_pending, USR2);

	/* t0 takes USR2 on its way out of the interrupted call */
	sched_give_up();
	ck_assert_ptr_eq(sched_current(), t0);
	ck_assert_int_eq(sys(SYS_GETPID, 0, 0, 0, 0), SIGUSR2);
	ck_assert_int_eq(fake_nsigframes, 2);
	top_frame_is(SIGUSR2, USR1, p->pid);
	ck_assert_uint_eq(t0->sigmask, USR1 | USR2);
}
END_TEST

/* ---- siginfo, SA_RESTART, sigaltstack ---------------------------------- */

static struct redox_siginfo
top_info(void)
{
	struct redox_siginfo si;
	ck_assert_int_gt(fake_nsigframes, 0);
	memcpy(&si, fake_sigframes[fake_nsigframes - 1].info, sizeof si);
	return si;
}

START_TEST(test_kill_siginfo)
{
	handle(SIGUSR1, 0, SA_SIGINFO);
	ck_assert_int_eq(kill_self(SIGUSR1), SIGUSR1);
	struct redox_siginfo si = top_info();
	ck_assert_int_eq(si.si_signo, SIGUSR1);
	ck_assert_int_eq(si.si_code, SI_USER);
	ck_assert_int_eq(si.si_pid, p->pid);
	ck_assert_uint_eq(si.si_uid, p->uid);
	/* the core's own sends say so */
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), 0);
	ck_assert_int_eq(signal_send(p, SIGUSR1), 0);
	ck_assert_int_eq(sys(SYS_GETPID, 0, 0, 0, 0), SIGUSR1);
	ck_assert_int_eq(top_info().si_code, SI_KERNEL);
}
END_TEST

START_TEST(test_fault_siginfo)
{
	handle(SIGSEGV, 0, SA_SIGINFO);
	ck_assert(signal_fault_handler(SIGSEGV, SEGV_ACCERR, 0x1234));
	struct redox_siginfo si = top_info();
	ck_assert_int_eq(si.si_code, SEGV_ACCERR);
	ck_assert_uint_eq(si.si_addr, 0x1234);
}
END_TEST

/*
 * A waitpid cut short by a signal: with SA_RESTART, sigreturn runs it
 * again (here the child has ended meanwhile, so it reaps it); without,
 * the program sees -EINTR.
 */
static void
interrupted_waitpid(int flags, long want)
{
	struct proc *c = proc_new(p, "child", 5);
	ck_assert_ptr_nonnull(c);
	handle(SIGUSR1, 0, flags);
	ck_assert_int_eq(signal_send(p, SIGUSR1), 0);
	ck_assert_int_eq(sys(SYS_WAITPID, c->pid, (long)&u->status, 0, 0), SIGUSR1);
	ck_assert_int_eq(fake_sigframes[fake_nsigframes - 1].rax, -EINTR);
	c->state = P_ZOMBIE;
	c->wstatus = W_EXITED(5);
	long pid = c->pid;
	u->status = 0;
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), want ? pid : -EINTR);
	if (want)
		ck_assert_int_eq(u->status, W_EXITED(5));
}

START_TEST(test_sa_restart)
{
	interrupted_waitpid(SA_RESTART, 1);
}
END_TEST

START_TEST(test_no_restart)
{
	interrupted_waitpid(0, 0);
}
END_TEST

/* A frame edited to restart a call that never restarts is refused. */
START_TEST(test_restart_only_restartable)
{
	struct proc *c = proc_new(p, "child", 5);
	ck_assert_ptr_nonnull(c);
	handle(SIGUSR1, 0, SA_RESTART);
	ck_assert_int_eq(signal_send(p, SIGUSR1), 0);
	ck_assert_int_eq(sys(SYS_WAITPID, c->pid, 0, 0, 0), SIGUSR1);
	int64_t *saved = (int64_t *)fake_sigframes[0].saved;
	ck_assert_int_eq(saved[0], 1);
	ck_assert_int_eq(saved[1], SYS_WAITPID);
	saved[1] = SYS_SIGRETURN;
	ck_assert_int_eq(sys(SYS_SIGRETURN, 0, 0, 0, 0), -EINTR);
}
END_TEST

START_TEST(test_sigaltstack)
{
	uintptr_t alt = (uintptr_t)mem + P / 2;
	u->oss.ss_flags = 0;
	ck_assert_int_eq(sys(SYS_SIGALTSTACK, 0, (long)&u->oss, 0, 0), 0);
	ck_assert_int_eq(u->oss.ss_flags, SS_DISABLE);
	u->ss = (struct redox_stack){ alt, 0, 0, 1024 };
	ck_assert_int_eq(sys(SYS_SIGALTSTACK, (long)&u->ss, 0, 0, 0), -ENOMEM);
	u->ss = (struct redox_stack){ alt, 0, 0, 4 * P };	/* past our memory */
	ck_assert_int_eq(sys(SYS_SIGALTSTACK, (long)&u->ss, 0, 0, 0), -EFAULT);
	u->ss = (struct redox_stack){ alt, 0x40, 0, P / 2 };
	ck_assert_int_eq(sys(SYS_SIGALTSTACK, (long)&u->ss, 0, 0, 0), -EINVAL);
	u->ss = (struct redox_stack){ alt, 0, 0, P / 2 };
	ck_assert_int_eq(sys(SYS_SIGALTSTACK, (long)&u->ss, 0, 0, 0), 0);

	/* SA_ONSTACK handlers get it, others do not */
	handle(SIGUSR1, 0, SA_ONSTACK);
	handle(SIGUSR2, 0, 0);
	ck_assert_int_eq(kill_self(SIGUSR1), SIGUSR1);
	ck_assert_uint_eq(fake_sigframes[0].alt_lo, alt);
	ck_assert_uint_eq(fake_sigframes[0].alt_hi, alt + P / 2);
	ck_assert_int_eq(kill_self(SIGUSR2), SIGUSR2);
	ck_assert_uint_eq(fake_sigframes[1].alt_hi, 0);

	/* on it: reported, and not to be changed */
	fake_user_sp = alt + 100;
	ck_assert_int_eq(sys(SYS_SIGALTSTACK, 0, (long)&u->oss, 0, 0), 0);
	ck_assert_int_eq(u->oss.ss_flags, SS_ONSTACK);
	ck_assert_int_eq(sys(SYS_SIGALTSTACK, (long)&u->ss, 0, 0, 0), -EPERM);
	fake_user_sp = 0;
	u->ss.ss_flags = SS_DISABLE;
	ck_assert_int_eq(sys(SYS_SIGALTSTACK, (long)&u->ss, 0, 0, 0), 0);
	ck_assert_int_eq(sys(SYS_SIGALTSTACK, 0, (long)&u->oss, 0, 0), 0);
	ck_assert_int_eq(u->oss.ss_flags, SS_DISABLE);
}
END_TEST

Suite *
signal_suite(void)
{
	Suite *s = suite_create("signal");
	TCase *tc = tcase_create("sigprocmask");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_block_unblock_setmask);
	tcase_add_test(tc, test_kill_stop_never_blocked);
	tcase_add_test(tc, test_stop_while_all_blocked);
	tcase_add_test(tc, test_kill_while_all_blocked);
	tcase_add_test(tc, test_bad_how);
	suite_add_tcase(s, tc);
	tc = tcase_create("delivery");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_blocked_stays_pending);
	tcase_add_test(tc, test_interrupt_respects_mask);
	tcase_add_test(tc, test_blocked_default_action);
	tcase_add_test(tc, test_handler_mask_and_sigreturn);
	tcase_add_test(tc, test_nodefer);
	tcase_add_test(tc, test_sigreturn_cookie_unblockable);
	tcase_add_test(tc, test_sigreturn_without_frame);
	suite_add_tcase(s, tc);
	tc = tcase_create("faults and threads");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fault_blocked);
	tcase_add_test(tc, test_fault_sigsys);
	tcase_add_test(tc, test_core_fault_blocked_kills);
	tcase_add_test(tc, test_clone_inherits_mask);
	tcase_add_test(tc, test_send_respects_thread_masks);
	suite_add_tcase(s, tc);
	tc = tcase_create("siginfo, restart, altstack");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_kill_siginfo);
	tcase_add_test(tc, test_fault_siginfo);
	tcase_add_test(tc, test_sa_restart);
	tcase_add_test(tc, test_no_restart);
	tcase_add_test(tc, test_restart_only_restartable);
	tcase_add_test(tc, test_sigaltstack);
	suite_add_tcase(s, tc);
	return s;
}
