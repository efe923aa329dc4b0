/* libc_signal: handlers, masks, raise/kill, sigsetjmp/longjmp,
 * sigsuspend (a signal pending before the call, one sent during it);
 * abort's default action seen from a waiting parent is in libc_spawn. */
#define NAME "libc_signal"
#include "check.h"
#include <errno.h>
#include <signal.h>
#include <setjmp.h>
#include <unistd.h>
#include <pthread.h>
#include <time.h>

static volatile sig_atomic_t got_usr1, got_usr2, last_sig;

static void on_usr1(int sig)
{
	got_usr1++;
	last_sig = sig;
}

static void on_usr2(int sig)
{
	(void)sig;
	got_usr2++;
}

static jmp_buf jb;
static sigjmp_buf sjb;

static volatile int jump_depth;

/* Jumps out from depth nested calls (returns only if depth < 0). */
static int jump_back(int depth)
{
	if (depth < 0)
		return 0;
	if (depth == 0)
		longjmp(jb, 7);
	return jump_back(depth - 1) + jump_depth;	/* not a tail call */
}

static void on_usr1_jump(int sig)
{
	(void)sig;
	siglongjmp(sjb, 1);
}

static void test_sets(void)
{
	sigset_t s;

	CHECK(sigemptyset(&s) == 0 && s == 0);
	CHECK(sigaddset(&s, SIGINT) == 0 && sigismember(&s, SIGINT) == 1);
	CHECK(sigismember(&s, SIGTERM) == 0);
	CHECK(sigdelset(&s, SIGINT) == 0 && sigismember(&s, SIGINT) == 0);
	CHECK(sigfillset(&s) == 0 && sigismember(&s, SIGSYS) == 1);
	CHECK(sigaddset(&s, 0) == -1 && errno == EINVAL);
	CHECK(sigaddset(&s, NSIG) == -1);
}

static void test_handlers(void)
{
	struct sigaction sa, old;
	sigset_t set, oldset;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(got_usr1 == 1 && last_sig == SIGUSR1);
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(got_usr1 == 2);
	CHECK(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == on_usr1);
	CHECK(signal(SIGUSR2, on_usr2) == SIG_DFL);
	CHECK(raise(SIGUSR2) == 0 && got_usr2 == 1);
	CHECK(signal(SIGUSR2, SIG_IGN) == on_usr2);
	CHECK(raise(SIGUSR2) == 0 && got_usr2 == 1);	/* ignored */
	CHECK(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
	CHECK(sigaction(0, &sa, NULL) == -1);

	/* a blocked signal waits until it is unblocked */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &set, &oldset) == 0);
	CHECK(sigismember(&oldset, SIGUSR1) == 0);
	raise(SIGUSR1);
	CHECK(got_usr1 == 2);
	CHECK(sigprocmask(SIG_BLOCK, NULL, &oldset) == 0 && sigismember(&oldset, SIGUSR1));
	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0);
	CHECK(got_usr1 == 3);

	/* a handler that jumps out restores the mask with siglongjmp */
	sa.sa_handler = on_usr1_jump;
	sigaction(SIGUSR1, &sa, NULL);
	if (sigsetjmp(sjb, 1) == 0) {
		raise(SIGUSR1);
		CHECK(0);	/* not reached */
	} else {
		sigset_t now;
		sigprocmask(SIG_BLOCK, NULL, &now);
		CHECK(!sigismember(&now, SIGUSR1));
	}
	signal(SIGUSR1, SIG_DFL);
}

static void test_jumps(void)
{
	volatile int n = 0;
	int r;

	r = setjmp(jb);
	n++;
	if (r == 0)
		jump_back(10 + jump_depth);
	CHECK(r == 7 && n == 2);
	if ((r = setjmp(jb)) == 0)
		longjmp(jb, 0);
	CHECK(r == 1);		/* longjmp(.., 0) returns 1 */
}

/* Sends SIGUSR2 to the process after 100 ms, with SIGUSR2 blocked here
 * so that the main thread, in sigsuspend, is the one to take it. */
static void *send_later(void *arg)
{
	struct timespec ts = { 0, 100 * 1000000 };
	sigset_t s;

	(void)arg;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	nanosleep(&ts, NULL);
	kill(getpid(), SIGUSR2);
	return NULL;
}

static void test_sigsuspend(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 }, sb = { .sa_handler = on_usr2 };
	sigset_t block, empty, now;
	pthread_t t;
	int before;

	sigemptyset(&empty);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	CHECK_INT(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_INT(sigaction(SIGUSR2, &sb, NULL), 0);
	CHECK_INT(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	/* pending before the call: delivered as the mask opens, and
	 * sigsuspend must still return */
	before = got_usr1;
	raise(SIGUSR1);
	CHECK_INT(got_usr1, before);
	errno = 0;
	CHECK(sigsuspend(&empty) == -1 && errno == EINTR);
	CHECK_INT(got_usr1, before + 1);
	/* the old mask is back */
	CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0 && sigismember(&now, SIGUSR1) == 1);
	/* sent while suspended */
	before = got_usr2;
	CHECK_INT(pthread_create(&t, NULL, send_later, NULL), 0);
	errno = 0;
	CHECK(sigsuspend(&empty) == -1 && errno == EINTR);
	CHECK_INT(got_usr2, before + 1);
	pthread_join(t, NULL);
	CHECK_INT(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
}

int main(void)
{
	test_sets();
	test_handlers();
	test_jumps();
	test_sigsuspend();
	return finish();
}
