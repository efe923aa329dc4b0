/*
 * abi.h - the syscall ABI shared by the core and libc.
 *
 * Numbers, flags, errno values and struct layouts follow Redox's classic ABI
 * (shared/research/redox-reference.md section 1).  Our additions take numbers
 * Redox does not use (1000 and up).  EWOULDBLOCK equals EAGAIN.
 * Only <stdint.h> types, so both the core and programs can include it.
 */
#ifndef CORE_ABI_H
#define CORE_ABI_H

#include <stdint.h>

/* ---- syscall numbers ---- */
#define SYS_CLASS_PATH	0x10000000
#define SYS_CLASS_FILE	0x20000000
#define SYS_ARG_SLICE	0x01000000
#define SYS_ARG_MSLICE	0x02000000
#define SYS_ARG_PATH	0x03000000
#define SYS_RET_FILE	0x00100000

#define SYS_OPEN	(SYS_CLASS_PATH | SYS_RET_FILE | 5)	/* path, len, flags */
#define SYS_CHMOD	(SYS_CLASS_PATH | 15)
#define SYS_RMDIR	(SYS_CLASS_PATH | 84)			/* path, len */
#define SYS_UNLINK	(SYS_CLASS_PATH | 10)			/* path, len */
#define SYS_MKDIR	(SYS_CLASS_PATH | 83)			/* path, len, mode */
#define SYS_CLOSE	(SYS_CLASS_FILE | 6)
#define SYS_DUP		(SYS_CLASS_FILE | SYS_RET_FILE | 41)	/* fd, buf, len */
#define SYS_DUP2	(SYS_CLASS_FILE | SYS_RET_FILE | 63)	/* fd, newfd, buf, len */
#define SYS_READ	(SYS_CLASS_FILE | SYS_ARG_MSLICE | 3)
#define SYS_WRITE	(SYS_CLASS_FILE | SYS_ARG_SLICE | 4)
#define SYS_READ2	(SYS_CLASS_FILE | SYS_ARG_MSLICE | 35)	/* fd, buf, len, off, flags */
#define SYS_WRITE2	(SYS_CLASS_FILE | SYS_ARG_SLICE | 45)	/* fd, buf, len, off, flags */
#define SYS_LSEEK	(SYS_CLASS_FILE | 19)			/* fd, off, whence */
#define SYS_FCHMOD	(SYS_CLASS_FILE | 94)
#define SYS_FCHOWN	(SYS_CLASS_FILE | 207)
#define SYS_FCNTL	(SYS_CLASS_FILE | 55)
#define SYS_FEVENT	(SYS_CLASS_FILE | 927)
#define SYS_FPATH	(SYS_CLASS_FILE | SYS_ARG_MSLICE | 928)
#define SYS_FRENAME	(SYS_CLASS_FILE | SYS_ARG_PATH | 38)
#define SYS_FSTAT	(SYS_CLASS_FILE | SYS_ARG_MSLICE | 28)
#define SYS_FSTATVFS	(SYS_CLASS_FILE | SYS_ARG_MSLICE | 100)
#define SYS_FSYNC	(SYS_CLASS_FILE | 118)
#define SYS_FTRUNCATE	(SYS_CLASS_FILE | 93)
#define SYS_FUTIMENS	(SYS_CLASS_FILE | SYS_ARG_SLICE | 320)
#define SYS_GETDENTS	(SYS_CLASS_FILE | 43)			/* fd, buf, len */
#define SYS_EXIT	1
#define SYS_WAITPID	7
#define SYS_CHDIR	12
#define SYS_GETPID	20
#define SYS_KILL	37
#define SYS_BRK		45
#define SYS_SETPGID	57
#define SYS_UMASK	60
#define SYS_GETPPID	64
#define SYS_SIGACTION	67
#define SYS_SIGRETURN	119
#define SYS_MPROTECT	125
#define SYS_SIGPROCMASK	126
#define SYS_GETPGID	132
#define SYS_YIELD	158
#define SYS_NANOSLEEP	162
#define SYS_GETCWD	183
#define SYS_GETUID	199
#define SYS_GETGID	200
#define SYS_GETEUID	201
#define SYS_GETEGID	202
#define SYS_SETREUID	203
#define SYS_SETREGID	204
#define SYS_FUTEX	240
#define SYS_CLOCK_GETTIME 265
#define SYS_PIPE2	331
/* ours */
#define SYS_SPAWN	1000	/* struct spawn_args *, sizeof */
#define SYS_EXECVE	1001	/* path, len, argv, envp */
#define SYS_MMAP	1002	/* addr, len, prot|flags, fd, off */
#define SYS_MUNMAP	1003	/* addr, len */
#define SYS_SET_TP	1004	/* thread pointer (%fs base), flags */
/* SYS_SET_TP's flag: the program only reads, through %fs, the first 64
 * bytes at tp (no TLS block below it), and they do not change while the
 * thread runs; the system may run it on a copy of them (hal/hal.h). */
