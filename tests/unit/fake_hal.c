/*
 * fake_hal.c - the HAL the unit tests link core.a against (fake_hal.h).
 *
 * Plain glibc C.  core/abi.h comes first for the errno values the
 * contract speaks in; glibc's <errno.h> would redefine them.
 */
#include "core/abi.h"
#include "tests/unit/fake_hal.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- escaping from calls that do not return ---------------------------- */

static jmp_buf *escape;
static volatile int escape_why;

static _Noreturn void
leave(int why, const char *what)
{
	if (!escape) {
		fprintf(stderr, "fake_hal: %s outside fake_run(); console:\n%s\n",
		    what, fake_console());
		abort();
	}
	escape_why = why;
	longjmp(*escape, 1);
}

int
fake_run(void (*fn)(void *), void *arg)
{
	jmp_buf here, *outer = escape;
	int why;

	escape = &here;
	if (setjmp(here) == 0) {
		fn(arg);
		why = FAKE_RETURNED;
	} else {
		why = escape_why;
	}
	escape = outer;
	return why;
}

/* ---- boot and console ---------------------------------------------------- */

static const struct hal_bootinfo boot = {
	.backend = "fake",
	.cmdline = "",
};

static char console[1 << 16];
static size_t console_len;

const struct hal_bootinfo *
hal_boot_info(void)
{
	return &boot;
}

void
hal_console_write(const char *buf, size_t len)
{
	/* Keep the first 64 KiB; tests look at short outputs. */
	size_t room = sizeof console - 1 - console_len;
	if (len > room)
		len = room;
	memcpy(console + console_len, buf, len);
	console_len += len;
	console[console_len] = 0;
}

long
hal_console_read(char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return 0;
}

const char *
fake_console(void)
{
	return console;
}

void
fake_console_reset(void)
{
	console_len = 0;
	console[0] = 0;
}

_Noreturn void
hal_poweroff(int status)
{
	leave(status & 0xff, "hal_poweroff");
}

/* ---- time and events ------------------------------------------------------ */

static uint64_t now, deadline;
static uint32_t pending;

#define WALL_OFFSET 1700000000000000000ull	/* a fixed date in 2023 */

uint64_t hal_clock_ns(void) { return now; }
uint64_t hal_cpu_ticks(void) { return now; }
uint64_t hal_wallclock_ns(void) { return WALL_OFFSET + now; }
void hal_timer_arm(uint64_t d) { deadline = d; }
void fake_clock_set(uint64_t ns) { now = ns; }
uint64_t fake_timer(void) { return deadline; }
void fake_events_raise(uint32_t ev) { pending |= ev; }

uint32_t
hal_events_take(void)
{
	uint32_t ev = pending;
	pending = 0;
	return ev;
}

/*
 * Idling is a simulation step: time jumps to the armed deadline and the
 * timer fires.  With nothing armed and nothing pending the core would
 * sleep forever, which a test wants to see rather than hang on.
 */
void
hal_idle(void)
{
	if (pending)
		return;
	if (!deadline)
		leave(FAKE_DEADLOCK, "hal_idle with nothing to wait for");
	if (deadline > now)
		now = deadline;
	deadline = 0;
	pending |= HAL_EV_TIMER;
}

/* ---- threads ----------------------------------------------------------- */

struct hal_thread {
	void (*entry)(void *);
	void *arg;
	uintptr_t tp;
};

struct hal_thread *fake_switch_from, *fake_switch_to;
unsigned fake_switches;
void (*fake_switch_hook)(struct hal_thread *from, struct hal_thread *to);
static int threads_live;

struct hal_thread *
hal_thread_new(void (*entry)(void *), void *arg)
{
	struct hal_thread *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->entry = entry;
	t->arg = arg;
	threads_live++;
	return t;
}

void
hal_thread_free(struct hal_thread *t)
{
	if (!t)
		return;
	threads_live--;
	free(t);
}

/* No stacks to switch: record it and return as if `from` ran again at
 * once.  Dropping the running context cannot return, so that escapes. */
void
hal_thread_switch(struct hal_thread *from, struct hal_thread *to)
{
	fake_switch_from = from;
	fake_switch_to = to;
	fake_switches++;
	if (!from)
		leave(FAKE_DROPPED, "hal_thread_switch(NULL, ...)");
	if (fake_switch_hook)
		fake_switch_hook(from, to);
}

