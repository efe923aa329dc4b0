/*
 * kt_sigfault - handlers for synchronous faults.  A program that installs
 * a SIGSEGV/SIGILL/SIGFPE handler gets it called for its own fault; it may
 * siglongjmp out (a thousand times over, frames do not pile up), or fix
 * the cause and return, and then the faulting instruction runs again with
 * every register and flag as it was.  A fault whose signal is blocked, or
 * whose handler was reset (SA_RESETHAND), or a stack overflow kills as
 * before.  It spawns itself for the fatal cases: argv[1] is the case.
 */
#define NAME "kt_sigfault"
#include "check.h"
#include "overflow.h"
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static char self[512];
static sigjmp_buf jb;
static volatile int got_sig, calls;
static volatile int zero;
static char *page;

static void
jump_out(int sig)
{
	got_sig = sig;
	calls++;
	siglongjmp(jb, 1);
}

static void
unprotect(int sig)
{
	got_sig = sig;
	calls++;
	if (mprotect(page, 4096, PROT_READ | PROT_WRITE) != 0)
		_exit(9);
}

static void
on(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static void
test_longjmp_out(void)
{
	on(SIGSEGV, jump_out, 0);
	on(SIGILL, jump_out, 0);
	on(SIGFPE, jump_out, 0);
	calls = 0;
	for (int i = 0; i < 1000; i++) {
		if (sigsetjmp(jb, 1) == 0)
			(void)*(volatile int *)0;
	}
	CHECK(calls == 1000 && got_sig == SIGSEGV);
	if (sigsetjmp(jb, 1) == 0)
		__asm__ volatile("ud2");
	CHECK(got_sig == SIGILL);
	if (sigsetjmp(jb, 1) == 0)
		got_sig = 12345 / zero;
	CHECK(got_sig == SIGFPE);
	/* sigsetjmp(.., 1) restored the mask: SIGSEGV is not left blocked. */
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(!sigismember(&now, SIGSEGV));
	on(SIGSEGV, SIG_DFL, 0);
	on(SIGILL, SIG_DFL, 0);
	on(SIGFPE, SIG_DFL, 0);
}

/*
 * Stores 42 into a page that is not yet writable, with known values in
 * every general register, two vector registers and the carry flag; the
 * handler makes the page writable and returns; the store runs again.
 */
static uint64_t regs_after[16];

static void
test_resume(void)
{
	page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED);
	on(SIGSEGV, unprotect, 0);
	calls = 0;
	__asm__ volatile(
	    "mov %[page], %%rax\n\t"
	    "movabs $0x1111111111111111, %%rbx\n\t"
	    "movabs $0x2222222222222222, %%rcx\n\t"
	    "movabs $0x3333333333333333, %%rdx\n\t"
	    "movabs $0x4444444444444444, %%rsi\n\t"
	    "movabs $0x5555555555555555, %%rdi\n\t"
	    "movabs $0x8888888888888888, %%r8\n\t"
	    "movabs $0x9999999999999999, %%r9\n\t"
	    "movabs $0xaaaaaaaaaaaaaaaa, %%r10\n\t"
	    "movabs $0xbbbbbbbbbbbbbbbb, %%r11\n\t"
	    "movabs $0xcccccccccccccccc, %%r12\n\t"
	    "movabs $0xdddddddddddddddd, %%r13\n\t"
	    "movabs $0xeeeeeeeeeeeeeeee, %%r14\n\t"
	    "movabs $0x0f0f0f0f0f0f0f0f, %%r15\n\t"
	    "movq %%r14, %%xmm7\n\t"
	    "movq %%r15, %%xmm15\n\t"
	    "stc\n\t"
	    "movq $42, (%%rax)\n\t"		/* faults once */
	    "setc %%al\n\t"
	    "movzbq %%al, %%rax\n\t"
	    "mov %%rax, 0+%[out]\n\t"
	    "mov %%rbx, 8+%[out]\n\t"
	    "mov %%rcx, 16+%[out]\n\t"
	    "mov %%rdx, 24+%[out]\n\t"
	    "mov %%rsi, 32+%[out]\n\t"
	    "mov %%rdi, 40+%[out]\n\t"
	    "mov %%r8, 48+%[out]\n\t"
	    "mov %%r9, 56+%[out]\n\t"
	    "mov %%r10, 64+%[out]\n\t"
	    "mov %%r11, 72+%[out]\n\t"
	    "mov %%r12, 80+%[out]\n\t"
	    "mov %%r13, 88+%[out]\n\t"
	    "mov %%r14, 96+%[out]\n\t"
	    "mov %%r15, 104+%[out]\n\t"
	    "movq %%xmm7, %%rax\n\t"
	    "mov %%rax, 112+%[out]\n\t"
	    "movq %%xmm15, %%rax\n\t"
	    "mov %%rax, 120+%[out]\n\t"
	    : [out] "=m" (regs_after)
	    : [page] "m" (page)
	    : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
	      "r12", "r13", "r14", "r15", "xmm7", "xmm15", "memory", "cc");
	static const uint64_t want[16] = {
		1, 0x1111111111111111, 0x2222222222222222, 0x3333333333333333,
		0x4444444444444444, 0x5555555555555555, 0x8888888888888888,
		0x9999999999999999, 0xaaaaaaaaaaaaaaaa, 0xbbbbbbbbbbbbbbbb,
		0xcccccccccccccccc, 0xdddddddddddddddd, 0xeeeeeeeeeeeeeeee,
		0x0f0f0f0f0f0f0f0f, 0xeeeeeeeeeeeeeeee, 0x0f0f0f0f0f0f0f0f,
	};
	CHECK(calls == 1 && got_sig == SIGSEGV);
	CHECK(*(volatile uint64_t *)page == 42);
	for (int i = 0; i < 16; i++) {
		if (regs_after[i] != want[i])
			printf("kt_sigfault: register %d is %#llx, want %#llx\n", i,
			    (unsigned long long)regs_after[i], (unsigned long long)want[i]);
	}
	CHECK(memcmp(regs_after, want, sizeof want) == 0);
	on(SIGSEGV, SIG_DFL, 0);
	munmap(page, 4096);
}

