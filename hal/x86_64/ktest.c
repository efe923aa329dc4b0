/*
 * ktest.c - in-kernel tests of the HAL, standing in for the core.
 *
 * The core's process model is not needed to test the HAL: these tests
 * replace core_syscall/core_fault/core_interrupt (x86_core) with their own
 * and run small hand-written ring-3 programs (the blobs below) in address
 * spaces made with hal_as_new/hal_map.  They cover: pages and address
 * spaces (no leaks), user copies (-EFAULT on unmapped, read-only and
 * kernel addresses), ring-3 entry, syscalls through the trampoline (and
 * SIGSYS from anywhere else), register and FPU preservation, signal frames
 * (push, handler, sigreturn), timer preemption with two threads switching
 * FPU state, user faults, the clocks, the seed, and the first disk.
 */
#include "hal/hal.h"
#include "hal/x86_64/ahci.h"
#include "hal/x86_64/boot.h"
#include "hal/x86_64/cpu.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/ktest.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/serial.h"
#include "hal/x86_64/thread.h"
#include "hal/x86_64/trap.h"
#include "hal/x86_64/vmm.h"

/* ktest syscalls: the blobs' ABI with this file. */
enum { KT_ECHO = 1, KT_REPORT, KT_SIGNAL, KT_HANDLER, KT_SIGRETURN, KT_POLL, KT_EXIT };

#define SIGUSR1	10
#define SIGSEGV	11
#define SIGSYS	31
#define COOKIE	0xc00c1e5ull

extern const char kt_blob[], kt_blob_end[], kt_handler[], kt_restorer[], kt_spin[];

/*
 * The blobs run at a HAL-chosen address, so they are position independent;
 * r13 holds the trampoline address (callee-saved: it must survive every
 * syscall and the signal handler).  kt_blob gets rdi = a data page.
 */
__asm__(
"	.section .rodata\n"
"	.balign 16\n"
"kt_blob:\n"
"	mov %rdi, %r12\n"
"	movabs $0x7fffffffe000, %r13\n"
/* 1: echo 41 -> 42 */
"	mov $41, %edi\n"
"	mov $1, %eax\n"
"	call *%r13\n"
"	mov %rax, %rsi\n"
"	mov $1, %edi\n"
"	mov $2, %eax\n"
"	call *%r13\n"
/* 2: rbx and xmm1 survive a syscall */
"	movabs $0x1122334455667788, %rbx\n"
"	movq %rbx, %xmm1\n"
"	xor %edi, %edi\n"
"	mov $1, %eax\n"
"	call *%r13\n"
"	movq %xmm1, %rsi\n"
"	xor %rbx, %rsi\n"
"	mov $2, %edi\n"
"	mov $2, %eax\n"
"	call *%r13\n"
/* 3: a signal during a syscall; sigreturn gives back its result (777) */
"	lea kt_handler(%rip), %rdi\n"
"	lea kt_restorer(%rip), %rsi\n"
"	movq %rbx, %xmm3\n"
"	mov $3, %eax\n"
"	call *%r13\n"
"	mov %rax, %rsi\n"
"	mov $3, %edi\n"
"	mov $2, %eax\n"
"	call *%r13\n"
"	movq %xmm3, %rsi\n"
"	xor %rbx, %rsi\n"
"	mov $6, %edi\n"
"	mov $2, %eax\n"
"	call *%r13\n"
/* 4: `syscall` outside the trampoline: SIGSYS, then on */
"	mov $1, %eax\n"
"	syscall\n"
/* 5: preempted by the timer until the kernel sets the flag; xmm2 survives */
"	movabs $0x0123456789abcdef, %rbx\n"
"	movq %rbx, %xmm2\n"
"1:	cmpq $0, (%r12)\n"
"	je 1b\n"
"	movq %xmm2, %rsi\n"
"	xor %rbx, %rsi\n"
"	mov $4, %edi\n"
"	mov $2, %eax\n"
"	call *%r13\n"
/* 6: read kernel memory: SIGSEGV ends the program */
"	movabs $0xffff800000000000, %rax\n"
"	mov (%rax), %rax\n"
"	ud2\n"
"kt_handler:\n"
"	movq %rdi, %xmm3\n"		/* the handler may clobber the FPU */
"	mov $4, %eax\n"
"	call *%r13\n"
"	ret\n"
"kt_restorer:\n"
"	mov $5, %eax\n"
"	call *%r13\n"
"	ud2\n"
/* kt_spin: rdi = pattern in rbx and xmm0; spin until KT_POLL says done */
"kt_spin:\n"
"	movabs $0x7fffffffe000, %r13\n"
"	mov %rdi, %rbx\n"
"	movq %rdi, %xmm0\n"
"2:	movq %xmm0, %rax\n"
"	cmp %rbx, %rax\n"
"	jne 3f\n"
"	mov $6, %eax\n"
"	call *%r13\n"
"	test %rax, %rax\n"
"	jz 2b\n"
"	mov $1, %esi\n"
"	jmp 4f\n"
"3:	xor %esi, %esi\n"
"4:	mov $5, %edi\n"
"	mov $2, %eax\n"
"	call *%r13\n"
"	mov $7, %eax\n"
"	call *%r13\n"
"	ud2\n"
"kt_blob_end:\n"
"	.text\n");

