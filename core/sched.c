/*
 * sched.c - round-robin preemptive scheduling on one CPU.
 *
 * Every thread that is not running sits inside the core: in waitq_sleep()
 * or in sched_yield().  Switching is hal_thread_switch(); idling happens
 * on the stack of whichever thread found nothing to run.  The HAL timer is
 * armed for the end of the slice (only when others are runnable) or the
 * earliest sleeper's deadline, whichever is first.
 */
#include "core/abi.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/sched.h"
#include "hal/hal.h"

static struct runq rq;
static struct thread *cur;
static struct list timed = LIST_INIT(timed);	/* sleepers by deadline */
static struct list dead = LIST_INIT(dead);	/* threads to free */
static uint64_t slice_end;
static bool resched;

void
sched_init(void)
{
	runq_init(&rq);
}

struct thread *
sched_current(void)
{
	return cur;
}

void
waitq_init(struct waitq *wq)
{
	list_init(&wq->sleepers);
}

static void
arm_timer(void)
{
	uint64_t d = rq.count ? slice_end : 0;
	if (!list_empty(&timed)) {
		struct thread *t = list_entry(timed.next, struct thread, timer_link);
		if (!d || t->deadline < d)
			d = t->deadline;
	}
	hal_timer_arm(d);
}

void
sched_ready(struct thread *t)
{
	t->state = T_RUNNABLE;
	runq_push(&rq, t);
	if (rq.count == 1 && cur && cur->state == T_RUNNING)
		arm_timer();	/* someone now competes for the CPU */
}

static void
wake(struct thread *t, int reason)
{
	list_remove(&t->wait_link);
	list_remove(&t->timer_link);
	t->waiting_on = NULL;
	t->wake_reason = reason;
	sched_ready(t);
}

/* Frees threads that died, once we no longer run on their stacks. */
static void
reap_dead(void)
{
	struct list *l, *n;
	list_for_each_safe(l, n, &dead) {
		struct thread *t = list_entry(l, struct thread, run_link);
		if (t == cur)
			continue;
		list_remove(&t->run_link);
		hal_thread_free(t->hal);
		t->hal = NULL;
		proc_thread_freed(t);
	}
}

static struct thread *
pick(void)
{
	for (;;) {
		struct thread *t = runq_pop(&rq);
		if (t)
			return t;
		arm_timer();	/* a sleeper's deadline may be the only wakeup */
		hal_idle();
		sched_events();
	}
}

static void
switch_to(struct thread *next, bool drop_current)
{
	struct thread *prev = cur;
	next->state = T_RUNNING;
	resched = false;
	slice_end = hal_clock_ns() + SLICE_NS;
	if (next == prev)
		return;
	cur = next;
	proc_activate(next);
	arm_timer();
	hal_thread_switch(drop_current ? NULL : prev->hal, next->hal);
	reap_dead();
}

void
sched_after_first_switch(void)
{
	reap_dead();
}

int
waitq_sleep(struct waitq *wq, uint64_t deadline, bool interruptible)
{
	struct thread *t = cur;

	if (interruptible && proc_signal_pending(t))
		return -EINTR;
	t->state = T_BLOCKED;
	t->waiting_on = wq;
	t->wake_reason = 0;
	t->interruptible = interruptible;
	t->deadline = deadline;
	list_push_back(&wq->sleepers, &t->wait_link);
	if (deadline) {
		struct list *l;
		list_for_each(l, &timed) {
			if (list_entry(l, struct thread, timer_link)->deadline > deadline)
				break;
		}
		list_insert_before(l, &t->timer_link);
	}
	switch_to(pick(), false);
	return t->wake_reason;
}

int
waitq_wake(struct waitq *wq, int n)
{
	int woke = 0;
	while ((n < 0 || woke < n) && !list_empty(&wq->sleepers)) {
		wake(list_entry(wq->sleepers.next, struct thread, wait_link), 0);
		woke++;
	}
	return woke;
}

void
sched_interrupt(struct thread *t)
{
	if (t->state == T_BLOCKED && t->interruptible)
		wake(t, -EINTR);
}

void
sched_yield(void)
{
	if (rq.count == 0) {
		resched = false;
		return;
	}
	cur->state = T_RUNNABLE;
	runq_push(&rq, cur);
	switch_to(pick(), false);
}

_Noreturn void
sched_exit_thread(void)
{
	cur->state = T_DEAD;
	list_push_back(&dead, &cur->run_link);
	switch_to(pick(), true);
	log_panic("sched_exit_thread: a dead thread ran again");
}

void
sched_events(void)
{
	uint32_t ev = hal_events_take();
	if (!ev)
		return;
	if (ev & HAL_EV_TIMER) {
		uint64_t now = hal_clock_ns();
		while (!list_empty(&timed)) {
			struct thread *t = list_entry(timed.next, struct thread, timer_link);
			if (t->deadline > now)
				break;
			wake(t, -ETIMEDOUT);
		}
		if (now >= slice_end && rq.count)
			resched = true;
		arm_timer();
	}
	if (ev & HAL_EV_CONSOLE)
		console_event();
	if (ev & HAL_EV_BLOCK)
		blkdev_event();
	if (ev & HAL_EV_STOP)
		proc_stop_requested();
}

bool
sched_need_resched(void)
{
	return resched;
}

_Noreturn void
sched_start(void)
{
	struct thread *t = pick();
	t->state = T_RUNNING;
	cur = t;
	slice_end = hal_clock_ns() + SLICE_NS;
	proc_activate(t);
	arm_timer();
	hal_thread_switch(NULL, t->hal);
	log_panic("sched_start: returned");
}
