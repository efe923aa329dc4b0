/*
 * kt_badcalls - calls syscalls with bad pointers (NULL, unmapped, the
 * core's own memory, ranges that wrap), bad lengths, bad fds and bad
 * flags, and checks each errno.  Exits 0 only if every check passed; the
 * system must keep running afterwards (the test script checks that).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <redox.h>

static int checks, failed;

static void
expect(const char *what, long got, long want)
{
	checks++;
	if (got != want) {
		failed++;
		printf("kt_badcalls: FAIL %s: got %ld, want %ld\n", what, got, want);
	}
}

#define SC(...) __syscall6(__VA_ARGS__)

static void
thread_never_runs(void *arg)
{
	(void)arg;
	for (;;)
		SC(SYS_EXIT_THREAD, 0, 0, 0, 0, 0, 0);
}

/*
 * An op a scheme lacks gets the same errno whoever serves it: debug: (a
 * kernel scheme, through vfs.c) and null: (a daemon, through
 * scheme_op_missing) answer alike (core/PROTOCOL.md, "missing").
 */
static void
check_missing_ops(void)
{
	static const char *paths[] = { "debug:", "null:" };
	struct redox_timespec ts[2];
	char buf[256];

	memset(ts, 0, sizeof ts);
	for (int i = 0; i < 2; i++) {
		char what[80];
		long fd = SC(SYS_OPEN, (long)paths[i], (long)strlen(paths[i]), O_RDWR, 0, 0, 0);
#define M(call, want) do { snprintf(what, sizeof what, "%s on %s", #call, paths[i]); \
	expect(what, call, want); } while (0)
		M(fd >= 0, 1);
		M(SC(SYS_LSEEK, fd, 0, SEEK_SET, 0, 0, 0), -ESPIPE);
		M(SC(SYS_FCHMOD, fd, 0644, 0, 0, 0, 0), -EPERM);
		M(SC(SYS_FCHOWN, fd, 0, 0, 0, 0, 0), -EPERM);
		M(SC(SYS_FUTIMENS, fd, (long)ts, sizeof ts, 0, 0, 0), -EPERM);
		M(SC(SYS_FTRUNCATE, fd, 0, 0, 0, 0, 0), -EINVAL);
		M(SC(SYS_GETDENTS, fd, (long)buf, sizeof buf, 0, 0, 0), -ENOTDIR);
		M(SC(SYS_FSTATVFS, fd, (long)buf, sizeof buf, 0, 0, 0), -ENOSYS);
		M(SC(SYS_FSYNC, fd, 0, 0, 0, 0, 0), 0);
		snprintf(buf, sizeof buf, "%sx", paths[i]);
		M(SC(SYS_FRENAME, fd, (long)buf, (long)strlen(buf), 0, 0, 0), -EPERM);
#undef M
		SC(SYS_CLOSE, fd, 0, 0, 0, 0, 0);
	}
}

/*
 * The thread pointer: a non-canonical or kernel-half value once killed the
 * hosted OS (loading it faulted inside the core); it must be refused, by
 * SET_TP and by CLONE_THREAD, and the program's own pointer kept.  Null
 * and unaligned values are the program's business and are accepted; they
 * are set and put back with raw calls only, since libc needs its TLS.
 */
static void
check_tp(void)
{
	static _Alignas(16) char stack[16384];
	long bad[] = {
		(long)0x8000000000000000ull,	/* non-canonical */
		(long)0x0000800000000000ull,	/* just past the user half */
		(long)0x00ff000000000000ull,	/* non-canonical, low bits set */
		(long)0xffff800000000000ull,	/* kernel half */
		(long)0xffffffff80000000ull,	/* kernel image */
		-1,
	};
	uintptr_t tp, after;
	long r_null, r_odd, r_back;

	__asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char what[80];
		snprintf(what, sizeof what, "set_tp %#lx", (unsigned long)bad[i]);
		expect(what, SC(SYS_SET_TP, bad[i], 0, 0, 0, 0, 0), -EINVAL);
		snprintf(what, sizeof what, "clone_thread tp %#lx", (unsigned long)bad[i]);
		expect(what, SC(SYS_CLONE_THREAD, (long)thread_never_runs,
		    (long)(stack + sizeof stack), 0, bad[i], 0, 0), -EINVAL);
	}
	r_null = SC(SYS_SET_TP, 0, 0, 0, 0, 0, 0);
	r_odd = SC(SYS_SET_TP, (long)tp + 1, 0, 0, 0, 0, 0);
	r_back = SC(SYS_SET_TP, (long)tp, 0, 0, 0, 0, 0);
	expect("set_tp null", r_null, 0);
	expect("set_tp unaligned", r_odd, 0);
	expect("set_tp back", r_back, 0);
	__asm__ volatile("mov %%fs:0, %0" : "=r"(after));
	expect("thread pointer kept", after == tp, 1);

	/* The head promise (core/abi.h): %fs reads the TCB's first 64 bytes. */
	uintptr_t canary;
	expect("set_tp unknown flag", SC(SYS_SET_TP, (long)tp, 2, 0, 0, 0, 0), -EINVAL);
	expect("set_tp head", SC(SYS_SET_TP, (long)tp, SET_TP_HEAD, 0, 0, 0, 0), 0);
	__asm__ volatile("mov %%fs:0, %0" : "=r"(after));
	__asm__ volatile("mov %%fs:0x28, %0" : "=r"(canary));
	expect("set_tp head: %fs:0 is the thread pointer", after == tp, 1);
	expect("set_tp head: %fs:0x28 is the canary", canary == ((uintptr_t *)tp)[5], 1);
}

