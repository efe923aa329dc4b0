/*
 * cputime.c - CPU time accounting (see cputime.h for where it is
 * charged).  Two counter reads per syscall: hal_cpu_ticks() (the TSC on
 * both backends) costs about half of hal_clock_ns(), which is a vDSO
 * call under hosted.  Times are kept in ticks and turned into ns when
 * asked, at a rate measured once, at the first reading, against
 * hal_clock_ns() over CALIBRATE_NS of spinning: a rate that moved later
 * would let the CPU-time clocks step back.  The counter as read here
 * never goes back either (the host may move redox-hosted between CPUs
 * whose TSCs differ a little): one CPU runs the core, so a global
 * high-water mark is enough.
 */
#include "core/abi.h"
#include "core/cputime.h"
#include "core/proc.h"
#include "core/sched.h"
#include "core/signal.h"
#include "core/str.h"
#include "core/usercopy.h"
#include "core/vm.h"
#include "hal/hal.h"

#define CALIBRATE_NS 2000000ull		/* 2 ms at boot */

static uint64_t last_ticks;	/* the highest counter value read */
static uint64_t scale;		/* ns per tick, 24 fraction bits; 0 before */

static inline uint64_t
ticks_now(void)
{
	uint64_t t = hal_cpu_ticks();
	if (t < last_ticks)
		t = last_ticks;
	last_ticks = t;
	return t;
}

/* Measures the counter's rate against the clock, once. */
static void
calibrate(void)
{
	uint64_t n0 = hal_clock_ns(), t0 = hal_cpu_ticks(), n1, t1;
	unsigned spins = 0;
	do {
		n1 = hal_clock_ns();
		t1 = hal_cpu_ticks();
	} while (n1 - n0 < CALIBRATE_NS && !(++spins > 1000 && n1 == n0));	/* a stopped clock */
	uint64_t dn = n1 - n0, dt = t1 > t0 ? t1 - t0 : 0;
	/* A counter that does not move: count its ticks as ns. */
	scale = dt ? (dn << 24) / dt : 1ull << 24;
	if (!scale)
		scale = 1;
}

/*
 * Counts d ticks off CPU timer i; at zero the signal goes and a periodic
 * timer starts its next period (skipping periods a long stretch ate).
 * The signal is taken at the next way out of the core (a tick at most).
 */
static void
itimer_charge(struct proc *p, int i, uint64_t d, bool may_send)
{
	static const int sig[2] = { SIGVTALRM, SIGPROF };
	if (p->itimer_left[i] > d) {
		p->itimer_left[i] -= d;
		return;
	}
	if (!may_send) {
		p->itimer_left[i] = 1;	/* due: the next crossing sends it */
		return;
	}
	uint64_t over = d - p->itimer_left[i], every = p->itimer_every[i];
	p->itimer_left[i] = every ? every - over % every : 0;
	(void)signal_send(p, sig[i]);
}

void
cputime_enter(struct thread *t)
{
	uint64_t now = ticks_now(), d = now - t->cpu_stamp;
	struct proc *p = t->proc;
	t->utime += d;
	t->cpu_stamp = now;
	if (__builtin_expect((p->itimer_left[0] | p->itimer_left[1]) != 0, 0)) {
		if (p->itimer_left[0])
			itimer_charge(p, 0, d, true);
		if (p->itimer_left[1])
			itimer_charge(p, 1, d, true);
	}
}

/* Core -> user mode, or (may_send false) a thread going to sleep, when
 * sending a signal could wake the very thread that is blocking. */
static void
charge_sys(struct thread *t, bool may_send)
{
	uint64_t now = ticks_now(), d = now - t->cpu_stamp;
	t->stime += d;
	t->cpu_stamp = now;
	/* A thread's last stop comes after its process let it go. */
	if (__builtin_expect(t->proc && t->proc->itimer_left[1] != 0, 0))
		itimer_charge(t->proc, 1, d, may_send);
}

void
cputime_leave(struct thread *t)
{
	charge_sys(t, true);
}

void
cputime_stop(struct thread *t)
{
	charge_sys(t, false);
}

void
cputime_start(struct thread *t)
{
	if (!scale)
		calibrate();
	t->cpu_stamp = ticks_now();
}

/* ticks in ns, multiplied in two parts so that nothing overflows. */
static uint64_t
to_ns(uint64_t ticks)
{
	return (ticks >> 24) * scale + (((ticks & 0xffffff) * scale) >> 24);
}

/* ns in ticks (the inverse of to_ns), saturating near 2^63. */
static uint64_t
from_ns(uint64_t ns)
{
	if (!scale)
		calibrate();
	uint64_t q = ns / scale, r = ns % scale;
	if (q >= (1ull << 39))
		return UINT64_MAX >> 1;
	return (q << 24) + (r << 24) / scale;
}

/* In ticks: the ns conversion happens once, at the end. */
static void
thread_ticks(struct thread *t, uint64_t *user, uint64_t *sys)
{
	*user = t->utime;
	*sys = t->stime;
	/* The caller is in the core: its running stretch is system time. */
	if (t == sched_current())
		*sys += ticks_now() - t->cpu_stamp;
}

static void
proc_ticks(struct proc *p, uint64_t *user, uint64_t *sys)
{
	*user = p->dead_utime;
	*sys = p->dead_stime;
	struct list *l;
	list_for_each(l, &p->threads) {
		uint64_t u, s;
		thread_ticks(list_entry(l, struct thread, proc_link), &u, &s);
		*user += u;
		*sys += s;
	}
}

