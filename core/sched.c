/*
 * sched.c - round-robin preemptive scheduling on one CPU.
 *
 * Every thread that is not running sits inside the core: in waitq_sleep()
 * or in sched_give_up().  Switching is hal_thread_switch(); idling happens
 * on the stack of whichever thread found nothing to run.
 *
 * Time is read and the HAL timer set only when needed, never on a plain
 * switch (a scheme round trip is two switches; reprogramming a host timer
 * costs more than the rest).  The timer ticks every SLICE_NS while
 * threads wait to run, or fires at the earliest timer's deadline (a
 * sleeper's, or a kernel scheme's).  A thread still running at a tick
 * after a whole tick period without a switch has used its slice and goes
 * to the back of the queue.
 */
#include "core/abi.h"
#include "core/blkdev.h"
#include "core/cputime.h"
#include "core/log.h"
#include "core/netscheme.h"
#include "core/proc.h"
#include "core/sched.h"
#include "hal/hal.h"

static struct runq rq;
/* The running thread; sched.h reads it inline (only sched.c writes it). */
struct thread *sched_running;
#define cur sched_running
static struct list ktimers = LIST_INIT(ktimers);	/* by deadline */
static struct list dead = LIST_INIT(dead);	/* threads to free */
static uint64_t armed;		/* the deadline the HAL timer is set for */
static uint64_t ticks;		/* timer periods so far */
static bool resched;

void
sched_init(void)
{
	runq_init(&rq);
}

void
waitq_init(struct waitq *wq)
{
	list_init(&wq->sleepers);
}

/* Sets the timer for d unless it will already fire by then. */
static void
arm_by(uint64_t d)
{
	if (armed && armed <= d)
		return;
	armed = d;
	hal_timer_arm(d);
}

/* The earliest timer's deadline; 0 if none. */
static uint64_t
first_deadline(void)
{
	if (list_empty(&ktimers))
		return 0;
	return list_entry(ktimers.next, struct ktimer, link)->deadline;
}

/* The end of a time slice from now, or the first timer if that is due
 * sooner: the HAL's one timer must never be set past a pending timer
 * (a sleeper was once left behind by a slice armed after its deadline). */
static uint64_t
slice_end(uint64_t now)
{
	uint64_t d = first_deadline(), s = now + SLICE_NS;
	return d && d < s ? d : s;
}

uint64_t
sched_deadline_in(uint64_t ns)
{
	return hal_clock_ns() + (ns < SCHED_MAX_WAIT_NS ? ns : SCHED_MAX_WAIT_NS);
}

void
sched_timer_cancel(struct ktimer *k)
{
	if (k->link.next)	/* zeroed (never armed) or a list member */
		list_remove(&k->link);
}

/* Puts k in deadline order and has the HAL timer fire by then. */
static void
timer_insert(struct ktimer *k)
{
	struct list *l;

	list_for_each(l, &ktimers) {
		if (list_entry(l, struct ktimer, link)->deadline > k->deadline)
			break;
	}
	list_insert_before(l, &k->link);
	arm_by(first_deadline());
}

void
sched_timer_add(struct ktimer *k, uint64_t deadline)
{
	sched_timer_cancel(k);
	uint64_t now = hal_clock_ns();
	if (deadline <= now) {
		k->fire(k);
		return;
	}
	if (deadline - now > SCHED_MAX_WAIT_NS)
		deadline = now + SCHED_MAX_WAIT_NS;
	k->deadline = deadline;
	timer_insert(k);
}

/* Fires the kernel timers whose time has come. */
static void
fire_timers(uint64_t now)
{
	while (!list_empty(&ktimers)) {
		struct ktimer *k = list_entry(ktimers.next, struct ktimer, link);
		if (k->deadline > now)
			break;
		sched_timer_cancel(k);
		k->fire(k);
	}
}

void
sched_ready(struct thread *t)
{
	t->state = T_RUNNABLE;
	t->ready_tick = ticks;
	runq_push(&rq, t);
	if (!armed && cur && cur->state == T_RUNNING)	/* it competes: tick */
		arm_by(slice_end(hal_clock_ns()));
}

static void
wake(struct thread *t, int reason)
{
	list_remove(&t->wait_link);
	sched_timer_cancel(&t->timer);
	t->waiting_on = NULL;
	t->wake_reason = reason;
	sched_ready(t);
}