static int passed, failed;
static struct hal_thread *driver, *users[2];
static int alive[2], nusers;
static uint64_t reports[8], report_set;
static int fault_sig, sigsys_seen, handler_sig;
static uint64_t fault_addr;
static int ticks, switches;
static uintptr_t data_va;
static long echo_rc;

static void
check(int ok, const char *what)
{
	if (ok)
		passed++;
	else
		failed++;
	x86_printf("kt %s %s\n", ok ? "ok  " : "FAIL", what);
}

static long
kt_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	switch (nr) {
	case KT_ECHO:
		return a0 + 1;
	case KT_REPORT:
		if (a0 >= 0 && a0 < 8) {
			if (a0 == 5 && (report_set >> 5) & 1)
				reports[5] += (uint64_t)a1;	/* both spinners */
			else
				reports[a0] = (uint64_t)a1;
			report_set |= 1ull << a0;
		}
		return 0;
	case KT_SIGNAL: {
		struct hal_sigpush sp = { .handler = (uintptr_t)a0, .restorer = (uintptr_t)a1,
		    .sig = SIGUSR1, .cookie = COOKIE, .rax = 777, .alt_flags = 2 };
		echo_rc = hal_signal_push(&sp);
		return -1;	/* what the handler sees; sigreturn gives 777 */
	}
	case KT_HANDLER:
		handler_sig = (int)a0;
		return 0;
	case KT_SIGRETURN: {
		struct hal_sigret r;
		if (hal_signal_return(&r) != 0 || r.cookie != COOKIE)
			return -2;
		return r.rax;
	}
	case KT_POLL:
		return switches >= 6;
	case KT_EXIT: {
		int me = x86_cur == users[1];
		alive[me] = 0;
		hal_thread_switch(NULL, alive[!me] ? users[!me] : driver);
		return 0;
	}
	}
	return -38;
}

static void
kt_fault(int sig, uintptr_t addr, uintptr_t ip)
{
	(void)ip;
	sig = HAL_FAULT_SIG(sig);
	if (sig == SIGSYS) {
		sigsys_seen++;
		return;		/* as a handled signal would: go on */
	}
	fault_sig = sig;
	fault_addr = addr;
	hal_thread_switch(NULL, driver);	/* "kill" the program */
}

static void
kt_interrupt(void)
{
	uint32_t ev = hal_events_take();
	if (!(ev & HAL_EV_TIMER))
		return;
	ticks++;
	hal_timer_arm(hal_clock_ns() + 1000000);
	if (nusers == 1) {
		if (ticks >= 3) {
			uint64_t one = 1;
			hal_copy_to_user(data_va, &one, 8);
			hal_timer_arm(0);
		}
		return;
	}
	int me = x86_cur == users[1];
	if (alive[!me]) {
		switches++;
		hal_thread_switch(x86_cur, users[!me]);
	}
}

struct user_start {
	uintptr_t entry, sp, arg;
};

static void
user_thread(void *p)
{
	struct user_start *s = p;
	hal_user_enter(s->entry, s->sp, s->arg);
}

