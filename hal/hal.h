/*
 * hal.h - the contract between the core and a backend.
 *
 * The core (core/) is freestanding and includes this header and nothing
 * else from below.  Two backends implement it: hal/hosted (a Linux
 * process) and hal/x86_64 (bare metal).  The HAL has no policy: it never
 * calls into the core asynchronously; interrupts and host events become
 * pending bits that the core takes with hal_events_take().
 *
 * Errors are negative errno values (core/abi.h has the numbers).
 */
#ifndef HAL_HAL_H
#define HAL_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HAL_PAGE_SIZE 4096u
/* User addresses lie below this in both backends (x86_64's lower
 * canonical half; Linux's user space too). */
#define HAL_USER_TOP 0x0000800000000000ull

/* ---- boot and console ------------------------------------------------ */

struct hal_bootinfo {
	const char *backend;		/* "hosted" or "x86_64", for sys:uname */
	const char *cmdline;		/* options for the core, "" if none */
	const void *initfs;		/* the initfs image (core/initfs.h) */
	size_t initfs_len;
	const void *rc;			/* optional: replaces initfs:/etc/init.rc */
	size_t rc_len;
	bool console_echo;		/* a person types: echo and edit lines */
};

const struct hal_bootinfo *hal_boot_info(void);
void hal_console_write(const char *buf, size_t len);
/* Non-blocking; returns bytes read, 0 if none.  Arrival is HAL_EV_CONSOLE. */
long hal_console_read(char *buf, size_t len);
/* Ends the machine (hosted: the process exits with status). */
_Noreturn void hal_poweroff(int status);
/* Restarts the machine from its firmware (hosted: the process runs its
 * own program again with the same arguments). */
_Noreturn void hal_reboot(void);

/* ---- time and events ------------------------------------------------- */

uint64_t hal_clock_ns(void);		/* monotonic, since boot */
uint64_t hal_wallclock_ns(void);	/* since 1970-01-01 UTC */
void hal_timer_arm(uint64_t deadline_ns); /* one-shot, monotonic; 0 disarms */

#define HAL_EV_TIMER	0x01u	/* the armed deadline passed */
#define HAL_EV_CONSOLE	0x02u	/* console input is waiting */
#define HAL_EV_BLOCK	0x04u	/* a block request completed */
#define HAL_EV_NET	0x08u	/* a NIC has frames */
#define HAL_EV_STOP	0x10u	/* the host asked the OS to stop (Ctrl-], SIGTERM) */
#define HAL_EV_INPUT	0x20u	/* display/input device activity */

uint32_t hal_events_take(void);		/* returns and clears pending bits */
void hal_idle(void);			/* sleep until any event is pending */

/* ---- CPU state -------------------------------------------------------- */

/*
 * A hal_thread is a kernel stack plus the saved context of a thread that is
 * not running, and the user-mode state it returns to.  The core holds one per
 * thread and never looks inside.
 */
struct hal_thread;

/* A new thread that will run entry(arg) on its own kernel stack. */
struct hal_thread *hal_thread_new(void (*entry)(void *), void *arg);
/* Frees a thread that is not running (its stack is not the current one). */
void hal_thread_free(struct hal_thread *t);
/* Saves the running context in `from` and resumes `to`; from == NULL
 * drops the running context (a thread that exits). */
void hal_thread_switch(struct hal_thread *from, struct hal_thread *to);
/* Leaves the core for user mode at entry with rsp = sp, rdi = arg. */
_Noreturn void hal_user_enter(uintptr_t entry, uintptr_t sp, uintptr_t arg);
/*
 * The thread's user stack, [lo, hi): where the hosted HAL may push a
 * preempted thread's state.  A tick finding less than a page of room there
 * kills the thread's process (its stack overflowed) rather than write
 * below it.
 */
void hal_thread_set_stack(struct hal_thread *t, uintptr_t lo, uintptr_t hi);
/* The user thread pointer (%fs base) the thread runs with.  The core
 * passes only values below HAL_USER_TOP; a backend given another stores 0
 * rather than fault loading it on the way to user mode. */
void hal_thread_set_tp(struct hal_thread *t, uintptr_t tp);
uintptr_t hal_thread_tp(struct hal_thread *t);

/*
 * Signal frames.  On the way back to user mode (from a syscall whose result
 * is `rax`) the core may ask the HAL to save the current thread's user
 * state in a frame on its user stack and to resume instead at
 * handler(sig), which returns to `restorer` (it calls sigreturn).  The
 * frame is opaque to programs; `cookie` (the blocked mask) rides in it.
 * hal_signal_return() restores the newest frame; the syscall then returns
 * *rax, the value the interrupted code was to see.  Both give 0 or -EFAULT.
 */
int hal_signal_push(uintptr_t handler, uintptr_t restorer, int sig,
    uint64_t cookie, long rax);
