/* signal.h - POSIX signals: sending, default actions, delivery, masks. */
#ifndef CORE_SIGNAL_H
#define CORE_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

struct proc;

#define SIGBIT(sig) (1ull << ((sig) - 1))
/* Signals that can be neither caught, blocked nor ignored. */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* Posts sig to p (0 only checks); applies ignore and kill at once.
 * signal_send() says the core sent it (SI_KERNEL). */
int signal_send(struct proc *p, int sig);
struct redox_siginfo;
int signal_send_info(struct proc *p, const struct redox_siginfo *si);
/* On the way to user mode: runs default actions or sets up a handler.
 * Returns the value the syscall returns. */
long signal_deliver(long ret);
/* A synchronous fault: if the thread has a handler for sig and does not
 * block it, sets the handler up (si_code code, si_addr addr) and returns
 * true; else returns false. */
bool signal_fault_handler(int sig, int code, uintptr_t addr);
/* Kills the process for a fault. */
_Noreturn void signal_fault(int sig);

/* Sends sig to every live process of group pgid (a terminal's signal
 * keys; no permission check).  Returns how many got it. */
int signal_group(int pgid, int sig);
/* Would sig, sent to the caller now, do something (neither ignored nor
 * blocked by this thread)? */
bool signal_would_act(int sig);

long sys_sigaction(long sig, long act, long oldact, long restorer);
long sys_sigprocmask(long how, long set, long oldset);
long sys_sigreturn(void);
long sys_sigaltstack(long ss, long oldss);
long sys_sigpending(long set);
long sys_kill(long pid, long sig);

#endif
