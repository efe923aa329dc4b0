/*
 * rxrun's syscall translator: Redox ABI (core/abi.h) in, Linux out.
 *
 * Runs on the program's stack and thread pointer, so it is freestanding:
 * raw Linux syscalls only, no glibc, no stack protector.
 */
#include <stddef.h>
#include <stdint.h>
#include "core/abi.h"

char rx_loader_path[4096];

void rx_restorer(void);
long rx_clone(unsigned long flags, void *stack, void *entry, void *arg, void *tls);

/* ---- Linux ---- */
#define L_read 0
#define L_write 1
#define L_open 2
#define L_close 3
#define L_fstat 5
#define L_lseek 8
#define L_pread64 17
#define L_pwrite64 18
#define L_mmap 9
#define L_mprotect 10
#define L_munmap 11
#define L_brk 12
#define L_rt_sigaction 13
#define L_rt_sigprocmask 14
#define L_sched_yield 24
#define L_mremap 25
#define L_getrusage 98
#define L_sigaltstack 131
#define L_rt_sigpending 127
#define L_getitimer 36
#define L_setitimer 38
#define L_dup 32
#define L_dup2 33
#define L_nanosleep 35
#define L_getpid 39
#define L_fork 57
#define L_execve 59
#define L_exit 60
#define L_wait4 61
#define L_kill 62
#define L_fcntl 72
#define L_fsync 74
#define L_ftruncate 77
#define L_getcwd 79
#define L_chdir 80
#define L_rename 82
#define L_mkdir 83
#define L_rmdir 84
#define L_unlink 87
#define L_readlink 89
#define L_chmod 90
#define L_chown 92
#define L_umask 95
#define L_getuid 102
#define L_getgid 104
#define L_setpgid 109
#define L_getppid 110
#define L_setsid 112
#define L_setreuid 113
#define L_setregid 114
#define L_getpgid 121
#define L_getsid 124
#define L_geteuid 107
#define L_getegid 108
#define L_fstatfs 138
#define L_arch_prctl 158
#define L_gettid 186
#define L_futex 202
#define L_set_tid_address 218
#define L_getdents64 217
#define L_clock_gettime 228
#define L_exit_group 231
#define L_utimensat 280
#define L_pipe2 293

static long sys(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile ("syscall" : "=a"(ret)
	    : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
	    : "rcx", "r11", "memory");
	return ret;
}
#define S0(n) sys(n, 0, 0, 0, 0, 0, 0)
#define S1(n, a) sys(n, (long)(a), 0, 0, 0, 0, 0)
#define S2(n, a, b) sys(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define S3(n, a, b, c) sys(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define S4(n, a, b, c, d) sys(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define S5(n, a, b, c, d, e) sys(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

struct l_stat {
	unsigned long st_dev, st_ino, st_nlink;
	unsigned st_mode, st_uid, st_gid, pad0;
	unsigned long st_rdev;
	long st_size, st_blksize, st_blocks;
	unsigned long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	long unused[3];
};
struct l_statfs {
	long f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen, f_frsize, f_flags, f_spare[4];
};
struct l_timespec { long tv_sec, tv_nsec; };
/* Linux's struct rusage: two timevals, then 14 longs. */
struct l_rusage { long utime_s, utime_us, stime_s, stime_us, rest[14]; };

/* Linux's usage as the kernel's struct redox_rusage. */
static void rusage_to_redox(const struct l_rusage *l, struct redox_rusage *r)
{
	r->utime_ns = (uint64_t)l->utime_s * 1000000000u + (uint64_t)l->utime_us * 1000u;
	r->stime_ns = (uint64_t)l->stime_s * 1000000000u + (uint64_t)l->stime_us * 1000u;
	int64_t *rest = &r->maxrss;
	for (int i = 0; i < 14; i++)
		rest[i] = l->rest[i];
}
/* struct itimerval: two timevals, interval first. */
struct l_itimerval {
	long int_s, int_us, val_s, val_us;
};