/*
 * What tests/fuzz/sysfuzz found; each once crashed the SAN build (UBSan:
 * signed overflow in the core) or let a program do what it may not.
 */
static void
check_sysfuzz_findings(void)
{
	long me = SC(SYS_GETPID, 0, 0, 0, 0, 0, 0);
	long lmin = (long)0x8000000000000000ull, imin = -0x80000000L;

	/* pids beyond int: -pid overflowed in kill and waitpid; a truncated
	 * pid named another process */
	expect("kill LONG_MIN", SC(SYS_KILL, lmin, 0, 0, 0, 0, 0), -ESRCH);
	expect("kill INT_MIN", SC(SYS_KILL, imin, 0, 0, 0, 0, 0), -ESRCH);
	expect("kill 2^32 + pid", SC(SYS_KILL, (1L << 32) + me, 0, 0, 0, 0, 0), -ESRCH);
	expect("waitpid LONG_MIN", SC(SYS_WAITPID, lmin, 0, WNOHANG, 0, 0, 0), -ECHILD);
	expect("waitpid INT_MIN", SC(SYS_WAITPID, imin, 0, WNOHANG, 0, 0, 0), -ECHILD);
	expect("getpgid 2^32 + pid", SC(SYS_GETPGID, (1L << 32) + me, 0, 0, 0, 0, 0), -ESRCH);
	expect("getsid 2^32 + 1", SC(SYS_GETSID, (1L << 32) + 1, 0, 0, 0, 0, 0), -ESRCH);

	/* process groups: only an existing group of our session (POSIX);
	 * spawn took any pgid, even a negative one getpgid then returned */
	long pg = SC(SYS_GETPGID, 0, 0, 0, 0, 0, 0);
	expect("setpgid to a made-up group", SC(SYS_SETPGID, 0, 0x7ffffff0, 0, 0, 0, 0), -EPERM);
	expect("setpgid to 2^32 + 1", SC(SYS_SETPGID, 0, (1L << 32) + 1, 0, 0, 0, 0), -EINVAL);
	expect("pgid kept", SC(SYS_GETPGID, 0, 0, 0, 0, 0, 0), pg);
	static const char *const argv[] = { "kt_true", NULL };
	struct spawn_args sa = { .path = "initfs:/bin/kt_true", .path_len = 19,
	    .argv = argv, .flags = SPAWN_SETPGID };
	sa.pgid = -5;
	expect("spawn into group -5", SC(SYS_SPAWN, (long)&sa, sizeof sa, 0, 0, 0, 0), -EINVAL);
	sa.pgid = 0x7ffffff0;
	expect("spawn into a made-up group", SC(SYS_SPAWN, (long)&sa, sizeof sa, 0, 0, 0, 0), -EPERM);

	/* seeking a text file (sys:, env:, time:) or a disk past INT64_MAX
	 * overflowed */
	long fd = SC(SYS_OPEN, (long)"sys:uname", 9, O_RDONLY, 0, 0, 0);
	expect("open sys:uname", fd >= 0, 1);
	expect("lseek SEEK_END INT64_MAX", SC(SYS_LSEEK, fd, 0x7fffffffffffffffL, SEEK_END, 0, 0, 0),
	    -EOVERFLOW);
	expect("lseek SEEK_SET INT64_MAX", SC(SYS_LSEEK, fd, 0x7fffffffffffffffL, SEEK_SET, 0, 0, 0),
	    0x7fffffffffffffffL);
	expect("lseek SEEK_CUR 1 past INT64_MAX", SC(SYS_LSEEK, fd, 1, SEEK_CUR, 0, 0, 0), -EOVERFLOW);
	SC(SYS_CLOSE, fd, 0, 0, 0, 0, 0);
}

