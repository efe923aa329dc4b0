/*
 * kt_altstack - sigaltstack: a thread starts without one (SS_DISABLE);
 * one set up is reported back; SA_ONSTACK handlers run on it (and see
 * SS_ONSTACK, and cannot change it there: EPERM), others on the normal
 * stack; a stack overflow's SIGSEGV reaches an SA_ONSTACK handler that
 * siglongjmps out, again and again; bad arguments are refused.  The
 * child case "nostack" overflows with the alternate stack disabled and
 * must die of SIGSEGV.
 */
#define NAME "kt_altstack"
#include "check.h"
#include "overflow.h"
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define ALT_SIZE (64 * 1024)

extern char **environ;
static char self[512];
static char *alt;
static sigjmp_buf jb;
static volatile uintptr_t handler_sp;
static volatile int handler_flags, handler_eperm, uc_flags, calls;
static volatile uintptr_t uc_sp;

static int
on_alt(uintptr_t p)
{
	return p >= (uintptr_t)alt && p < (uintptr_t)alt + ALT_SIZE;
}

static void
where(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	volatile char here;
	stack_t now, other = { alt, 0, ALT_SIZE };
	(void)sig; (void)si;
	handler_sp = (uintptr_t)&here;
	handler_flags = sigaltstack(NULL, &now) == 0 ? now.ss_flags : -1;
	handler_eperm = sigaltstack(&other, NULL) == -1 && errno == EPERM;
	uc_flags = uc->uc_stack.ss_flags;
	uc_sp = (uintptr_t)uc->uc_stack.ss_sp;
	calls++;
}

static void
overflowed(int sig, siginfo_t *si, void *uc)
{
	volatile char here;
	(void)si; (void)uc;
	if (sig == SIGSEGV && on_alt((uintptr_t)&here))
		calls++;
	siglongjmp(jb, 1);
}

static void
on(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	if (sigaction(sig, &sa, NULL) != 0)
		printf("kt_altstack: sigaction: %s\n", strerror(errno));
}

static void
test_setup(void)
{
	stack_t ss, old;

	CHECK(sigaltstack(NULL, &old) == 0);
	CHECK(old.ss_flags == SS_DISABLE);
	ss.ss_sp = alt;
	ss.ss_size = 1024;
	ss.ss_flags = 0;
	CHECK(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM);
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0x100;
	CHECK(sigaltstack(&ss, NULL) == -1 && errno == EINVAL);
	ss.ss_flags = 0;
	ss.ss_sp = (void *)16;	/* not our memory */
	CHECK(sigaltstack(&ss, NULL) == -1 && errno == EFAULT);
	ss.ss_sp = alt;
	CHECK(sigaltstack(&ss, &old) == 0);
	CHECK(old.ss_flags == SS_DISABLE);
	CHECK(sigaltstack(NULL, &old) == 0);
	CHECK(old.ss_sp == alt && old.ss_size == ALT_SIZE && old.ss_flags == 0);
}

static void
test_onstack(void)
{
	on(SIGUSR1, where, SA_ONSTACK);
	calls = 0;
	raise(SIGUSR1);
	CHECK(calls == 1);
	CHECK(on_alt(handler_sp));
	CHECK(handler_flags == SS_ONSTACK);
	CHECK(handler_eperm);
	CHECK(uc_flags == 0 && uc_sp == (uintptr_t)alt);

	on(SIGUSR2, where, 0);
	raise(SIGUSR2);
	CHECK(calls == 2);
	CHECK(!on_alt(handler_sp));
	CHECK(handler_flags == 0);
	CHECK(uc_flags == 0 && uc_sp == (uintptr_t)alt);	/* set up, if unused */
	/* After the handlers: no longer on it. */
	stack_t now;
	CHECK(sigaltstack(NULL, &now) == 0 && now.ss_flags == 0);
}

static void
test_overflow(void)
{
	on(SIGSEGV, overflowed, SA_ONSTACK);
	calls = 0;
	for (int i = 0; i < 3; i++) {
		if (sigsetjmp(jb, 1) == 0)
			overflow_stack(0);
	}
	CHECK_INT(calls, 3);
	/* The program goes on on its own stack, with SIGSEGV unblocked. */
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(!sigismember(&now, SIGSEGV));
	CHECK(overflow_forever == 1);
}

static int
no_stack_child(void)
{
	stack_t ss = { NULL, SS_DISABLE, 0 };
	on(SIGSEGV, overflowed, SA_ONSTACK);
	if (sigaltstack(&ss, NULL) != 0)
		return 3;
	if (sigsetjmp(jb, 1) == 0)
		overflow_stack(0);
	return 4;	/* the handler ran on the overflowed stack: wrong */
}

static void
test_disabled(void)
{
	char *args[] = { self, "nostack", NULL };
	pid_t pid;
	int st = 0;
	CHECK(posix_spawn(&pid, self, NULL, NULL, args, environ) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
}

int
main(int argc, char **argv)
{
	self_path(argv[0], self, sizeof self);
	alt = malloc(ALT_SIZE);
	if (!alt)
		return 1;
	if (argc > 1)
		return strcmp(argv[1], "nostack") == 0 ? no_stack_child() : 2;
	test_setup();
	test_onstack();
	test_overflow();
	test_disabled();
	return finish();
}
