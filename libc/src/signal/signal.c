/*
 * Signals: actions, masks and sending.
 *
 * Caught signals reach the program's handler through dispatch(), which
 * first counts the delivery in sigcount.  sigsuspend sleeps on that word
 * with a futex: the futex checks the count and sleeps in one step, so a
 * signal handled between the mask change and the sleep cannot be lost
 * (the ABI has no sigsuspend of its own).  The count is the process's:
 * a handler that ran in another thread just then also ends the wait,
 * an early EINTR callers loop on anyway.
 */
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include "../internal/libc.h"

typedef void (*handler3)(int, void *, void *);

static void (*volatile handlers[NSIG])(int);
static volatile uint32_t sigcount;

/* The kernel passes the signal (and, on Linux under rxrun, two more
 * arguments): all three go on to the program's handler. */
static void dispatch(int sig, void *a, void *b)
{
	__atomic_add_fetch(&sigcount, 1, __ATOMIC_SEQ_CST);
	if (sig > 0 && sig < NSIG && handlers[sig] != NULL)
		((handler3)(void (*)(void))handlers[sig])(sig, a, b);
}

static int caught(void (*h)(int))
{
	return h != SIG_DFL && h != SIG_IGN && h != SIG_ERR;
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	struct redox_sigaction ra, ro;
	void (*prev)(int);
	long r;

	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	prev = handlers[sig];
	if (act != NULL) {
		ra.sa_handler = (uint64_t)(uintptr_t)act->sa_handler;
		if (caught(act->sa_handler)) {
			handlers[sig] = act->sa_handler;
			ra.sa_handler = (uint64_t)(uintptr_t)dispatch;
		}
		ra.sa_mask[0] = act->sa_mask;
		ra.sa_mask[1] = 0;
		ra.sa_flags = (uint64_t)(unsigned)act->sa_flags | SA_RESTORER;
	}
	r = __syscall4(SYS_SIGACTION, sig, act ? &ra : NULL, old ? &ro : NULL, __restore_rt);
	if (r < 0) {
		handlers[sig] = prev;
		return (int)__syscall_ret(r);
	}
	if (old != NULL) {
		old->sa_handler = (void (*)(int))(uintptr_t)ro.sa_handler;
		if (ro.sa_handler == (uint64_t)(uintptr_t)dispatch)
			old->sa_handler = prev;
		old->sa_mask = ro.sa_mask[0];
		old->sa_flags = (int)(ro.sa_flags & ~(uint64_t)SA_RESTORER);
		old->sa_restorer = NULL;
	}
	return 0;
}

/* Returns -1/EINTR once a caught signal has been handled. */
int sigsuspend(const sigset_t *mask)
{
	uint32_t seen = __atomic_load_n(&sigcount, __ATOMIC_SEQ_CST);
	sigset_t old;

	if (sigprocmask(SIG_SETMASK, mask, &old) < 0)
		return -1;
	/* returns at once if a handler ran since `seen` (EAGAIN), else
	 * sleeps until a signal interrupts it (EINTR) */
	while (__atomic_load_n(&sigcount, __ATOMIC_SEQ_CST) == seen)
		if (__futex_wait(&sigcount, seen, NULL) != 0)
			break;	/* 0 is a wake-up nobody sends: wait again */
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = EINTR;
	return -1;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART };
	struct sigaction old = { .sa_handler = SIG_DFL };

	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	uint64_t s = set ? *set : 0, o = 0;
	long r = __syscall3(SYS_SIGPROCMASK, how, set ? &s : NULL, old ? &o : NULL);

	if (r < 0)
		return (int)__syscall_ret(r);
	if (old != NULL)
		*old = o;
	return 0;
}

int sigpending(sigset_t *set)
{
	uint64_t s = 0;
	long r = __syscall1(SYS_SIGPENDING, &s);

	if (r < 0)
		return (int)__syscall_ret(r);
	*set = s;
	return 0;
}

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return sigprocmask(how, set, old) < 0 ? errno : 0;
}

int sigemptyset(sigset_t *set) { *set = 0; return 0; }
int sigfillset(sigset_t *set) { *set = ~(sigset_t)0 >> (64 - (NSIG - 1)); return 0; }

static int bad(int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	*set |= (sigset_t)1 << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	*set &= ~((sigset_t)1 << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	return (*set >> (sig - 1)) & 1;
}

int kill(pid_t pid, int sig)
{
	return (int)__syscall_ret(__syscall2(SYS_KILL, pid, sig));
}

int killpg(pid_t pgid, int sig)
{
	if (pgid <= 1) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgid, sig);
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	return (int)__syscall_ret(__syscall2(SYS_SIGALTSTACK, ss, old));
}
