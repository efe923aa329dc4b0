/*
 * sysfuzz - a seeded syscall fuzzer that runs inside the OS.
 *
 *   sysfuzz [SEED [CALLS [SECONDS]]]     the parent (SEED "-": from rand:)
 *   sysfuzz child SUBSEED CALLS [u][v]   one child (u: as uid 1000, v:
 *                                        print every call before making it)
 *
 * Every syscall number in core/abi.h (the list is generated from it) and
 * random ones, with arguments drawn from classes that break kernels: 0,
 * -1, edge integers, valid and bad fds, pointers to own, unmapped,
 * read-only, PROT_NONE, kernel-half and non-canonical memory, buffers that
 * cross into an unmapped page, huge lengths, malformed paths, every flag
 * bit.  The parent only makes calls that cannot kill it or block it for
 * long (the fixups in tame()); calls that end or replace the caller, and
 * a few raw blocking ones, run in children it spawns with a sub-seed and
 * kills after a deadline.  Every result must be >= 0 or an errno in
 * -4095..-1; a child must end by exiting, by a signal it sent itself, or
 * by the parent's deadline.  Anything else prints the seed and the last
 * calls.  The core must survive all of it: the system test checks that.
 */
#include "tests/fuzz/sysfuzz.h"

/*
 * Argument kinds per syscall.  A number in core/abi.h without a line here
 * is still fuzzed (gen/sysfuzz_nrs.h lists them all), with K_ANY arguments
 * and in children only; add its line to fuzz it well.
 */
