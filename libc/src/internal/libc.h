/*
 * libc.h - private to libc: raw syscalls, the thread control block, locks
 * and the state crt0 hands over.  Never installed, never included by
 * programs.
 */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <redox/abi.h>

/* The raw syscall (arch/x86_64/syscall.S): returns the kernel's value,
 * negative errno on failure, and never touches errno, so it is safe to use
 * before the thread pointer exists. */
long __syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
#define __syscall0(n)		__syscall6((n), 0, 0, 0, 0, 0, 0)
#define __syscall1(n, a)	__syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(n, a, b)	__syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(n, a, b, c)	__syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __syscall4(n, a, b, c, d) \
	__syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define __syscall5(n, a, b, c, d, e) \
	__syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* Turns a raw result into the POSIX convention: -1 and errno. */
long __syscall_ret(long r);

/* Set by __libc_start from auxv AT_REDOX_SYSCALL before any syscall. */
extern uintptr_t __redox_syscall_entry;

/* A URL on file: as the POSIX path programs expect ("file:/tmp" ->
 * "/tmp", "file:" -> "/"), in place in s (NUL-terminated, len bytes,
 * room for cap); other URLs stay.  Returns the new length, or -ERANGE
 * (unistd/path.c). */
long __file_url_to_path(char *s, size_t len, size_t cap);

/* Paths cross the boundary as (pointer, length), not NUL-terminated. */
static inline long __syscall_path(long nr, const char *path, long a, long b)
{
	return __syscall6(nr, (long)path, (long)__builtin_strlen(path), a, b, 0, 0);
}

/*
 * The thread control block.  %fs points at it (TLS variant II: the TLS
 * block sits just below).  The first fields are fixed by the x86_64 ABI
 * and gcc: %fs:0 holds the thread pointer itself, %fs:0x28 the stack
 * protector canary.
 *
 * A program without a TLS block reaches through %fs only these first
 * 64 bytes, and only reads them; they are set before SYS_SET_TP and
 * never change, so it makes the SET_TP_HEAD promise (core/abi.h) and
 * hosted may run it on a copy (hal/hal.h).  Every other field is reached
 * through the pointer at %fs:0.
 */
struct __pthread {
	struct __pthread *self;		/* 0x00 */
	uintptr_t dtv;			/* 0x08, unused: no dynamic TLS */
	struct __pthread *self2;	/* 0x10, where glibc keeps it too */
	uintptr_t vfork_ret;		/* 0x18: vfork's return address (vfork.S) */
	uintptr_t reserved;		/* 0x20 */
	uintptr_t canary;		/* 0x28 */
	uintptr_t pointer_guard;	/* 0x30 */
	int errno_val;
	int tid;
	/* Futex word: THREAD_RUNNING, then THREAD_EXITED once the result is
	 * stored; pthread_join waits on it. */
	volatile uint32_t state;
	volatile int detached;
	/* 1 while the kernel may still run the thread on its stack; the
	 * kernel stores 0 and wakes waiters once it is gone (the second
	 * argument of SYS_EXIT_THREAD). */
	volatile uint32_t alive;
	void *(*start)(void *);
	void *arg;
	void *result;
	void *map;			/* stack + TLS + TCB, one mapping */
	size_t map_size;
	struct __pthread *next_dead;	/* waiting for its mapping to go */
	void *tsd[PTHREAD_KEYS_MAX];
};
#define THREAD_RUNNING	1
#define THREAD_EXITED	2

static inline struct __pthread *__pthread_self(void)
{
	struct __pthread *t;
	__asm__ ("mov %%fs:0, %0" : "=r"(t));
	return t;
}

/* Thread pointer setup (start/tls.c). */
size_t __tls_block_size(void);
size_t __tls_area_size(void);
struct __pthread *__tls_init(void *mem, size_t size);

/* What crt0 learned from the stack and auxv. */
struct __libc_info {
	uintptr_t phdr, phnum, phent, pagesz;
	const unsigned char *random;
	const uintptr_t *auxv;	/* the auxiliary vector, for getauxval */
	int threaded;		/* set by the first pthread_create */
};
extern struct __libc_info __libc;

/* A futex lock: 0 free, 1 held, 2 held with waiters. */
void __lock(volatile uint32_t *l);
void __unlock(volatile uint32_t *l);
int __futex_wait(volatile uint32_t *addr, uint32_t val,
    const struct redox_timespec *timeout);
int __futex_wake(volatile uint32_t *addr, int n);

/* exit helpers */
void __stdio_flush_all(void);
/* Drops socket/socket.c's cached kind of fd (close, dup2 call it). */
void __sock_forget(int fd);
_Noreturn void __exit_process(int status);

/* spawn helper shared by posix_spawn, system and popen */
char *__path_search(const char *file, char *buf, size_t n);

/* the kernel's CPU times into a struct rusage (resource/rlimit.c) */
struct rusage;
void __rusage_from(struct rusage *ru, const struct redox_rusage *k);

/* signal restorer (arch/x86_64/restore_rt.S) */
void __restore_rt(void);

#endif
