/*
 * proc.c - the process table and the life of a process: creation,
 * threads, exit, zombies and waitpid.
 *
 * A process dies in two steps: proc_terminate() marks it and interrupts
 * its threads; each thread leaves through proc_thread_exit() on its way
 * back to user mode, and the last one closes the fds, frees the memory
 * and leaves a zombie for the parent (or init) to reap.
 */
#include "core/abi.h"
#include "core/cputime.h"
#include "core/fd.h"
#include "core/kmem.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/scheme.h"
#include "core/signal.h"
#include "core/str.h"
#include "core/vm.h"
#include "hal/hal.h"

#define PID_MAX 32768

static struct list all = LIST_INIT(all);
static int next_pid = 1;
static int next_tid = 1;
static int nprocs;

void
proc_init(void)
{
}

struct proc *
proc_find(int pid)
{
	struct list *l;
	list_for_each(l, &all) {
		struct proc *p = list_entry(l, struct proc, all);
		if (p->pid == pid)
			return p;
	}
	return NULL;
}

struct proc *
proc_next(struct proc *p)
{
	struct list *l = p ? p->all.next : all.next;
	return l == &all ? NULL : list_entry(l, struct proc, all);
}

int
proc_count(void)
{
	return nprocs;
}

static int
alloc_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		int pid = next_pid++;
		if (next_pid >= PID_MAX)
			next_pid = 2;
		if (!proc_find(pid))
			return pid;
	}
	return -EAGAIN;
}

static void
proc_free(struct proc *p)
{
	for (int i = 0; p->env && p->env[i]; i++)
		kmem_free(p->env[i]);
	kmem_free(p->env);
	kmem_free(p->cwd);
	kmem_free(p);
}

struct proc *
proc_new(struct proc *parent, const char *name, size_t len)
{
	int pid = alloc_pid();
	if (pid < 0)
		return NULL;
	struct proc *p = kmem_alloc(sizeof *p);
	if (!p)
		return NULL;
	p->pid = pid;
	str_copy(p->name, sizeof p->name, name, len);
	list_init(&p->threads);
	list_init(&p->children);
	list_init(&p->sibling);
	waitq_init(&p->child_wait);
	waitq_init(&p->exec_wait);
	waitq_init(&p->stop_wait);
	p->umask = 022;
	if (parent) {
		p->ppid = parent->pid;
		p->pgid = parent->pgid;
		p->sid = parent->sid;
		p->uid = parent->uid;
		p->euid = parent->euid;
		p->gid = parent->gid;
		p->egid = parent->egid;
		p->umask = parent->umask;
		p->cwd = kmem_strndup(parent->cwd, parent->cwd_len);
		p->cwd_len = parent->cwd_len;
		/* Ignored signals stay ignored across spawn, as across exec. */
		for (int i = 1; i < NSIG; i++)
			if (parent->act[i].sa_handler == SIG_IGN)
				p->act[i].sa_handler = SIG_IGN;
	} else {
		p->pgid = p->sid = pid;
		p->cwd = kmem_strndup(STR_LIT("file:/"));
		p->cwd_len = 6;
	}
	p->vm = vm_new();
	p->fds = fdtable_new();
	if (!p->cwd || !p->vm || !p->fds) {
		vm_free(p->vm);
		fdtable_free(p->fds);
		proc_free(p);
		return NULL;
	}
	limits_inherit(p, parent);
	if (parent)
		list_push_back(&parent->children, &p->sibling);
	list_push_back(&all, &p->all);
	nprocs++;
	return p;
}

void
proc_discard(struct proc *p)
{
	list_remove(&p->sibling);
	list_remove(&p->all);
	nprocs--;
	vm_free(p->vm);
	fdtable_free(p->fds);
	proc_free(p);
}

static void
thread_start(void *arg)
{
	struct thread *t = arg;
	sched_after_first_switch();
	t->kstart(t);
	log_panic("thread %d: kstart returned", t->tid);
}

struct thread *
proc_thread_new(struct proc *p, void (*start)(struct thread *))
{
	struct thread *t = kmem_alloc(sizeof *t);
	if (!t)
		return NULL;
	t->hal = hal_thread_new(thread_start, t);
	if (!t->hal) {
		kmem_free(t);
		return NULL;
	}
	t->tid = next_tid++;
	t->proc = p;
	t->kstart = start;
	t->state = T_NEW;
	list_init(&t->run_link);
	list_init(&t->wait_link);
	list_init(&t->timer.link);
	list_push_back(&p->threads, &t->proc_link);
	p->nthreads++;
	return t;
}

