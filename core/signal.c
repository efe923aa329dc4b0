/*
 * signal.c - the 31 Linux-numbered signals with POSIX default actions.
 *
 * Signals are pending per process and blocked per thread.  Delivery happens
 * on the way back to user mode: a default action runs in the core (most
 * terminate); a handler gets a frame from the HAL (on the thread's
 * alternate stack for SA_ONSTACK) holding a siginfo and the interrupted
 * registers, and returns through the restorer the program registered with
 * sigaction.  A syscall that a SA_RESTART handler interrupted with -EINTR
 * rides in the frame and runs again at sigreturn (restartable()).
 */
#include "core/abi.h"
#include "core/event.h"
#include "core/fd.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/signal.h"
#include "core/str.h"
#include "core/syscall.h"
#include "core/usercopy.h"
#include "core/vm.h"
#include "hal/hal.h"

enum dfl { D_TERM, D_IGN, D_STOP, D_CONT };

#define STOP_SIGNALS (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))


static enum dfl
default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return D_IGN;
	case SIGCONT:
		return D_CONT;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return D_STOP;
	default:
		return D_TERM;
	}
}

/* What a frame keeps for sigreturn (opaque to the HAL). */
struct saved {
	int64_t restart;	/* 1: run nr(args) again */
	int64_t nr;
	int64_t args[5];
};
_Static_assert(sizeof(struct saved) <= HAL_SIG_SAVED, "struct saved");
_Static_assert(sizeof(struct redox_siginfo) <= HAL_SIG_INFO_MAX, "siginfo");
_Static_assert(sizeof(struct redox_ucontext) == sizeof(struct hal_ucontext), "ucontext");
_Static_assert(__builtin_offsetof(struct redox_ucontext, gregs) ==
    __builtin_offsetof(struct hal_ucontext, gregs), "ucontext gregs");
_Static_assert(__builtin_offsetof(struct redox_ucontext, uc_sigmask) ==
    __builtin_offsetof(struct hal_ucontext, uc_sigmask), "ucontext mask");

static bool
ignored(struct proc *p, int sig)
{
	uint64_t h = p->act[sig].sa_handler;
	return h == SIG_IGN || (h == SIG_DFL && default_action(sig) == D_IGN);
}

int
signal_send(struct proc *p, int sig)
{
	struct redox_siginfo si = { .si_signo = sig, .si_code = SI_KERNEL };
	return signal_send_info(p, &si);
}

int
signal_send_info(struct proc *p, const struct redox_siginfo *si)
{
	int sig = si->si_signo;
	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (!p || p->state == P_ZOMBIE || p->exiting)
		return p ? 0 : -ESRCH;
	if (sig == 0)
		return 0;
	/* As on Linux, init gets only the signals it handles: a stray kill
	 * (even SIGKILL or SIGSTOP) must not end or freeze the system. */
	if (p->pid == 1 && p->act[sig].sa_handler == SIG_DFL)
		return 0;
	if (sig == SIGKILL) {
		proc_terminate(p, W_SIGNALED(SIGKILL));
		return 0;
	}
	/* A continue cancels pending stops and the other way round; SIGCONT
	 * resumes the process now, whatever its handler (POSIX). */
	if (sig == SIGCONT) {
		p->sig_pending &= ~STOP_SIGNALS;
		proc_continue(p);
	} else if (STOP_SIGNALS & SIGBIT(sig)) {
		p->sig_pending &= ~SIGBIT(SIGCONT);
	}
	if (ignored(p, sig))
		return 0;
	if (!(p->sig_pending & SIGBIT(sig)))
		p->sig_info[sig] = *si;
	p->sig_pending |= SIGBIT(sig);
	/* Interrupt one thread that does not block it. */
	struct list *l;
	list_for_each(l, &p->threads) {
		struct thread *t = list_entry(l, struct thread, proc_link);
		if (!(t->sigmask & SIGBIT(sig))) {
			sched_interrupt(t);
			break;
		}
	}
	return 0;
}

/*
 * Calls a signal handler may restart (SA_RESTART), as on Linux: the ones
 * that wait for data, a child, a lock or a peer, and whose -EINTR means
 * nothing was done.  A read from an event: queue is poll/select, which
 * Linux never restarts; nanosleep and futex waits (sigsuspend) neither.
 */
static bool
restartable(long nr, long fd)
{
	switch (nr) {
	case SYS_READ: case SYS_READ2: {
		struct file *f = fd_get(proc_current()->fds, (int)fd);
		return f && !event_is_queue(f);
	}
	case SYS_WRITE: case SYS_WRITE2: case SYS_OPEN: case SYS_WAITPID: case SYS_WAIT4:
	case SYS_DUP: case SYS_FCNTL:
		return true;
	default:
		return false;
	}
}