static void itimer_to_linux(const struct redox_itimer *r, struct l_itimerval *l)
{
	l->int_s = (long)(r->interval_ns / 1000000000u);
	l->int_us = (long)(r->interval_ns % 1000000000u / 1000u);
	l->val_s = (long)(r->value_ns / 1000000000u);
	l->val_us = (long)(r->value_ns % 1000000000u / 1000u);
}

static void itimer_to_redox(const struct l_itimerval *l, struct redox_itimer *r)
{
	r->interval_ns = (uint64_t)l->int_s * 1000000000u + (uint64_t)l->int_us * 1000u;
	r->value_ns = (uint64_t)l->val_s * 1000000000u + (uint64_t)l->val_us * 1000u;
}

struct l_sigaction {
	unsigned long handler, flags, restorer, mask;
};

/* ---- helpers ---- */
static size_t slen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static void copy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	while (n--) *dp++ = *sp++;
}
static void zero(void *d, size_t n) { unsigned char *p = d; while (n--) *p++ = 0; }

/* A (pointer, length) path to a NUL-terminated host path. */
static long path(char *out, const char *p, size_t n)
{
	if (n >= 5 && p[0] == 'f' && p[1] == 'i' && p[2] == 'l' && p[3] == 'e' && p[4] == ':') {
		p += 5;
		n -= 5;
	}
	if (n >= 4000)
		return -ENAMETOOLONG;
	copy(out, p, n);
	out[n] = '\0';
	return 0;
}

static void fdpath(char *out, long fd)
{
	const char *pre = "/proc/self/fd/";
	char num[24];
	int k = 0, i;
	size_t n = slen(pre);

	copy(out, pre, n);
	if (fd == 0)
		num[k++] = '0';
	for (; fd > 0; fd /= 10)
		num[k++] = (char)('0' + fd % 10);
	for (i = 0; i < k; i++)
		out[n + (size_t)i] = num[k - 1 - i];
	out[n + (size_t)k] = '\0';
}

static long open_flags(unsigned long f)
{
	long l = 0;

	switch (f & O_ACCMODE) {
	case O_WRONLY: l = 1; break;
	case O_RDWR: l = 2; break;
	}
	if (f & O_NONBLOCK) l |= 04000;
	if (f & O_APPEND) l |= 02000;
	if (f & O_CLOEXEC) l |= 02000000;
	if (f & O_CREAT) l |= 0100;
	if (f & O_TRUNC) l |= 01000;
	if (f & O_EXCL) l |= 0200;
	if (f & O_DIRECTORY) l |= 0200000;
	if (f & O_NOFOLLOW) l |= 0400000;
	if (f & O_STAT) l = (l & 02000000) | 010000000 | (l & 0400000);	/* O_PATH */
	return l;
}

static long status_flags_to_redox(long l)
{
	long f = (l & 3) == 1 ? O_WRONLY : (l & 3) == 2 ? O_RDWR : O_RDONLY;
	if (l & 04000) f |= O_NONBLOCK;
	if (l & 02000) f |= O_APPEND;
	return f;
}

static long prot(unsigned long p)
{
	return ((p & PROT_READ) ? 1 : 0) | ((p & PROT_WRITE) ? 2 : 0) | ((p & PROT_EXEC) ? 4 : 0);
}

static long do_fstat(long fd, struct redox_stat *rs)
{
	struct l_stat ls;
	long r = S2(L_fstat, fd, &ls);

	if (r < 0)
		return r;
	zero(rs, sizeof(*rs));
	rs->st_dev = ls.st_dev;
	rs->st_ino = ls.st_ino;
	rs->st_mode = (uint16_t)ls.st_mode;
	rs->st_nlink = (uint32_t)ls.st_nlink;
	rs->st_uid = ls.st_uid;
	rs->st_gid = ls.st_gid;
	rs->st_size = (uint64_t)ls.st_size;
	rs->st_blksize = (uint32_t)ls.st_blksize;
	rs->st_blocks = (uint64_t)ls.st_blocks;
	rs->st_mtime = ls.st_mtime;
	rs->st_mtime_nsec = (uint32_t)ls.st_mtime_nsec;
	rs->st_atime = ls.st_atime;
	rs->st_atime_nsec = (uint32_t)ls.st_atime_nsec;
	rs->st_ctime = ls.st_ctime;
	rs->st_ctime_nsec = (uint32_t)ls.st_ctime_nsec;
	return 0;
}

