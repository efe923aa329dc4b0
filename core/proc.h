/*
 * proc.h - processes: address space, fds, cwd, credentials, threads,
 * children, signals.  No fork: processes are made by spawn.
 */
#ifndef CORE_PROC_H
#define CORE_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/abi.h"
#include "core/list.h"
#include "core/sched.h"

#define PROC_NAME_MAX 32

enum proc_state { P_ALIVE, P_ZOMBIE };

struct proc {
	int pid, ppid, pgid, sid;
	uint32_t uid, euid, gid, egid;
	uint32_t umask;
	char name[PROC_NAME_MAX];
	enum proc_state state;
	int wstatus;			/* wait status once a zombie */
	bool exiting;			/* threads are on their way out */
	/* Job control: a stopped process's threads sleep on stop_wait on
	 * their way to user mode until SIGCONT (or SIGKILL) comes. */
	bool stopped;
	int stop_sig;
	int report;			/* for the parent's waitpid: REPORT_* */
	struct waitq stop_wait;
	struct vm *vm;
	struct fdtable *fds;
	char *cwd;			/* a URL, NUL-terminated */
	size_t cwd_len;
	struct list threads;
	int nthreads;
	struct list children;
	struct list sibling;		/* on the parent's children */
	struct list all;		/* on the process table */
	struct waitq child_wait;	/* the parent sleeps here in waitpid */
	struct redox_sigaction act[NSIG];
	uint64_t sig_pending;
	/* Who sent each pending signal (the first sender while pending). */
	struct redox_siginfo sig_info[NSIG];
	uintptr_t sig_restorer;		/* libc's sigreturn trampoline */
	/* spawn: the image to load and how the load went */
	struct exec_args *exec;
	int exec_result;		/* 1 pending, 0 loaded, -errno failed */
	struct waitq exec_wait;
	/* A vfork child: the parent whose vm it uses (and who sleeps on
	 * exec_wait) until it execs or exits; NULL otherwise. */
	struct proc *vfork_parent;
	char **env;			/* for env: (NULL-terminated copies) */
	uintptr_t auxv_syscall;		/* AT_REDOX_SYSCALL handed to it */
	struct redox_rlimit rlim[RLIMIT_NLIMITS];	/* see limits.h */
	/* CPU time, in hal_cpu_ticks (cputime.c): of its ended threads, of
	 * its reaped children (and theirs). */
	uint64_t dead_utime, dead_stime, child_utime, child_stime;
	/* getrusage's other counts (cputime.c): the most accessible pages
	 * of the spaces it has left (exec, exit); the same for its reaped
	 * children's largest; context switches of its ended threads and of
	 * its reaped children. */
	size_t peak_pages, child_peak_pages;
	uint64_t dead_nvcsw, dead_nivcsw, child_nvcsw, child_nivcsw;
	/* ITIMER_VIRTUAL (user time) and ITIMER_PROF (user and system), in
	 * ticks: left until the signal (0: off), and the period. */
	uint64_t itimer_left[2], itimer_every[2];
};

void proc_init(void);
static inline struct proc *
proc_current(void)
{
	struct thread *t = sched_current();
	return t ? t->proc : NULL;
}
struct proc *proc_find(int pid);
/* A new process (no threads yet), child of parent (NULL for init). */
struct proc *proc_new(struct proc *parent, const char *name, size_t len);
/* Frees a process that never ran a thread. */
void proc_discard(struct proc *p);
/* A new thread in p that first runs start(t) in the core. */
struct thread *proc_thread_new(struct proc *p, void (*start)(struct thread *));
/* Ends the running thread; the last one turns the process into a zombie. */
_Noreturn void proc_thread_exit(void);
/* Ends the whole process with a wait status; never returns. */
_Noreturn void proc_exit(int wstatus);
/* Marks p as exiting and interrupts its threads (kill, fatal signal). */
void proc_terminate(struct proc *p, int wstatus);
/* Job control (signal.c decides when): stops p, reporting sig to its
 * parent; continues it.  proc_stopped_wait() holds the running thread
 * while its process is stopped. */
void proc_stop(struct proc *p, int sig);
void proc_continue(struct proc *p);
void proc_stopped_wait(void);
/* Waits for a child; see waitpid(2).  Returns pid, 0 (WNOHANG) or -errno.
 * ru (may be NULL) gets a reaped child's usage, zeros for a stop. */
struct redox_rusage;
long proc_wait(int pid, int *wstatus, int flags, struct redox_rusage *ru);
/* vfork: c (new, no threads) takes p's vm, a copy of its fds and its
 * signal actions.  0 or -ENOMEM (then c is discarded). */
int proc_vfork_share(struct proc *p, struct proc *c);
/* The parent sleeps until the child lets its vm go; returns c's pid,
 * or -EINTR once the child is gone if the parent is being killed. */
long proc_vfork_wait(struct proc *c);
/* The child lets the parent's vm go (exec, exit) and wakes the parent. */
void proc_vfork_release(struct proc *c);
/* Iterates the table (sys:context). */
struct proc *proc_next(struct proc *p);
int proc_count(void);

/* Hooks for sched.c */
void proc_activate(struct thread *t);
void proc_thread_freed(struct thread *t);
bool proc_signal_pending(struct thread *t);
void proc_stop_requested(void);

/* Credentials of the running process for scheme calls. */
struct cred;
void proc_cred(struct cred *c);

/* Wait status encoding (Linux's). */
#define W_EXITED(code)	(((code) & 0xff) << 8)
#define W_SIGNALED(sig)	((sig) & 0x7f)
#define W_STOPPED(sig)	(((sig) & 0xff) << 8 | 0x7f)
#define W_CONTINUED	0xffff
enum { REPORT_NONE, REPORT_STOP, REPORT_CONT };

#endif