#define SET_TP_HEAD	1
#define SYS_CLONE_THREAD 1005	/* entry, stack, arg, tp -> tid */
#define SYS_SETSID	1006
#define SYS_GETSID	1007	/* pid */
#define SYS_EXIT_THREAD	1008	/* status, u32 *clear (set 0 + futex wake) */
#define SYS_GETTID	1009
/* 1010..1019 left for others; the limits take 1020 and up */
#define SYS_GETRLIMIT	1020	/* resource, struct redox_rlimit * */
#define SYS_SETRLIMIT	1021	/* resource, const struct redox_rlimit * */
/* Signals and CPU time (core/README.md "Signals", "CPU time"). */
#define SYS_SIGALTSTACK	1022	/* const struct redox_stack *, struct redox_stack * */
#define SYS_GETRUSAGE	1023	/* who (RUSAGE_*), struct redox_rusage * */
#define SYS_WAIT4	1024	/* pid, int *status, flags, struct redox_rusage * */
#define SYS_VFORK	1025	/* entry, stack, arg: the child's first user state */
#define SYS_SIGPENDING	1026	/* uint64_t *: the signals pending and blocked */
#define SYS_ITIMER	1027	/* which (1 VIRTUAL, 2 PROF), const struct redox_itimer *new, old */
#define SYS_MREMAP	155	/* Redox's number: addr, old_len, new_len, flags, new_addr */

/* ---- resource limits (Linux numbers); see core/limits.h ---- */
#define RLIMIT_CPU	0
#define RLIMIT_FSIZE	1
#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_RSS	5
#define RLIMIT_NPROC	6	/* processes per real uid (root exempt) */
#define RLIMIT_NOFILE	7	/* one more than the highest fd */
#define RLIMIT_MEMLOCK	8
#define RLIMIT_AS	9	/* bytes of address space */
#define RLIMIT_NLIMITS	10
#define RLIMIT_INFINITY	(~(uint64_t)0)

struct redox_rlimit {
	uint64_t rlim_cur;	/* the soft limit, enforced */
	uint64_t rlim_max;	/* the hard limit: the ceiling for rlim_cur */
};

/* ---- errno (Linux numbers) ---- */
#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define EWOULDBLOCK	EAGAIN
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define ENOTBLK		15
#define EBUSY		16
#define EEXIST		17
#define EXDEV		18
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define ETXTBSY		26
#define EFBIG		27
#define ENOSPC		28
#define ESPIPE		29
#define EROFS		30
#define EMLINK		31
#define EPIPE		32
#define EDOM		33
#define ERANGE		34
#define EDEADLK		35
#define ENAMETOOLONG	36
#define ENOLCK		37
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define ENOMSG		42
#define ENODATA		61
#define ETIME		62
#define EOVERFLOW	75
#define EBADFD		77
#define ENOTSOCK	88
#define EMSGSIZE	90
#define ENOPROTOOPT	92
#define EOPNOTSUPP	95
#define ENOTSUP		EOPNOTSUPP
#define EAFNOSUPPORT	97
#define EADDRINUSE	98
#define EADDRNOTAVAIL	99
#define ENETUNREACH	101
#define ECONNABORTED	103
#define ECONNRESET	104
#define ENOBUFS		105
#define EISCONN		106
#define ENOTCONN	107
#define ETIMEDOUT	110
#define ECONNREFUSED	111
#define EHOSTUNREACH	113
#define EALREADY	114
#define EINPROGRESS	115
#define ECANCELED	125
#define EOWNERDEAD	130
#define ERRNO_MAX	133

