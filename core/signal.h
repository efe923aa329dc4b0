/* signal.h - POSIX signals: sending, default actions, delivery, masks. */
#ifndef CORE_SIGNAL_H
#define CORE_SIGNAL_H

#include <stdint.h>

struct proc;

#define SIGBIT(sig) (1ull << ((sig) - 1))
/* Signals that can be neither caught, blocked nor ignored. */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* Posts sig to p (0 only checks); applies ignore and kill at once. */
int signal_send(struct proc *p, int sig);
/* On the way to user mode: runs default actions or sets up a handler.
 * Returns the value the syscall returns. */
long signal_deliver(long ret);
/* A synchronous fault: kills the process (handlers for faults are not
 * supported yet: the state to resume would be the faulting one). */
_Noreturn void signal_fault(int sig);

long sys_sigaction(long sig, long act, long oldact, long restorer);
long sys_sigprocmask(long how, long set, long oldset);
long sys_sigreturn(void);
long sys_kill(long pid, long sig);

#endif
