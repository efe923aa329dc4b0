/*
 * signal.c - host signals: the tick, console input, stop requests, faults.
 *
 * Handlers run with every signal masked on one alternate stack, never
 * longjmp, and are entered through hosted_sig_entry (sigentry.S), which
 * installs the host FS first (not for the tick and SIGIO outside the
 * sanitizer build: hosted_signal_quick).  They only record events, except:
 *  - a tick that lands in user code preempts it (Go-style: rip is saved in
 *    core memory and the program resumes in hosted_yield_stub);
 *  - a fault inside the user-copy routine becomes -EFAULT;
 *  - a fault in user code resumes in hosted_fault_stub, which saves the
 *    whole state as a preempted thread's and lets the core run the
 *    program's handler or kill it; with no room on the stack (or in a
 *    stub) it resumes in hosted_fault_tramp on the thread's kernel stack,
 *    and the core kills the program;
 *  - a fault in the core itself is a bug: default action, core dump.
 *
 * Programs share the process with the core, so a `syscall` instruction
 * in a program would reach Linux (exit_group would end the whole OS).
 * Syscall User Dispatch traps those: hosted_sud is 1 while a program
 * runs (entry.S sets it on every way in and out), and a system call made
 * then raises SIGSYS, which kills the program as a fault does ("bad
 * system call").  Handlers return through hosted_restorer, the range
 * allowed whatever the selector says.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"

void hosted_sig_entry(int, siginfo_t *, void *);
extern char hosted_yield_stub[], hosted_yield_stub_safe[];
extern char hosted_fault_stub[], hosted_fault_stub_safe[], hosted_stubs_end[];
extern char hosted_copy_start[], hosted_copy_end[], hosted_copy_fixup[];
extern char hosted_fault_tramp[];
extern char hosted_restorer[], hosted_restorer_end[];

uint64_t hosted_xsave_size;
volatile uint8_t hosted_sud;
static unsigned long sud_fixups;	/* host calls made with the selector set */
static int user_fault_sig[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGSYS };

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_ON 1
#endif
#define SYS_USER_DISPATCH_CODE 2	/* si_code of a trapped call */
#define KSA_RESTORER 0x04000000

/* The kernel's own sigaction: glibc's would return through its restorer,
 * outside the range Syscall User Dispatch allows. */
struct ksigaction {
	void (*handler)(int, siginfo_t *, void *);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

static void
install(int sig)
{
	struct ksigaction ka = {
		.handler = hosted_sig_entry,
		.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART | KSA_RESTORER,
		.restorer = (void (*)(void))hosted_restorer,
		.mask = ~0ull,
	};
	if (syscall(SYS_rt_sigaction, sig, &ka, NULL, sizeof ka.mask) != 0) {
		perror("redox-hosted: rt_sigaction");
		_exit(1);
	}
}

/* Traps programs' Linux system calls from now on, where the kernel can. */
static void
sud_enable(void)
{
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON,
	    (unsigned long)hosted_restorer,
	    (unsigned long)(hosted_restorer_end - hosted_restorer), &hosted_sud) != 0)
		fprintf(stderr, "redox-hosted: no Syscall User Dispatch (%s): a program's raw "
		    "Linux system calls are not trapped\n", strerror(errno));
}

void
hosted_signals_init(void)
{
	unsigned a, b, c, d;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0xd), "c"(0));
	hosted_xsave_size = b + 64;

	size_t sz = getauxval(AT_MINSIGSTKSZ);
	if (sz < 64 * 1024)
		sz = 64 * 1024;
	stack_t ss = { .ss_size = sz, .ss_flags = 0 };
	ss.ss_sp = mmap(NULL, sz, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ss.ss_sp == MAP_FAILED || sigaltstack(&ss, NULL) != 0) {
		perror("redox-hosted: sigaltstack");
		_exit(1);
	}
	install(SIGALRM);
	install(SIGIO);
	install(SIGTERM);
	install(SIGINT);
	install(SIGHUP);
	install(SIGUSR1);
	for (size_t i = 0; i < sizeof user_fault_sig / sizeof user_fault_sig[0]; i++)
		install(user_fault_sig[i]);
	signal(SIGPIPE, SIG_IGN);
	sud_enable();
}