/* ---- open flags (high half); the low 16 bits carry the create mode ---- */
#define O_RDONLY	0x00010000
#define O_WRONLY	0x00020000
#define O_RDWR		0x00030000
#define O_ACCMODE	0x00030000
#define O_NONBLOCK	0x00040000
#define O_APPEND	0x00080000
#define O_SHLOCK	0x00100000
#define O_EXLOCK	0x00200000
#define O_ASYNC		0x00400000
#define O_FSYNC		0x00800000
#define O_CLOEXEC	0x01000000
#define O_CREAT		0x02000000
#define O_TRUNC		0x04000000
#define O_EXCL		0x08000000
#define O_DIRECTORY	0x10000000
#define O_STAT		0x20000000
#define O_SYMLINK	0x40000000
#define O_NOFOLLOW	0x80000000u
#define O_FCNTL_MASK	(O_NONBLOCK | O_APPEND | O_ASYNC | O_FSYNC)

/* ---- mode bits ---- */
#define MODE_TYPE	0xF000
#define MODE_FIFO	0x1000
#define MODE_CHR	0x2000
#define MODE_DIR	0x4000
#define MODE_BLK	0x6000
#define MODE_FILE	0x8000
#define MODE_SYMLINK	0xA000
#define MODE_SOCK	0xC000
#define MODE_PERM	0x0FFF
#define MODE_SETUID	04000
#define MODE_SETGID	02000

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5	/* struct redox_flock * (Linux's numbers) */
#define F_SETLK		6
#define F_SETLKW	7
#define FD_CLOEXEC	1

/* fcntl record locks: l_type values (Linux's). */
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

#define EVENT_READ	1
#define EVENT_WRITE	2

/* mmap: protection and flags share one word, as in Redox's MapFlags. */
#define PROT_NONE	0
#define PROT_EXEC	0x00010000
#define PROT_WRITE	0x00020000
#define PROT_READ	0x00040000
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x04
#define MAP_ANONYMOUS	0x20	/* ours: no fd */

#define FUTEX_WAIT	0
#define FUTEX_WAKE	1

#define CLOCK_REALTIME	1
#define CLOCK_MONOTONIC	4
/* Linux's numbers: the CPU time of the calling process and thread. */
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3

/* getrusage's who (Linux's numbers) */
#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

/* mremap flags (Linux's) */
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

#define WNOHANG		1
#define WUNTRACED	2
#define WCONTINUED	8

#define SIG_DFL		0
#define SIG_IGN		1
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000u

/* sigaltstack */
#define SS_ONSTACK	1
#define SS_DISABLE	2
/* hosted needs room for a fault's whole register and xsave state on it */
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	32768

