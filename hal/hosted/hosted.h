/*
 * hosted.h - internals of the hosted backend (redox-hosted).
 *
 * Offsets of struct hal_thread are shared with the assembly in entry.S;
 * thread.c checks them at compile time.
 */
#ifndef HAL_HOSTED_HOSTED_H
#define HAL_HOSTED_HOSTED_H

#define T_KSP		0
#define T_KSTACK_TOP	8
#define T_USER_RSP	16
#define T_USER_FS	24
#define T_RET_RDI	32
#define T_PREEMPT_RIP	40
#define T_SIGFRAME	48
#define T_FAULT_SIG	56
#define T_FAULT_ADDR	64
#define T_FAULT_IP	72
#define T_TP		80
#define T_TP_HEAD	88
#define T_ALT_LO	168	/* sigframe.c checks these two */
#define T_ALT_HI	176

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hal_thread {
	uint64_t ksp;		/* saved kernel rsp while switched out */
	uint64_t kstack_top;	/* empty kernel stack; used at each entry */
	uint64_t user_rsp;	/* user rsp at the last entry */
	uint64_t user_fs;	/* the program's FS base (tp or the window) */
	uint64_t ret_rdi;	/* rdi for the way out (signal number) */
	uint64_t preempt_rip;	/* where a preempted thread resumes */
	uint64_t sigframe;	/* newest signal frame on the user stack */
	/* A user fault on its way into the core through the fault stub. */
	uint64_t fault_sig, fault_addr, fault_ip;
	/* The thread pointer the core set; with a head (hal.h), the thread
	 * runs on a copy of its first tp_head bytes in the TCB window. */
	uint64_t tp;
	uint64_t tp_head;
	void *kstack;		/* mapping base (with guard page) */
	size_t kstack_size;
	void (*entry)(void *);
	void *arg;
	uint64_t stack_lo, stack_hi;	/* the user stack, for the room check */
	void *asan_fake;	/* ASan fiber bookkeeping */
	const void *asan_bottom;
	size_t asan_size;
	/* The alternate signal stack, where a fault on an overflowed stack
	 * still reaches the program's handler (signal.c, sigframe.c). */
	uint64_t alt_lo, alt_hi;
	uint64_t fault_rsp;	/* rsp at a fault moved onto the alternate stack */
	uint8_t fault_moved;	/* the fault stub runs on the alternate stack */
};

extern struct hal_thread *hosted_cur;	/* the running thread */
extern volatile uint8_t hosted_in_core;	/* 1 while the core runs */
/* Syscall User Dispatch's selector: 1 while a program runs, when a Linux
 * system call it makes is trapped (SIGSYS) instead of made (signal.c). */
extern volatile uint8_t hosted_sud;
extern uint64_t hosted_host_fs;		/* glibc's FS base */
extern uint8_t hosted_fsgsbase;		/* fsbase.h: the CPU has FSGSBASE */
extern uint64_t hosted_fs_now;		/* fsbase.h: the FS base, without it */

/* entry.S */
void hosted_switch(struct hal_thread *from, struct hal_thread *to);
void hosted_switch_discard(struct hal_thread *to) __attribute__((noreturn));
void hosted_thread_trampoline(void);
void hosted_syscall_entry(void);
void hosted_fault_entry(void);
__attribute__((noreturn)) void hosted_user_enter(uint64_t entry, uint64_t sp,
    uint64_t arg, uint64_t fs);
__attribute__((noreturn)) void hosted_boot_enter(uint64_t stack_top,
    void (*fn)(void));

/* thread.c: the TCB window gets t's head (hal.h, hal_thread_set_tp) */
void hosted_tp_window_load(struct hal_thread *t);

/* Called from the first-run trampoline on a new thread. */
void hosted_thread_first(void);

/* sigtramp.S: where a signal frame sends the thread (it loads the
 * handler's second and third arguments, then jumps to it) */
void hosted_sig_tramp(void);

/* thunks.S: 0, or -EFAULT when the copy faults */
int hosted_copy(void *dst, const void *src, size_t n);

/* console.c */
void hosted_console_init(int raw_tty);
void hosted_console_restore(void);

/* events.c */
void hosted_events_init(void);
void hosted_clock_init(void);	/* clock.c: before anything reads the clock */
uint64_t hosted_clock_boot(void);
void hosted_event_post(uint32_t ev);
void hosted_set_deadline(uint64_t stop_at_ns);

/* arena.c: a reserved range of host addresses, handed out first fit */
struct extent;
struct arena {
	uintptr_t base, size;
	struct extent *free;
};
int arena_init(struct arena *a, size_t size);
void arena_fini(struct arena *a);	/* one munmap of the whole range */
int arena_contains(const struct arena *a, uintptr_t addr, size_t len);
int arena_take(struct arena *a, size_t len, uintptr_t *addr);
int arena_give(struct arena *a, uintptr_t addr, size_t len);
int arena_map(uintptr_t addr, size_t len, int prot);	/* host prot bits */
int arena_protect(uintptr_t addr, size_t len, int prot);

/* mem.c */
void hosted_mem_init(void);

/* blk.c */
int hosted_blk_add(const char *path);

/* nic.c: spec is tap:NAME or pcap:IFACE; the fd is -1 without a NIC */
int hosted_nic_add(const char *spec);
void hosted_nic_start(void);	/* after the signal handlers */
int hosted_nic_fd(void);
void hosted_nic_quiet(void);	/* SIGIO off until the TAP is drained */

/* boot.c */
void hosted_set_console_echo(bool on);
void hosted_set_argv(char **argv);	/* what a reboot runs again */
void hosted_set_boot(const void *initfs, size_t initfs_len, const void *rc,
    size_t rc_len, const char *cmdline);
#endif
#endif