static void
test_memory(void)
{
	size_t total, used0, used1, used2;
	hal_page_counts(&total, &used0);
	uint8_t *p = hal_page_alloc(3);
	int zero = p != NULL;
	for (int i = 0; p && i < 3 * 4096; i++)
		zero &= p[i] == 0;
	hal_page_counts(&total, &used1);
	hal_page_free(p, 3);
	check(zero && used1 == used0 + 3, "hal_page_alloc gives zeroed pages and counts them");

	struct hal_as *as = hal_as_new();
	uintptr_t a = 0, ro = 0;
	int r = as ? hal_map(as, &a, 8192, HAL_PROT_READ | HAL_PROT_WRITE) : -1;
	r |= as ? hal_map(as, &ro, 4096, HAL_PROT_READ) : -1;
	check(r == 0 && a >= USER_MAP_BASE && a < USER_TOP, "hal_map chooses a user address");
	hal_as_activate(as);
	uint64_t v = 0x5a5a5a5a12345678ull, w = 0;
	int c1 = hal_copy_to_user(a + 4092, &v, 8);		/* across the page boundary */
	int c2 = hal_copy_from_user(&w, a + 4092, 8);
	check(c1 == 0 && c2 == 0 && w == v, "user copies across a page boundary");
	check(hal_copy_from_user(&w, a + 8192, 8) == -14, "copy from an unmapped page: -EFAULT");
	check(hal_copy_to_user(ro, &v, 8) == -14, "copy to a read-only page: -EFAULT");
	check(hal_copy_from_user(&w, (uintptr_t)&v, 8) == -14, "copy from a kernel address: -EFAULT");
	check(hal_protect(as, a, 4096, 0) == 0 && hal_copy_from_user(&w, a, 8) == -14,
	    "hal_protect(none) makes a page inaccessible");
	check(hal_unmap(as, a, 8192) == 0 && hal_copy_from_user(&w, a + 4096, 8) == -14,
	    "hal_unmap removes pages");
	/* A no-access reservation costs no frames until protect opens it. */
	uintptr_t res = 0;
	size_t before, after, opened;
	hal_page_counts(&total, &before);
	int rr = hal_map(as, &res, 64u << 20, 0);
	hal_page_counts(&total, &after);
	int pr = hal_protect(as, res + 8192, 4096, HAL_PROT_READ | HAL_PROT_WRITE);
	hal_page_counts(&total, &opened);
	w = 1;
	check(rr == 0 && after - before < 64 && pr == 0 && opened == after + 1 &&
	    hal_copy_from_user(&w, res + 8192, 8) == 0 && w == 0 &&
	    hal_copy_from_user(&w, res + 4096, 8) == -14,
	    "a 64 MiB no-access reservation is lazy; protect gives zeroed pages");
	hal_as_activate(NULL);
	hal_as_free(as);
	hal_page_counts(&total, &used2);
	check(used2 == used0, "hal_as_free returns every page");
	check(!x86_cpu.smap || (read_cr4() >> 21 & 1), "SMAP on when the CPU has it");
	check(!x86_cpu.smep || (read_cr4() >> 20 & 1), "SMEP on when the CPU has it");
}

/* Maps the blobs and a stack in a fresh address space; returns the code address. */
static uintptr_t
load_blob(struct hal_as *as, uintptr_t *stack_top, uintptr_t *data)
{
	uintptr_t code = 0, stack = 0;
	size_t len = (size_t)(kt_blob_end - kt_blob);
	hal_as_activate(as);
	if (hal_map(as, &code, len, HAL_PROT_READ | HAL_PROT_WRITE) != 0 ||
	    hal_copy_to_user(code, kt_blob, len) != 0 ||
	    hal_protect(as, code, len, HAL_PROT_READ | HAL_PROT_EXEC) != 0 ||
	    hal_map(as, &stack, 4 * 4096, HAL_PROT_READ | HAL_PROT_WRITE) != 0 ||
	    hal_map(as, data, 4096, HAL_PROT_READ | HAL_PROT_WRITE) != 0)
		x86_panic("ktest: cannot map the blob");
	*stack_top = stack + 4 * 4096 - 8;	/* as after a call */
	return code;
}

