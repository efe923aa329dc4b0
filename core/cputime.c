/*
 * cputime.c - CPU time accounting (see cputime.h for where it is
 * charged).  Two counter reads per syscall: hal_cpu_ticks() (the TSC on
 * both backends) costs about half of hal_clock_ns(), which is a vDSO
 * call under hosted.  Times are kept in ticks and turned into ns when
 * asked, at the rate measured between the first tick read and now
 * against hal_clock_ns(), fixed once a quarter second has gone by so
 * that the CPU-time clocks never step back.
 */
#include "core/abi.h"
#include "core/cputime.h"
#include "core/proc.h"
#include "core/sched.h"
#include "core/str.h"
#include "core/usercopy.h"
#include "hal/hal.h"

static uint64_t base_ticks, base_ns;	/* the first reading, for the rate */
static uint64_t fixed_scale;		/* the rate, once measured long enough */
#define CALIBRATE_NS 250000000ull

/* Ticks since last; a counter that went backwards counts nothing. */
static inline uint64_t
since(uint64_t now, uint64_t last)
{
	return now > last ? now - last : 0;
}

void
cputime_enter(struct thread *t)
{
	uint64_t now = hal_cpu_ticks();
	t->utime += since(now, t->cpu_stamp);
	t->cpu_stamp = now;
}

void
cputime_leave(struct thread *t)
{
	uint64_t now = hal_cpu_ticks();
	t->stime += since(now, t->cpu_stamp);
	t->cpu_stamp = now;
}

void
cputime_stop(struct thread *t)
{
	cputime_leave(t);
}

void
cputime_start(struct thread *t)
{
	t->cpu_stamp = hal_cpu_ticks();
	if (!base_ticks) {
		base_ticks = t->cpu_stamp;
		base_ns = hal_clock_ns();
	}
}

/*
 * ticks in ns: ticks * (elapsed ns / elapsed ticks), in fixed point with
 * 24 fraction bits; both elapsed figures are halved until ns fits in 39
 * bits so the scale never overflows, and ticks is multiplied in two
 * parts so the product does not either.
 */
static uint64_t
to_ns(uint64_t ticks)
{
	uint64_t scale = fixed_scale;
	if (!scale) {
		uint64_t dn = since(hal_clock_ns(), base_ns);
		uint64_t dt = since(hal_cpu_ticks(), base_ticks);
		bool long_enough = dn >= CALIBRATE_NS;
		while (dn >= (1ull << 39)) {
			dn >>= 1;
			dt >>= 1;
		}
		if (!dt || !dn)
			return 0;
		scale = (dn << 24) / dt;
		if (long_enough)
			fixed_scale = scale;
	}
	return (ticks >> 24) * scale + (((ticks & 0xffffff) * scale) >> 24);
}

/* In ticks: the ns conversion happens once, at the end. */
static void
thread_ticks(struct thread *t, uint64_t *user, uint64_t *sys)
{
	*user = t->utime;
	*sys = t->stime;
	/* The caller is in the core: its running stretch is system time. */
	if (t == sched_current())
		*sys += since(hal_cpu_ticks(), t->cpu_stamp);
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
	if (ru) {
		memset(ru, 0, sizeof *ru);
		ru->utime_ns = to_ns(u);
		ru->stime_ns = to_ns(s);
	}
}

void
cputime_rusage(struct proc *p, struct thread *t, int who, struct redox_rusage *ru)
{
	memset(ru, 0, sizeof *ru);
	if (who == RUSAGE_SELF) {
		cputime_proc(p, &ru->utime_ns, &ru->stime_ns);
	} else if (who == RUSAGE_CHILDREN) {
		ru->utime_ns = to_ns(p->child_utime);
		ru->stime_ns = to_ns(p->child_stime);
	} else {
		cputime_thread(t, &ru->utime_ns, &ru->stime_ns);
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