/* getdents64 records -> packed redox_dirent records (never longer). */
static long do_getdents(long fd, unsigned char *buf, size_t len)
{
	unsigned char tmp[4096];
	long r, in = 0, out = 0;

	if (len > sizeof(tmp))
		len = sizeof(tmp);
	r = S3(L_getdents64, fd, tmp, len);
	if (r <= 0)
		return r;
	while (in < r) {
		uint64_t ino, off;
		uint16_t reclen, outlen;
		uint8_t type;
		const char *name;
		size_t nl;
		copy(&ino, tmp + in, 8);
		copy(&off, tmp + in + 8, 8);
		copy(&reclen, tmp + in + 16, 2);
		type = tmp[in + 18];
		name = (const char *)tmp + in + 19;
		nl = slen(name);
		outlen = (uint16_t)(19 + nl + 1);
		copy(buf + out, &ino, 8);
		copy(buf + out + 8, &off, 8);
		copy(buf + out + 16, &outlen, 2);
		buf[out + 18] = type;
		copy(buf + out + 19, name, nl + 1);
		out += outlen;
		in += reclen;
	}
	return out;
}

static long do_fpath(long fd, char *buf, size_t n)
{
	char p[64], t[4096];
	long r;
	const char *pre = "file:";
	size_t pl;

	fdpath(p, fd);
	r = S3(L_readlink, p, t, sizeof(t) - 1);
	if (r < 0)
		return r;
	t[r] = '\0';
	if (t[0] == '/' && t[1] == 'd' && t[2] == 'e' && t[3] == 'v' && t[4] == '/' &&
	    ((t[5] == 'p' && t[6] == 't' && t[7] == 's') || (t[5] == 't' && t[6] == 't' && t[7] == 'y')))
		pre = "pty:";
	pl = slen(pre);
	if (pl + (size_t)r > n)
		r = (long)(n - pl);
	copy(buf, pre, pl);
	copy(buf + pl, t, (size_t)r);
	return (long)pl + r;
}

/* ---- processes ---- */
static long do_exec(const char *p, size_t n, const char *const *argv, const char *const *envp)
{
	char hp[4096];
	long argc = 0, i;

	if (path(hp, p, n) < 0)
		return -ENAMETOOLONG;
	while (argv[argc])
		argc++;
	{
		const char *nargv[argc + 4];
		nargv[0] = rx_loader_path;
		nargv[1] = "--exec";
		nargv[2] = hp;
		for (i = 0; i < argc; i++)
			nargv[i + 3] = argv[i];
		nargv[argc + 3] = NULL;
		/* a missing program: report it here, not from the loader */
		{
			long fd = S2(L_open, hp, 0);
			if (fd < 0)
				return fd;
			S1(L_close, fd);
		}
		return S3(L_execve, rx_loader_path, nargv, envp);
	}
}

