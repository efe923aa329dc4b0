/*
 * sysfuzz.h - what the fuzzer's two files share: sysfuzz.c (the call
 * table, the state, the parent and the children) and sysfuzz_args.c (the
 * memory, descriptors and values arguments are drawn from, and the fixups
 * that keep the caller alive).
 */
#ifndef TESTS_FUZZ_SYSFUZZ_H
#define TESTS_FUZZ_SYSFUZZ_H

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

/* Child bookkeeping, reported to the parent through REPORT_FD. */
#define REPORT_FD 900
#define OUT_FD 901
struct report {
	uint64_t calls;
	uint32_t sigs;		/* signals it sent itself (bit per signal) */
	uint32_t wild;		/* it made a call after which any end is fair */
	uint64_t problems;	/* it printed them itself */
};

#define PG 4096L
#define SCRATCH (16 * PG)
#define ARENA 16
#define NSTACK 4

/* sysfuzz.c: the state and its helpers. */
extern uint64_t rng, seed, subseed;
extern int is_child, unpriv, verbose, out_fd;
extern long ncalls;
extern pid_t mypid;
extern struct report rep;
uint64_t rnd(void);
unsigned rn(unsigned n);
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void problem(const char *fmt, long x);

/* sysfuzz_args.c: the memory arguments point into. */
extern char *scratch, *edge, *rop, *nop, *arena;
extern unsigned arena_gone;
extern const char rodata[64];
extern long core_entry;
extern char tstack[NSTACK][16384];
extern volatile uint32_t tbusy[NSTACK];
extern volatile long handled;
int busy_word(long p);
void thr_fn(void *arg);
void on_sig(int sig);
void new_arena(void);
void setup_memory(void);
/* Descriptors: a pool of real ones, kept open and refreshed. */
int in_pool(long fd);
void refresh_pool(void);
long pool_fd(int readable);
extern char fzpath[32];
/* The daemon's end of the scheme we serve junk replies from, or -1. */
int own_scheme_fd(void);
/* An edge value: 0, -1, limits, powers of two. */
long interesting(void);
/* Argument i of a call (a[0..i) already drawn) of kind k. */
long arg(int k, long *a, int i);
/* The fixups: which calls may not run, and arguments made harmless. */
int ours(long p, long n);
int unreadable(long p);
void safe(const struct spec *s, long *a);
int tame(const struct spec *s, long *a);

#endif
