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
/* A cheaper counter for CPU-time accounting (read twice per syscall): it
 * runs at a constant rate the core works out against hal_clock_ns(). */
uint64_t hal_cpu_ticks(void);
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
/*
 * The user thread pointer (%fs base) the thread runs with.  The core
 * passes only values below HAL_USER_TOP; a backend given another stores 0
 * rather than fault loading it on the way to user mode.
 *
 * head != 0 (at most HAL_TP_HEAD) is the program's promise that it only
 * reads, through %fs, the first `head` bytes at tp, and that they do not
 * change while the thread runs.  A backend may then point %fs at a copy
 * of them made when the thread is switched in: hosted does, because
 * without FSGSBASE each FS write is a host system call (3.4 us on the
 * VMs it runs on, two per scheme round trip).  hal_thread_tp returns tp.
 */
#define HAL_TP_HEAD 64
void hal_thread_set_tp(struct hal_thread *t, uintptr_t tp, size_t head);
uintptr_t hal_thread_tp(struct hal_thread *t);

/*
 * Signal frames.  On the way back to user mode (from a syscall whose result
 * is `rax`, a preemption or a fault) the core may ask the HAL to save the
 * current thread's user state in a frame on its user stack (or on the
 * alternate stack [alt_lo, alt_hi) when that is set and the thread is not
 * already on it) and to resume instead at handler(sig, &info, &uc): the
 * frame holds a copy of the core's siginfo (`info`, info_len bytes) and a
 * struct hal_ucontext with the interrupted registers; the handler returns
 * to `restorer`, which calls sigreturn.  `cookie` (the blocked mask) is
 * uc_sigmask; `saved` is up to HAL_SIG_SAVED bytes the core wants back.
 * hal_signal_return() restores the newest frame (the registers as the
 * handler left them in uc, where the backend can: hal/hosted keeps all of
 * them after a fault or preemption, only rip, rsp and rax after a syscall)
 * and gives back cookie, the syscall's rax and `saved`.  Both give 0 or
 * -EFAULT.
 */
#define HAL_SIG_SAVED 64
#define HAL_SIG_INFO_MAX 128

struct hal_sigpush {
	uintptr_t handler, restorer;
	int sig;
	uint64_t cookie;
	long rax;
	const void *info;
	size_t info_len;		/* at most HAL_SIG_INFO_MAX */
	uintptr_t alt_lo, alt_hi;	/* the stack to use; 0, 0: the current one */
	/* uc_stack as the program sees it: its sigaltstack, used or not. */
	uintptr_t ss_sp;
	size_t ss_size;
	int alt_flags;
	const void *saved;
	size_t saved_len;		/* at most HAL_SIG_SAVED */
};

struct hal_sigret {
	uint64_t cookie;
	long rax;
	uint8_t saved[HAL_SIG_SAVED];
};

/* Linux's x86_64 gregs order (REG_R8 = 0 ... REG_CR2 = 22), so programs
 * written for Linux find rip at uc_mcontext.gregs[16]. */
#define HAL_NGREG 23
enum {
	HAL_REG_R8, HAL_REG_R9, HAL_REG_R10, HAL_REG_R11, HAL_REG_R12,
	HAL_REG_R13, HAL_REG_R14, HAL_REG_R15, HAL_REG_RDI, HAL_REG_RSI,
	HAL_REG_RBP, HAL_REG_RBX, HAL_REG_RDX, HAL_REG_RAX, HAL_REG_RCX,
	HAL_REG_RSP, HAL_REG_RIP, HAL_REG_EFL, HAL_REG_CSGSFS, HAL_REG_ERR,
	HAL_REG_TRAPNO, HAL_REG_OLDMASK, HAL_REG_CR2
};

/* The handler's third argument; core/abi.h's struct redox_ucontext (what
 * libc calls ucontext_t) has the same layout. */