static void
test_ring3(void)
{
	size_t total, used0, used1;
	hal_page_counts(&total, &used0);
	struct hal_as *as = hal_as_new();
	uintptr_t sp;
	data_va = 0;
	uintptr_t code = load_blob(as, &sp, &data_va);
	struct user_start s = { code, sp, data_va };
	users[0] = hal_thread_new(user_thread, &s);
	nusers = 1;
	alive[0] = 1;
	hal_timer_arm(hal_clock_ns() + 1000000);
	hal_thread_switch(driver, users[0]);
	hal_timer_arm(0);

	check((report_set >> 1 & 1) && reports[1] == 42, "ring 3: syscall through the trampoline");
	check((report_set >> 2 & 1) && reports[2] == 0, "rbx and xmm1 survive a syscall");
	check(echo_rc == 0 && handler_sig == SIGUSR1, "signal frame: handler runs with the signal");
	check((report_set >> 3 & 1) && reports[3] == 777, "sigreturn resumes the syscall with its result");
	check((report_set >> 6 & 1) && reports[6] == 0, "FPU state survives a signal handler");
	check(sigsys_seen == 1, "syscall outside the trampoline: SIGSYS");
	check((report_set >> 4 & 1) && reports[4] == 0 && ticks >= 3,
	    "timer preempts ring 3; xmm2 survives");
	check(fault_sig == SIGSEGV && fault_addr == DMAP_BASE, "user read of kernel memory: SIGSEGV");
	hal_thread_free(users[0]);
	hal_as_activate(NULL);
	hal_as_free(as);
	hal_page_counts(&total, &used1);
	check(used1 == used0, "threads and address spaces free every page");
}

static void
test_switching(void)
{
	struct hal_as *as = hal_as_new();
	uintptr_t sp0, sp1, d0 = 0, d1 = 0;
	uintptr_t code = load_blob(as, &sp0, &d0);
	uintptr_t stack1 = 0;
	if (hal_map(as, &stack1, 4 * 4096, HAL_PROT_READ | HAL_PROT_WRITE) != 0)
		x86_panic("ktest: stack");
	(void)d1;
	sp1 = stack1 + 4 * 4096 - 8;
	uintptr_t spin = code + (uintptr_t)(kt_spin - kt_blob);
	struct user_start s0 = { spin, sp0, 0x1111222233334444ull };
	struct user_start s1 = { spin, sp1, 0x5555666677778888ull };
	users[0] = hal_thread_new(user_thread, &s0);
	users[1] = hal_thread_new(user_thread, &s1);
	nusers = 2;
	alive[0] = alive[1] = 1;
	report_set = 0;
	reports[5] = 0;
	switches = 0;
	hal_timer_arm(hal_clock_ns() + 1000000);
	hal_thread_switch(driver, users[0]);
	hal_timer_arm(0);
	check(switches >= 6 && reports[5] == 2, "two threads preempted back and forth keep their FPU state");
	hal_thread_free(users[0]);
	hal_thread_free(users[1]);
	hal_as_activate(NULL);
	hal_as_free(as);
}

static void
test_time_and_seed(void)
{
	uint64_t t0 = hal_clock_ns();
	hal_events_take();
	hal_timer_arm(t0 + 5000000);
	hal_idle();
	uint64_t t1 = hal_clock_ns();
	uint32_t ev = hal_events_take();
	check((ev & HAL_EV_TIMER) && t1 - t0 >= 5000000 && t1 - t0 < 200000000,
	    "one-shot timer wakes hal_idle after its deadline");
	x86_printf("kt      timer: 5 ms asked, %lu us slept\n", (t1 - t0) / 1000);
	uint64_t wall = hal_wallclock_ns() / 1000000000ull;
	check(wall > 1577836800ull && wall < 4102444800ull, "wall clock from the RTC is after 2020");
	uint64_t a[2] = { 0, 0 }, b[2] = { 0, 0 };
	hal_random_seed(a, sizeof a);
	hal_random_seed(b, sizeof b);
	check((a[0] | a[1]) && (a[0] != b[0] || a[1] != b[1]), "random seeds differ");
}

/*
 * With "ktest-input", qemu-ktest.sh types "ping" on COM1 after boot.  The
 * receiver is only read once the interrupt has said so: the FIFO raises it
 * at 14 bytes or after a character timeout, and a poll that came first
 * would take the bytes and leave no interrupt to count.
 */
static void
test_console(void)
{
	char buf[16];
	size_t n = 0;
	int told = 0;
	uint64_t until = hal_clock_ns() + 5000000000ull;
	x86_printf("kt input: type ping\n");
	while (n < 4 && hal_clock_ns() < until) {
		hal_timer_arm(hal_clock_ns() + 10000000);
		hal_idle();
		if (hal_events_take() & HAL_EV_CONSOLE)
			told = 1;
		if (!told)
			continue;
		long r = hal_console_read(buf + n, sizeof buf - n);
		if (r > 0)
			n += (size_t)r;
	}
	hal_timer_arm(0);
	check(told && n >= 4 && memcmp(buf, "ping", 4) == 0 && serial_irqs > 0,
	    "COM1 input by interrupt (HAL_EV_CONSOLE, hal_console_read)");
	x86_printf("kt      console: %lu bytes, %u receive interrupts\n",
	    (unsigned long)n, serial_irqs);
}