/* True when the thread's user stack pointer is on its alternate stack. */
static bool
on_altstack(struct thread *t)
{
	uintptr_t sp = hal_user_sp();
	return t->alt_size && sp > t->alt_sp && sp - t->alt_sp <= t->alt_size;
}

/* Pushes a frame so that the thread resumes in sig's handler.  ret is
 * the syscall's result (restarted instead if the handler asks and the
 * call allows). */
static void
run_handler(struct thread *t, const struct redox_siginfo *si, long ret)
{
	struct proc *p = t->proc;
	int sig = si->si_signo;
	struct redox_sigaction *a = &p->act[sig];
	struct saved sv = { 0, 0, { 0 } };

	if (ret == -EINTR && (a->sa_flags & SA_RESTART) && t->sc_nr &&
	    restartable(t->sc_nr, t->sc_args[0])) {
		sv.restart = 1;
		sv.nr = t->sc_nr;
		for (int i = 0; i < 5; i++)
			sv.args[i] = t->sc_args[i];
	}
	struct hal_sigpush sp = {
		.handler = a->sa_handler, .restorer = p->sig_restorer, .sig = sig,
		.cookie = t->sigmask, .rax = ret,
		.info = si, .info_len = sizeof *si,
		.ss_sp = t->alt_sp, .ss_size = t->alt_size,
		.alt_flags = t->alt_size ? (on_altstack(t) ? SS_ONSTACK : 0) : SS_DISABLE,
		.saved = &sv, .saved_len = sizeof sv,
	};
	if ((a->sa_flags & SA_ONSTACK) && t->alt_size) {
		sp.alt_lo = t->alt_sp;
		sp.alt_hi = t->alt_sp + t->alt_size;
	}
	if (hal_signal_push(&sp) != 0) {
		log_printf("pid %d: no room for a signal frame; killed\n", p->pid);
		proc_exit(W_SIGNALED(SIGSEGV));
	}
	t->sigmask |= a->sa_mask[0];
	if (!(a->sa_flags & SA_NODEFER))
		t->sigmask |= SIGBIT(sig);
	t->sigmask &= ~SIG_UNBLOCKABLE;
	if (a->sa_flags & SA_RESETHAND)
		a->sa_handler = SIG_DFL;
}

long
signal_deliver(long ret)
{
	struct thread *t = sched_current();
	struct proc *p = t->proc;
	uint64_t ready;

	proc_stopped_wait();
	while ((ready = p->sig_pending & ~t->sigmask) != 0) {
		int sig = __builtin_ctzll(ready) + 1;
		p->sig_pending &= ~SIGBIT(sig);
		struct redox_sigaction *a = &p->act[sig];
		if (a->sa_handler == SIG_IGN)
			continue;
		if (a->sa_handler == SIG_DFL) {
			switch (default_action(sig)) {
			case D_TERM:
				proc_exit(W_SIGNALED(sig));
			case D_STOP:
				/* Other threads stop on their own way out. */
				proc_stop(p, sig);
				proc_stopped_wait();
				continue;
			case D_IGN: case D_CONT:
				continue;
			}
		}
		struct redox_siginfo si = p->sig_info[sig];
		si.si_signo = sig;
		run_handler(t, &si, ret);
		return sig;	/* the handler's argument register is set by the HAL */
	}
	return ret;
}

bool
signal_fault_handler(int sig, int code, uintptr_t addr)
{
	struct thread *t = sched_current();
	struct proc *p = t->proc;
	if (sig <= 0 || sig >= NSIG || p->exiting)
		return false;
	uint64_t h = p->act[sig].sa_handler;
	/* A blocked or ignored fault kills, as on Linux: the instruction
	 * would only fault again. */
	if (h == SIG_DFL || h == SIG_IGN || (t->sigmask & SIGBIT(sig)))
		return false;
	struct redox_siginfo si = { .si_signo = sig, .si_code = code, .si_addr = addr };
	t->sc_nr = 0;
	run_handler(t, &si, sig == SIGSYS ? -ENOSYS : 0);
	return true;
}

_Noreturn void
signal_fault(int sig)
{
	proc_exit(W_SIGNALED(sig));
}

long
sys_sigaction(long sig, long act, long oldact, long restorer)
{
	struct proc *p = proc_current();
	struct redox_sigaction na;

	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act && uc_copy_in(&na, (uintptr_t)act, sizeof na) != 0)
		return -EFAULT;
	if (oldact && uc_copy_out((uintptr_t)oldact, &p->act[sig], sizeof na) != 0)
		return -EFAULT;
	if (act) {
		p->act[sig] = na;
		if (restorer)
			p->sig_restorer = (uintptr_t)restorer;
		if (ignored(p, sig))
			p->sig_pending &= ~SIGBIT(sig);
	}
	return 0;
}