int
main(void)
{
	/* Addresses no program owns: NULL, a low unmapped page, the core's
	 * own code (the syscall entry lives there hosted; natively it is a
	 * trampoline page, so also try the upper half), a wrapping range. */
	long core = (long)getauxval(AT_REDOX_SYSCALL);
	long bad[] = { 0, 0x1000, core, (long)0xffffffff80000000ull, -4096 };
	const char *names[] = { "NULL", "unmapped", "core", "kernel half", "wrap" };
	char buf[64];
	int32_t fds[2];
	struct redox_stat st;
	long ifd = SC(SYS_OPEN, (long)"initfs:/bin/init", 16, O_RDONLY, 0, 0, 0);
	expect("open initfs:/bin/init", ifd >= 0, 1);

	for (int i = 0; i < 5; i++) {
		char what[80];
		long p = bad[i];
#define T(call, want) do { snprintf(what, sizeof what, "%s %s", #call, names[i]); \
	expect(what, call, want); } while (0)
		T(SC(SYS_OPEN, p, 10, O_RDONLY, 0, 0, 0), -EFAULT);
		T(SC(SYS_WRITE, 1, p, 16, 0, 0, 0), -EFAULT);
		T(SC(SYS_READ, 0, p, 16, 0, 0, 0), -EFAULT);
		T(SC(SYS_READ2, ifd, p, 16, 0, 0, 0), -EFAULT);
		T(SC(SYS_WRITE2, 1, p, 16, 0, 0, 0), -EFAULT);
		T(SC(SYS_FSTAT, 1, p, sizeof st, 0, 0, 0), -EFAULT);
		T(SC(SYS_PIPE2, p, 0, 0, 0, 0, 0), -EFAULT);
		T(SC(SYS_CHDIR, p, 4, 0, 0, 0, 0), -EFAULT);
		T(SC(SYS_GETCWD, p, 64, 0, 0, 0, 0), -EFAULT);
		T(SC(SYS_MKDIR, p, 4, 0755, 0, 0, 0), -EFAULT);
		T(SC(SYS_UNLINK, p, 4, 0, 0, 0, 0), -EFAULT);
		T(SC(SYS_CLOCK_GETTIME, CLOCK_MONOTONIC, p, 0, 0, 0, 0), -EFAULT);
		T(SC(SYS_NANOSLEEP, p, 0, 0, 0, 0, 0), -EFAULT);
		/* NULL here means "only ask", which is fine. */
		T(SC(SYS_SIGACTION, SIGUSR1, p, 0, 0, 0, 0), p ? -EFAULT : 0);
		T(SC(SYS_SIGPROCMASK, SIG_BLOCK, p, 0, 0, 0, 0), p ? -EFAULT : 0);
		T(SC(SYS_SIGACTION, SIGUSR1, 0, p ? p : 1, 0, 0, 0), -EFAULT);
		T(SC(SYS_FPATH, 1, p, 64, 0, 0, 0), -EFAULT);
		T(SC(SYS_GETDENTS, 1, p, 64, 0, 0, 0), -EFAULT);
		T(SC(SYS_SPAWN, p, sizeof(struct spawn_args), 0, 0, 0, 0), -EFAULT);
		T(SC(SYS_EXECVE, p, 8, 0, 0, 0, 0), -EFAULT);
		T(SC(SYS_FUTEX, p, FUTEX_WAIT, 0, 0, 0, 0), p == 0 || (p & 3) == 0 ? -EFAULT : -EINVAL);
		T(SC(SYS_FRENAME, 1, p, 4, 0, 0, 0), -EFAULT);
		T(SC(SYS_DUP, 1, p, 5, 0, 0, 0), -EFAULT);
	}
	/* A range that starts in our memory and runs past its end. */
	expect("write past the end of the stack",
	    SC(SYS_WRITE, 1, (long)buf, 1L << 40, 0, 0, 0), -EFAULT);
	expect("read with a negative length", SC(SYS_READ, 0, (long)buf, -1, 0, 0, 0), -EINVAL);
	expect("read2 with a negative length", SC(SYS_READ2, ifd, (long)buf, -1, 0, 0, 0), -EINVAL);
	expect("read2 past the end of the stack",
	    SC(SYS_READ2, ifd, (long)buf, 1L << 40, 0, 0, 0), -EFAULT);

	/* Positioned I/O: offsets, flags, files that cannot seek. */
	expect("read2 at 1", SC(SYS_READ2, ifd, (long)buf, 3, 1, 0, 0), 3);
	expect("read2 read the bytes at 1", memcmp(buf, "ELF", 3), 0);
	expect("read2 left the position", SC(SYS_LSEEK, ifd, 0, SEEK_CUR, 0, 0, 0), 0);
	expect("read2 past the end", SC(SYS_READ2, ifd, (long)buf, 3, 1L << 40, 0, 0), 0);
	expect("read2 at a negative offset", SC(SYS_READ2, ifd, (long)buf, 3, -1, 0, 0), -EINVAL);
	expect("write2 at a negative offset", SC(SYS_WRITE2, 1, (long)buf, 3, -1, 0, 0), -EINVAL);
	expect("read2 where offset + length wraps",
	    SC(SYS_READ2, ifd, (long)buf, 16, 0x7ffffffffffffff8L, 0, 0), -EINVAL);
	expect("read2 with flags 1", SC(SYS_READ2, ifd, (long)buf, 3, 0, 1, 0), -EINVAL);
	expect("write2 with flags 0x80", SC(SYS_WRITE2, 1, (long)buf, 3, 0, 0x80, 0), -EINVAL);
	expect("write2 on a read-only file", SC(SYS_WRITE2, ifd, (long)buf, 3, 0, 0, 0), -EBADF);
	expect("read2 of the console", SC(SYS_READ2, 0, (long)buf, 3, 0, 0, 0), -ESPIPE);
	expect("write2 to the console", SC(SYS_WRITE2, 1, (long)"x", 1, 0, 0, 0), -ESPIPE);
	expect("write2 of nothing to the console", SC(SYS_WRITE2, 1, (long)"x", 0, 0, 0, 0), -ESPIPE);
	SC(SYS_CLOSE, ifd, 0, 0, 0, 0, 0);
	expect("open with length 0", SC(SYS_OPEN, (long)"x", 0, O_RDONLY, 0, 0, 0), -ENOENT);
	expect("open with a huge length", SC(SYS_OPEN, (long)"x", 1L << 20, O_RDONLY, 0, 0, 0),
	    -ENAMETOOLONG);
	expect("open an unknown scheme", SC(SYS_OPEN, (long)"nosuch:x", 8, O_RDONLY, 0, 0, 0), -ENODEV);
	expect("fstat with a short buffer", SC(SYS_FSTAT, 1, (long)&st, 8, 0, 0, 0), -EINVAL);

	/* Bad fds. */
	long badfd[] = { -1, 1000, 1L << 40, 77 };
	for (int i = 0; i < 4; i++) {
		long fd = badfd[i];
		char what[64];
		snprintf(what, sizeof what, "read fd %ld", fd);
		expect(what, SC(SYS_READ, fd, (long)buf, 1, 0, 0, 0), -EBADF);
		snprintf(what, sizeof what, "write fd %ld", fd);
		expect(what, SC(SYS_WRITE, fd, (long)buf, 1, 0, 0, 0), -EBADF);
		snprintf(what, sizeof what, "read2 fd %ld", fd);
		expect(what, SC(SYS_READ2, fd, (long)buf, 1, 0, 0, 0), -EBADF);
		snprintf(what, sizeof what, "write2 fd %ld", fd);
		expect(what, SC(SYS_WRITE2, fd, (long)buf, 1, 0, 0, 0), -EBADF);
		snprintf(what, sizeof what, "close fd %ld", fd);
		expect(what, SC(SYS_CLOSE, fd, 0, 0, 0, 0, 0), -EBADF);
		snprintf(what, sizeof what, "fstat fd %ld", fd);
		expect(what, SC(SYS_FSTAT, fd, (long)&st, sizeof st, 0, 0, 0), -EBADF);
		snprintf(what, sizeof what, "dup fd %ld", fd);
		expect(what, SC(SYS_DUP, fd, 0, 0, 0, 0, 0), -EBADF);
		snprintf(what, sizeof what, "lseek fd %ld", fd);
		expect(what, SC(SYS_LSEEK, fd, 0, SEEK_SET, 0, 0, 0), -EBADF);
	}
	expect("dup2 onto -1", SC(SYS_DUP2, 1, -1, 0, 0, 0, 0), -EBADF);
	expect("dup2 onto 1<<20", SC(SYS_DUP2, 1, 1 << 20, 0, 0, 0, 0), -EBADF);

	/* Bad flags and values. */
	expect("pipe2 with unknown flags", SC(SYS_PIPE2, (long)fds, 0x7, 0, 0, 0, 0), -EINVAL);
	expect("mmap with unknown flags", SC(SYS_MMAP, 0, 4096, 0x40000000 | MAP_ANONYMOUS | MAP_PRIVATE, -1, 0, 0), -EINVAL);
	expect("mmap of length 0", SC(SYS_MMAP, 0, 0, PROT_READ | MAP_ANONYMOUS | MAP_PRIVATE, -1, 0, 0), -EINVAL);
	expect("mmap fixed outside own memory", SC(SYS_MMAP, 0x10000, 4096,
	    PROT_READ | MAP_ANONYMOUS | MAP_PRIVATE | MAP_FIXED, -1, 0, 0), -ENOMEM);
	expect("munmap misaligned", SC(SYS_MUNMAP, 0x1001, 4096, 0, 0, 0, 0), -EINVAL);
	expect("mprotect outside own memory", SC(SYS_MPROTECT, 0x10000, 4096, PROT_READ, 0, 0, 0), -ENOMEM);
	expect("waitpid with unknown flags", SC(SYS_WAITPID, -1, 0, 0x100, 0, 0, 0), -EINVAL);
	expect("waitpid with no children", SC(SYS_WAITPID, -1, 0, 0, 0, 0, 0), -ECHILD);
	expect("kill signal 64", SC(SYS_KILL, 1, 64, 0, 0, 0, 0), -EINVAL);
	expect("kill a pid that is not there", SC(SYS_KILL, 30000, SIGTERM, 0, 0, 0, 0), -ESRCH);
	expect("sigaction SIGKILL", SC(SYS_SIGACTION, SIGKILL, (long)buf, 0, 0, 0, 0), -EINVAL);
	expect("sigaction signal 0", SC(SYS_SIGACTION, 0, 0, 0, 0, 0, 0), -EINVAL);
	expect("sigprocmask how 9", SC(SYS_SIGPROCMASK, 9, (long)buf, 0, 0, 0, 0), -EINVAL);
	expect("lseek whence 7", SC(SYS_LSEEK, 0, 0, 7, 0, 0, 0), -EINVAL);
	expect("fcntl cmd 99", SC(SYS_FCNTL, 1, 99, 0, 0, 0, 0), -EINVAL);
	expect("clock 99", SC(SYS_CLOCK_GETTIME, 99, (long)buf, 0, 0, 0, 0), -EINVAL);
	expect("futex misaligned", SC(SYS_FUTEX, (long)buf + 1, FUTEX_WAKE, 1, 0, 0, 0), -EINVAL);
	expect("futex op 9", SC(SYS_FUTEX, (long)fds, 9, 1, 0, 0, 0), -ENOSYS);
	expect("unknown syscall", SC(0x7777, 0, 0, 0, 0, 0, 0), -ENOSYS);
	expect("spawn with a bad size", SC(SYS_SPAWN, (long)buf, 3, 0, 0, 0, 0), -EINVAL);
	expect("clone_thread with a bad stack", SC(SYS_CLONE_THREAD, (long)main, 0x1000, 0, 0, 0, 0), -EINVAL);
	expect("chdir to a file", SC(SYS_CHDIR, (long)"initfs:/bin/init", 16, 0, 0, 0, 0), -ENOTDIR);
	expect("getcwd with a tiny buffer", SC(SYS_GETCWD, (long)buf, 1, 0, 0, 0, 0), -ERANGE);

	check_tp();
	check_missing_ops();
	check_sysfuzz_findings();

	/* After all that, ordinary calls still work. */
	expect("getpid still works", SC(SYS_GETPID, 0, 0, 0, 0, 0, 0) > 0, 1);
	expect("write still works", SC(SYS_WRITE, 1, (long)"", 0, 0, 0, 0), 0);

	if (failed) {
		printf("kt_badcalls: %d of %d checks failed\n", failed, checks);
		return 1;
	}
	printf("kt_badcalls: all %d checks passed\n", checks);
	return 0;
}
