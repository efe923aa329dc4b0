/*
 * signal.c - the 31 Linux-numbered signals with POSIX default actions.
 *
 * Signals are pending per process and blocked per thread.  Delivery happens
 * on the way back to user mode: a default action runs in the core (most
 * terminate); a handler gets a frame from the HAL and returns through the
 * restorer the program registered with sigaction.
 */
#include "core/abi.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/signal.h"
#include "core/usercopy.h"
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

static bool
ignored(struct proc *p, int sig)
{
	uint64_t h = p->act[sig].sa_handler;
	return h == SIG_IGN || (h == SIG_DFL && default_action(sig) == D_IGN);
}

int
signal_send(struct proc *p, int sig)
{
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

/* Pushes a frame so that the thread resumes in sig's handler. */
static void
run_handler(struct thread *t, int sig, long ret)
{
	struct proc *p = t->proc;
	struct redox_sigaction *a = &p->act[sig];
	if (hal_signal_push(a->sa_handler, p->sig_restorer, sig, t->sigmask, ret) != 0) {
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
		run_handler(t, sig, ret);
		return sig;	/* the handler's argument register is set by the HAL */
	}
	return ret;
}

bool
signal_fault_handler(int sig)
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
	run_handler(t, sig, sig == SIGSYS ? -ENOSYS : 0);
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

long
sys_sigreturn(void)
{
	struct thread *t = sched_current();
	uint64_t mask;
	long rax;

	if (hal_signal_return(&mask, &rax) != 0)
		signal_fault(SIGSEGV);
	t->sigmask = mask & ~SIG_UNBLOCKABLE;
	return rax;
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
		signal_send(p, (int)sig);
		sent++;
	}
	return sent ? 0 : err;
}