long
sys_sigprocmask(long how, long set, long oldset)
{
	struct thread *t = sched_current();
	uint64_t s;

	if (oldset && uc_copy_out((uintptr_t)oldset, &t->sigmask, sizeof t->sigmask) != 0)
		return -EFAULT;
	if (!set)
		return 0;
	if (uc_copy_in(&s, (uintptr_t)set, sizeof s) != 0)
		return -EFAULT;
	switch (how) {
	case SIG_BLOCK: t->sigmask |= s; break;
	case SIG_UNBLOCK: t->sigmask &= ~s; break;
	case SIG_SETMASK: t->sigmask = s; break;
	default: return -EINVAL;
	}
	t->sigmask &= ~SIG_UNBLOCKABLE;
	return 0;
}

/* POSIX: the signals that are pending and that the mask holds back. */
long
sys_sigpending(long set)
{
	struct thread *t = sched_current();
	uint64_t s = t->proc->sig_pending & t->sigmask;
	return uc_copy_out((uintptr_t)set, &s, sizeof s);
}

long
sys_sigreturn(void)
{
	struct thread *t = sched_current();
	struct hal_sigret r;
	struct saved sv;

	if (hal_signal_return(&r) != 0)
		signal_fault(SIGSEGV);
	t->sigmask = r.cookie & ~SIG_UNBLOCKABLE;
	memcpy(&sv, r.saved, sizeof sv);
	/* The frame is the program's memory: restart only what may be. */
	if (sv.restart == 1 && restartable(sv.nr, sv.args[0]))
		return syscall_redo(sv.nr, sv.args);
	return r.rax;
}

long
sys_sigaltstack(long ss, long oldss)
{
	struct thread *t = sched_current();
	struct redox_stack n, o = { t->alt_sp, 0, 0, t->alt_size };

	o.ss_flags = !t->alt_size ? SS_DISABLE : on_altstack(t) ? SS_ONSTACK : 0;
	if (ss && uc_copy_in(&n, (uintptr_t)ss, sizeof n) != 0)
		return -EFAULT;
	if (ss) {
		/* SS_ONSTACK is accepted as 0, as Linux does for old programs. */
		if (n.ss_flags & ~(SS_DISABLE | SS_ONSTACK))
			return -EINVAL;
		if (o.ss_flags == SS_ONSTACK)
			return -EPERM;
		if (n.ss_flags & SS_DISABLE) {
			t->alt_sp = 0;
			t->alt_size = 0;
		} else {
			if (n.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			/* Frames will be written there: it must be the
			 * program's own memory (hosted shares one host
			 * address space between programs). */
			if (!vm_check(proc_current()->vm, (uintptr_t)n.ss_sp, n.ss_size,
			    HAL_PROT_WRITE))
				return -EFAULT;
			t->alt_sp = (uintptr_t)n.ss_sp;
			t->alt_size = n.ss_size;
		}
		hal_thread_set_altstack(t->hal, t->alt_sp, t->alt_sp + t->alt_size);
	}
	if (oldss && uc_copy_out((uintptr_t)oldss, &o, sizeof o) != 0)
		return -EFAULT;
	return 0;
}

int
signal_group(int pgid, int sig)
{
	int n = 0;
	if (pgid <= 0)
		return 0;
	for (struct proc *p = proc_next(NULL); p; p = proc_next(p))
		if (p->pgid == pgid && p->state != P_ZOMBIE && signal_send(p, sig) == 0)
			n++;
	return n;
}

bool
signal_would_act(int sig)
{
	struct proc *p = proc_current();
	return !ignored(p, sig) && !(sched_current()->sigmask & SIGBIT(sig));
}

long
sys_kill(long pid, long sig)
{
	struct proc *self = proc_current();
	int sent = 0, err = -ESRCH;

	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	/* Only int values name a process or group; -pid must not overflow. */
	if (pid < -0x7fffffffL || pid > 0x7fffffffL)
		return -ESRCH;
	for (struct proc *p = proc_next(NULL); p; p = proc_next(p)) {
		bool match = pid > 0 ? p->pid == pid :
		    pid == 0 ? p->pgid == self->pgid :
		    pid == -1 ? p->pid != 1 && p != self : p->pgid == -pid;
		if (!match || p->state == P_ZOMBIE)
			continue;
		if (self->euid != 0 && self->euid != p->uid && self->uid != p->uid) {
			err = -EPERM;
			continue;
		}
		struct redox_siginfo si = { .si_signo = (int)sig, .si_code = SI_USER,
		    .si_pid = self->pid, .si_uid = self->uid };
		signal_send_info(p, &si);
		sent++;
	}
	return sent ? 0 : err;
}
