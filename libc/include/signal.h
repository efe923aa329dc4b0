/* signal.h - the 31 Linux-numbered signals.  Handlers installed with
 * SA_SIGINFO get handler(sig, siginfo_t *, ucontext_t *); SA_ONSTACK ones
 * run on the sigaltstack.  The layouts are the kernel's (redox/abi.h). */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <features.h>
#include <sys/types.h>
#include <time.h>
#include <redox/abi.h>

typedef int sig_atomic_t;
typedef uint64_t sigset_t;	/* bit (sig - 1) */
typedef void (*sighandler_t)(int);

/* abi.h gives plain integers; POSIX wants handler-typed constants. */
#undef SIG_DFL
#undef SIG_IGN
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)
#define SIGIOT SIGABRT
#define SIGPOLL SIGIO
#define SIGRTMIN 32
#define SIGRTMAX 32

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* struct redox_siginfo's layout. */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	pid_t si_pid;
	uid_t si_uid;
	int si_status;
	void *si_addr;
	union sigval si_value;
	uint64_t __pad[4];
} siginfo_t;

/* struct redox_stack's layout. */
typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};

__BEGIN_DECLS
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigsuspend(const sigset_t *mask);
int sigpending(sigset_t *set);
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int kill(pid_t pid, int sig);
int killpg(pid_t pgid, int sig);
int raise(int sig);
void psignal(int sig, const char *s);
__END_DECLS

#endif