void
proc_thread_freed(struct thread *t)
{
	kmem_free(t->bounce);
	kmem_free(t);
}

void
proc_activate(struct thread *t)
{
	if (t->proc && t->proc->vm)
		hal_as_activate(t->proc->vm->as);
}

bool
proc_signal_pending(struct thread *t)
{
	return t->proc->exiting || (t->proc->sig_pending & ~t->sigmask);
}

void
proc_cred(struct cred *c)
{
	struct proc *p = proc_current();
	c->pid = p ? (uint64_t)p->pid : 0;
	c->uid = p ? p->euid : 0;
	c->gid = p ? p->egid : 0;
}

/* SIGCHLD to p's parent: what became of p (CLD_*), with its status. */
static void
tell_parent(struct proc *parent, struct proc *p, int code, int status)
{
	struct redox_siginfo si = { .si_signo = SIGCHLD, .si_code = code,
	    .si_pid = p->pid, .si_uid = p->uid, .si_status = status };
	signal_send_info(parent, &si);
}

/* The last thread is gone: release everything but the zombie. */
static void
proc_finish(struct proc *p)
{
	fdtable_free(p->fds);
	p->fds = NULL;
	struct proc *init = proc_find(1);
	struct list *l, *n;
	list_for_each_safe(l, n, &p->children) {
		struct proc *c = list_entry(l, struct proc, sibling);
		list_remove(&c->sibling);
		if (init && init != p) {
			c->ppid = 1;
			list_push_back(&init->children, &c->sibling);
			if (c->state == P_ZOMBIE)
				waitq_wake(&init->child_wait, -1);
		} else {
			c->ppid = 0;
		}
	}
	p->state = P_ZOMBIE;
	if (p->pid == 1) {
		int code = (p->wstatus & 0x7f) ? 128 + (p->wstatus & 0x7f) : (p->wstatus >> 8) & 0xff;
		log_printf("init exited (status %d); the OS stops\n", code);
		hal_poweroff(code);
	}
	struct proc *parent = proc_find(p->ppid);
	if (parent) {
		waitq_wake(&parent->child_wait, -1);
		if (p->wstatus & 0x7f)
			tell_parent(parent, p, CLD_KILLED, p->wstatus & 0x7f);
		else
			tell_parent(parent, p, CLD_EXITED, (p->wstatus >> 8) & 0xff);
	}
}

_Noreturn void
proc_thread_exit(void)
{
	struct thread *t = sched_current();
	struct proc *p = t->proc;
	cputime_thread_exit(t);
	list_remove(&t->proc_link);
	if (--p->nthreads == 0) {
		/* Free the memory while on a kernel stack of this process. */
		struct vm *vm = p->vm;
		p->vm = NULL;
		cputime_leave_vm(p, vm);
		if (p->vfork_parent) {
			vm = NULL;	/* the parent's: it goes on with it */
			proc_vfork_release(p);
		}
		proc_finish(p);
		vm_free(vm);
		if (p->ppid == 0) {
			/* Orphan with no init to reap it. */
			list_remove(&p->all);
			nprocs--;
			proc_free(p);
		}
	}
	t->proc = NULL;
	sched_exit_thread();
}

void
proc_terminate(struct proc *p, int wstatus)
{
	if (p->exiting || p->state == P_ZOMBIE)
		return;
	p->exiting = true;
	p->wstatus = wstatus;
	struct list *l;
	list_for_each(l, &p->threads)
		sched_kill(list_entry(l, struct thread, proc_link));
	waitq_wake(&p->stop_wait, -1);	/* SIGKILL ends a stop */
	/* Wake a parent waiting in spawn for this child's load result. */
	waitq_wake(&p->exec_wait, -1);
}

_Noreturn void
proc_exit(int wstatus)
{
	proc_terminate(proc_current(), wstatus);
	proc_thread_exit();
}

