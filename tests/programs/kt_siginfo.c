/*
 * kt_siginfo - SA_SIGINFO handlers get what happened: the sender of a
 * kill (SI_USER, si_pid, si_uid), a fault's kind and address (SEGV_MAPERR,
 * SEGV_ACCERR, FPE_INTDIV, ILL_ILLOPN), a child's end (CLD_EXITED,
 * CLD_KILLED with si_status), and a ucontext whose registers are the
 * interrupted ones: rip is the faulting instruction, and a handler that
 * moves it past the instruction resumes there.  argv[1] names a child's
 * part.
 */
#define NAME "kt_siginfo"
#include "check.h"
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

extern char **environ;
extern char kt_ud2_at[], kt_ud2_after[];
static char self[512];
static sigjmp_buf jb;
static volatile int zero;
static volatile uintptr_t low_addr = 16;	/* unmapped on both backends */
static siginfo_t got;
static volatile long got_rip, got_rax;
static volatile int calls;

static void
record(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig;
	got = *si;
	got_rip = (long)uc->uc_mcontext.gregs[REG_RIP];
	calls++;
}

static void
record_jump(int sig, siginfo_t *si, void *ucv)
{
	record(sig, si, ucv);
	siglongjmp(jb, 1);
}

/* Skips the 2-byte ud2 by moving rip in the ucontext; keeps rax. */
static void
skip_ud2(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	record(sig, si, ucv);
	got_rax = (long)uc->uc_mcontext.gregs[REG_RAX];
	uc->uc_mcontext.gregs[REG_RIP] += 2;
}

static void
on(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(sig, &sa, NULL) != 0)
		printf("kt_siginfo: sigaction %d: %s\n", sig, strerror(errno));
}

static void
test_kill(void)
{
	on(SIGUSR1, record);
	memset(&got, 0, sizeof got);
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK_INT(got.si_signo, SIGUSR1);
	CHECK_INT(got.si_code, SI_USER);
	CHECK_INT(got.si_pid, getpid());
	CHECK_INT(got.si_uid, getuid());
}

static void
test_faults(void)
{
	on(SIGSEGV, record_jump);
	on(SIGFPE, record_jump);
	on(SIGILL, record_jump);

	memset(&got, 0, sizeof got);
	if (sigsetjmp(jb, 1) == 0)
		(void)*(volatile int *)low_addr;
	CHECK_INT(got.si_signo, SIGSEGV);
	CHECK_INT(got.si_code, SEGV_MAPERR);
	CHECK(got.si_addr == (void *)16);

	char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED);
	memset(&got, 0, sizeof got);
	if (sigsetjmp(jb, 1) == 0)
		*(volatile char *)(page + 100) = 1;
	CHECK_INT(got.si_code, SEGV_ACCERR);
	CHECK(got.si_addr == page + 100);
	munmap(page, 4096);

	memset(&got, 0, sizeof got);
	if (sigsetjmp(jb, 1) == 0)
		got_rax = 1000 / zero;
	CHECK_INT(got.si_signo, SIGFPE);
	CHECK_INT(got.si_code, FPE_INTDIV);
	CHECK(got.si_addr != NULL && (long)got.si_addr == got_rip);

	memset(&got, 0, sizeof got);
	if (sigsetjmp(jb, 1) == 0)
		__asm__ volatile(".globl kt_ud2_at\nkt_ud2_at: ud2\n.globl kt_ud2_after\nkt_ud2_after:");
	CHECK_INT(got.si_signo, SIGILL);
	CHECK_INT(got.si_code, ILL_ILLOPN);
	CHECK(got.si_addr == (void *)kt_ud2_at);
	CHECK(got_rip == (long)kt_ud2_at);
}

/* The handler moves rip past ud2: the program goes on after it with its
 * registers (rax here) as they were. */
static void
test_resume_elsewhere(void)
{
	on(SIGILL, skip_ud2);
	calls = 0;
	long rax_after;
	__asm__ volatile(
	    "movabs $0x1234567887654321, %%rax\n\t"
	    "ud2\n\t"
	    "mov %%rax, %0"
	    : "=r" (rax_after) : : "rax", "memory");
	CHECK_INT(calls, 1);
	CHECK(got_rax == 0x1234567887654321L);
	CHECK(rax_after == 0x1234567887654321L);
	signal(SIGILL, SIG_DFL);
}

static pid_t
spawn_child(const char *what)
{
	char *args[] = { self, (char *)what, NULL };
	pid_t pid;
	if (posix_spawn(&pid, self, NULL, NULL, args, environ) != 0)
		return -1;
	return pid;
}

static void
test_sigchld(void)
{
	int st;
	on(SIGCHLD, record);

	memset(&got, 0, sizeof got);
	calls = 0;
	pid_t pid = spawn_child("exit7");
	CHECK(pid > 0);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	/* The handler runs at the latest on waitpid's way back. */
	CHECK_INT(calls, 1);
	CHECK_INT(got.si_signo, SIGCHLD);
	CHECK_INT(got.si_code, CLD_EXITED);
	CHECK_INT(got.si_pid, pid);
	CHECK_INT(got.si_status, 7);

	memset(&got, 0, sizeof got);
	calls = 0;
	pid = spawn_child("wait");
	CHECK(pid > 0);
	CHECK(kill(pid, SIGTERM) == 0);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	CHECK_INT(got.si_code, CLD_KILLED);
	CHECK_INT(got.si_pid, pid);
	CHECK_INT(got.si_status, SIGTERM);
	signal(SIGCHLD, SIG_DFL);
}

int
main(int argc, char **argv)
{
	self_path(argv[0], self, sizeof self);
	if (argc > 1) {
		if (!strcmp(argv[1], "exit7"))
			return 7;
		if (!strcmp(argv[1], "wait")) {
			for (;;)
				pause();
		}
		return 2;
	}
	test_kill();
	test_faults();
	test_resume_elsewhere();
	test_sigchld();
	return finish();
}
