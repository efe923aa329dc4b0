/*
 * sched.h - threads, the run queue, wait queues and the time slice.
 *
 * One CPU; the core is non-preemptible.  A thread blocks only in
 * waitq_sleep(), which switches to the next runnable thread or idles.
 */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "core/list.h"

#define SLICE_NS 10000000ull	/* 10 ms */

struct proc;
struct hal_thread;

enum thread_state { T_NEW, T_RUNNABLE, T_RUNNING, T_BLOCKED, T_DEAD };

struct waitq {
	struct list sleepers;
};

/*
 * A callback at a monotonic time: a sleeper's deadline, or a kernel
 * scheme's (time: timeouts).  It runs in the core on some thread's way
 * out, after the deadline.
 */
struct ktimer {
	struct list link;		/* on the timer list while armed */
	uint64_t deadline;
	void (*fire)(struct ktimer *k);
};

struct thread {
	int tid;
	enum thread_state state;
	struct proc *proc;
	struct hal_thread *hal;
	struct list run_link;		/* on the run queue */
	struct list wait_link;		/* on a waitq */
	struct ktimer timer;		/* armed while it sleeps with a deadline */
	struct list proc_link;		/* on proc->threads */
	struct waitq *waiting_on;
	int wake_reason;		/* 0, -ETIMEDOUT, -EINTR */
	bool interruptible;
	bool killable;			/* woken by its process's end only */
	uint64_t sigmask;		/* blocked signals */
	uintptr_t tp;
	size_t tp_head;			/* hal_thread_set_tp's head: 0 or 64 */
	void *bounce;			/* kernel buffer for large transfers */
	uint64_t ready_tick;		/* timer period it became runnable in */
	/* What a new thread runs first, in the core. */
	void (*kstart)(struct thread *t);
	/* First user entry of a thread made by clone_thread. */
	uintptr_t entry, stack, arg;
	/* The syscall being served (0 after a tick or fault), for SA_RESTART. */
	long sc_nr, sc_args[5];
	/* sigaltstack: [alt_sp, alt_sp + alt_size), size 0 when disabled. */
	uintptr_t alt_sp;
	uint64_t alt_size;
	/* CPU time (cputime.c), in hal_cpu_ticks: in user mode and in the
	 * core, and when the running thread last changed between the two. */
	uint64_t utime, stime, cpu_stamp;
	/* Switches away: it blocked (voluntary), or its slice ended. */
	uint64_t nvcsw, nivcsw;
};

/* Run queue (pure data structure; unit-tested). */
struct runq {
	struct list head;
	unsigned count;
};
void runq_init(struct runq *rq);
void runq_push(struct runq *rq, struct thread *t);
struct thread *runq_pop(struct runq *rq);
struct thread *runq_peek(struct runq *rq);
void runq_remove(struct runq *rq, struct thread *t);

void waitq_init(struct waitq *wq);
/*
 * Sleeps until woken, the deadline (monotonic ns, 0 = none) passes, or
 * (if interruptible) a signal arrives for the thread.  Returns 0,
 * -ETIMEDOUT or -EINTR.  The caller re-checks its condition.
 */
int waitq_sleep(struct waitq *wq, uint64_t deadline, bool interruptible);
/*
 * Sleeps until woken or the process is killed (-EINTR): for waits on
 * something that may itself wait on this process, where a signal must
 * not cut the wait short but an end must (a spawn whose image comes from
 * a scheme the spawner serves would otherwise never end).
 */
int waitq_sleep_killable(struct waitq *wq);
/* Wakes up to n sleepers (n < 0: all); returns how many woke. */
int waitq_wake(struct waitq *wq, int n);
/*
 * Wakes the first sleeper and puts it first in line: for a caller that
 * hands work to a server (or an answer back) and is about to sleep.  The
 * pair then runs back to back; a thread that waited a whole timer period
 * still gets the CPU at the next tick.
 */
int waitq_handoff(struct waitq *wq);
/* Wakes a particular thread if it sleeps interruptibly (signals, kill). */
void sched_interrupt(struct thread *t);
/* The same for a thread whose process is ending: killable sleeps too. */
void sched_kill(struct thread *t);

/* Deadlines are capped this far ahead (73 years): the HALs' timer
 * arithmetic never overflows, and nobody waits longer. */
#define SCHED_MAX_WAIT_NS (1ull << 61)
/* The monotonic time ns from now, capped. */
uint64_t sched_deadline_in(uint64_t ns);
/* Arms k (re-arms it if armed); a deadline already past fires now. */
void sched_timer_add(struct ktimer *k, uint64_t deadline);
void sched_timer_cancel(struct ktimer *k);

extern struct thread *sched_running;	/* written only by sched.c */
static inline struct thread *
sched_current(void)
{
	return sched_running;
}
void sched_init(void);
/* Makes a new or woken thread runnable. */
void sched_ready(struct thread *t);
/* Gives up the CPU if others are runnable. */
void sched_give_up(void);
/* The running thread exits for good: never returns. */
_Noreturn void sched_exit_thread(void);
/* Events from the HAL: time, console, devices.  Called on every way out. */
void sched_events(void);
/* The way back to user mode: takes events, gives up the CPU if the
 * slice is over; returns the thread that goes on. */
struct thread *sched_way_out(void);
/* True when the running thread's slice ended and others wait. */
bool sched_need_resched(void);
/* A new thread's first act: finish the switch that started it. */
void sched_after_first_switch(void);
/* Starts scheduling from the boot context (which is dropped). */
_Noreturn void sched_start(void);

/* Hooks other modules register for HAL events. */
void console_event(void);

#endif