/* The fatal cases, each in a child. */
static int
fatal(const char *what)
{
	if (!strcmp(what, "blocked")) {
		on(SIGSEGV, jump_out, 0);
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGSEGV);
		sigprocmask(SIG_BLOCK, &s, NULL);
		if (sigsetjmp(jb, 0) == 0)
			return *(volatile int *)0;
		return 3;		/* the handler ran: wrong */
	}
	if (!strcmp(what, "resethand")) {
		on(SIGSEGV, jump_out, SA_RESETHAND);
		if (sigsetjmp(jb, 1) == 0)
			return *(volatile int *)0;
		return *(volatile int *)0;	/* the second one kills */
	}
	if (!strcmp(what, "overflow")) {
		on(SIGSEGV, jump_out, 0);
		if (sigsetjmp(jb, 1) == 0)
			return overflow_stack(0);
		return 3;
	}
	return 2;
}

static int
run_child(const char *what)
{
	char *args[] = { self, (char *)what, NULL };
	pid_t pid;
	int st = -1;
	if (posix_spawn(&pid, self, NULL, NULL, args, environ) != 0)
		return -1;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFSIGNALED(st) ? WTERMSIG(st) : 1000 + WEXITSTATUS(st);
}

int
main(int argc, char **argv)
{
	self_path(argv[0], self, sizeof self);
	if (argc > 1)
		return fatal(argv[1]);
	test_longjmp_out();
	test_resume();
	CHECK(run_child("blocked") == SIGSEGV);
	CHECK(run_child("resethand") == SIGSEGV);
	CHECK(run_child("overflow") == SIGSEGV);
	return finish();
}
