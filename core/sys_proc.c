/* sys_proc.c - process syscalls: spawn, execve, exit, wait, ids, groups. */
#include "core/abi.h"
#include "core/exec.h"
#include "core/fd.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/limits.h"
#include "core/proc.h"
#include "core/signal.h"
#include "core/str.h"
#include "core/syscall.h"
#include "core/url.h"
#include "core/usercopy.h"
#include "core/vfs.h"
#include "core/vm.h"
#include "hal/hal.h"

/* A pid from a program: only int values name a process or a group
 * (INT_MIN is left out so that -pid never overflows). */
static bool
pid_in_range(long pid)
{
	return pid >= -0x7fffffffL && pid <= 0x7fffffffL;
}

/* Does a process of session sid lead or belong to group pgid?  A
 * process may join only such a group (POSIX setpgid).  A zombie not yet
 * reaped still counts, as on Linux: a shell puts the second stage of
 * `cat file | grep x` into the group of the first, which may have ended
 * already. */
static bool
group_in_session(long pgid, int sid)
{
	for (struct proc *q = proc_next(NULL); q; q = proc_next(q))
		if (q->pgid == pgid && q->sid == sid)
			return true;
	return false;
}

long
sys_spawn(long uargs, long size)
{
	struct proc *p = proc_current();
	struct spawn_args sa;
	struct exec_args *a;
	char *cwd = NULL;
	long cwd_len = 0;

	if (size != (long)sizeof sa)
		return -EINVAL;
	if (uc_copy_in(&sa, (uintptr_t)uargs, sizeof sa) != 0)
		return -EFAULT;
	if (sa.nfds > SPAWN_FD_MAX || (sa.flags & ~(uint32_t)(SPAWN_SETPGID | SPAWN_SETSID |
	    SPAWN_SETSIGDEF | SPAWN_SETSIGMASK)))
		return -EINVAL;
	/* The new group must be its own or one of our session's, as setpgid. */
	if ((sa.flags & SPAWN_SETPGID) && sa.pgid < 0)
		return -EINVAL;
	if ((sa.flags & SPAWN_SETPGID) && sa.pgid && !group_in_session(sa.pgid, p->sid))
		return -EPERM;
	for (uint32_t i = 0; i < sa.nfds; i++)
		if (sa.fds[i] >= 0 && !fd_get(p->fds, sa.fds[i]))
			return -EBADF;
	long lim = limits_spawn_check(p);
	if (lim)
		return lim;
	if (sa.cwd) {
		if (sa.cwd_len == 0 || sa.cwd_len >= URL_MAX)
			return -EINVAL;
		char *k = kmem_alloc(sa.cwd_len + 1);
		cwd = kmem_alloc(URL_MAX);
		if (!k || !cwd || uc_copy_in(k, (uintptr_t)sa.cwd, sa.cwd_len) != 0) {
			kmem_free(k);
			kmem_free(cwd);
			return k && cwd ? -EFAULT : -ENOMEM;
		}
		cwd_len = vfs_resolve(k, sa.cwd_len, cwd, URL_MAX);
		kmem_free(k);
		if (cwd_len < 0) {
			kmem_free(cwd);
			return cwd_len;
		}
	}
	long e = exec_args_capture((uintptr_t)sa.path, sa.path_len, (uintptr_t)sa.argv,
	    (uintptr_t)sa.envp, &a);
	if (e) {
		kmem_free(cwd);
		return e;
	}
	struct proc *c = exec_spawn_new(p, a);
	if (!c) {
		kmem_free(cwd);
		return -ENOMEM;
	}
	if (cwd) {
		kmem_free(c->cwd);
		c->cwd = cwd;
		c->cwd_len = (size_t)cwd_len;
	}
	/* The fd map: child fd i gets parent fd fds[i]; nothing else passes. */
	for (uint32_t i = 0; i < sa.nfds; i++) {
		if (sa.fds[i] < 0)
			continue;
		if (fd_install(c->fds, (int)i, fd_get(p->fds, sa.fds[i])) < 0) {
			exec_args_free(c->exec);
			c->exec = NULL;
			proc_discard(c);
			return -ENOMEM;
		}
	}
	if (sa.flags & SPAWN_SETSID) {
		c->sid = c->pgid = c->pid;
	} else if (sa.flags & SPAWN_SETPGID) {
		c->pgid = sa.pgid ? sa.pgid : c->pid;
	}
	/* Ignored signals stay ignored (proc.c) unless the caller says. */
	if (sa.flags & SPAWN_SETSIGDEF)
		for (int i = 1; i < NSIG; i++)
			if (sa.sigdefault & SIGBIT(i))
				c->act[i].sa_handler = SIG_DFL;
	return exec_spawn_start(p, c, (sa.flags & SPAWN_SETSIGMASK) ? sa.sigmask : 0);
}

/*
 * vfork: a child that shares this process's memory, with a copy of its
 * fds, first running at entry on stack with arg (libc's vfork puts the
 * registers to return with there); this thread sleeps until the child
 * execs or exits (proc_vfork_wait).
 */