/* Idles until req is done; events are taken, or hal_idle would not halt again. */
static void
disk_wait(struct hal_blk_req *req)
{
	while (!req->done) {
		hal_idle();
		hal_events_take();
	}
}

/* Submits req and waits for it; submit's error or the result. */
static int
disk_run(struct hal_blk *d, struct hal_blk_req *req)
{
	int s = d->submit(d, req);
	if (s == 0)
		disk_wait(req);
	return s ? s : req->result;
}

static void
test_disk(void)
{
	struct hal_blk *d = hal_blk_get(0);
	if (!d) {
		x86_printf("kt skip no disk\n");
		return;
	}
	unsigned irqs0 = ahci_irqs;
	uint8_t *buf = hal_page_alloc(2);
	struct hal_blk_req r = { .op = HAL_BLK_READ, .sector = 5, .count = 2, .buf = buf };
	check(disk_run(d, &r) == 0 && memcmp(buf, "sector 5\n", 9) == 0 &&
	    memcmp(buf + 512, "sector 6\n", 9) == 0, "disk:0 reads sectors 5-6");
	memcpy(buf, "written by ktest\n", 17);
	struct hal_blk_req w = { .op = HAL_BLK_WRITE, .sector = 9, .count = 1, .buf = buf };
	struct hal_blk_req f = { .op = HAL_BLK_FLUSH };
	memset(buf + 1024, 0, 512);
	struct hal_blk_req r2 = { .op = HAL_BLK_READ, .sector = 9, .count = 1, .buf = buf + 1024 };
	int ok = disk_run(d, &w) == 0 && disk_run(d, &f) == 0 && disk_run(d, &r2) == 0 &&
	    memcmp(buf + 1024, "written by ktest\n", 17) == 0;
	check(ok, "disk:0 writes, flushes and reads back");
	/* Three requests queued at once complete in order, one event each way. */
	struct hal_blk_req q[3];
	for (int i = 0; i < 3; i++)
		q[i] = (struct hal_blk_req){ .op = HAL_BLK_READ, .sector = (uint64_t)(5 + i),
		    .count = 1, .buf = buf + 512 * i };
	ok = 1;
	for (int i = 0; i < 3; i++)
		ok &= d->submit(d, &q[i]) == 0;
	for (int i = 0; ok && i < 3; i++)
		disk_wait(&q[i]);
	ok = ok && q[0].result == 0 && q[1].result == 0 && q[2].result == 0 &&
	    memcmp(buf, "sector 5\n", 9) == 0 && memcmp(buf + 512, "sector 6\n", 9) == 0 &&
	    memcmp(buf + 1024, "sector 7\n", 9) == 0;
	check(ok, "disk:0 runs three queued requests");
	check(ahci_irqs > irqs0, "disk:0 completes by interrupt (MSI)");
	struct hal_blk_req bad = { .op = HAL_BLK_READ, .sector = d->sectors, .count = 1, .buf = buf };
	check(d->submit(d, &bad) != 0, "disk:0 refuses a read past the end");
	hal_page_free(buf, 2);
	x86_printf("kt      disk:0 %s, %lu sectors of %u bytes, %u interrupts\n", d->name,
	    d->sectors, d->sector_size, ahci_irqs - irqs0);
}

static void
ktest_main(void *arg)
{
	(void)arg;
	x86_core.syscall = kt_syscall;
	x86_core.fault = kt_fault;
	x86_core.interrupt = kt_interrupt;
	test_memory();
	test_ring3();
	test_switching();
	test_time_and_seed();
	if (x86_opts.ktest_input)
		test_console();
	test_disk();
	x86_printf("ktest: %d passed, %d failed\n", passed, failed);
	hal_poweroff(failed);
}

_Noreturn void
ktest_run(void)
{
	driver = hal_thread_new(ktest_main, NULL);
	hal_thread_switch(NULL, driver);
	x86_panic("ktest: the driver thread returned");
}

void
ktest_kernel_fault(void)
{
	x86_printf("kfault: reading an unmapped kernel address on purpose\n");
	volatile uint64_t *p = (volatile uint64_t *)0xffff900000000000ull;
	(void)*p;
}