int
waitq_handoff(struct waitq *wq)
{
	if (list_empty(&wq->sleepers))
		return 0;
	struct thread *t = list_entry(wq->sleepers.next, struct thread, wait_link);
	wake(t, 0);
	/* Next in line: the caller is about to sleep on its answer. */
	runq_remove(&rq, t);
	t->ready_tick = ticks;
	list_push_front(&rq.head, &t->run_link);
	rq.count++;
	return 1;
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
	if (next == prev) {
		cputime_start(next);	/* woken while it idled: not its time */
		return;
	}
	cputime_start(next);
	cur = next;
	if (rq.count && !armed)
		arm_by(slice_end(hal_clock_ns()));
	proc_activate(next);
	hal_thread_switch(drop_current ? NULL : prev->hal, next->hal);
	reap_dead();
}

void
sched_after_first_switch(void)
{
	reap_dead();
}

static void
sleep_timeout(struct ktimer *k)
{
	wake(list_entry(&k->link, struct thread, timer.link), -ETIMEDOUT);
}

static int
sleep_on(struct waitq *wq, uint64_t deadline, bool interruptible, bool killable)
{
	struct thread *t = cur;

	if (interruptible && proc_signal_pending(t))
		return -EINTR;
	t->state = T_BLOCKED;
	t->waiting_on = wq;
	t->wake_reason = 0;
	t->interruptible = interruptible;
	t->killable = killable;
	list_push_back(&wq->sleepers, &t->wait_link);
	if (deadline) {
		/* Not sched_timer_add: a deadline already past must still
		 * wake it through the timer, after it has gone to sleep. */
		t->timer.deadline = deadline;
		t->timer.fire = sleep_timeout;
		timer_insert(&t->timer);
	}
	cputime_stop(t);
	t->nvcsw++;
	switch_to(pick(), false);
	return t->wake_reason;
}

int
waitq_sleep(struct waitq *wq, uint64_t deadline, bool interruptible)
{
	return sleep_on(wq, deadline, interruptible, false);
}

int
waitq_sleep_killable(struct waitq *wq)
{
	if (cur->proc->exiting)
		return -EINTR;
	return sleep_on(wq, 0, false, true);
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
sched_kill(struct thread *t)
{
	if (t->state == T_BLOCKED && (t->interruptible || t->killable))
		wake(t, -EINTR);
}

void
sched_give_up(void)
{
	cur->ready_tick = ticks;
	if (rq.count == 0) {
		resched = false;
		return;
	}
	cur->state = T_RUNNABLE;
	runq_push(&rq, cur);
	cputime_stop(cur);
	cur->nivcsw++;
	switch_to(pick(), false);
}

_Noreturn void
sched_exit_thread(void)
{
	cur->state = T_DEAD;
	cputime_stop(cur);
	list_push_back(&dead, &cur->run_link);
	switch_to(pick(), true);
	log_panic("sched_exit_thread: a dead thread ran again");
}

static void handle_events(uint32_t ev);

void
sched_events(void)
{
	uint32_t ev = hal_events_take();
	if (ev)
		handle_events(ev);
}

struct thread *
sched_way_out(void)
{
	uint32_t ev = hal_events_take();
	if (__builtin_expect(ev != 0, 0))
		handle_events(ev);
	if (__builtin_expect(resched, 0))
		sched_give_up();
	return cur;
}

static void
handle_events(uint32_t ev)
{
	if (ev & HAL_EV_TIMER) {
		uint64_t now = hal_clock_ns();
		/* The tick (or a deadline) came: a new period begins, so
		 * threads woken now have not waited a whole one. */
		bool tick = armed && armed <= now;
		if (tick)
			ticks++;
		fire_timers(now);
		if (tick) {
			/* Whoever waited since before this tick runs next. */
			struct thread *h = runq_peek(&rq);
			if (h && h->ready_tick < ticks && cur && cur->state == T_RUNNING)
				resched = true;
		}
		/* The HAL's timer is one-shot and has fired: set it again for
		 * what is due, whatever `armed` said. */
		armed = 0;
		uint64_t d = rq.count ? slice_end(now) : first_deadline();
		if (d)
			arm_by(d);
	}
	if (ev & HAL_EV_CONSOLE)
		console_event();
	if (ev & HAL_EV_BLOCK)
		blkdev_event();
	if (ev & HAL_EV_NET)
		netscheme_event();
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
	cputime_start(t);
	cur = t;
	if (rq.count)
		arm_by(hal_clock_ns() + SLICE_NS);
	proc_activate(t);
	hal_thread_switch(NULL, t->hal);
	log_panic("sched_start: returned");
}