static int
in_range(uint64_t ip, const char *lo, const char *hi)
{
	return ip >= (uint64_t)lo && ip < (uint64_t)hi;
}

/*
 * The stubs push the registers and the xsave area below the red zone.  On
 * its known stack, a thread without that much room (and a page more) has
 * overflowed.  A thread on a stack of its own making is trusted.
 */
#define GUARD_SLACK (64 * 1024)	/* core/exec.c's guard below a stack */

static bool
stack_has_room(struct hal_thread *t, uint64_t sp)
{
	uint64_t need = 128 + 4096 + hosted_xsave_size + 256;
	/* A frame larger than what is left moves rsp into the guard
	 * before anything touches it: below lo is no room either. */
	return !(t->stack_hi && t->stack_lo > GUARD_SLACK &&
	    sp > t->stack_lo - GUARD_SLACK && sp <= t->stack_hi &&
	    sp < t->stack_lo + need);
}

/* Sends the thread to the core on its kernel stack, to be killed. */
static void
to_fault_tramp(greg_t *g, int sig, uint64_t addr, uint64_t ip)
{
	hosted_in_core = 1;
	g[REG_RDI] = sig;
	g[REG_RSI] = (greg_t)addr;
	g[REG_RDX] = (greg_t)ip;
	g[REG_RSP] = (greg_t)hosted_cur->kstack_top;
	g[REG_RIP] = (greg_t)hosted_fault_tramp;
}

/*
 * A fault with no room left on the stack, in a thread that set up an
 * alternate stack: the fault stub runs there instead, so the program's
 * SA_ONSTACK handler can still run (sigframe.c remembers that the
 * handler may not return).  False if there is no usable alternate stack.
 */
static bool
to_altstack(struct hal_thread *t, greg_t *g)
{
	uint64_t sp = (uint64_t)g[REG_RSP];
	uint64_t need = 4096 + hosted_xsave_size + 256;
	if (!t->alt_hi || t->alt_hi - t->alt_lo < need ||
	    (sp > t->alt_lo && sp <= t->alt_hi))
		return false;
	t->fault_rsp = sp;
	t->fault_moved = 1;
	g[REG_RSP] = (greg_t)(t->alt_hi & ~15ull);
	return true;
}

static uint64_t
on_fault(int sig, siginfo_t *si, ucontext_t *uc, uint64_t fs)
{
	greg_t *g = uc->uc_mcontext.gregs;
	uint64_t ip = (uint64_t)g[REG_RIP];
	struct hal_thread *t = hosted_cur;

	if (in_range(ip, hosted_copy_start, hosted_copy_end)) {
		g[REG_RIP] = (greg_t)hosted_copy_fixup;
		return fs;
	}
	if (hosted_in_core || !t) {
		/* A core bug: let the default action dump core. */
		signal(sig, SIG_DFL);
		hosted_console_restore();
		return fs;
	}
	bool moved = false;
	if (in_range(ip, hosted_yield_stub, hosted_stubs_end) ||
	    (!stack_has_room(t, (uint64_t)g[REG_RSP]) && !(moved = to_altstack(t, g)))) {
		to_fault_tramp(g, sig, (uint64_t)si->si_addr, ip);	/* overflow */
		return hosted_host_fs;
	}
	/* The host's si_code numbers are the ones programs expect. */
	t->fault_sig = (uint64_t)HAL_FAULT(sig, si->si_code > 0 ? si->si_code : 0);
	t->fault_addr = (uint64_t)si->si_addr;
	t->fault_ip = ip;
	t->preempt_rip = ip;
	if (!moved)
		g[REG_RSP] -= 128;	/* keep the program's red zone */
	g[REG_RIP] = (greg_t)hosted_fault_stub;
	return fs;
}