int hal_signal_return(uint64_t *cookie, long *rax);

/* ---- address spaces --------------------------------------------------- */

#define HAL_PROT_READ	1
#define HAL_PROT_WRITE	2
#define HAL_PROT_EXEC	4

struct hal_as;
struct hal_as *hal_as_new(void);
/* Frees the space and every mapping still in it (the core does not unmap
 * region by region first). */
void hal_as_free(struct hal_as *as);
void hal_as_activate(struct hal_as *as);
/*
 * Maps len bytes of zeroed memory.  *addr == 0: the HAL chooses and stores
 * the address.  Otherwise *addr is a page-aligned address the core has
 * checked lies inside the caller's own reservation.
 */
int hal_map(struct hal_as *as, uintptr_t *addr, size_t len, int prot);
int hal_unmap(struct hal_as *as, uintptr_t addr, size_t len);
int hal_protect(struct hal_as *as, uintptr_t addr, size_t len, int prot);
/* The user address programs in `as` call to enter the core (auxv
 * AT_REDOX_SYSCALL): hosted, a function; x86_64, a trampoline page. */
uintptr_t hal_syscall_entry(struct hal_as *as);

/* ---- user memory (current address space; -EFAULT instead of a fault) -- */

int hal_copy_from_user(void *dst, uintptr_t src, size_t len);
int hal_copy_to_user(uintptr_t dst, const void *src, size_t len);

/* ---- kernel memory ---------------------------------------------------- */

void *hal_page_alloc(size_t npages);	/* zeroed, page-aligned; NULL if none */
void hal_page_free(void *p, size_t npages);
void hal_page_counts(size_t *total, size_t *used);

/* ---- randomness -------------------------------------------------------- */

/* Fills buf with seed material for the core's CSPRNG. */
void hal_random_seed(void *buf, size_t len);

/* ---- devices ----------------------------------------------------------- */

/* Block devices are request-shaped: submit, then completion as an event. */
enum hal_blk_op { HAL_BLK_READ, HAL_BLK_WRITE, HAL_BLK_FLUSH };

struct hal_blk_req {
	enum hal_blk_op op;
	uint64_t sector;	/* in units of the device's sector size */
	uint32_t count;		/* sectors */
	void *buf;		/* kernel memory, 16-byte aligned */
	volatile int done;	/* set by the HAL when complete */
	int result;		/* 0 or -errno, valid once done */
};

struct hal_blk {
	const char *name;
	uint64_t sectors;
	uint32_t sector_size;
	/* Starts req; completion sets req->done and raises HAL_EV_BLOCK. */
	int (*submit)(struct hal_blk *dev, struct hal_blk_req *req);
	void *priv;
};

/* The index'th block device, or NULL past the last. */
struct hal_blk *hal_blk_get(unsigned index);

/*
 * Network interfaces move whole Ethernet frames (header included, no
 * FCS).  Arrivals, and room again after a full send queue, raise
 * HAL_EV_NET; the core then calls recv until it returns 0.
 */
#define HAL_NIC_FRAME_MAX 1518	/* 1514 + a VLAN tag */
#define HAL_NIC_FRAME_MIN 14

struct hal_nic {
	const char *name;
	uint8_t mac[6];
	/* Queues one frame (HAL_NIC_FRAME_MIN..MAX bytes, kernel memory):
	 * 0, -EAGAIN while the send queue is full, or -EIO. */
	int (*send)(struct hal_nic *dev, const void *frame, size_t len);
	/* Takes the next received frame: its length (at most cap; the rest
	 * of a longer frame is dropped), 0 if none is waiting. */
	long (*recv)(struct hal_nic *dev, void *buf, size_t cap);
	void *priv;
};

/* The index'th network interface, or NULL past the last. */
struct hal_nic *hal_nic_get(unsigned index);

/* ---- entry points the core provides to the HAL ------------------------- */

/* Boot: called once on the boot stack after the HAL is ready.  No return. */
_Noreturn void core_main(void);
/* A syscall from user mode; runs on the thread's kernel stack. */
long core_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
/* A tick or interrupt arrived while the thread ran in user mode. */
void core_interrupt(void);
/*
 * The thread faulted in user mode (sig = SIGSEGV, SIGILL, SIGFPE, SIGBUS,
 * SIGSYS).  The core kills the process, or pushes a frame for the
 * program's handler (hal_signal_push) and returns: the HAL then resumes
 * the thread there, and sigreturn resumes the faulting instruction with
 * all its registers.  core_fault_fatal() always kills: for a thread whose
 * state the HAL could not keep (hosted: no room left on its stack).
 */
void core_fault(int sig, uintptr_t addr, uintptr_t ip);
_Noreturn void core_fault_fatal(int sig, uintptr_t addr, uintptr_t ip);

#endif