_Noreturn void
hal_user_enter(uintptr_t entry, uintptr_t sp, uintptr_t arg)
{
	(void)entry; (void)sp; (void)arg;
	leave(FAKE_USER, "hal_user_enter");
}

void hal_thread_set_tp(struct hal_thread *t, uintptr_t tp, size_t head) { (void)head; t->tp = tp; }
uintptr_t hal_thread_tp(struct hal_thread *t) { return t->tp; }

/* No user stacks run here: nothing to bound. */
void
hal_thread_set_stack(struct hal_thread *t, uintptr_t lo, uintptr_t hi)
{
	(void)t; (void)lo; (void)hi;
}
int fake_threads_live(void) { return threads_live; }

/* ---- signal frames ------------------------------------------------------ */

struct fake_sigframe fake_sigframes[FAKE_SIGFRAMES];
int fake_nsigframes;

int
hal_signal_push(const struct hal_sigpush *a)
{
	if (fake_nsigframes == FAKE_SIGFRAMES)
		return -EFAULT;
	struct fake_sigframe *f = &fake_sigframes[fake_nsigframes++];
	*f = (struct fake_sigframe){ a->handler, a->restorer, a->sig, a->cookie, a->rax,
	    { 0 }, a->alt_lo, a->alt_hi, { 0 } };
	memcpy(f->saved, a->saved, a->saved_len);
	memcpy(f->info, a->info, a->info_len < sizeof f->info ? a->info_len : sizeof f->info);
	return 0;
}

int
hal_signal_return(struct hal_sigret *r)
{
	if (fake_nsigframes == 0)
		return -EFAULT;
	struct fake_sigframe *f = &fake_sigframes[--fake_nsigframes];
	r->cookie = f->cookie;
	r->rax = f->rax;
	memcpy(r->saved, f->saved, sizeof r->saved);
	return 0;
}

uintptr_t fake_user_sp;

uintptr_t
hal_user_sp(void)
{
	return fake_user_sp;
}

void
hal_thread_set_altstack(struct hal_thread *t, uintptr_t lo, uintptr_t hi)
{
	(void)t; (void)lo; (void)hi;
}

/* ---- address spaces: interval lists, no memory ------------------------- */

#define AS_MAX_IVS 512
#define FAKE_USER_BASE 0x100000000ull	/* where the fake HAL hands out */

struct iv {
	uintptr_t a, b;
	int prot;
};

struct hal_as {
	int n;
	struct iv iv[AS_MAX_IVS];
};

static int as_live;
static uintptr_t next_addr = FAKE_USER_BASE;
unsigned fake_protect_calls;

struct hal_as *
hal_as_new(void)
{
	struct hal_as *as = calloc(1, sizeof *as);
	if (as)
		as_live++;
	return as;
}

void
hal_as_free(struct hal_as *as)
{
	if (!as)
		return;
	as_live--;
	free(as);
}

void hal_as_activate(struct hal_as *as) { (void)as; }
uintptr_t hal_syscall_entry(struct hal_as *as) { (void)as; return 0x5000; }
int fake_as_live(void) { return as_live; }

/* Removes [a, b) from the intervals, cutting those that straddle it. */
static int
as_clear(struct hal_as *as, uintptr_t a, uintptr_t b)
{
	for (int i = 0; i < as->n; i++) {
		struct iv *v = &as->iv[i];
		if (v->b <= a || v->a >= b)
			continue;
		if (v->a < a && v->b > b) {	/* a hole in the middle */
			if (as->n == AS_MAX_IVS)
				return -ENOMEM;
			as->iv[as->n++] = (struct iv){ b, v->b, v->prot };
			v->b = a;
		} else if (v->a < a) {
			v->b = a;
		} else if (v->b > b) {
			v->a = b;
		} else {
			as->iv[i--] = as->iv[--as->n];
		}
	}
	return 0;
}

static int
as_set(struct hal_as *as, uintptr_t a, uintptr_t b, int prot)
{
	int e = as_clear(as, a, b);
	if (e)
		return e;
	if (as->n == AS_MAX_IVS)
		return -ENOMEM;
	as->iv[as->n++] = (struct iv){ a, b, prot };
	return 0;
}

static int
aligned(uintptr_t addr, size_t len)
{
	return len && !(addr % HAL_PAGE_SIZE) && !(len % HAL_PAGE_SIZE) &&
	    addr + len > addr;
}

