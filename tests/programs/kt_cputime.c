/*
 * kt_cputime - CPU time accounting.  A loop that spins in user mode for
 * 200 ms of its own CPU time shows up as user time (getrusage, times,
 * clock, CLOCK_PROCESS_CPUTIME_ID), never more than the wall clock; a
 * loop of syscalls adds system time; sleeping adds (next to) nothing; a
 * second thread's spin counts for the process and not for the main
 * thread; a child's time reaches wait4's rusage and RUSAGE_CHILDREN only
 * once it is reaped.  ru_maxrss follows the most memory a process has
 * mapped (its own, a reaped child's); blocking counts as a voluntary
 * context switch, a slice used up as an involuntary one.  ITIMER_VIRTUAL
 * and ITIMER_PROF signal after CPU time, not wall time.  argv[1] ==
 * "spin" and "big" are the children.
 */
#define NAME "kt_cputime"
#include "check.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000LL

extern char **environ;
static char self[512];

static long long
ns_of(clockid_t c)
{
	struct timespec ts;
	if (clock_gettime(c, &ts) != 0)
		return -1;
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long
tv_ns(const struct timeval *tv)
{
	return (long long)tv->tv_sec * 1000000000LL + tv->tv_usec * 1000LL;
}

/* Spins until clock c advanced by ns (or 20 s of wall time passed). */
static void
spin(clockid_t c, long long ns)
{
	long long start = ns_of(c), wall = ns_of(CLOCK_MONOTONIC);
	volatile uint64_t x = 0;
	while (ns_of(c) - start < ns && ns_of(CLOCK_MONOTONIC) - wall < 20000 * MS)
		for (int i = 0; i < 200000; i++)
			x += (uint64_t)i;
}

static void
test_user(void)
{
	struct rusage a, b;
	struct tms ta, tb;
	CHECK(getrusage(RUSAGE_SELF, &a) == 0);
	CHECK(times(&ta) != (clock_t)-1);
	clock_t c0 = clock();
	long long p0 = ns_of(CLOCK_PROCESS_CPUTIME_ID), w0 = ns_of(CLOCK_MONOTONIC);
	spin(CLOCK_PROCESS_CPUTIME_ID, 200 * MS);
	long long p1 = ns_of(CLOCK_PROCESS_CPUTIME_ID), w1 = ns_of(CLOCK_MONOTONIC);
	clock_t c1 = clock();
	CHECK(times(&tb) != (clock_t)-1);
	CHECK(getrusage(RUSAGE_SELF, &b) == 0);

	long long du = tv_ns(&b.ru_utime) - tv_ns(&a.ru_utime);
	long long ds = tv_ns(&b.ru_stime) - tv_ns(&a.ru_stime);
	if (du < 100 * MS || du > w1 - w0 + 10 * MS)
		printf("kt_cputime: user %lld ms, sys %lld ms, wall %lld ms\n", du / MS, ds / MS,
		    (w1 - w0) / MS);
	CHECK(p1 - p0 >= 200 * MS);
	CHECK(p1 - p0 <= w1 - w0 + 10 * MS);	/* never more than the wall clock */
	CHECK(du >= 100 * MS);			/* mostly in user mode */
	CHECK(du + ds >= 190 * MS && du + ds <= w1 - w0 + 20 * MS);
	CHECK(c1 - c0 >= (clock_t)(190 * CLOCKS_PER_SEC / 1000));
	CHECK(tb.tms_utime - ta.tms_utime >= 10);
	CHECK(tb.tms_cutime == 0 && tb.tms_cstime == 0);
}

/* The CPU-time clocks never step back. */
static void
test_monotonic(void)
{
	long long last = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	int back = 0;
	for (int i = 0; i < 20000; i++) {
		long long now = ns_of(i & 1 ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_THREAD_CPUTIME_ID);
		long long p = i & 1 ? now : ns_of(CLOCK_PROCESS_CPUTIME_ID);
		if (p < last)
			back++;
		last = p;
	}
	CHECK_INT(back, 0);
}

static void
test_sys(void)
{
	struct rusage a, b;
	CHECK(getrusage(RUSAGE_SELF, &a) == 0);
	for (int i = 0; i < 20000; i++)
		(void)getppid();
	CHECK(getrusage(RUSAGE_SELF, &b) == 0);
	CHECK(tv_ns(&b.ru_stime) > tv_ns(&a.ru_stime));
}

static void
test_sleep(void)
{
	long long p0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	struct timespec ts = { 0, 300 * MS };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	long long p1 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	if (p1 - p0 >= 50 * MS)
		printf("kt_cputime: sleeping 300 ms cost %lld ms of CPU\n", (p1 - p0) / MS);
	CHECK(p1 - p0 < 50 * MS);
}

static void *
spinner(void *arg)
{
	(void)arg;
	spin(CLOCK_THREAD_CPUTIME_ID, 150 * MS);
	return NULL;
}

static void
test_threads(void)
{
	pthread_t th;
	long long t0 = ns_of(CLOCK_THREAD_CPUTIME_ID), p0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	CHECK(pthread_create(&th, NULL, spinner, NULL) == 0);
	CHECK(pthread_join(th, NULL) == 0);
	long long t1 = ns_of(CLOCK_THREAD_CPUTIME_ID), p1 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	CHECK(p1 - p0 >= 150 * MS);	/* the ended thread's time stays */
	CHECK(t1 - t0 < 50 * MS);	/* the main thread only waited */
}

static void
test_children(void)
{
	char *args[] = { self, "spin", NULL };
	struct rusage ru, kids0, kids1;
	pid_t pid;
	int st = 0;
	CHECK(getrusage(RUSAGE_CHILDREN, &kids0) == 0);
	CHECK(posix_spawn(&pid, self, NULL, NULL, args, environ) == 0);
	while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
		;
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(tv_ns(&ru.ru_utime) + tv_ns(&ru.ru_stime) >= 200 * MS);
	CHECK(tv_ns(&ru.ru_utime) >= 100 * MS);
	CHECK(getrusage(RUSAGE_CHILDREN, &kids1) == 0);
	long long d = tv_ns(&kids1.ru_utime) + tv_ns(&kids1.ru_stime) -
	    tv_ns(&kids0.ru_utime) - tv_ns(&kids0.ru_stime);
	/* the same ticks, turned into timevals apart: a few us may differ */
	long long w = tv_ns(&ru.ru_utime) + tv_ns(&ru.ru_stime);
	CHECK(d >= w - 1000000 && d <= w + 1000000);
	struct tms t;
	CHECK(times(&t) != (clock_t)-1 && t.tms_cutime + t.tms_cstime >= 19);
	CHECK(getrusage(12345, &ru) == -1 && errno == EINVAL);
}

#define BIG (16L << 20)

/* Maps and touches BIG bytes, then gives them back. */
static int
touch_big(void)
{
	char *p = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	for (long i = 0; i < BIG; i += 4096)
		p[i] = 1;
	return munmap(p, BIG);
}

static void
test_maxrss(void)
{
	struct rusage a, b, c, ru, kids;
	char *args[] = { self, "big", NULL };
	pid_t pid;
	int st = 0;
	CHECK(getrusage(RUSAGE_SELF, &a) == 0);
	CHECK(a.ru_maxrss > 0);
	CHECK(touch_big() == 0);
	CHECK(getrusage(RUSAGE_SELF, &b) == 0);
	if (b.ru_maxrss < a.ru_maxrss + BIG / 1024 - 1024)
		printf("kt_cputime: maxrss %ld K, then %ld K\n", a.ru_maxrss, b.ru_maxrss);
	CHECK(b.ru_maxrss >= a.ru_maxrss + BIG / 1024 - 1024);
	CHECK(getrusage(RUSAGE_SELF, &c) == 0);
	CHECK(c.ru_maxrss == b.ru_maxrss);	/* a peak: freeing keeps it */
	CHECK(posix_spawn(&pid, self, NULL, NULL, args, environ) == 0);
	while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
		;
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(ru.ru_maxrss >= BIG / 1024 && ru.ru_maxrss < 4 * BIG / 1024);
	CHECK(getrusage(RUSAGE_CHILDREN, &kids) == 0);
	CHECK(kids.ru_maxrss >= ru.ru_maxrss);
}

static void
test_switches(void)
{
	struct rusage a, b;
	pthread_t th;
	struct timespec ts = { 0, 10 * MS };
	CHECK(getrusage(RUSAGE_SELF, &a) == 0);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	/* Two spinning threads: each one's slice ends with the other ready. */
	CHECK(pthread_create(&th, NULL, spinner, NULL) == 0);
	spin(CLOCK_THREAD_CPUTIME_ID, 150 * MS);
	CHECK(pthread_join(th, NULL) == 0);
	CHECK(getrusage(RUSAGE_SELF, &b) == 0);
	CHECK(b.ru_nvcsw > a.ru_nvcsw);
	CHECK(b.ru_nivcsw > a.ru_nivcsw);
}

static volatile sig_atomic_t vt_count, prof_count;

static void on_vtalrm(int sig) { (void)sig; vt_count++; }
static void on_prof(int sig) { (void)sig; prof_count++; }

static void
test_itimers(void)
{
	struct sigaction va = { .sa_handler = on_vtalrm }, pa = { .sa_handler = on_prof };
	struct itimerval one = { { 0, 0 }, { 0, 100000 } };	/* 100 ms, once */
	struct itimerval every = { { 0, 50000 }, { 0, 50000 } };	/* each 50 ms */
	struct itimerval off = { { 0, 0 }, { 0, 0 } }, cur;
	CHECK(sigaction(SIGVTALRM, &va, NULL) == 0 && sigaction(SIGPROF, &pa, NULL) == 0);

	CHECK(setitimer(ITIMER_VIRTUAL, &one, NULL) == 0);
	CHECK(getitimer(ITIMER_VIRTUAL, &cur) == 0);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 &&
	    cur.it_value.tv_usec <= 100000 && cur.it_interval.tv_usec == 0);
	/* Sleeping uses no CPU: no signal. */
	struct timespec ts = { 0, 200 * MS };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	CHECK_INT(vt_count, 0);
	spin(CLOCK_PROCESS_CPUTIME_ID, 50 * MS);
	CHECK_INT(vt_count, 0);
	spin(CLOCK_PROCESS_CPUTIME_ID, 100 * MS);
	CHECK_INT(vt_count, 1);
	CHECK(getitimer(ITIMER_VIRTUAL, &cur) == 0);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);	/* spent */

	CHECK(setitimer(ITIMER_PROF, &every, NULL) == 0);
	spin(CLOCK_PROCESS_CPUTIME_ID, 300 * MS);
	CHECK(setitimer(ITIMER_PROF, &off, &cur) == 0);
	CHECK(cur.it_interval.tv_usec == 50000);
	if (prof_count < 4 || prof_count > 7)
		printf("kt_cputime: %d SIGPROFs in 300 ms of CPU at one per 50 ms\n", (int)prof_count);
	CHECK(prof_count >= 4 && prof_count <= 7);
	int n = prof_count;
	spin(CLOCK_PROCESS_CPUTIME_ID, 100 * MS);
	CHECK_INT(prof_count, n);	/* off stays off */
	CHECK(setitimer(7, &one, NULL) == -1 && errno == EINVAL);
}

int
main(int argc, char **argv)
{
	self_path(argv[0], self, sizeof self);
	if (argc > 1) {
		if (strcmp(argv[1], "big") == 0)
			return touch_big() == 0 ? 0 : 1;
		if (strcmp(argv[1], "spin") != 0)
			return 2;
		spin(CLOCK_PROCESS_CPUTIME_ID, 200 * MS);
		return 0;
	}
	test_user();
	test_monotonic();
	test_sys();
	test_sleep();
	test_threads();
	test_children();
	test_maxrss();
	test_switches();
	test_itimers();
	return finish();
}
