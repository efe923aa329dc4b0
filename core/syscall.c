/*
 * syscall.c - the way into the core from user mode (syscalls, ticks,
 * faults) and the common way out: take HAL events, maybe reschedule, let
 * a dying process's thread go, deliver signals.
 */
#include "core/abi.h"
#include "core/cputime.h"
#include "core/exec.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/sched.h"
#include "core/signal.h"
#include "core/str.h"
#include "core/syscall.h"
#include "core/vm.h"
#include "hal/hal.h"

static long
way_out(long ret)
{
	struct thread *t = sched_way_out();
	struct proc *p = t->proc;
	if (p->exiting)
		proc_thread_exit();
	if ((p->sig_pending & ~t->sigmask) || p->stopped) {
		ret = signal_deliver(ret);
		t = sched_current();
	}
	cputime_leave(t);
	return ret;
}

static long
dispatch(long nr, long a0, long a1, long a2, long a3, long a4)
{
	struct proc *p = proc_current();

	switch (nr) {
	case SYS_GETPID: return p->pid;
	case SYS_GETPPID: return p->ppid;
	case SYS_READ: return sys_read(a0, a1, a2);
	case SYS_WRITE: return sys_write(a0, a1, a2);
	case SYS_READ2: return sys_read2(a0, a1, a2, a3, a4);
	case SYS_WRITE2: return sys_write2(a0, a1, a2, a3, a4);
	case SYS_OPEN: return sys_open(a0, a1, a2);
	case SYS_CLOSE: return sys_close(a0);
	case SYS_LSEEK: return sys_lseek(a0, a1, a2);
	case SYS_DUP: return sys_dup(a0, a1, a2);
	case SYS_DUP2: return sys_dup2(a0, a1, a2, a3);
	case SYS_PIPE2: return sys_pipe2(a0, a1);
	case SYS_FSTAT: return sys_fstat(a0, a1, a2);
	case SYS_FSTATVFS: return sys_fstatvfs(a0, a1, a2);
	case SYS_FSYNC: return sys_fsync(a0);
	case SYS_FTRUNCATE: return sys_ftruncate(a0, a1);
	case SYS_FPATH: return sys_fpath(a0, a1, a2);
	case SYS_FCHMOD: return sys_fchmod(a0, a1);
	case SYS_FCHOWN: return sys_fchown(a0, a1, a2);
	case SYS_FRENAME: return sys_frename(a0, a1, a2);
	case SYS_FUTIMENS: return sys_futimens(a0, a1, a2);
	case SYS_FCNTL: return sys_fcntl(a0, a1, a2);
	case SYS_UNLINK: return sys_unlink_common(a0, a1, 0);
	case SYS_RMDIR: return sys_unlink_common(a0, a1, 1);
	case SYS_MKDIR: return sys_mkdir(a0, a1, a2);
	case SYS_GETDENTS: return sys_getdents(a0, a1, a2);
	case SYS_CHDIR: return sys_chdir(a0, a1);
	case SYS_GETCWD: return sys_getcwd(a0, a1);
	case SYS_UMASK: return sys_umask(a0);
	case SYS_SPAWN: return sys_spawn(a0, a1);
	case SYS_EXECVE: return sys_execve(a0, a1, a2, a3);
	case SYS_EXIT: proc_exit(W_EXITED(a0));
	case SYS_WAITPID: return sys_waitpid(a0, a1, a2);
	case SYS_WAIT4: return sys_wait4(a0, a1, a2, a3);
	case SYS_VFORK: return sys_vfork(a0, a1, a2);
	case SYS_GETRUSAGE: return sys_getrusage(a0, a1);
	case SYS_KILL: return sys_kill(a0, a1);
	case SYS_SIGACTION: return sys_sigaction(a0, a1, a2, a3);
	case SYS_SIGPROCMASK: return sys_sigprocmask(a0, a1, a2);
	case SYS_SIGRETURN: return sys_sigreturn();
	case SYS_SIGALTSTACK: return sys_sigaltstack(a0, a1);
	case SYS_SIGPENDING: return sys_sigpending(a0);
	case SYS_ITIMER: return sys_itimer(a0, a1, a2);
	case SYS_GETUID: return p->uid;
	case SYS_GETEUID: return p->euid;
	case SYS_GETGID: return p->gid;
	case SYS_GETEGID: return p->egid;
	case SYS_SETREUID: return sys_setreuid(a0, a1);
	case SYS_SETREGID: return sys_setregid(a0, a1);
	case SYS_SETPGID: return sys_setpgid(a0, a1);
	case SYS_GETPGID: return sys_getpgid(a0);
	case SYS_SETSID: return sys_setsid();
	case SYS_GETSID: return sys_getsid(a0);
	case SYS_MMAP: return sys_mmap(a0, a1, a2, a3, a4);
	case SYS_MUNMAP: return sys_munmap(a0, a1);
	case SYS_MPROTECT: return sys_mprotect(a0, a1, a2);
	case SYS_MREMAP: return sys_mremap(a0, a1, a2, a3, a4);
	case SYS_BRK: return sys_brk(a0);
	case SYS_SET_TP: return sys_set_tp(a0, a1);
	case SYS_CLONE_THREAD: return sys_clone_thread(a0, a1, a2, a3);
	case SYS_EXIT_THREAD: return sys_exit_thread(a0, a1);
	case SYS_GETTID: return sys_gettid();
	case SYS_FUTEX: return sys_futex(a0, a1, a2, a3);
	case SYS_CLOCK_GETTIME: return sys_clock_gettime(a0, a1);
	case SYS_NANOSLEEP: return sys_nanosleep(a0, a1);
	case SYS_YIELD: sched_give_up(); return 0;
	case SYS_GETRLIMIT: return sys_getrlimit(a0, a1);
	case SYS_SETRLIMIT: return sys_setrlimit(a0, a1);
	default: return -ENOSYS;
	}
}