/* Returns true if the thread was sent to be killed. */
static bool
on_tick(ucontext_t *uc)
{
	greg_t *g = uc->uc_mcontext.gregs;
	uint64_t ip = (uint64_t)g[REG_RIP];

	hosted_event_post(HAL_EV_TIMER);
	if (hosted_in_core || !hosted_cur ||
	    in_range(ip, hosted_yield_stub, hosted_yield_stub_safe) ||
	    in_range(ip, hosted_fault_stub, hosted_fault_stub_safe))
		return false;	/* the core takes the event on its way out */
	struct hal_thread *t = hosted_cur;
	uint64_t sp = (uint64_t)g[REG_RSP];
	if (!stack_has_room(t, sp)) {
		/* Its stack overflowed: a SIGSEGV, which only a handler on
		 * the alternate stack can take. */
		if (to_altstack(t, g)) {
			t->fault_sig = (uint64_t)HAL_FAULT(SIGSEGV, SEGV_MAPERR);
			t->fault_addr = sp;
			t->fault_ip = ip;
			t->preempt_rip = ip;
			g[REG_RIP] = (greg_t)hosted_fault_stub;
			return false;
		}
		to_fault_tramp(g, SIGSEGV, sp, ip);
		return true;
	}
	t->preempt_rip = ip;
	g[REG_RSP] -= 128;	/* keep the program's red zone */
	g[REG_RIP] = (greg_t)hosted_yield_stub;
	return false;
}

/* The NIC's descriptor names itself (F_SETSIG); the console's plain
 * SIGIO carries no descriptor. */
static void
on_io(const siginfo_t *si)
{
	if (si->si_code > 0 && si->si_fd >= 0 && si->si_fd == hosted_nic_fd()) {
		hosted_event_post(HAL_EV_NET);
		hosted_nic_quiet();
	} else
		hosted_event_post(HAL_EV_CONSOLE);
}

/*
 * The tick and SIGIO come by the thousand (a TAP raises one per frame).
 * They only record an event or preempt, with no glibc and no TLS, so
 * sigentry.S runs them on whatever FS base is installed: two FS swaps
 * fewer per signal.  Returns 1 when the core's way in follows (a
 * program killed for its stack), which wants the host FS.
 */
int
hosted_signal_quick(int sig, siginfo_t *si, void *ucv)
{
	if (sig == SIGIO) {
		on_io(si);
		return 0;
	}
	return on_tick(ucv);
}

uint64_t
hosted_signal(int sig, siginfo_t *si, void *ucv, uint64_t fs)
{
	ucontext_t *uc = ucv;

	switch (sig) {
	case SIGALRM:
		/* A kill goes into the core, which wants the host FS. */
		return on_tick(uc) ? hosted_host_fs : fs;
	case SIGSYS:
		/* Host code whose way in missed the selector: allow, retry the
		 * instruction (a 2-byte syscall) and count it; a bug to fix,
		 * not a reason to stop.  A program's call is a fault. */
		if (si->si_code == SYS_USER_DISPATCH_CODE && hosted_in_core) {
			sud_fixups++;
			uc->uc_mcontext.gregs[REG_RIP] -= 2;
			return fs;
		}
		return on_fault(sig, si, uc, fs);
	case SIGIO:
		on_io(si);
		return fs;
	case SIGTERM:
	case SIGINT:
	case SIGHUP:
		hosted_event_post(HAL_EV_STOP);
		return fs;
	case SIGUSR1: {
		static const char msg[] = "\nredox-hosted: --timeout reached, stopping\n";
		hosted_console_restore();
		if (write(2, msg, sizeof msg - 1) < 0)
			_exit(124);
		_exit(124);
	}
	default:
		return on_fault(sig, si, uc, fs);
	}
}