static const struct spec specs[] = {
	{ "open", SYS_OPEN, { K_PATH, K_PLEN, K_OFLAGS }, 0 },
	{ "chmod", SYS_CHMOD, { K_PATH, K_PLEN, K_MODE }, 0 },
	{ "rmdir", SYS_RMDIR, { K_PATH, K_PLEN }, 0 },
	{ "unlink", SYS_UNLINK, { K_PATH, K_PLEN }, 0 },
	{ "mkdir", SYS_MKDIR, { K_PATH, K_PLEN, K_MODE }, 0 },
	{ "close", SYS_CLOSE, { K_NEWFD }, 0 },
	{ "dup", SYS_DUP, { K_FD, K_BUF, K_LEN }, 0 },
	{ "dup2", SYS_DUP2, { K_FD, K_NEWFD, K_BUF, K_LEN }, 0 },
	{ "read", SYS_READ, { K_FD, K_BUF, K_LEN }, 0 },
	{ "write", SYS_WRITE, { K_FD, K_BUF, K_LEN }, 0 },
	{ "lseek", SYS_LSEEK, { K_FD, K_OFF, K_SMALL }, 0 },
	{ "fchmod", SYS_FCHMOD, { K_FD, K_MODE }, 0 },
	{ "fchown", SYS_FCHOWN, { K_FD, K_UID, K_UID }, 0 },
	{ "fcntl", SYS_FCNTL, { K_FD, K_SMALL, K_OFLAGS }, 0 },
	{ "fevent", SYS_FEVENT, { K_FD, K_FLAGS }, 0 },
	{ "fpath", SYS_FPATH, { K_FD, K_BUF, K_LEN }, 0 },
	{ "frename", SYS_FRENAME, { K_FD, K_PATH, K_PLEN }, 0 },
	{ "fstat", SYS_FSTAT, { K_FD, K_BUF, K_LEN }, 0 },
	{ "fstatvfs", SYS_FSTATVFS, { K_FD, K_BUF, K_LEN }, 0 },
	{ "fsync", SYS_FSYNC, { K_FD }, 0 },
	{ "ftruncate", SYS_FTRUNCATE, { K_FD, K_OFF }, 0 },
	{ "futimens", SYS_FUTIMENS, { K_FD, K_TS, K_LEN }, 0 },
	{ "getdents", SYS_GETDENTS, { K_FD, K_BUF, K_LEN }, 0 },
	{ "exit", SYS_EXIT, { K_ANY }, CHILD_ONLY },
	{ "waitpid", SYS_WAITPID, { K_PID, K_BUF, K_WAITF }, 0 },
	{ "chdir", SYS_CHDIR, { K_PATH, K_PLEN }, 0 },
	{ "getpid", SYS_GETPID, { 0 }, 0 },
	{ "kill", SYS_KILL, { K_PID, K_SIG }, 0 },
	{ "brk", SYS_BRK, { K_ADDR }, 0 },
	{ "setpgid", SYS_SETPGID, { K_PID, K_PID }, 0 },
	{ "umask", SYS_UMASK, { K_MODE }, 0 },
	{ "getppid", SYS_GETPPID, { 0 }, 0 },
	{ "sigaction", SYS_SIGACTION, { K_SIG, K_SIGACT, K_BUF, K_RESTORER }, 0 },
	{ "sigreturn", SYS_SIGRETURN, { 0 }, CHILD_ONLY },
	{ "mprotect", SYS_MPROTECT, { K_ADDR, K_ALEN, K_MAPF }, 0 },
	{ "sigprocmask", SYS_SIGPROCMASK, { K_SMALL, K_SIGSET, K_BUF }, 0 },
	{ "getpgid", SYS_GETPGID, { K_PID }, 0 },
	{ "yield", SYS_YIELD, { 0 }, 0 },
	{ "nanosleep", SYS_NANOSLEEP, { K_TS, K_BUF }, 0 },
	{ "getcwd", SYS_GETCWD, { K_BUF, K_LEN }, 0 },
	{ "getuid", SYS_GETUID, { 0 }, 0 },
	{ "getgid", SYS_GETGID, { 0 }, 0 },
	{ "geteuid", SYS_GETEUID, { 0 }, 0 },
	{ "getegid", SYS_GETEGID, { 0 }, 0 },
	{ "setreuid", SYS_SETREUID, { K_UID, K_UID }, 0 },
	{ "setregid", SYS_SETREGID, { K_UID, K_UID }, 0 },
	{ "futex", SYS_FUTEX, { K_BUF, K_FUTEXOP, K_ANY, K_TS }, 0 },
	{ "clock_gettime", SYS_CLOCK_GETTIME, { K_SMALL, K_BUF }, 0 },
	{ "pipe2", SYS_PIPE2, { K_BUF, K_OFLAGS }, 0 },
	{ "spawn", SYS_SPAWN, { K_SPAWN, K_SPAWNLEN }, 0 },
	{ "execve", SYS_EXECVE, { K_PATH, K_PLEN, K_ARGV, K_ARGV }, CHILD_ONLY },
	{ "mmap", SYS_MMAP, { K_ADDR, K_ALEN, K_MAPF, K_FD, K_OFF }, 0 },
	{ "munmap", SYS_MUNMAP, { K_ADDR, K_ALEN }, 0 },
	{ "set_tp", SYS_SET_TP, { K_TP }, 0 },
	{ "clone_thread", SYS_CLONE_THREAD, { K_ENTRY, K_STACK, K_ANY, K_TP }, 0 },
	{ "setsid", SYS_SETSID, { 0 }, 0 },
	{ "getsid", SYS_GETSID, { K_PID }, 0 },
	{ "exit_thread", SYS_EXIT_THREAD, { K_ANY, K_BUF }, CHILD_ONLY },
	{ "gettid", SYS_GETTID, { 0 }, 0 },
};
#define NSPECS (sizeof specs / sizeof specs[0])

/* Every number core/abi.h defines, generated from it by mk/fuzz.mk. */
static const struct { const char *name; long nr; } abi_nrs[] = {
#define NR(x) { #x, x },
#include "sysfuzz_nrs.h"
#undef NR
};
#define NABI (sizeof abi_nrs / sizeof abi_nrs[0])

/* The table the fuzzer draws from: specs, then ABI numbers without one. */
static struct spec table[NSPECS + NABI];
static int ntable;

/* ---- state ---- */