long
sys_vfork(long entry, long stack, long arg)
{
	struct proc *p = proc_current();
	struct thread *self = sched_current();
	if ((stack & 15) || !vm_check(p->vm, (uintptr_t)stack, 64, HAL_PROT_WRITE) ||
	    !vm_check(p->vm, (uintptr_t)entry, 1, HAL_PROT_EXEC))
		return -EINVAL;
	long lim = limits_spawn_check(p);
	if (lim)
		return lim;
	/* Both backends enter the core by a call, so this syscall's return
	 * address is on the user stack, below the frame of vfork's caller,
	 * where the child's calls will write: keep it here meanwhile. */
	uintptr_t usp = hal_user_sp();
	uint64_t ret_addr;
	if (uc_copy_in(&ret_addr, usp, sizeof ret_addr) != 0)
		return -EFAULT;
	struct proc *c = proc_new(p, p->name, str_nlen(p->name, sizeof p->name));
	if (!c)
		return -ENOMEM;
	if (proc_vfork_share(p, c) != 0)
		return -ENOMEM;
	struct thread *t = proc_thread_new(c, sys_thread_start);
	if (!t) {
		c->vm = NULL;
		c->vfork_parent = NULL;
		proc_discard(c);
		return -ENOMEM;
	}
	t->entry = (uintptr_t)entry;
	t->stack = (uintptr_t)stack;
	t->arg = (uintptr_t)arg;
	t->tp = self->tp;
	t->tp_head = self->tp_head;
	t->sigmask = self->sigmask;
	sched_ready(t);
	long r = proc_vfork_wait(c);
	if (uc_copy_out(usp, &ret_addr, sizeof ret_addr) != 0)
		proc_exit(W_SIGNALED(SIGSEGV));	/* the child unmapped our stack */
	return r;
}

long
sys_execve(long path, long len, long argv, long envp)
{
	struct proc *p = proc_current();
	struct exec_args *a;
	uintptr_t entry, sp;

	long e = exec_args_capture((uintptr_t)path, (size_t)len, (uintptr_t)argv,
	    (uintptr_t)envp, &a);
	if (e)
		return e;
	if (p->nthreads > 1) {
		exec_args_free(a);
		return -EBUSY;	/* threads must be joined first */
	}
	e = exec_load(p, a, &entry, &sp);
	if (e) {
		exec_args_free(a);
		return e;
	}
	exec_keep_env(p, a);
	exec_args_free(a);
	fd_close_cloexec(p->fds);
	for (int i = 1; i < NSIG; i++)
		if (p->act[i].sa_handler != SIG_IGN)
			p->act[i].sa_handler = SIG_DFL;
	struct thread *t = sched_current();
	t->tp = 0;
	t->tp_head = 0;
	hal_thread_set_tp(t->hal, 0, 0);
	/* The alternate stack was in the old image's memory (POSIX). */
	t->alt_sp = 0;
	t->alt_size = 0;
	hal_thread_set_altstack(t->hal, 0, 0);
	exec_set_stack(t);
	hal_user_enter(entry, sp, sp);
}

long
sys_wait4(long pid, long status, long flags, long uru)
{
	int st = 0;
	struct redox_rusage ru;
	if (flags & ~(long)(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (status && !uc_check((uintptr_t)status, sizeof st, 1))
		return -EFAULT;
	if (uru && !uc_check((uintptr_t)uru, sizeof ru, 1))
		return -EFAULT;
	if (!pid_in_range(pid))
		return -ECHILD;
	long r = proc_wait((int)pid, &st, (int)flags, &ru);
	if (r > 0 && status && uc_copy_out((uintptr_t)status, &st, sizeof st) != 0)
		return -EFAULT;
	if (r > 0 && uru && uc_copy_out((uintptr_t)uru, &ru, sizeof ru) != 0)
		return -EFAULT;
	return r;
}

long
sys_waitpid(long pid, long status, long flags)
{
	return sys_wait4(pid, status, flags, 0);
}

long
sys_setreuid(long ruid, long euid)
{
	struct proc *p = proc_current();
	/* Only root changes to other ids; others may swap their own. */
	if (p->euid != 0) {
		if ((ruid != -1 && ruid != p->uid && ruid != p->euid) ||
		    (euid != -1 && euid != p->uid && euid != p->euid))
			return -EPERM;
	}
	if (ruid != -1)
		p->uid = (uint32_t)ruid;
	if (euid != -1)
		p->euid = (uint32_t)euid;
	return 0;
}

long
sys_setregid(long rgid, long egid)
{
	struct proc *p = proc_current();
	if (p->euid != 0) {
		if ((rgid != -1 && rgid != p->gid && rgid != p->egid) ||
		    (egid != -1 && egid != p->gid && egid != p->egid))
			return -EPERM;
	}
	if (rgid != -1)
		p->gid = (uint32_t)rgid;
	if (egid != -1)
		p->egid = (uint32_t)egid;
	return 0;
}

long
sys_setpgid(long pid, long pgid)
{
	struct proc *self = proc_current();
	if (!pid_in_range(pid))
		return -ESRCH;
	struct proc *p = pid ? proc_find((int)pid) : self;
	if (pgid < 0 || pgid > 0x7fffffffL)
		return -EINVAL;
	if (!p || (p != self && p->ppid != self->pid))
		return -ESRCH;
	if (p->sid != self->sid || p->pid == p->sid)
		return -EPERM;
	if (pgid && pgid != p->pid && !group_in_session(pgid, p->sid))
		return -EPERM;	/* no joining another session's or a made-up group */
	p->pgid = pgid ? (int)pgid : p->pid;
	return 0;
}

long
sys_getpgid(long pid)
{
	if (!pid_in_range(pid))
		return -ESRCH;
	struct proc *p = pid ? proc_find((int)pid) : proc_current();
	return p ? p->pgid : -ESRCH;
}

long
sys_setsid(void)
{
	struct proc *p = proc_current();
	for (struct proc *q = proc_next(NULL); q; q = proc_next(q))
		if (q->pgid == p->pid && q != p)
			return -EPERM;
	if (p->pgid == p->pid)
		return -EPERM;
	p->sid = p->pgid = p->pid;
	return p->sid;
}

long
sys_getsid(long pid)
{
	if (!pid_in_range(pid))
		return -ESRCH;
	struct proc *p = pid ? proc_find((int)pid) : proc_current();
	return p ? p->sid : -ESRCH;
}
