/*
 * cputime.h - CPU time per thread, process and reaped children.
 *
 * Charged at the crossings, on hal_cpu_ticks(): a thread's time from
 * its way out of the core to its next way in is user time, the rest of
 * its time on the CPU is system time.  A thread that sleeps or gives the
 * CPU up inside the core stops its clock there (cputime_stop) and the
 * next one starts its own (cputime_start), so idling is nobody's.
 */
#ifndef CORE_CPUTIME_H
#define CORE_CPUTIME_H

#include <stdint.h>

struct thread;
struct proc;
struct redox_rusage;

/* User mode -> core (syscall, tick, fault) and core -> user mode. */
void cputime_enter(struct thread *t);
void cputime_leave(struct thread *t);
/* The running thread leaves the CPU inside the core / resumes on it. */
void cputime_stop(struct thread *t);
void cputime_start(struct thread *t);

/* A thread's own times so far (the running one's up to now). */
void cputime_thread(struct thread *t, uint64_t *user, uint64_t *sys);
/* A process's: its dead threads' and its live ones'. */
void cputime_proc(struct proc *p, uint64_t *user, uint64_t *sys);
/* A dying thread's times go to its process. */
void cputime_thread_exit(struct thread *t);
/* p leaves vm (exec, exit): keep its peak for ru_maxrss. */
struct vm;
void cputime_leave_vm(struct proc *p, const struct vm *vm);
/* A reaped child's times, and its reaped children's, go to parent;
 * ru (may be NULL) gets them as wait4 reports them. */
void cputime_reap(struct proc *parent, struct proc *child, struct redox_rusage *ru);
/* Fills *ru for the process (RUSAGE_SELF), its reaped children
 * (RUSAGE_CHILDREN) or the thread (RUSAGE_THREAD). */
void cputime_rusage(struct proc *p, struct thread *t, int who, struct redox_rusage *ru);

long sys_getrusage(long who, long uru);
long sys_itimer(long which, long unew, long uold);

#endif
