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
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <redox.h>

#define SC(nr, a, b, c, d, e) __syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

extern void __restore_rt(void);

/* ---- the syscall list ---- */

/* Argument kinds: what a value is drawn from. */
enum kind {
	K_ANY, K_FD, K_NEWFD, K_BUF, K_LEN, K_PATH, K_PLEN, K_OFLAGS, K_FLAGS,
	K_SMALL, K_SIG, K_PID, K_ADDR, K_ALEN, K_MAPF, K_TS, K_SIGSET, K_SIGACT,
	K_RESTORER, K_SPAWN, K_SPAWNLEN, K_ARGV, K_UID, K_ENTRY, K_STACK, K_TP,
	K_WAITF, K_FUTEXOP, K_MODE, K_OFF,
};

/* Where a call may run: anywhere, or only in a child (it ends or
 * replaces the caller). */
#define CHILD_ONLY 1

struct spec {
	const char *name;
	long nr;
	unsigned char k[5];
	int where;
};

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

static uint64_t rng;
static int is_child, unpriv, verbose;
static int out_fd = 1;
static uint64_t seed, subseed;
static long ncalls;
static long nproblems;
/* Children that died of a signal the fuzzer cannot account for.  Most are
 * its own doing (a child may wreck its own memory through the calls it
 * is given), so they are reported with their replay line but do not
 * count as the core's failures; a bad result or a crashed core does. */
static long noddities;
static pid_t mypid;

/* Child bookkeeping, reported to the parent through REPORT_FD. */
#define REPORT_FD 900
#define OUT_FD 901
struct report {
	uint64_t calls;
	uint32_t sigs;		/* signals it sent itself (bit per signal) */
	uint32_t wild;		/* it made a call after which any end is fair */
	uint64_t problems;	/* it printed them itself */
};
static struct report rep;