/* Tells the parent (waitpid, SIGCHLD unless SA_NOCLDSTOP) of a change. */
static void
report(struct proc *p, int what)
{
	p->report = what;
	struct proc *parent = proc_find(p->ppid);
	if (!parent)
		return;
	waitq_wake(&parent->child_wait, -1);
	if (!(parent->act[SIGCHLD].sa_flags & SA_NOCLDSTOP))
		tell_parent(parent, p, what == REPORT_STOP ? CLD_STOPPED : CLD_CONTINUED,
		    what == REPORT_STOP ? p->stop_sig : SIGCONT);
}

void
proc_stop(struct proc *p, int sig)
{
	if (p->stopped || p->exiting || p->state == P_ZOMBIE)
		return;
	p->stopped = true;
	p->stop_sig = sig;
	report(p, REPORT_STOP);
}

void
proc_continue(struct proc *p)
{
	if (!p->stopped)
		return;
	p->stopped = false;
	waitq_wake(&p->stop_wait, -1);
	report(p, REPORT_CONT);
}

void
proc_stopped_wait(void)
{
	struct proc *p = proc_current();
	/* Not interruptible: only SIGCONT and SIGKILL end a stop. */
	while (p->stopped && !p->exiting)
		waitq_sleep(&p->stop_wait, 0, false);
	if (p->exiting)
		proc_thread_exit();
}

static bool
wait_matches(struct proc *self, struct proc *c, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	if (pid == 0)
		return c->pgid == self->pgid;
	return c->pgid == -pid;
}

long
proc_wait(int pid, int *wstatus, int flags, struct redox_rusage *ru)
{
	struct proc *self = proc_current();
	for (;;) {
		bool any = false;
		struct list *l;
		list_for_each(l, &self->children) {
			struct proc *c = list_entry(l, struct proc, sibling);
			if (!wait_matches(self, c, pid))
				continue;
			any = true;
			int r = c->report;
			if (c->state != P_ZOMBIE &&
			    ((r == REPORT_STOP && (flags & WUNTRACED)) ||
			    (r == REPORT_CONT && (flags & WCONTINUED)))) {
				c->report = REPORT_NONE;
				*wstatus = r == REPORT_STOP ? W_STOPPED(c->stop_sig) : W_CONTINUED;
				if (ru)
					memset(ru, 0, sizeof *ru);
				return c->pid;
			}
			if (c->state != P_ZOMBIE)
				continue;
			int cpid = c->pid;
			*wstatus = c->wstatus;
			cputime_reap(self, c, ru);
			list_remove(&c->sibling);
			list_remove(&c->all);
			nprocs--;
			proc_free(c);
			return cpid;
		}
		if (!any)
			return -ECHILD;
		if (flags & WNOHANG)
			return 0;
		if (waitq_sleep(&self->child_wait, 0, true) == -EINTR)
			return -EINTR;
	}
}

int
proc_vfork_share(struct proc *p, struct proc *c)
{
	vm_free(c->vm);
	c->vm = p->vm;
	c->vfork_parent = p;
	/* Its own fds, as after fork: closing one leaves the parent's. */
	for (int fd = 0; fd < (int)p->fds->cap; fd++) {
		struct file *f = fd_get(p->fds, fd);
		if (!f)
			continue;
		if (fd_install(c->fds, fd, f) < 0) {
			c->vm = NULL;
			c->vfork_parent = NULL;
			proc_discard(c);
			return -ENOMEM;
		}
		fd_set_cloexec(c->fds, fd, fd_get_cloexec(p->fds, fd) == 1);
	}
	/* The same memory, so the same handlers. */
	for (int i = 1; i < NSIG; i++)
		c->act[i] = p->act[i];
	c->sig_restorer = p->sig_restorer;
	return 0;
}

void
proc_vfork_release(struct proc *c)
{
	if (!c->vfork_parent)
		return;
	c->vfork_parent = NULL;
	waitq_wake(&c->exec_wait, -1);
}

long
proc_vfork_wait(struct proc *c)
{
	int pid = c->pid;
	while (c->vfork_parent) {
		if (waitq_sleep_killable(&c->exec_wait) == -EINTR) {
			/* We are being killed: our memory must outlive the
			 * child's use of it, so it goes first. */
			proc_terminate(c, W_SIGNALED(SIGKILL));
			while (c->vfork_parent)
				waitq_sleep(&c->exec_wait, 0, false);
			return -EINTR;
		}
	}
	return pid;
}

void
proc_stop_requested(void)
{
	log_printf("\nstop requested by the host; the OS stops\n");
	hal_poweroff(130);
}
