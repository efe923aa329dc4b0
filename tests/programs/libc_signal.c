/* libc_signal: handlers, masks, raise/kill, sigsetjmp/longjmp,
 * sigsuspend (a signal pending before the call, one sent during it),
 * alarm and setitimer;
 * abort's default action seen from a waiting parent is in libc_spawn. */
#define NAME "libc_signal"
#include "check.h"
#include <errno.h>
#include <signal.h>
#include <setjmp.h>
#include <unistd.h>
#include <pthread.h>
#include <time.h>
#include <sys/time.h>

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
	CHECK(sigpending(&now) == 0 && sigismember(&now, SIGUSR1) == 1 &&
	    sigismember(&now, SIGUSR2) == 0);
	errno = 0;
	CHECK(sigsuspend(&empty) == -1 && errno == EINTR);
	CHECK_INT(got_usr1, before + 1);
	CHECK(sigpending(&now) == 0 && sigismember(&now, SIGUSR1) == 0);
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

static volatile sig_atomic_t got_alrm;

static void on_alrm(int sig)
{
	(void)sig;
	got_alrm++;
}

static long ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

/* alarm and setitimer(ITIMER_REAL): SIGALRM on time, periodic ticks,
 * cancelling, the time left. */
static void test_alarm(void)
{
	struct sigaction sa = { .sa_handler = on_alrm };
	struct itimerval it = { { 0, 30000 }, { 0, 30000 } }, cur;
	struct timespec t0;
	sigset_t block, empty;
	long ms;

	sigemptyset(&empty);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	CHECK_INT(sigaction(SIGALRM, &sa, NULL), 0);
	CHECK_INT(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(alarm(1), 0);
	while (got_alrm == 0)
		sigsuspend(&empty);
	ms = ms_since(&t0);
	CHECK(ms >= 950 && ms < 3000);
	CHECK_INT(got_alrm, 1);
	CHECK_INT(alarm(5), 0);
	CHECK_INT(alarm(0), 5);	/* cancelled, 5 s were left */
	/* every 30 ms: four ticks take at least 90 ms */
	got_alrm = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(setitimer(ITIMER_REAL, &it, NULL), 0);
	while (got_alrm < 4)
		sigsuspend(&empty);
	ms = ms_since(&t0);
	CHECK(ms >= 90 && ms < 3000);
	CHECK(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_interval.tv_usec == 30000);
	memset(&it, 0, sizeof(it));
	CHECK_INT(setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_value.tv_sec == 0 &&
	    cur.it_value.tv_usec == 0);
	it.it_value.tv_sec = 10;
	CHECK_INT(setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_value.tv_sec >= 9 &&
	    cur.it_value.tv_sec <= 10);
	CHECK_INT(alarm(0), 10);
	/* CPU-time timers are the kernel's (kt_cputime checks them firing) */
	CHECK_INT(setitimer(ITIMER_VIRTUAL, &it, NULL), 0);
	CHECK(getitimer(ITIMER_VIRTUAL, &cur) == 0 && cur.it_value.tv_sec >= 9 &&
	    cur.it_value.tv_sec <= 10);
	memset(&it, 0, sizeof(it));
	CHECK_INT(setitimer(ITIMER_VIRTUAL, &it, NULL), 0);
	errno = 0;
	CHECK(setitimer(3, &it, NULL) == -1 && errno == EINVAL);
	it.it_value.tv_usec = 1000000;
	errno = 0;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == -1 && errno == EINVAL);
	CHECK_INT(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
}

int main(void)
{
	test_sets();
	test_handlers();
	test_jumps();
	test_sigsuspend();
	test_alarm();
	return finish();
}