static uint64_t
rnd(void)
{
	/* splitmix64: one 64-bit state, fully determined by the seed */
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned
rn(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static void
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

static void
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

/* ---- memory the arguments point into ---- */

#define PG 4096L
#define SCRATCH (16 * PG)
static char *scratch;		/* RW, a PROT_NONE guard page after it */
static char *edge;		/* one RW page; the page after it is unmapped */
static char *rop;		/* a PROT_READ page */
static char *nop;		/* a PROT_NONE page */
#define ARENA 16
static char *arena;		/* pages for munmap/mprotect/mmap-fixed */
static unsigned arena_gone;	/* bit per arena page no longer ours */
static const char rodata[64] = "sysfuzz read-only data";
static long core_entry;

/* Thread stacks for clone_thread; busy until the kernel clears the word. */
#define NSTACK 4
static _Alignas(16) char tstack[NSTACK][16384];	/* room for a signal frame */
static volatile uint32_t tbusy[NSTACK];

/* Is p one of the busy words?  A thread started without one may share
 * a stack with another, or clear any word of ours as it exits: a child
 * that does so may crash by its own hand. */
static int
busy_word(long p)
{
	for (int i = 0; i < NSTACK; i++)
		if (p == (long)&tbusy[i])
			return 1;
	return 0;
}

static void
thr_fn(void *arg)
{
	/* No TLS here: the fuzzed tp may be anything. */
	for (;;)
		SC(SYS_EXIT_THREAD, 0, arg, 0, 0, 0);
}

static volatile long handled;

static void
on_sig(int sig)
{
	(void)sig;
	handled++;
}

static char *
map(long len, long prot)
{
	long r = SC(SYS_MMAP, 0, len, prot | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r < 0 && r > -4096) {
		out("sysfuzz: mmap %ld: %ld\n", len, r);
		exit(2);
	}
	return (char *)r;
}

static void
new_arena(void)
{
	arena = map(ARENA * PG, PROT_READ | PROT_WRITE);
	arena_gone = 0;
}

static void
setup_memory(void)
{
	scratch = map(SCRATCH + PG, PROT_READ | PROT_WRITE);
	SC(SYS_MPROTECT, scratch + SCRATCH, PG, PROT_NONE, 0, 0);
	for (long i = 0; i < SCRATCH; i++)
		scratch[i] = (char)rnd();
	edge = map(3 * PG, PROT_READ | PROT_WRITE);
	SC(SYS_MUNMAP, edge + PG, PG, 0, 0, 0);
	SC(SYS_MPROTECT, edge + 2 * PG, PG, PROT_NONE, 0, 0);
	rop = map(PG, PROT_READ | PROT_WRITE);
	memset(rop, 'r', PG);
	SC(SYS_MPROTECT, rop, PG, PROT_READ, 0, 0);
	nop = map(PG, PROT_NONE);
	new_arena();
	core_entry = (long)getauxval(AT_REDOX_SYSCALL);
}

/* ---- fds ---- */

struct pfd {
	const char *url;
	int flags;
	int readable;		/* reading it never blocks */
	int fd;
};
static struct pfd pool[] = {
	{ "initfs:/etc/init.rc", O_RDONLY, 1, -1 },
	{ "initfs:/bin", O_RDONLY | O_DIRECTORY, 1, -1 },
	{ "initfs:/bin/sysfuzz", O_RDONLY, 1, -1 },
	{ "null:", O_RDWR, 1, -1 },
	{ "zero:", O_RDWR, 1, -1 },
	{ "rand:", O_RDONLY, 1, -1 },
	{ "sys:context", O_RDONLY, 1, -1 },
	{ "sys:scheme", O_RDONLY, 1, -1 },
	{ "sys:meminfo", O_RDONLY, 1, -1 },
	{ "time:4", O_RDWR, 1, -1 },
	{ "time:1", O_RDWR, 1, -1 },
	{ "env:", O_RDONLY, 1, -1 },
	{ "env:SYSFUZZ", O_RDWR | O_CREAT, 1, -1 },
	{ "event:", O_RDWR | O_NONBLOCK, 1, -1 },
	{ ":", O_RDONLY, 1, -1 },
	{ "initfs:/etc/init.rc", O_RDONLY | O_STAT, 1, -1 },
	{ NULL, 0, 1, -1 },	/* pipe read end, non-blocking */
	{ NULL, 0, 0, -1 },	/* pipe write end, non-blocking */
	{ NULL, 0, 0, -1 },	/* a scheme of our own (the daemon's end) */
	{ NULL, 0, 0, -1 },	/* a blocking pipe's read end: children only */
	{ NULL, 0, 0, -1 },	/* and its write end */
};
#define NPOOL (int)(sizeof pool / sizeof pool[0])

static int
in_pool(long fd)
{
	for (int i = 0; i < NPOOL; i++)
		if (pool[i].fd >= 0 && pool[i].fd == fd)
			return 1;
	return 0;
}

static int
protected_fd(long fd)
{
	return fd == REPORT_FD || fd == OUT_FD || (!is_child && fd >= 0 && fd <= 2);
}

/* Closes every fd but the pool and ours; opens what the pool misses. */
static void
refresh_pool(void)
{
	for (int fd = 3; fd < 256; fd++)
		if (!in_pool(fd) && !protected_fd(fd))
			SC(SYS_CLOSE, fd, 0, 0, 0, 0);
	for (int i = 0; i < NPOOL; i++) {
		if (pool[i].fd >= 0)
			continue;
		if (pool[i].url) {
			long r = SC(SYS_OPEN, pool[i].url, strlen(pool[i].url), pool[i].flags | 0644, 0, 0);
			pool[i].fd = r >= 0 ? (int)r : -1;
		}
	}
	int p = NPOOL - 5;
	if (pool[p].fd < 0 && pool[p + 1].fd < 0) {
		int32_t fds[2];
		if (SC(SYS_PIPE2, fds, O_NONBLOCK, 0, 0, 0) == 0) {
			pool[p].fd = fds[0];
			pool[p + 1].fd = fds[1];
		}
	}
	if (pool[p + 2].fd < 0) {
		char name[32];
		int n = snprintf(name, sizeof name, ":fz%d", mypid);
		long r = SC(SYS_OPEN, name, n, O_RDWR | O_CREAT | O_NONBLOCK, 0, 0);
		pool[p + 2].fd = r >= 0 ? (int)r : -1;
	}
	if (is_child && pool[p + 3].fd < 0) {
		int32_t fds[2];
		if (SC(SYS_PIPE2, fds, 0, 0, 0, 0) == 0) {
			pool[p + 3].fd = fds[0];
			pool[p + 4].fd = fds[1];
		}
	}
}

static long
pool_fd(int readable)
{
	for (int tries = 0; tries < 8; tries++) {
		struct pfd *p = &pool[rn(NPOOL)];
		if (p->fd >= 0 && (!readable || p->readable))
			return p->fd;
	}
	return pool[0].fd;
}

/* ---- values ---- */

static long
interesting(void)
{
	static const long v[] = {
		0, 1, -1, 2, 3, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256,
		1023, 1024, 4095, 4096, 4097, 65535, 65536, 0x7fffffff,
		(long)0x80000000u, (long)0xffffffffu, 1L << 32, 1L << 47, 1L << 48,
		0x7fffffffffffffffL, (long)0x8000000000000000ul, -2, -4095, -4096,
		-65536, (long)0xffff800000000000ul,
	};
	switch (rn(6)) {
	case 0: return (long)rnd();
	case 1: return (long)(rnd() & 0xffffffff);
	case 2: return 1L << rn(64);
	case 3: return (long)rn(64) - 8;
	default: return v[rn(sizeof v / sizeof v[0])];
	}
}

static long
bad_fd(void)
{
	static const long v[] = { -1, -2, 1024, 1025, 4096, 1L << 31, 1L << 32, 1L << 40,
	    0x7fffffffffffffffL, (long)0x8000000000000000ul, 77, 899 };
	return v[rn(sizeof v / sizeof v[0])];
}

static long
any_fd(void)
{
	switch (rn(8)) {
	case 0: return bad_fd();
	case 1: return rn(24);
	case 2: return interesting();
	default: return pool_fd(0);
	}
}

/* A pointer: into own memory (the kernel may write there), or into
 * memory that is not ours to write or not there at all. */
static long
any_ptr(void)
{
	switch (rn(18)) {
	case 0: return 0;
	case 1: case 2: case 3: return (long)(scratch + rn(SCRATCH));
	case 4: return (long)scratch;
	case 5: return (long)(scratch + (rn(SCRATCH / 8) * 8));
	case 6: case 7: return (long)(edge + PG - 1 - rn(64));	/* crosses */
	case 8: return (long)(edge + PG + rn(PG));		/* unmapped */
	case 9: return (long)(rop + rn(PG));			/* read-only */
	case 10: return (long)(rodata + rn(sizeof rodata));	/* .rodata */
	case 11: return (long)(nop + rn(PG));			/* PROT_NONE */
	case 12: return (long)(0xffff800000000000ul + rn(1 << 20) * 8);
	case 13: return (long)(0xffffffff80000000ul + rn(1 << 20));
	case 14: return (long)(rn(2) ? 0x0000800000000000ul : 0x8000000000000000ul) - (long)rn(4);
	case 15: return rn(2) ? -1 - (long)rn(4096) : 0x1000;
	case 16: return core_entry + rn(64);
	default: return (long)rnd();
	}
}

static long
any_len(void)
{
	switch (rn(8)) {
	case 0: return rn(2);
	case 1: return rn(64);
	case 2: return rn(8192);
	case 3: return interesting();
	case 4: return SCHEME_PAYLOAD_MAX + (long)rn(3) - 1;
	default: return rn(512);
	}
}

/* Paths: valid and malformed URLs. */
static const char *const paths[] = {
	"", "x", ":", "::", ":/", "nosuch:x", "nosuch:", "a:b:c:", "/", ".", "..",
	"../../../../..", "initfs:", "initfs:/", "initfs:/bin", "initfs:/bin/",
	"initfs:/bin/sysfuzz", "initfs:/etc/init.rc", "initfs:/etc/../../../bin/..",
	"initfs:/nosuch", "initfs://bin//sysfuzz", "initfs:bin/sysfuzz",
	"null:", "null:x", "zero:", "rand:", "sys:", "sys:context", "sys:nosuch",
	"sys:log", "sys:uname", "sys:scheme", "sys:cpu", "time:", "time:1", "time:4",
	"time:99", "time:-1", "env:", "env:SYSFUZZ", "env:HOME", "env:=", "event:",
	"pipe:", "debug:", "disk:", "disk:0", "disk:99", "disk:-1", "file:/",
	"file:/nosuch", ":fzx", ":sysfuzz-nosuch", ":" "\xff\xfe", "\xff:\x01",
};
#define NPATHS (sizeof paths / sizeof paths[0])

/* A child's way to the parent's scheme, which answers with junk. */
static char fzpath[32];

/* Writes a path into scratch (or points at a constant) and its length. */
static long
any_path(long *len)
{
	char *p = scratch + SCRATCH - 8192 - 4096;
	long n;
	if (fzpath[0] && rn(12) == 0) {
		n = (long)strlen(fzpath);
		memcpy(p, fzpath, (size_t)n);
		for (int i = rn(12); i > 0; i--)
			p[n++] = rn(4) ? (char)('a' + rn(26)) : (char)rnd();
		*len = rn(8) ? n : any_len();
		return (long)p;
	}
	switch (rn(10)) {
	case 0:	/* very long: a long name, a long ".." chain */
		n = rn(2) ? 4096 + rn(4096) : 200 + rn(300);
		for (long i = 0; i < n; i++)
			p[i] = rn(3) ? "initfs:/../bin/"[i % 15] : (char)('a' + rn(26));
		break;
	case 1:	/* random bytes, NULs included */
		n = rn(64);
		for (long i = 0; i < n; i++)
			p[i] = (char)rnd();
		break;
	case 2: {	/* a valid one with a NUL in it */
		const char *s = paths[rn(NPATHS)];
		n = (long)strlen(s);
		memcpy(p, s, (size_t)n);
		p[n] = 0;
		memcpy(p + n + 1, "tail", 4);
		n += 5;
		break;
	}
	case 3:	/* a path ending right before the unmapped page */
		n = (long)strlen(paths[16]);
		memcpy(edge + PG - n, paths[16], (size_t)n);
		*len = rn(2) ? n : n + 1 + rn(8);
		return (long)(edge + PG - n);
	case 4:
		*len = any_len();
		return any_ptr();
	default: {
		const char *s = paths[rn(NPATHS)];
		n = (long)strlen(s);
		memcpy(p, s, (size_t)n);
		break;
	}
	}
	/* mostly the right length; sometimes not */
	switch (rn(12)) {
	case 0: *len = 0; break;
	case 1: *len = n + 1 + rn(16); break;
	case 2: *len = interesting(); break;
	case 3: *len = n ? (long)rn((unsigned)n) : 0; break;
	default: *len = n; break;
	}
	return (long)p;
}

static long
any_oflags(void)
{
	static const long f[] = { O_RDONLY, O_WRONLY, O_RDWR, O_NONBLOCK, O_APPEND,
	    O_SHLOCK, O_EXLOCK, O_ASYNC, O_FSYNC, O_CLOEXEC, O_CREAT, O_TRUNC, O_EXCL,
	    O_DIRECTORY, O_STAT, O_SYMLINK, (long)O_NOFOLLOW };
	long r = 0;
	switch (rn(6)) {
	case 0: return interesting();
	case 1: return (long)rnd();
	default:
		for (int i = rn(4); i >= 0; i--)
			r |= f[rn(sizeof f / sizeof f[0])];
		if (rn(2))
			r |= rn(2) ? 0644 : (long)(rnd() & 0xffff);
		return r;
	}
}

static long
any_mapf(void)
{
	static const long f[] = { PROT_EXEC, PROT_WRITE, PROT_READ, MAP_SHARED, MAP_PRIVATE,
	    MAP_FIXED, MAP_ANONYMOUS, 0x40000000, 0x08 };
	long r = 0;
	if (rn(5) == 0)
		return interesting();
	for (int i = rn(5); i >= 0; i--)
		r |= f[rn(sizeof f / sizeof f[0])];
	return r;
}

/* Addresses for munmap/mprotect/mmap/brk: arena pages still ours, or
 * memory that is not ours; never our own code, data, stack or heap. */
static long
any_addr(void)
{
	if (rn(2)) {
		unsigned i = rn(ARENA);
		if (!(arena_gone & (1u << i)))
			return (long)(arena + i * PG + (rn(8) == 0 ? rn(PG) : 0));
	}
	switch (rn(8)) {
	case 0: return 0;
	case 1: return (long)(edge + PG);
	case 2: return (long)(0xffff800000000000ul);
	case 3: return (long)(0x0000800000000000ul - PG);
	case 4: return (long)0x8000000000000000ul;
	case 5: return -PG;
	case 6: return core_entry & ~(PG - 1);
	default: return 0x10000;
	}
}

/* Lengths that stay inside the arena from addr, or that cannot fit. */
static long
arena_len(long addr)
{
	long room = (long)(arena + ARENA * PG) - addr;
	if (addr >= (long)arena && room > 0 && rn(4)) {
		long n = 1 + rn((unsigned)((room + PG - 1) / PG));
		return rn(8) ? n * PG : n * PG - (long)rn(PG);
	}
	/* Not a length that reaches past the arena without wrapping: the
	 * kernel rightly unmaps all of ours in such a range. */
	switch (rn(5)) {
	case 0: return 0;
	case 1: return -1;
	case 2: return -PG;
	case 3: return (long)(0ul - (unsigned long)addr) + PG * (long)(1 + rn(4));
	default: return (long)(0ul - (unsigned long)addr) - (long)rn(PG);	/* wraps once rounded up */
	}
}

static long
any_sig(void)
{
	switch (rn(8)) {
	case 0: return interesting();
	case 1: return NSIG + rn(4);
	default: return rn(NSIG);
	}
}

/* A timespec somewhere: sane, negative, out of range, or a bad pointer. */
static long
any_ts(int tame)
{
	struct redox_timespec *ts = (void *)(scratch + SCRATCH - 128);
	if (rn(5) == 0)
		return tame && rn(2) ? 0 : any_ptr();
	ts->tv_sec = 0;
	ts->tv_nsec = (int32_t)rn(200000);
	switch (rn(6)) {
	case 0: ts->tv_sec = -1 - (int64_t)rn(3); break;
	case 1: ts->tv_nsec = rn(2) ? -1 : 1000000000 + (int32_t)rn(5); break;
	case 2: if (!tame) ts->tv_sec = rn(2) ? 1 : 0x7fffffffffffffffL; break;
	default: break;
	}
	return (long)ts;
}

static long
any_sigact(int tame)
{
	struct redox_sigaction *a = (void *)(scratch + SCRATCH - 256);
	if (rn(5) == 0)
		return any_ptr();
	switch (rn(tame ? 4 : 5)) {
	case 0: a->sa_handler = 0; break;	/* SIG_DFL */
	case 1: a->sa_handler = 1; break;	/* SIG_IGN */
	case 4: a->sa_handler = (uint64_t)any_ptr(); rep.wild = 1; break;
	default: a->sa_handler = (uint64_t)(uintptr_t)on_sig; break;
	}
	a->sa_mask[0] = rnd();
	a->sa_mask[1] = rnd();
	a->sa_flags = rn(2) ? SA_RESTORER : (uint64_t)rnd();
	return (long)a;
}

static long
any_argv(void)
{
	long *v = (void *)(scratch + SCRATCH - 1024);
	if (rn(4) == 0)
		return any_ptr();
	int n = rn(6);
	for (int i = 0; i < n; i++)
		v[i] = rn(4) ? (long)paths[rn(NPATHS)] : any_ptr();
	v[n] = rn(8) ? 0 : any_ptr();
	return (long)v;
}

static long
any_spawn(void)
{
	struct spawn_args *s = (void *)(scratch + SCRATCH - 2048);
	if (rn(6) == 0)
		return any_ptr();
	static const char *const progs[] = { "initfs:/bin/sysfuzz", "initfs:/etc/init.rc",
	    "initfs:/bin", "nosuch:x", "" };
	const char *p = progs[rn(sizeof progs / sizeof progs[0])];
	s->path = rn(6) ? p : (const char *)any_ptr();
	s->path_len = rn(6) ? strlen(p) : (uint64_t)any_len();
	s->argv = (const char *const *)any_argv();
	s->envp = rn(2) ? NULL : (const char *const *)any_argv();
	s->cwd = rn(2) ? NULL : (const char *)any_path((long *)&s->cwd_len);
	for (int i = 0; i < SPAWN_FD_MAX; i++)
		s->fds[i] = rn(3) ? -1 : (int32_t)any_fd();
	s->nfds = rn(4) ? rn(SPAWN_FD_MAX + 1) : (uint32_t)rnd();
	s->flags = rn(2) ? 0 : (uint32_t)interesting();
	s->pgid = rn(2) ? 0 : (int32_t)interesting();
	s->_pad = 0;
	return (long)s;
}

static long
any_uid(void)
{
	switch (rn(5)) {
	case 0: return 0;
	case 1: return -1;
	case 2: return 1000;
	case 3: return interesting();
	default: return rn(3000);
	}
}

static long
any_pid(void)
{
	switch (rn(8)) {
	case 0: return 0;
	case 1: return mypid;
	case 2: return -mypid;
	case 3: return 1;
	case 4: return -1;
	case 5: return 40000 + rn(30000);
	case 6: return -(40000 + (long)rn(30000));
	default: return interesting();
	}
}

static long
arg(int k, long *a, int i)
{
	switch (k) {
	case K_ANY: return interesting();
	case K_FD: return any_fd();
	case K_NEWFD: return rn(4) ? 100 + rn(60) : any_fd();
	case K_BUF: return any_ptr();
	case K_LEN: return any_len();
	case K_PATH: return any_path(&a[i + 1]);
	case K_PLEN: return a[i];	/* set by K_PATH */
	case K_OFLAGS: return any_oflags();
	case K_FLAGS: return rn(2) ? (long)rn(8) : interesting();
	case K_SMALL: return rn(4) ? (long)rn(12) - 1 : interesting();
	case K_SIG: return any_sig();
	case K_PID: return any_pid();
	case K_ADDR: return any_addr();
	case K_ALEN: return arena_len(a[i - 1]);
	case K_MAPF: return any_mapf();
	case K_TS: return any_ts(!is_child);
	case K_SIGSET: return rn(4) ? (long)(scratch + rn(SCRATCH - 16)) : any_ptr();
	case K_SIGACT: return rn(4) ? any_sigact(!is_child) : 0;
	case K_RESTORER: return rn(2) ? 0 : (long)__restore_rt;
	case K_SPAWN: return any_spawn();
	case K_SPAWNLEN: return rn(6) ? (long)sizeof(struct spawn_args) : interesting();
	case K_ARGV: return any_argv();
	case K_UID: return any_uid();
	case K_ENTRY:
		switch (rn(6)) {
		case 0: return (long)(scratch + rn(SCRATCH));
		case 1: return (long)rodata;
		case 2: return any_ptr();
		default: return (long)thr_fn;
		}
	case K_STACK: {
		int s = rn(NSTACK);
		if (rn(6))
			return (long)(tstack[s] + sizeof tstack[s]);
		return rn(2) ? any_ptr() : (long)(tstack[s] + 8);
	}
	case K_TP: return rn(3) ? (long)(scratch + rn(SCRATCH)) : interesting();
	case K_WAITF: return rn(3) ? (long)rn(16) : interesting();
	case K_FUTEXOP: return rn(8) ? (long)rn(2) : interesting();
	case K_MODE: return rn(3) ? (long)(rnd() & 0xffff) : interesting();
	case K_OFF: return rn(3) ? (long)rn(70000) : interesting();
	}
	return 0;
}

/* ---- keeping the caller alive ---- */

/* Is [p, p+n) memory of ours that the fuzzer reads or writes itself? */
static int
ours(long p, long n)
{
	unsigned long u = (unsigned long)p;
	unsigned long un = (unsigned long)n;
#define IN(base, len) (u >= (unsigned long)(base) && un <= (unsigned long)(len) && \
	u - (unsigned long)(base) <= (unsigned long)(len) - un)
	/* Not the arena: fuzzed mprotect may have taken its access away. */
	return IN(scratch, SCRATCH) || IN(edge, PG) || IN(rop, PG) || IN(rodata, sizeof rodata) ||
	    IN(tstack, sizeof tstack);
#undef IN
}

/* Can the kernel surely not read 16 bytes at p?  (Null, the unmapped
 * and PROT_NONE pages, the kernel half, non-canonical, wrapping.)  Any
 * other pointer may reach bytes we do not control: .rodata, code. */
static int
unreadable(long p)
{
	unsigned long u = (unsigned long)p;
	return u < 0x10000 || u >= 0x0000800000000000ul - 16 ||
	    (u >= (unsigned long)edge + PG && u < (unsigned long)edge + 2 * PG) ||
	    (u >= (unsigned long)nop && u < (unsigned long)nop + PG);
}

/* Would opening or unlinking this path touch a scheme that is not ours:
 * ":name" for a real scheme name, or ":" itself. */
static int
real_scheme_path(long p, long len)
{
	static const char *const real[] = { "null", "zero", "rand", "debug", "event", "pipe",
	    "sys", "time", "env", "initfs", "disk", "file", "vec" };
	if (!ours(p, 1) || *(char *)p != ':')
		return 0;
	if (len <= 1 || !ours(p, len))
		return 1;
	for (unsigned i = 0; i < sizeof real / sizeof real[0]; i++) {
		size_t n = strlen(real[i]);
		if ((size_t)len - 1 >= n && memcmp((char *)p + 1, real[i], n) == 0)
			return 1;
	}
	return 0;
}

/*
 * Fixes the arguments of a call so that it cannot hurt the rest of the OS
 * (signals to init or the daemons, moving into their process group,
 * unregistering or shadowing their schemes) nor the fuzzer's own output
 * and bookkeeping.  Always applied, in children too.
 */
static void
safe(const struct spec *s, long *a)
{
	long nr = s->nr;
	for (int i = 0; i < 5; i++)
		if ((s->k[i] == K_FD || s->k[i] == K_NEWFD) && protected_fd(a[i]))
			a[i] = -1;
	if (nr == SYS_DUP2 && (in_pool(a[1]) || protected_fd(a[1])))
		a[1] = bad_fd();
	if (nr == SYS_CLOSE && in_pool(a[0]))
		a[0] = bad_fd();
	if (nr == SYS_KILL) {
		/* Ourselves, our group, a pid nobody has, or just a check. */
		long uid = SC(SYS_GETUID, 0, 0, 0, 0, 0), euid = SC(SYS_GETEUID, 0, 0, 0, 0, 0);
		long pid = a[0];
		int nobody = pid >= 40000 || pid <= -40000;	/* pids stop at 32767 */
		int me = pid == mypid || (is_child && (pid == 0 || pid == -mypid));
		if (!nobody && !me && a[1] > 0 && a[1] < NSIG && (uid == 0 || euid == 0 || pid == -1 || !is_child))
			a[0] = is_child && rn(2) ? (long)mypid : 40000 + (long)rn(30000);
		if (!is_child && (a[0] == mypid || a[0] == 0) && a[1] > 0 && a[1] < NSIG)
			a[0] = 40000 + rn(30000);
	}
	if (nr == SYS_SETPGID) {
		/* Only ourselves, into our own group or a new one. */
		if (a[0] != 0 && a[0] != mypid && a[0] < 40000 && a[0] > -40000)
			a[0] = 0;
		if (a[1] != 0 && a[1] != mypid && a[1] < 40000 && a[1] > -40000)
			a[1] = 0;
	}
	if ((nr == SYS_UNLINK || nr == SYS_RMDIR) && real_scheme_path(a[0], a[1]) && !unpriv)
		a[1] = 0;
	if (nr == SYS_FRENAME && ours(a[1], 1) && *(char *)a[1] == ':')
		a[2] = 0;
	if (nr == SYS_OPEN && (a[2] & O_CREAT) && real_scheme_path(a[0], a[1]) && !unpriv)
		a[2] &= ~(long)O_CREAT;
	if (nr == SYS_SPAWN && ours(a[0], sizeof(struct spawn_args))) {
		/* The console stays ours: a spawned program is killed at once. */
		struct spawn_args *sa = (void *)a[0];
		for (int i = 0; i < SPAWN_FD_MAX; i++)
			if (sa->fds[i] >= 0 && sa->fds[i] <= 2)
				sa->fds[i] = -1;
	}
	if (nr == SYS_CLONE_THREAD) {
		/* Our thread function on a free stack, told its busy word; any
		 * other entry must be refused (it is not code). */
		if (!is_child && a[0] != (long)thr_fn)
			a[0] = rn(2) ? (long)rodata : (long)(scratch + 64);
		for (int i = 0; i < NSTACK; i++)
			if (a[1] == (long)(tstack[i] + sizeof tstack[i])) {
				if (tbusy[i])
					a[1] = (long)(tstack[i] + 8);
				else if (!is_child || rn(8))
					a[2] = (long)&tbusy[i];
			}
	}
}

/*
 * Fixes the arguments of a call so that it can neither end the caller nor
 * block it for long: no read of an empty blocking pipe, no unbounded sleep
 * or futex wait, no waitpid without WNOHANG, no dropping root in the
 * parent.  Returns 0 to skip the call.
 */
static int
tame(const struct spec *s, long *a)
{
	long nr = s->nr;
	if (s->where == CHILD_ONLY && !is_child)
		return 0;
	if (nr == SYS_READ || nr == SYS_GETDENTS || nr == SYS_DUP || nr == SYS_FSYNC ||
	    nr == SYS_FTRUNCATE || nr == SYS_FEVENT)
		a[0] = rn(8) ? pool_fd(1) : bad_fd();
	if (nr == SYS_WRITE && !in_pool(a[0]))
		a[0] = rn(8) ? pool_fd(0) : bad_fd();
	if (nr == SYS_FCNTL && in_pool(a[0]))
		a[2] |= O_NONBLOCK;
	if (nr == SYS_WAITPID)
		a[2] |= WNOHANG;
	if (nr == SYS_FUTEX && a[1] == FUTEX_WAIT) {
		struct redox_timespec *ts = (void *)(scratch + SCRATCH - 64);
		ts->tv_sec = 0;
		ts->tv_nsec = 1000;
		ts->_pad = 0;
		a[3] = (long)ts;
		if (ours(a[0], 4) && !(a[0] & 3) && rn(4))
			a[2] = ~*(uint32_t *)a[0];	/* a mismatch: -EAGAIN */
	}
	/* A timespec we wrote, or none the kernel can read: other bytes
	 * may make a valid sleep of years. */
	if (nr == SYS_NANOSLEEP && !unreadable(a[0]))
		a[0] = (long)(scratch + SCRATCH - 128);
	if ((nr == SYS_SETREUID || nr == SYS_SETREGID) && !unpriv)
		for (int i = 0; i < 2; i++)
			if (a[i] != 0 && a[i] != -1)
				a[i] = -1;	/* root stays root */
	if (nr == SYS_SIGACTION) {
		if (a[0] == SIGCHLD)
			a[1] = 0;	/* keep SIGCHLD's default: waitpid must see children */
		if (a[1] && !unreadable(a[1]) && a[1] != (long)(scratch + SCRATCH - 256))
			a[1] = 0;	/* not a handler we chose */
		if (a[3] && a[3] != (long)__restore_rt)
			a[3] = 0;
	}
	if (nr == SYS_BRK && rn(2))
		a[0] = 0;
	return 1;
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
	int sfd = pool[NPOOL - 3].fd;
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