struct hal_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	uint64_t ss_sp;
	int32_t ss_flags;
	int32_t _pad;
	uint64_t ss_size;
	uint64_t gregs[HAL_NGREG];
	uint64_t fpregs;		/* the fxsave image, or 0 */
	uint64_t _reserved[8];
	uint64_t uc_sigmask;
};

int hal_signal_push(const struct hal_sigpush *a);
int hal_signal_return(struct hal_sigret *r);
/* The current thread's user stack pointer (at its entry to the core). */
uintptr_t hal_user_sp(void);
/* The thread's alternate signal stack [lo, hi) (0, 0: none): where the
 * hosted HAL may still run a fault handler once the stack overflowed. */
void hal_thread_set_altstack(struct hal_thread *t, uintptr_t lo, uintptr_t hi);

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
/*
 * The core is about to write every page of [addr, addr+len) in the active
 * space (a program's image at exec).  A backend that maps lazily may bring
 * them in now, in one step instead of a fault per page; advisory, so the
 * caller ignores a failure.
 */
void hal_prefault(struct hal_as *as, uintptr_t addr, size_t len);
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

/*
 * NIC offload (a TAP with virtio-net headers offers it; the E1000, the
 * RTL8168 and pcap do not).  HAL_NIC_OFF_CSUM: on send, a frame with
 * HAL_NIC_META_CSUM has a TCP or UDP checksum field holding only the
 * IPv4 pseudo-header sum, and the NIC completes it; on receive,
 * HAL_NIC_META_CSUM says the host vouches for the frame's TCP or UDP
 * checksum (which may hold only the pseudo-header sum: do not check it).
 * HAL_NIC_OFF_TSO4: a TCP/IPv4 frame up to HAL_NIC_GSO_MAX with gso_size
 * set is cut by the NIC into segments of gso_size payload bytes, and
 * received frames may be that large too (with gso_size set).
 */
#define HAL_NIC_OFF_CSUM 1
#define HAL_NIC_OFF_TSO4 2
#define HAL_NIC_GSO_MAX (14 + 65535)	/* Ethernet + the largest IPv4 packet */
#define HAL_NIC_META_CSUM 1

struct hal_nic_meta {
	uint16_t gso_size;	/* TCP payload per segment; 0: one frame */
	uint8_t flags;		/* HAL_NIC_META_* */
};

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
	/* Offload, when offload is not 0 (else the three are NULL): frames
	 * up to HAL_NIC_GSO_MAX with a hal_nic_meta each, once set_offload
	 * turned it on (0 turns it off: plain frames again, and send and
	 * recv work either way).  A backend without it leaves these zero. */
	unsigned offload;	/* HAL_NIC_OFF_* it can do */
	int (*set_offload)(struct hal_nic *dev, unsigned on);	/* 0, -errno */
	int (*send_meta)(struct hal_nic *dev, const void *frame, size_t len,
	    const struct hal_nic_meta *m);
	long (*recv_meta)(struct hal_nic *dev, void *buf, size_t cap,
	    struct hal_nic_meta *m);
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
 * SIGSYS, with the si_code in the bits above the low 8: HAL_FAULT(sig,
 * code); 0 when the backend cannot tell).  The core kills the process, or pushes a frame for the
 * program's handler (hal_signal_push) and returns: the HAL then resumes
 * the thread there, and sigreturn resumes the faulting instruction with
 * all its registers.  core_fault_fatal() always kills: for a thread whose
 * state the HAL could not keep (hosted: no room left on its stack).
 */
void core_fault(int sig, uintptr_t addr, uintptr_t ip);
#define HAL_FAULT(sig, code)	((sig) | (code) << 8)
#define HAL_FAULT_SIG(v)	((v) & 0xff)
#define HAL_FAULT_CODE(v)	((v) >> 8)
_Noreturn void core_fault_fatal(int sig, uintptr_t addr, uintptr_t ip);

#endif