void
cputime_thread(struct thread *t, uint64_t *user, uint64_t *sys)
{
	thread_ticks(t, user, sys);
	*user = to_ns(*user);
	*sys = to_ns(*sys);
}

void
cputime_proc(struct proc *p, uint64_t *user, uint64_t *sys)
{
	proc_ticks(p, user, sys);
	*user = to_ns(*user);
	*sys = to_ns(*sys);
}

void
cputime_thread_exit(struct thread *t)
{
	cputime_stop(t);
	t->proc->dead_utime += t->utime;
	t->proc->dead_stime += t->stime;
	t->proc->dead_nvcsw += t->nvcsw;
	t->proc->dead_nivcsw += t->nivcsw;
}

void
cputime_leave_vm(struct proc *p, const struct vm *vm)
{
	if (vm && vm->peak > p->peak_pages)
		p->peak_pages = vm->peak;
}

static size_t
max_size(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* ru_maxrss is in KiB. */
static int64_t
kib(size_t pages)
{
	return (int64_t)(pages * (HAL_PAGE_SIZE / 1024));
}

void
cputime_reap(struct proc *parent, struct proc *child, struct redox_rusage *ru)
{
	/* A zombie has no threads left: its dead ones are all of it; and,
	 * as on Linux, its own reaped children count with it. */
	uint64_t u = child->dead_utime + child->child_utime;
	uint64_t s = child->dead_stime + child->child_stime;
	parent->child_utime += u;
	parent->child_stime += s;
	parent->child_nvcsw += child->dead_nvcsw + child->child_nvcsw;
	parent->child_nivcsw += child->dead_nivcsw + child->child_nivcsw;
	parent->child_peak_pages = max_size(parent->child_peak_pages,
	    max_size(child->peak_pages, child->child_peak_pages));
	if (ru) {
		memset(ru, 0, sizeof *ru);
		ru->utime_ns = to_ns(u);
		ru->stime_ns = to_ns(s);
		ru->maxrss = kib(child->peak_pages);
		ru->nvcsw = (int64_t)child->dead_nvcsw;
		ru->nivcsw = (int64_t)child->dead_nivcsw;
	}
}

void
cputime_rusage(struct proc *p, struct thread *t, int who, struct redox_rusage *ru)
{
	memset(ru, 0, sizeof *ru);
	if (who == RUSAGE_SELF) {
		cputime_proc(p, &ru->utime_ns, &ru->stime_ns);
		ru->maxrss = kib(max_size(p->peak_pages, p->vm ? p->vm->peak : 0));
		uint64_t v = p->dead_nvcsw, iv = p->dead_nivcsw;
		struct list *l;
		list_for_each(l, &p->threads) {
			struct thread *x = list_entry(l, struct thread, proc_link);
			v += x->nvcsw;
			iv += x->nivcsw;
		}
		ru->nvcsw = (int64_t)v;
		ru->nivcsw = (int64_t)iv;
	} else if (who == RUSAGE_CHILDREN) {
		ru->utime_ns = to_ns(p->child_utime);
		ru->stime_ns = to_ns(p->child_stime);
		ru->maxrss = kib(p->child_peak_pages);
		ru->nvcsw = (int64_t)p->child_nvcsw;
		ru->nivcsw = (int64_t)p->child_nivcsw;
	} else {
		cputime_thread(t, &ru->utime_ns, &ru->stime_ns);
		ru->maxrss = kib(max_size(p->peak_pages, p->vm ? p->vm->peak : 0));
		ru->nvcsw = (int64_t)t->nvcsw;
		ru->nivcsw = (int64_t)t->nivcsw;
	}
}

long
sys_getrusage(long who, long uru)
{
	struct redox_rusage ru;
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	cputime_rusage(proc_current(), sched_current(), (int)who, &ru);
	return uc_copy_out((uintptr_t)uru, &ru, sizeof ru);
}

/*
 * setitimer/getitimer for ITIMER_VIRTUAL (1) and ITIMER_PROF (2);
 * libc keeps ITIMER_REAL itself.  Values are ns; old (if given) gets
 * what was set before, new (if given) replaces it.
 */
long
sys_itimer(long which, long unew, long uold)
{
	struct proc *p = proc_current();
	struct redox_itimer nv, ov;
	if (which != 1 && which != 2)
		return -EINVAL;
	int i = (int)which - 1;
	if (unew && uc_copy_in(&nv, (uintptr_t)unew, sizeof nv) != 0)
		return -EFAULT;
	if (uold) {
		ov.value_ns = p->itimer_left[i] ? to_ns(p->itimer_left[i]) : 0;
		if (p->itimer_left[i] && ov.value_ns == 0)
			ov.value_ns = 1;	/* armed: never reads as off */
		ov.interval_ns = to_ns(p->itimer_every[i]);
		if (uc_copy_out((uintptr_t)uold, &ov, sizeof ov) != 0)
			return -EFAULT;
	}
	if (unew) {
		uint64_t v = nv.value_ns ? from_ns(nv.value_ns) : 0;
		p->itimer_left[i] = nv.value_ns && !v ? 1 : v;
		p->itimer_every[i] = v ? from_ns(nv.interval_ns) : 0;
	}
	return 0;
}