static long do_spawn(const struct spawn_args *a)
{
	long pid, r;
	uint32_t i;
	char cwd[4096];

	if (a->cwd && path(cwd, a->cwd, a->cwd_len) < 0)
		return -ENAMETOOLONG;
	{
		char hp[4096];
		long fd;
		if (path(hp, a->path, a->path_len) < 0)
			return -ENAMETOOLONG;
		fd = S2(L_open, hp, 0);
		if (fd < 0)
			return fd;
		S1(L_close, fd);
	}
	pid = S0(L_fork);
	if (pid != 0)
		return pid;
	/* child: fds[i] -> i, via high numbers so sources are not clobbered */
	for (i = 0; i < a->nfds && i < SPAWN_FD_MAX; i++)
		if (a->fds[i] >= 0 && S2(L_dup2, a->fds[i], 900 + i) < 0)
			S1(L_exit_group, 127);
	for (i = 0; i < 900; i++)
		S1(L_close, i);
	for (i = 0; i < a->nfds && i < SPAWN_FD_MAX; i++) {
		if (a->fds[i] >= 0) {
			S2(L_dup2, 900 + i, i);
			S1(L_close, 900 + i);
		}
	}
	if (a->flags & SPAWN_SETSID)
		S0(L_setsid);
	if (a->flags & SPAWN_SETPGID)
		S2(L_setpgid, 0, a->pgid);
	if (a->cwd && S1(L_chdir, cwd) < 0)
		S1(L_exit_group, 127);
	r = do_exec(a->path, a->path_len, a->argv, a->envp);
	S1(L_exit_group, r == -ENOENT ? 127 : 126);
	return 0;
}

/* ---- the dispatcher ---- */
long rx_dispatch(long nr, long a, long b, long c, long d, long e, long f);