int
hal_map(struct hal_as *as, uintptr_t *addr, size_t len, int prot)
{
	if (!*addr) {
		/* A guard page between choices keeps them from touching. */
		*addr = next_addr;
		next_addr += len + HAL_PAGE_SIZE;
	}
	if (!aligned(*addr, len))
		return -EINVAL;
	return as_set(as, *addr, *addr + len, prot);
}

int
hal_unmap(struct hal_as *as, uintptr_t addr, size_t len)
{
	if (!aligned(addr, len))
		return -EINVAL;
	return as_clear(as, addr, addr + len);
}

/* The fake's pages are there from the map on, as on x86_64. */
void
hal_prefault(struct hal_as *as, uintptr_t addr, size_t len)
{
	(void)as;
	(void)addr;
	(void)len;
}

/* Like mprotect: every page of the range must be mapped. */
int
hal_protect(struct hal_as *as, uintptr_t addr, size_t len, int prot)
{
	fake_protect_calls++;
	if (!aligned(addr, len))
		return -EINVAL;
	for (uintptr_t p = addr; p < addr + len; p += HAL_PAGE_SIZE)
		if (fake_as_prot(as, p) < 0)
			return -ENOMEM;
	return as_set(as, addr, addr + len, prot);
}

size_t
fake_as_mapped(struct hal_as *as)
{
	size_t n = 0;
	for (int i = 0; i < as->n; i++)
		n += as->iv[i].b - as->iv[i].a;
	return n;
}

int
fake_as_prot(struct hal_as *as, uintptr_t addr)
{
	for (int i = 0; i < as->n; i++)
		if (as->iv[i].a <= addr && addr < as->iv[i].b)
			return as->iv[i].prot;
	return -1;
}

/* ---- user memory: the tests' own memory, with holes on request ---------- */

static uintptr_t bad_lo, bad_hi;

void
fake_user_bad(uintptr_t lo, uintptr_t hi)
{
	bad_lo = lo;
	bad_hi = hi;
}

static int
faults(uintptr_t p, size_t len)
{
	return bad_lo < bad_hi && p < bad_hi && p + len > bad_lo;
}

int
hal_copy_from_user(void *dst, uintptr_t src, size_t len)
{
	if (faults(src, len))
		return -EFAULT;
	memcpy(dst, (const void *)src, len);
	return 0;
}

int
hal_copy_to_user(uintptr_t dst, const void *src, size_t len)
{
	if (faults(dst, len))
		return -EFAULT;
	memcpy((void *)dst, src, len);
	return 0;
}

/* ---- kernel pages ------------------------------------------------------ */

/* Every live run, so a free with the wrong length is caught. */
struct run {
	void *p;
	size_t n;
	struct run *next;
};

static struct run *runs;
static size_t pages_used;
static long fail_after = -1;

void *
hal_page_alloc(size_t npages)
{
	if (npages == 0)
		return NULL;
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	void *p = aligned_alloc(HAL_PAGE_SIZE, npages * HAL_PAGE_SIZE);
	struct run *r = malloc(sizeof *r);
	if (!p || !r) {
		free(p);
		free(r);
		return NULL;
	}
	memset(p, 0, npages * HAL_PAGE_SIZE);
	*r = (struct run){ p, npages, runs };
	runs = r;
	pages_used += npages;
	return p;
}

void
hal_page_free(void *p, size_t npages)
{
	for (struct run **rp = &runs; *rp; rp = &(*rp)->next) {
		struct run *r = *rp;
		if (r->p != p)
			continue;
		if (r->n != npages) {
			fprintf(stderr, "fake_hal: page run %p of %zu freed as %zu\n",
			    p, r->n, npages);
			abort();
		}
		*rp = r->next;
		free(r);
		free(p);
		pages_used -= npages;
		return;
	}
	fprintf(stderr, "fake_hal: hal_page_free(%p) of no live run\n", p);
	abort();
}

void
hal_page_counts(size_t *total, size_t *used)
{
	*total = 65536;
	*used = pages_used;
}

size_t fake_pages_used(void) { return pages_used; }
void fake_pages_fail_after(long n) { fail_after = n; }

/* ---- randomness and devices ------------------------------------------- */

/* Deterministic: the core is meant to be replayable from its inputs. */
void
hal_random_seed(void *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		((uint8_t *)buf)[i] = (uint8_t)(i * 0x9d + 1);
}

struct hal_blk *
hal_blk_get(unsigned index)
{
	(void)index;
	return NULL;
}

struct hal_nic *
hal_nic_get(unsigned index)
{
	(void)index;
	return NULL;
}