/* si_code values (Linux's) */
#define SI_USER		0
#define SI_KERNEL	0x80
#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define ILL_ILLADR	3
#define ILL_ILLTRP	4
#define ILL_PRVOPC	5
#define ILL_PRVREG	6
#define ILL_COPROC	7
#define ILL_BADSTK	8
#define FPE_INTDIV	1
#define FPE_INTOVF	2
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define FPE_FLTSUB	8
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define BUS_OBJERR	3
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT	3
#define SIGILL	4
#define SIGTRAP	5
#define SIGABRT	6
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL	9
#define SIGUSR1	10
#define SIGSEGV	11
#define SIGUSR2	12
#define SIGPIPE	13
#define SIGALRM	14
#define SIGTERM	15
#define SIGSTKFLT 16
#define SIGCHLD	17
#define SIGCONT	18
#define SIGSTOP	19
#define SIGTSTP	20
#define SIGTTIN	21
#define SIGTTOU	22
#define SIGURG	23
#define SIGXCPU	24
#define SIGXFSZ	25
#define SIGVTALRM 26
#define SIGPROF	27
#define SIGWINCH 28
#define SIGIO	29
#define SIGPWR	30
#define SIGSYS	31
#define NSIG	32

/* ---- auxiliary vector ---- */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_RANDOM	25
#define AT_REDOX_SYSCALL 0x5c00	/* address of the syscall entry */

/* ---- structures (layouts as Redox's repr(C) ones) ---- */
struct redox_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint16_t st_mode;
	uint16_t _pad0;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_size;
	uint32_t st_blksize;
	uint32_t _pad1;
	uint64_t st_blocks;
	uint64_t st_mtime;
	uint32_t st_mtime_nsec;
	uint32_t _pad2;
	uint64_t st_atime;
	uint32_t st_atime_nsec;
	uint32_t _pad3;
	uint64_t st_ctime;
	uint32_t st_ctime_nsec;
	uint32_t _pad4;
};

struct redox_statvfs {
	uint32_t f_bsize;
	uint32_t _pad;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
};

struct redox_timespec {
	int64_t tv_sec;
	int32_t tv_nsec;
	int32_t _pad;
};

/*
 * A record lock (fcntl F_GETLK/F_SETLK/F_SETLKW), laid out as Linux's
 * x86_64 struct flock: the range is l_len bytes from l_start relative to
 * l_whence (SEEK_*); l_len 0 is "to the end, however far the file
 * grows", a negative l_len the bytes before l_start.  l_pid is the
 * holder F_GETLK reports.
 */
struct redox_flock {
	int16_t l_type;		/* F_RDLCK, F_WRLCK, F_UNLCK */
	int16_t l_whence;
	int32_t _pad0;
	int64_t l_start;
	int64_t l_len;
	int32_t l_pid;
	int32_t _pad1;
};

struct redox_event {
	uint64_t id;		/* the watched fd */
	uint64_t flags;		/* EVENT_READ | EVENT_WRITE */
	uint64_t data;		/* the caller's cookie */
};

struct redox_sigaction {
	uint64_t sa_handler;
	uint64_t sa_mask[2];
	uint64_t sa_flags;
};

/*
 * What an SA_SIGINFO handler's second argument points at (libc's
 * siginfo_t).  si_pid/si_uid: the sender (SI_USER) or the child
 * (SIGCHLD, with si_status); si_addr: the faulting address.
 */
struct redox_siginfo {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	int32_t si_pid;
	uint32_t si_uid;
	int32_t si_status;
	uint64_t si_addr;
	uint64_t si_value;
	uint64_t _pad[4];
};

/* sigaltstack (libc's stack_t) */
struct redox_stack {
	uint64_t ss_sp;
	int32_t ss_flags;
	int32_t _pad;
	uint64_t ss_size;
};

/*
 * A handler's third argument (libc's ucontext_t); hal/hal.h's struct
 * hal_ucontext has the same layout.  gregs are in Linux's order (REG_RIP
 * is 16); fpregs points at the fxsave image when the backend saved one.
 */
struct redox_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct redox_stack uc_stack;
	uint64_t gregs[23];
	uint64_t fpregs;
	uint64_t _reserved[8];
	uint64_t uc_sigmask;
};

/* getrusage: CPU time in nanoseconds; the rest is Linux's struct
 * rusage's, in the same order (zeros where the core counts nothing). */