long
syscall_redo(long nr, const int64_t args[5])
{
	struct thread *t = sched_current();
	t->sc_nr = nr;
	for (int i = 0; i < 5; i++)
		t->sc_args[i] = (long)args[i];
	return dispatch(nr, (long)args[0], (long)args[1], (long)args[2],
	    (long)args[3], (long)args[4]);
}

static bool tracing;

void
syscall_trace(bool on)
{
	tracing = on;
}

/* The traced path, out of line so the plain one stays small. */
static __attribute__((noinline)) long
traced(long nr, long a0, long a1, long a2, long a3, long a4)
{
	int pid = proc_current()->pid;
	long r = dispatch(nr, a0, a1, a2, a3, a4);
	log_printf("[%d] syscall %#lx(%#lx, %#lx, %#lx, %#lx) = %ld\n", pid, nr, a0, a1, a2, a3, r);
	return way_out(r);
}

long
core_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a5;
	/* Kept for SA_RESTART (signal.c): cheaper here than anywhere else. */
	struct thread *t = sched_current();
	cputime_enter(t);
	t->sc_nr = nr;
	t->sc_args[0] = a0;
	t->sc_args[1] = a1;
	t->sc_args[2] = a2;
	t->sc_args[3] = a3;
	t->sc_args[4] = a4;
	if (__builtin_expect(tracing, 0))
		return traced(nr, a0, a1, a2, a3, a4);
	return way_out(dispatch(nr, a0, a1, a2, a3, a4));
}

void
core_interrupt(void)
{
	struct thread *t = sched_current();
	cputime_enter(t);
	t->sc_nr = 0;
	sched_events();
	if (sched_need_resched())
		sched_give_up();
	t = sched_current();
	struct proc *p = t->proc;
	if (p->exiting)
		proc_thread_exit();
	/* A thread that never makes a syscall still gets its signals and
	 * stops (the HAL keeps its registers: there is no result to set). */
	if ((p->sig_pending & ~t->sigmask) || p->stopped)
		signal_deliver(0);
	cputime_leave(t);
}

/* The ip also as an offset in the program's image, for addr2line. */
static void
log_fault(struct proc *p, int sig, uintptr_t addr, uintptr_t ip)
{
	uintptr_t base = vm_image_start(p->vm);
	const char *what = sig == SIGSEGV ? "segmentation fault" :
	    sig == SIGILL ? "illegal instruction" :
	    sig == SIGFPE ? "arithmetic exception" : sig == SIGBUS ? "bus error" :
	    sig == SIGSYS ? "bad system call" : "fault";

	if (base != 0 && ip >= base && ip - base < ((uintptr_t)1 << 32))
		log_printf("pid %d (%s): %s at %p, ip %p (%s+%#lx); killed\n",
		    p->pid, p->name, what, (void *)addr, (void *)ip, p->name,
		    (unsigned long)(ip - base));
	else
		log_printf("pid %d (%s): %s at %p, ip %p; killed\n", p->pid,
		    p->name, what, (void *)addr, (void *)ip);
}

_Noreturn void
core_fault_fatal(int sig, uintptr_t addr, uintptr_t ip)
{
	struct proc *p = proc_current();
	sig = HAL_FAULT_SIG(sig);
	if (!p)
		log_panic("fault %d at %p (ip %p) before any process", sig, (void *)addr, (void *)ip);
	log_fault(p, sig, addr, ip);
	signal_fault(sig);
}

void
core_fault(int sig, uintptr_t addr, uintptr_t ip)
{
	struct proc *p = proc_current();
	if (p)
		cputime_enter(sched_current());
	if (p && signal_fault_handler(HAL_FAULT_SIG(sig), HAL_FAULT_CODE(sig), addr)) {
		cputime_leave(sched_current());
		return;		/* the program's handler runs next */
	}
	core_fault_fatal(sig, addr, ip);
}