uint64_t rng;
int is_child, unpriv, verbose;
int out_fd = 1;
uint64_t seed, subseed;
long ncalls;
static long nproblems;
/* Children that died of a signal the fuzzer cannot account for.  Most are
 * its own doing (a child may wreck its own memory through the calls it
 * is given), so they are reported with their replay line but do not
 * count as the core's failures; a bad result or a crashed core does. */
static long noddities;
pid_t mypid;

struct report rep;

uint64_t
rnd(void)
{
	/* splitmix64: one 64-bit state, fully determined by the seed */
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

unsigned
rn(unsigned n)
{
	return (unsigned)(rnd() % n);
}

void
out(const char *fmt, ...)
{
	char b[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b, sizeof b, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof b - 1)
		n = sizeof b - 1;
	if (n > 0)
		SC(SYS_WRITE, out_fd, b, n, 0, 0);
}

/* ---- the ring of recent calls ---- */

#define RING 32
struct rec {
	long nr, a[5], ret;
	long n;
};
static struct rec ring[RING];

static const char *
name_of(long nr)
{
	for (int i = 0; i < ntable; i++)
		if (table[i].nr == nr)
			return table[i].name;
	return "?";
}

static void
dump_ring(void)
{
	for (long i = ncalls - RING; i < ncalls; i++) {
		if (i < 0)
			continue;
		struct rec *r = &ring[i % RING];
		out("  #%ld %s(%#lx) %#lx %#lx %#lx %#lx %#lx = %ld\n", r->n, name_of(r->nr),
		    r->nr, r->a[0], r->a[1], r->a[2], r->a[3], r->a[4], r->ret);
	}
}

void
problem(const char *fmt, long x)
{
	char what[160];
	snprintf(what, sizeof what, fmt, x);
	nproblems++;
	rep.problems = (uint64_t)nproblems;
	if (is_child)
		out("sysfuzz: PROBLEM seed %#llx child %#llx: %s; last calls:\n",
		    (unsigned long long)seed, (unsigned long long)subseed, what);
	else
		out("sysfuzz: PROBLEM seed %#llx: %s; last calls:\n", (unsigned long long)seed, what);
	dump_ring();
}

/* ---- making calls ---- */

static int
is_errno(long r)
{
	return r < 0 && r >= -4095;
}

static int
is_abi(long nr)
{
	for (unsigned i = 0; i < NABI; i++)
		if (abi_nrs[i].nr == nr)
			return 1;
	return 0;
}

static void report(void);

static void
check(const struct spec *s, long *a, long r)
{
	long nr = s->nr;
	if (r < 0 && !is_errno(r)) {
		problem("result %#lx is neither a value nor an errno", r);
		return;
	}
	if (!is_abi(nr) && r != -ENOSYS)
		problem("unknown syscall answered %ld, not -ENOSYS", r);
	if ((nr == SYS_READ || nr == SYS_WRITE || nr == SYS_FPATH || nr == SYS_GETDENTS ||
	    nr == SYS_GETCWD) && r > 0 && (unsigned long)r > (unsigned long)a[nr == SYS_GETCWD ? 1 : 2])
		problem("moved %ld bytes, more than asked", r);
	if ((nr == SYS_OPEN || nr == SYS_DUP || nr == SYS_DUP2) && r >= 1024)
		problem("fd %ld out of range", r);
	if ((nr == SYS_GETPID || nr == SYS_GETTID) && r <= 0)
		problem("getpid/gettid gave %ld", r);
}

/* Cleans up after a call, so the next ones start sane. */
static void
after(const struct spec *s, long *a, long r, long tp)
{
	long nr = s->nr;
	if (nr == SYS_SET_TP)
		SC(SYS_SET_TP, tp, 0, 0, 0, 0);
	if (nr == SYS_CLONE_THREAD && r < 0)
		for (int i = 0; i < NSTACK; i++)
			if (a[2] == (long)&tbusy[i] && a[1] == (long)(tstack[i] + sizeof tstack[i]))
				tbusy[i] = 0;
	if (r < 0)
		return;
	if (nr == SYS_MMAP) {
		if (!(a[2] & MAP_FIXED))
			SC(SYS_MUNMAP, r, a[1], 0, 0, 0);
	} else if (nr == SYS_MUNMAP && a[0] >= (long)arena && a[0] < (long)arena + ARENA * PG) {
		unsigned long end = (unsigned long)a[0] + (unsigned long)a[1];
		for (unsigned long p = (unsigned long)a[0] & ~(PG - 1);
		    p < end && p < (unsigned long)arena + ARENA * PG; p += PG)
			arena_gone |= 1u << ((p - (unsigned long)arena) / PG);
		if (arena_gone == (1u << ARENA) - 1)
			new_arena();
	} else if (nr == SYS_SPAWN && r > 0) {
		int st;
		SC(SYS_KILL, r, SIGKILL, 0, 0, 0);
		SC(SYS_WAITPID, r, &st, 0, 0, 0);
	}
}

/* Notes what a child does that may legitimately end it, and reports
 * before such a call (it may not come back). */
static void
before_child_call(const struct spec *s, long *a)
{
	long nr = s->nr;
	if (nr == SYS_KILL && a[1] > 0 && a[1] < NSIG)
		rep.sigs |= 1u << a[1];
	if (nr == SYS_SIGRETURN)
		rep.sigs |= 1u << SIGSEGV;
	/* A sigaction struct we did not write: its handler is any bytes. */
	if (nr == SYS_SIGACTION && a[1] && a[1] != (long)(scratch + SCRATCH - 256) && !unreadable(a[1]))
		rep.wild = 1;
	if (nr == SYS_EXECVE || nr == SYS_EXIT_THREAD ||
	    (nr == SYS_CLONE_THREAD && (a[0] != (long)thr_fn || !busy_word(a[2]))))
		rep.wild = 1;
	if (s->where == CHILD_ONLY || nr == SYS_KILL || (ncalls & 63) == 0)
		report();
}

static void
one_call(void)
{
	const struct spec *s;
	struct spec rnd_spec;
	long a[5] = { 0 };

	if (rn(64) == 0) {	/* a number outside the ABI */
		rnd_spec.name = "random";
		do
			rnd_spec.nr = rn(2) ? (long)rn(2048) : (long)rnd();
		while (is_abi(rnd_spec.nr));
		for (int i = 0; i < 5; i++)
			rnd_spec.k[i] = K_ANY;
		rnd_spec.where = 0;
		s = &rnd_spec;
	} else {
		/* In children, calls that end them are rarer, so they live longer. */
		do
			s = &table[rn(ntable)];
		while (s->where == CHILD_ONLY && rn(8));
	}
	for (int i = 0; i < 5; i++)
		a[i] = arg(s->k[i], a, i);
	/* Children make one call in eight untamed. */
	if ((!is_child || rn(8)) && !tame(s, a))
		return;
	safe(s, a);
	if (is_child)
		before_child_call(s, a);
	for (int i = 0; i < NSTACK; i++)
		if (s->nr == SYS_CLONE_THREAD && a[2] == (long)&tbusy[i])
			tbusy[i] = 1;
	long tp;
	__asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
	struct rec *r = &ring[ncalls % RING];
	r->nr = s->nr;
	memcpy(r->a, a, sizeof r->a);
	r->n = ncalls;
	r->ret = -99999;
	if (verbose)
		out("call #%ld %s %#lx %#lx %#lx %#lx %#lx\n", ncalls, s->name, a[0], a[1], a[2], a[3], a[4]);
	ncalls++;
	rep.calls = (uint64_t)ncalls;
	long ret = SC(s->nr, a[0], a[1], a[2], a[3], a[4]);
	after(s, a, ret, tp);
	r->ret = ret;
	check(s, a, ret);
}

static void
build_table(void)
{
	for (unsigned i = 0; i < NSPECS; i++)
		table[ntable++] = specs[i];
	for (unsigned i = 0; i < NABI; i++) {
		int found = 0;
		for (unsigned j = 0; j < NSPECS; j++)
			if (specs[j].nr == abi_nrs[i].nr)
				found = 1;
		if (found)
			continue;
		struct spec s = { abi_nrs[i].name, abi_nrs[i].nr, { 0 }, CHILD_ONLY };
		table[ntable++] = s;
		if (!is_child)
			out("sysfuzz: %s has no argument kinds in sysfuzz.c; fuzzed in children only\n",
			    abi_nrs[i].name);
	}
}

static uint64_t
now_ns(void)
{
	struct redox_timespec ts;
	SC(SYS_CLOCK_GETTIME, CLOCK_MONOTONIC, &ts, 0, 0, 0);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- a child ---- */

static void
report(void)
{
	if (is_child)
		SC(SYS_WRITE, REPORT_FD, &rep, sizeof rep, 0, 0);
}

static int
child_main(long n)
{
	/* Our report pipe and stdout move out of the way of fuzzed fds. */
	SC(SYS_DUP2, 3, REPORT_FD, 0, 0, 0);
	SC(SYS_CLOSE, 3, 0, 0, 0, 0);
	SC(SYS_DUP2, 1, OUT_FD, 0, 0, 0);
	out_fd = OUT_FD;
	/* Fuzzed writes to 0-2 go to null:, not the console. */
	long nul = SC(SYS_OPEN, "null:", 5, O_RDWR, 0, 0);
	for (int fd = 0; fd < 3; fd++)
		if (nul >= 0)
			SC(SYS_DUP2, nul, fd, 0, 0, 0);
		else
			SC(SYS_CLOSE, fd, 0, 0, 0, 0);
	if (nul > 2)
		SC(SYS_CLOSE, nul, 0, 0, 0, 0);
	if (unpriv && (SC(SYS_SETREGID, 1000, 1000, 0, 0, 0) != 0 ||
	    SC(SYS_SETREUID, 1000, 1000, 0, 0, 0) != 0)) {
		out("sysfuzz: child: setreuid 1000 failed\n");
		return 3;
	}
	setup_memory();
	refresh_pool();
	snprintf(fzpath, sizeof fzpath, "fz%ld:", SC(SYS_GETPPID, 0, 0, 0, 0, 0));
	while (ncalls < n) {
		one_call();
		if ((ncalls & 127) == 0)
			refresh_pool();
	}
	report();
	return nproblems ? 1 : 0;
}

/* ---- the parent ---- */

static long child_calls, nchildren, nusers, nkilled;
static const char *self = "initfs:/bin/sysfuzz";

/*
 * Answers the requests children send to our scheme (fzPID:) with junk:
 * wrong ids, results that are no errno or more than was asked for,
 * lengths that do not match the payload, short and duplicate replies.
 * The core must pass none of it to the caller unchecked.
 */
static long nreplies;

static void
serve_junk(void)
{
	static char in[8192], outb[1024];
	int sfd = own_scheme_fd();
	if (sfd < 0)
		return;
	for (int i = 0; i < 8; i++) {
		long n = SC(SYS_READ, sfd, in, sizeof in, 0, 0);
		if (n < (long)sizeof(struct scheme_request))
			return;
		struct scheme_request *rq = (void *)in;
		struct scheme_response *rs = (void *)outb;
		rs->id = rn(16) ? rq->id : rnd();
		switch (rn(8)) {
		case 0: rs->result = interesting(); break;
		case 1: rs->result = -(long)rn(200); break;
		case 2: rs->result = (long)rq->c; break;
		case 3: rs->result = (long)rq->c + 1 + rn(1000); break;
		case 4: rs->result = (long)rnd(); break;
		case 5: rs->result = -4096 - (long)rn(100000); break;
		default: rs->result = rn(4); break;
		}
		long pay = rn(3) ? (long)rn(256) : (long)rn(sizeof outb - sizeof *rs);
		rs->len = rn(4) ? (uint32_t)pay : (uint32_t)interesting();
		rs->flags = rn(8) ? 0 : (uint32_t)rnd();
		for (long j = 0; j < pay; j++)
			outb[sizeof *rs + j] = (char)rnd();
		long w = (long)sizeof *rs + pay;
		if (rn(10) == 0)
			w = rn((unsigned)w);	/* short */
		SC(SYS_WRITE, sfd, outb, w, 0, 0);
		if (rn(10) == 0)
			SC(SYS_WRITE, sfd, outb, w, 0, 0);	/* twice */
		nreplies++;
	}
}

/* Runs one child with sub-seed sub; waits until it ends or the deadline. */
static void
run_child(uint64_t sub, long n, int as_user, uint64_t deadline_ns, int replay)
{
	int32_t p[2];
	char sseed[32], sn[16], sflags[8];
	char *argv[] = { "sysfuzz", "child", sseed, sn, sflags, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	pid_t pid;
	int st = 0;

	if (SC(SYS_PIPE2, p, O_NONBLOCK, 0, 0, 0) != 0) {
		problem("pipe2 for a child failed", 0);
		return;
	}
	snprintf(sseed, sizeof sseed, "%#llx", (unsigned long long)sub);
	snprintf(sn, sizeof sn, "%ld", n);
	snprintf(sflags, sizeof sflags, "%s%s", as_user ? "u" : "-", replay ? "v" : "");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 3);
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&at, 0);
	int e = posix_spawn(&pid, self, &fa, &at, argv, NULL);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	SC(SYS_CLOSE, p[1], 0, 0, 0, 0);
	if (e != 0) {
		SC(SYS_CLOSE, p[0], 0, 0, 0, 0);
		problem("spawning a child failed: %ld", e);
		return;
	}
	nchildren++;
	nusers += as_user;
	uint64_t end = now_ns() + deadline_ns;
	int killed = 0;
	for (;;) {
		long r = SC(SYS_WAITPID, pid, &st, WNOHANG, 0, 0);
		if (r == pid)
			break;
		if (r < 0) {
			problem("waitpid on a child: %ld", r);
			break;
		}
		if (!killed && now_ns() > end) {
			SC(SYS_KILL, pid, SIGKILL, 0, 0, 0);
			killed = 1;
			nkilled++;
		}
		serve_junk();
		struct redox_timespec ts = { 0, 200000, 0 };
		SC(SYS_NANOSLEEP, &ts, 0, 0, 0, 0);
	}
	struct report cr = { 0, 0, 0, 0 }, x;
	while (SC(SYS_READ, p[0], &x, sizeof x, 0, 0) == sizeof x)
		cr = x;
	SC(SYS_CLOSE, p[0], 0, 0, 0, 0);
	child_calls += (long)cr.calls;
	nproblems += (long)cr.problems;
	int sig = WTERMSIG(st);
	/* Any exit status is fine: children exit with fuzzed ones. */
	int fine = WIFEXITED(st) ? 1 :
	    (killed && sig == SIGKILL) || cr.wild || (cr.sigs & (1u << sig)) ||
	    sig == SIGPIPE;
	if (!fine) {
		noddities++;
		out("sysfuzz: ODDITY seed %#llx: child %#llx (%s) after %llu calls ended with status %#x"
		    " (signals it sent itself %#x); replay: sysfuzz child %#llx %ld %sv\n",
		    (unsigned long long)seed, (unsigned long long)sub, as_user ? "uid 1000" : "root",
		    (unsigned long long)cr.calls, st, cr.sigs, (unsigned long long)sub, n,
		    as_user ? "u" : "");
		/* Once more at once, printing its calls: the same parent state
		 * around it makes this the likeliest replay. */
		if (!replay) {
			out("sysfuzz: child %#llx again, printing its calls:\n", (unsigned long long)sub);
			run_child(sub, n, as_user, deadline_ns * 4, 1);
		}
	}
}

static uint64_t
seed_from_rand(void)
{
	uint64_t s = 0;
	long fd = SC(SYS_OPEN, "rand:", 5, O_RDONLY, 0, 0);
	if (fd >= 0) {
		SC(SYS_READ, fd, &s, sizeof s, 0, 0);
		SC(SYS_CLOSE, fd, 0, 0, 0, 0);
	}
	if (!s) {
		struct redox_timespec ts;
		SC(SYS_CLOCK_GETTIME, CLOCK_REALTIME, &ts, 0, 0, 0);
		s = (uint64_t)ts.tv_sec * 1000000007ull ^ (uint64_t)ts.tv_nsec ^ now_ns();
	}
	return s;
}

static void
usage(void)
{
	out("usage: sysfuzz [SEED|- [CALLS [SECONDS]]]\n"
	    "       sysfuzz child SUBSEED CALLS [u][v]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	mypid = (pid_t)SC(SYS_GETPID, 0, 0, 0, 0, 0);
	if (argc >= 4 && strcmp(argv[1], "child") == 0) {
		is_child = 1;
		seed = subseed = strtoull(argv[2], NULL, 0);
		rng = subseed;
		if (argc > 4) {
			unpriv = strchr(argv[4], 'u') != NULL;
			verbose = strchr(argv[4], 'v') != NULL;
		}
		build_table();
		return child_main(strtol(argv[3], NULL, 0));
	}
	if (argc > 1 && (argv[1][0] == '-' && argv[1][1] == 'h'))
		usage();
	/* Started by a fuzzed spawn or execve with junk arguments: not a run. */
	if (argc < 1 || strcmp(argv[0], "sysfuzz") != 0)
		return 0;
	seed = argc > 1 && strcmp(argv[1], "-") != 0 ? strtoull(argv[1], NULL, 0) : seed_from_rand();
	long max_calls = argc > 2 ? strtol(argv[2], NULL, 0) : 100000;
	long secs = argc > 3 ? strtol(argv[3], NULL, 0) : 0;
	out("sysfuzz: seed %#llx\n", (unsigned long long)seed);
	rng = seed;
	if (argc > 4)
		verbose = strchr(argv[4], 'v') != NULL;
	SC(SYS_DUP2, 1, OUT_FD, 0, 0, 0);
	out_fd = OUT_FD;
	build_table();
	setup_memory();
	refresh_pool();

	/* Handlers for some signals, but a fault must kill us (and be seen). */
	struct sigaction sa = { .sa_handler = on_sig };
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP && s != SIGCHLD && s != SIGSEGV &&
		    s != SIGBUS && s != SIGILL && s != SIGFPE && rn(2))
			sigaction(s, &sa, NULL);

	uint64_t t0 = now_ns(), t_end = secs > 0 ? t0 + (uint64_t)secs * 1000000000ull : 0;
	uint64_t batch_ns = 0;
	long batch = 256, child_n = 200;
	while (ncalls + child_calls < max_calls) {
		uint64_t b0 = now_ns();
		long start = ncalls;
		while (ncalls - start < batch && ncalls + child_calls < max_calls)
			one_call();
		batch_ns = now_ns() - b0;
		refresh_pool();
		if (t_end && now_ns() >= t_end)
			break;
		if (ncalls + child_calls >= max_calls)
			break;
		/* A child: one in four as uid 1000.  Its deadline is generous:
		 * twenty times what its calls would take here, plus 0.1 s. */
		uint64_t per = batch_ns / (uint64_t)batch + 1;
		uint64_t dl = per * (uint64_t)child_n * 20 + 100000000ull;
		run_child(rnd(), child_n, rn(4) == 0, dl, 0);
		if (t_end && now_ns() >= t_end)
			break;
	}
	uint64_t el = now_ns() - t0;
	long total = ncalls + child_calls;
	long per_s = el ? (long)((double)total * 1e9 / (double)el) : 0;
	out("sysfuzz: %ld children (%ld as uid 1000), %ld stopped at their deadline; %ld signals handled;"
	    " %ld junk replies\n", nchildren, nusers, nkilled, handled, nreplies);
	out("sysfuzz: seed %#llx: %ld calls (%ld in children), %ld per second, %ld problems, %ld oddities\n",
	    (unsigned long long)seed, total, child_calls, per_s, nproblems, noddities);
	return nproblems ? 1 : 0;
}