struct redox_rusage {
	uint64_t utime_ns;
	uint64_t stime_ns;
	int64_t maxrss, ixrss, idrss, isrss;
	int64_t minflt, majflt, nswap;
	int64_t inblock, oublock, msgsnd, msgrcv;
	int64_t nsignals, nvcsw, nivcsw;
};

/* SYS_ITIMER: a CPU-time interval timer, in ns; value 0 is disarmed. */
struct redox_itimer {
	uint64_t interval_ns;
	uint64_t value_ns;
};

/* getdents records: packed header then name and a NUL. */
struct redox_dirent {
	uint64_t d_ino;
	uint64_t d_off;		/* opaque position of the next entry */
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
} __attribute__((packed));
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

/* spawn: everything a new process needs, in one call. */
#define SPAWN_FD_MAX 16
struct spawn_args {
	const char *path;	/* program URL */
	uint64_t path_len;
	const char *const *argv; /* NULL-terminated */
	const char *const *envp; /* NULL-terminated */
	const char *cwd;	/* NULL: inherit */
	uint64_t cwd_len;
	/* fds[i] = parent fd that becomes child fd i; -1 = closed. */
	int32_t fds[SPAWN_FD_MAX];
	uint32_t nfds;
	uint32_t flags;		/* SPAWN_* */
	int32_t pgid;
	int32_t _pad;
	uint64_t sigdefault;	/* SPAWN_SETSIGDEF: these signals to SIG_DFL */
	uint64_t sigmask;	/* SPAWN_SETSIGMASK: the first thread's mask */
};
#define SPAWN_SETPGID	1
#define SPAWN_SETSID	2
#define SPAWN_SETSIGDEF	4
#define SPAWN_SETSIGMASK 8

/* ---- user-space scheme packets (ARCHITECTURE.md, "Packets") ---- */
enum scheme_op {
	SCHEME_OPEN = 1, SCHEME_READ, SCHEME_WRITE, SCHEME_SEEK, SCHEME_CLOSE,
	SCHEME_DUP, SCHEME_FSTAT, SCHEME_FSTATVFS, SCHEME_FSYNC,
	SCHEME_FTRUNCATE, SCHEME_FPATH, SCHEME_FCHMOD, SCHEME_FCHOWN,
	SCHEME_FRENAME, SCHEME_UNLINK, SCHEME_RMDIR, SCHEME_FEVENT,
	SCHEME_GETDENTS, SCHEME_FMAP, SCHEME_MKDIR, SCHEME_FUTIMENS,
	SCHEME_CANCEL,	/* one-way: a = id of a request whose caller gave up */
	SCHEME_LOCK,	/* a = handle, d = SCHEME_LOCK_*; PROTOCOL.md */
	SCHEME_OP_MAX
};

/* d of a LOCK request: what to do with the struct redox_flock it carries. */
#define SCHEME_LOCK_GET		0	/* F_GETLK: answer the first conflict */
#define SCHEME_LOCK_SET		1	/* F_SETLK: -EAGAIN on a conflict */
#define SCHEME_LOCK_WAIT	2	/* F_SETLKW: answer once granted */
#define SCHEME_LOCK_RELEASE	3	/* one-way, no payload: drop all of
					   hdr.pid's locks on h's file */

/* Requests the daemon never answers. */
static inline int
scheme_request_oneway(uint32_t op, uint64_t d)
{
	return op == SCHEME_CLOSE || op == SCHEME_CANCEL ||
	    (op == SCHEME_LOCK && d == SCHEME_LOCK_RELEASE);
}

/*
 * What a scheme that lacks an op answers, the same for every caller:
 * vfs.c uses it for kernel schemes and daemons for the ops they do not
 * serve.  The fields, payloads and results of each op: core/PROTOCOL.md.
 * (FPATH and MKDIR have fallbacks in vfs.c; CLOSE, FSYNC and FEVENT
 * succeed doing nothing.)
 */