long rx_dispatch(long nr, long a, long b, long c, long d, long e, long f)
{
	char p1[4096], p2[64];
	long r;

	(void)f;
	switch (nr) {
	case SYS_OPEN:
		if ((unsigned long)c & O_SYMLINK)
			return -ENOSYS;
		if ((r = path(p1, (const char *)a, (size_t)b)) < 0)
			return r;
		return S3(L_open, p1, open_flags((unsigned long)c), c & 0xffff);
	case SYS_MKDIR:
		if ((r = path(p1, (const char *)a, (size_t)b)) < 0)
			return r;
		return S2(L_mkdir, p1, c);
	case SYS_RMDIR:
	case SYS_UNLINK:
	case SYS_CHDIR:
		if ((r = path(p1, (const char *)a, (size_t)b)) < 0)
			return r;
		return S1(nr == SYS_RMDIR ? L_rmdir : nr == SYS_UNLINK ? L_unlink : L_chdir, p1);
	case SYS_CLOSE: return S1(L_close, a);
	case SYS_READ: return S3(L_read, a, b, c);
	case SYS_WRITE: return S3(L_write, a, b, c);
	case SYS_READ2: return e ? -EINVAL : S4(L_pread64, a, b, c, d);
	case SYS_WRITE2: return e ? -EINVAL : S4(L_pwrite64, a, b, c, d);
	case SYS_LSEEK: return S3(L_lseek, a, b, c);
	case SYS_DUP: return c ? -EINVAL : S1(L_dup, a);
	case SYS_DUP2: return d ? -EINVAL : S2(L_dup2, a, b);
	case SYS_PIPE2: return S2(L_pipe2, a, open_flags((unsigned long)b | O_RDONLY) & ~3L);
	case SYS_FSTAT:
		if ((size_t)c < sizeof(struct redox_stat))
			return -EINVAL;
		return do_fstat(a, (struct redox_stat *)b);
	case SYS_FSTATVFS: {
		struct l_statfs s;
		struct redox_statvfs *v = (struct redox_statvfs *)b;
		r = S2(L_fstatfs, a, &s);
		if (r < 0)
			return r;
		v->f_bsize = (uint32_t)s.f_bsize;
		v->f_blocks = (uint64_t)s.f_blocks;
		v->f_bfree = (uint64_t)s.f_bfree;
		v->f_bavail = (uint64_t)s.f_bavail;
		return 0;
	}
	case SYS_FSYNC: return S1(L_fsync, a);
	case SYS_FTRUNCATE: return S2(L_ftruncate, a, b);
	case SYS_FPATH: return do_fpath(a, (char *)b, (size_t)c);
	case SYS_FCHMOD: fdpath(p2, a); return S2(L_chmod, p2, b);
	case SYS_FCHOWN: fdpath(p2, a); return S3(L_chown, p2, b, c);
	case SYS_FRENAME: {
		char old[4096];
		fdpath(p2, a);
		r = S3(L_readlink, p2, old, sizeof(old) - 1);
		if (r < 0)
			return r;
		old[r] = '\0';
		if ((r = path(p1, (const char *)b, (size_t)c)) < 0)
			return r;
		return S2(L_rename, old, p1);
	}
	case SYS_FUTIMENS: {
		const struct redox_timespec *t = (const struct redox_timespec *)b;
		struct l_timespec lt[2] = { { t[0].tv_sec, t[0].tv_nsec }, { t[1].tv_sec, t[1].tv_nsec } };
		fdpath(p2, a);
		return S4(L_utimensat, -100, p2, lt, 0);
	}
	case SYS_GETDENTS: return do_getdents(a, (unsigned char *)b, (size_t)c);
	case SYS_FCNTL:
		if (b == F_GETFL) {
			r = S3(L_fcntl, a, 3, 0);
			return r < 0 ? r : status_flags_to_redox(r);
		}
		if (b == F_SETFL)
			return S3(L_fcntl, a, 4, open_flags((unsigned long)c | O_RDONLY));
		return S3(L_fcntl, a, b, c);
	case SYS_EXIT: return S1(L_exit_group, a);
	case SYS_EXIT_THREAD:
		/* Linux clears and wakes the set_tid_address word when the
		 * thread is gone: exactly what b asks for */
		if (b)
			S1(L_set_tid_address, b);
		return S1(L_exit, a);
	case SYS_WAITPID: return S4(L_wait4, a, b, c, 0);
	case SYS_WAIT4:
	case SYS_GETRUSAGE: {
		struct l_rusage lr;
		r = nr == SYS_WAIT4 ? S4(L_wait4, a, b, c, d ? &lr : NULL) : S2(L_getrusage, a, &lr);
		if (r >= 0 && (nr == SYS_GETRUSAGE || (d && r > 0)))
			rusage_to_redox(&lr, (struct redox_rusage *)(nr == SYS_WAIT4 ? d : b));
		return r;
	}
	case SYS_SIGALTSTACK: return S2(L_sigaltstack, a, b);	/* the same stack_t */
	case SYS_SIGPENDING: return S2(L_rt_sigpending, a, 8);	/* the same 64-bit set */
	case SYS_ITIMER: {
		struct l_itimerval ln, lo;
		if (b)
			itimer_to_linux((const struct redox_itimer *)b, &ln);
		r = b ? S3(L_setitimer, a, &ln, c ? &lo : NULL) : S2(L_getitimer, a, &lo);
		if (r == 0 && c)
			itimer_to_redox(&lo, (struct redox_itimer *)c);
		return r;
	}
	case SYS_MREMAP: return S5(L_mremap, a, b, c, d, e);
	case SYS_KILL: return S2(L_kill, a, b);
	case SYS_GETPID: return S0(L_getpid);
	case SYS_GETPPID: return S0(L_getppid);
	case SYS_GETTID: return S0(L_gettid);
	case SYS_GETUID: return S0(L_getuid);
	case SYS_GETEUID: return S0(L_geteuid);
	case SYS_GETGID: return S0(L_getgid);
	case SYS_GETEGID: return S0(L_getegid);
	case SYS_SETREUID: return S2(L_setreuid, a, b);
	case SYS_SETREGID: return S2(L_setregid, a, b);
	case SYS_SETPGID: return S2(L_setpgid, a, b);
	case SYS_GETPGID: return S1(L_getpgid, a);
	case SYS_SETSID: return S0(L_setsid);
	case SYS_GETSID: return S1(L_getsid, a);
	case SYS_UMASK: return S1(L_umask, a);
	case SYS_BRK: return S1(L_brk, a);
	case SYS_GETCWD:
		r = S2(L_getcwd, p1, sizeof(p1));
		if (r < 0)
			return r;
		r--;	/* Linux counts the NUL */
		if ((size_t)r > (size_t)b)
			return -ERANGE;
		copy((void *)a, p1, (size_t)r);
		return r;
	case SYS_MMAP: {
		long lf = (c & (MAP_SHARED | MAP_PRIVATE)) | ((c & MAP_FIXED) ? 0x10 : 0) |
		    ((c & MAP_ANONYMOUS) ? 0x20 : 0);
		return sys(L_mmap, a, b, prot((unsigned long)c), lf, d, e);
	}
	case SYS_MUNMAP: return S2(L_munmap, a, b);
	case SYS_MPROTECT: return S3(L_mprotect, a, b, prot((unsigned long)c));
	case SYS_SIGACTION: {
		const struct redox_sigaction *n = (const struct redox_sigaction *)b;
		struct redox_sigaction *o = (struct redox_sigaction *)c;
		struct l_sigaction ln, lo;
		if (n) {
			ln.handler = n->sa_handler;
			ln.flags = (n->sa_flags & ~(uint64_t)SA_SIGINFO) | SA_RESTORER;
			ln.restorer = (unsigned long)rx_restorer;
			ln.mask = n->sa_mask[0];
		}
		r = S4(L_rt_sigaction, a, n ? &ln : NULL, o ? &lo : NULL, 8);
		if (r < 0)
			return r;
		if (o) {
			o->sa_handler = lo.handler;
			o->sa_mask[0] = lo.mask;
			o->sa_mask[1] = 0;
			o->sa_flags = lo.flags;
		}
		return 0;
	}
	case SYS_SIGPROCMASK: return S4(L_rt_sigprocmask, a, b, c, 8);
	case SYS_CLOCK_GETTIME: {
		struct l_timespec t;
		struct redox_timespec *rt = (struct redox_timespec *)b;
		/* The CPU-time clocks have Linux's numbers already. */
		r = S2(L_clock_gettime, a == CLOCK_REALTIME ? 0 : a == CLOCK_MONOTONIC ? 1 :
		    a == CLOCK_PROCESS_CPUTIME_ID || a == CLOCK_THREAD_CPUTIME_ID ? a : -1, &t);
		if (r < 0)
			return r;
		rt->tv_sec = t.tv_sec;
		rt->tv_nsec = (int32_t)t.tv_nsec;
		rt->_pad = 0;
		return 0;
	}
	case SYS_NANOSLEEP: {
		const struct redox_timespec *q = (const struct redox_timespec *)a;
		struct redox_timespec *rem = (struct redox_timespec *)b;
		struct l_timespec lq = { q->tv_sec, q->tv_nsec }, lr = { 0, 0 };
		r = S2(L_nanosleep, &lq, &lr);
		if (rem) {
			rem->tv_sec = lr.tv_sec;
			rem->tv_nsec = (int32_t)lr.tv_nsec;
		}
		return r;
	}
	case SYS_YIELD: return S0(L_sched_yield);
	case SYS_SET_TP: return S2(L_arch_prctl, 0x1002, a);
	case SYS_CLONE_THREAD:
		/* CLONE_VM FS FILES SIGHAND THREAD SYSVSEM SETTLS */
		return rx_clone(0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x80000,
		    (void *)b, (void *)a, (void *)c, (void *)d);
	case SYS_FUTEX: {
		const struct redox_timespec *t = (const struct redox_timespec *)d;
		struct l_timespec lt;
		if (b != FUTEX_WAIT)
			t = NULL;
		if (t) {
			lt.tv_sec = t->tv_sec;
			lt.tv_nsec = t->tv_nsec;
		}
		return S4(L_futex, a, b, c, t ? &lt : NULL);
	}
	case SYS_SPAWN:
		if ((size_t)b != sizeof(struct spawn_args))
			return -EINVAL;
		return do_spawn((const struct spawn_args *)a);
	case SYS_EXECVE:
		return do_exec((const char *)a, (size_t)b, (const char *const *)c,
		    (const char *const *)d);
	}
	return -ENOSYS;
}
