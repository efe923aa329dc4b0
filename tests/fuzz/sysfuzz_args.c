/*
 * sysfuzz_args.c - where the fuzzer's arguments come from: memory of
 * every kind to point into, a pool of real descriptors, interesting
 * values per argument kind; and the fixups (safe, tame) that keep the
 * caller alive.  sysfuzz.c makes the calls.
 */
#include "tests/fuzz/sysfuzz.h"

/* ---- memory the arguments point into ---- */

char *scratch;		/* RW, a PROT_NONE guard page after it */
char *edge;		/* one RW page; the page after it is unmapped */
char *rop;		/* a PROT_READ page */
char *nop;		/* a PROT_NONE page */
char *arena;		/* pages for munmap/mprotect/mmap-fixed */
unsigned arena_gone;	/* bit per arena page no longer ours */
const char rodata[64] = "sysfuzz read-only data";
long core_entry;

/* Thread stacks for clone_thread; busy until the kernel clears the word. */
_Alignas(16) char tstack[NSTACK][16384];	/* room for a signal frame */
volatile uint32_t tbusy[NSTACK];

/* Is p one of the busy words?  A thread started without one may share
 * a stack with another, or clear any word of ours as it exits: a child
 * that does so may crash by its own hand. */
int
busy_word(long p)
{
	for (int i = 0; i < NSTACK; i++)
		if (p == (long)&tbusy[i])
			return 1;
	return 0;
}

void
thr_fn(void *arg)
{
	/* No TLS here: the fuzzed tp may be anything. */
	for (;;)
		SC(SYS_EXIT_THREAD, 0, arg, 0, 0, 0);
}

volatile long handled;

void
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

void
new_arena(void)
{
	arena = map(ARENA * PG, PROT_READ | PROT_WRITE);
	arena_gone = 0;
}

void
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

int
own_scheme_fd(void)
{
	return pool[NPOOL - 3].fd;
}

int
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
void
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

long
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

long
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
char fzpath[32];

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

long
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
int
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
int
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
void
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
int
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
	/* A timespec we write now, or none the kernel can read: other bytes
	 * may make a valid sleep of years (the slot itself may have been
	 * overwritten by a fuzzed read since any_ts filled it: a parent
	 * once slept 2^61 ns on one). */
	if (nr == SYS_NANOSLEEP && !unreadable(a[0])) {
		struct redox_timespec *ts = (void *)(scratch + SCRATCH - 128);
		ts->tv_sec = 0;
		ts->tv_nsec = (int32_t)rn(200000);
		ts->_pad = 0;
		a[0] = (long)ts;
	}
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
	/* A scheme the parent registered would be served by nobody but the
	 * parent, so its next call there would wait for itself for ever
	 * (seed 0x13337f0d1c154e21: open ":a", then unlink "a:b:c:1/i").
	 * Children may: the parent kills a stuck one at its deadline. */
	if (nr == SYS_OPEN && !is_child && (a[2] & O_CREAT) && ours(a[0], 1) &&
	    *(char *)a[0] == ':')
		a[2] &= ~(long)O_CREAT;
	/* The same wait, the other way in: with its cwd at ":" (a fuzzed
	 * chdir), the parent's relative paths can name its own junk scheme
	 * (a 60 s run ended blocked in mkdir on fz5:).  Its cwd stays put. */
	if (nr == SYS_CHDIR && !is_child)
		return 0;
	return 1;
}