static inline int
scheme_op_missing(uint32_t op)
{
	switch (op) {
	case SCHEME_OPEN: case SCHEME_UNLINK: case SCHEME_RMDIR:
		return -ENOENT;
	case SCHEME_SEEK:
		return -ESPIPE;
	case SCHEME_CLOSE: case SCHEME_FSYNC: case SCHEME_FEVENT:
	case SCHEME_CANCEL:
		return 0;
	case SCHEME_DUP: case SCHEME_FTRUNCATE: case SCHEME_LOCK:
		return -EINVAL;
	case SCHEME_FSTATVFS:
		return -ENOSYS;
	case SCHEME_FCHMOD: case SCHEME_FCHOWN: case SCHEME_FRENAME:
	case SCHEME_FUTIMENS:
		return -EPERM;
	case SCHEME_GETDENTS:
		return -ENOTDIR;
	case SCHEME_FMAP:
		return -ENODEV;
	case SCHEME_MKDIR:
		return -EROFS;
	default:	/* READ, WRITE, FSTAT, FPATH and unknown ops */
		return -EBADF;
	}
}

/*
 * READ and WRITE: a = handle, b = offset, c = length (a write's payload
 * is its data), d = SCHEME_IO_* flags, flags = the description's open
 * flags.  With SCHEME_IO_POSITIONED in d the daemon transfers at offset b
 * and neither uses nor moves the handle's position (pread/pwrite); a
 * handle that cannot seek answers -ESPIPE.  Without it b is 0 and the
 * handle's own position applies (read/write).
 */
struct scheme_request {
	uint64_t id;
	uint64_t pid;
	uint32_t uid, gid;
	uint32_t op;		/* enum scheme_op */
	uint32_t flags;
	uint64_t a, b, c, d;	/* handle, offset, length, ... by op */
	uint32_t len;		/* payload bytes that follow */
	uint32_t reserved;
};
#define SCHEME_IO_POSITIONED 1	/* d of READ/WRITE: at offset b */

struct scheme_response {
	uint64_t id;
	int64_t result;
	uint32_t len;		/* payload bytes that follow */
	uint32_t flags;		/* SCHEME_RESP_EVENT: an unsolicited event */
};
#define SCHEME_RESP_EVENT 1	/* id = handle, result = EVENT_* flags */
#define SCHEME_RESP_AT	2	/* the len payload bytes are at the uint64_t
				 * address that follows, in the daemon's memory */
#define SCHEME_PAYLOAD_MAX (128u * 1024u)

/*
 * Terminals (the console, pty:): dup(fd, "termios") reads or writes a
 * struct redox_termios, dup(fd, "winsize") a struct redox_winsize,
 * dup(fd, "pgrp") the foreground process group as an int32.  Layouts and
 * values are Linux's, so libc's termios.h is a plain mapping; the core
 * names them TC_* to stay out of libc's way.
 */
#define TC_NCCS		32
struct redox_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[TC_NCCS];
	uint32_t c_ispeed, c_ospeed;
};
struct redox_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};
/* c_iflag */
#define TC_ICRNL	0000400
#define TC_IXON		0002000
/* c_oflag */
#define TC_OPOST	0000001
#define TC_ONLCR	0000004
/* c_cflag */
#define TC_B38400	0000017
#define TC_CS8		0000060
#define TC_CREAD	0000200
/* c_lflag */
#define TC_ISIG		0000001
#define TC_ICANON	0000002
#define TC_ECHO		0000010
#define TC_ECHOE	0000020
#define TC_ECHOK	0000040
#define TC_ECHONL	0000100
#define TC_NOFLSH	0000200
#define TC_ECHOCTL	0001000
#define TC_IEXTEN	0100000
/* c_cc indexes */
#define TC_VINTR	0
#define TC_VQUIT	1
#define TC_VERASE	2
#define TC_VKILL	3
#define TC_VEOF		4
#define TC_VTIME	5
#define TC_VMIN		6
#define TC_VSUSP	10
#define TC_VEOL		11
#define TC_VWERASE	14

#endif
