/*
 * timescheme.c - time:N, the clocks as files (N = CLOCK_REALTIME 1 or
 * CLOCK_MONOTONIC 4, the default).
 *
 * Reading gives the current time as a struct redox_timespec.  Writing
 * timespecs arms one-shot timeouts at those absolute times on the file's
 * clock; when one passes, the file reports EVENT_READ to event: queues
 * watching it, as in Redox, so an event loop gets its timers from the
 * same queue as its other files.  Each file holds at most TM_MAX armed
 * timeouts: a program cannot fill the core's heap with them.
 */
#include "core/abi.h"
#include "core/event.h"
#include "core/file.h"
#include "core/fmt.h"
#include "core/kmem.h"
#include "core/scheme.h"
#include "core/sched.h"
#include "core/timescheme.h"
#include "core/str.h"
#include "hal/hal.h"

#define TM_MAX 64
#define NS 1000000000ull

struct tfile {
	int clock;
	unsigned armed;
	struct list timeouts;
};

struct timeout {
	struct ktimer k;		/* first: fire() gets &k */
	struct tfile *tf;
	struct list link;		/* on tf->timeouts */
};

static struct scheme *time_scheme;

static uint64_t
now_ns(int clock)
{
	return clock == CLOCK_REALTIME ? hal_wallclock_ns() : hal_clock_ns();
}

static void
tm_fire(struct ktimer *k)
{
	struct timeout *t = (struct timeout *)k;
	struct tfile *tf = t->tf;
	list_remove(&t->link);
	tf->armed--;
	kmem_free(t);
	event_trigger(time_scheme, (uint64_t)(uintptr_t)tf, EVENT_READ);
}

static int
tm_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s; (void)flags; (void)c;
	scheme_trim(&ref, &len);
	long n = len ? str_to_long(ref, len) : CLOCK_MONOTONIC;
	if (n != CLOCK_REALTIME && n != CLOCK_MONOTONIC)
		return -ENOENT;
	struct tfile *tf = kmem_alloc(sizeof *tf);
	if (!tf)
		return -ENOMEM;
	tf->clock = (int)n;
	list_init(&tf->timeouts);
	*handle = (uint64_t)(uintptr_t)tf;
	return 0;
}

static long
tm_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	struct tfile *tf = (struct tfile *)(uintptr_t)f->handle;
	struct redox_timespec ts;
	if (len < sizeof ts)
		return -EINVAL;
	uint64_t ns = now_ns(tf->clock);
	ts.tv_sec = (int64_t)(ns / NS);
	ts.tv_nsec = (int32_t)(ns % NS);
	ts._pad = 0;
	memcpy(buf, &ts, sizeof ts);
	return sizeof ts;
}

/* A deadline on the file's clock, as a monotonic time (0 = already due). */
static uint64_t
to_monotonic(int clock, const struct redox_timespec *ts)
{
	if (ts->tv_sec < 0)
		return 0;
	if ((uint64_t)ts->tv_sec >= UINT64_MAX / NS - 1)
		return UINT64_MAX;	/* sched_timer_add caps it */
	uint64_t at = (uint64_t)ts->tv_sec * NS + (uint64_t)ts->tv_nsec;
	if (clock == CLOCK_MONOTONIC)
		return at;
	uint64_t real = hal_wallclock_ns();
	return at <= real ? 0 : sched_deadline_in(at - real);
}

static long
tm_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	(void)s;
	struct tfile *tf = (struct tfile *)(uintptr_t)f->handle;
	struct redox_timespec ts;
	size_t n = len / sizeof ts;
	if (n == 0 || len % sizeof ts)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		memcpy(&ts, (const char *)buf + i * sizeof ts, sizeof ts);
		if (ts.tv_nsec < 0 || (uint64_t)ts.tv_nsec >= NS)
			return i ? (long)(i * sizeof ts) : -EINVAL;
		if (tf->armed >= TM_MAX)
			return i ? (long)(i * sizeof ts) : -EAGAIN;
		struct timeout *t = kmem_alloc(sizeof *t);
		if (!t)
			return i ? (long)(i * sizeof ts) : -ENOMEM;
		t->tf = tf;
		t->k.fire = tm_fire;
		list_push_back(&tf->timeouts, &t->link);
		tf->armed++;
		sched_timer_add(&t->k, to_monotonic(tf->clock, &ts));
	}
	return (long)(n * sizeof ts);
}

static int
tm_close(struct scheme *s, uint64_t handle)
{
	(void)s;
	struct tfile *tf = (struct tfile *)(uintptr_t)handle;
	struct list *l;
	while ((l = list_pop_front(&tf->timeouts)) != NULL) {
		struct timeout *t = list_entry(l, struct timeout, link);
		sched_timer_cancel(&t->k);
		kmem_free(t);
	}
	kmem_free(tf);
	return 0;
}

/* Nothing is pending at registration: timeouts are edges. */
static int
tm_fevent(struct scheme *s, struct file *f, uint32_t flags)
{
	(void)s; (void)f; (void)flags;
	return 0;
}

static int
tm_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s; (void)f;
	st->st_mode = MODE_CHR | 0666;
	return 0;
}

static long
tm_fpath(struct scheme *s, struct file *f, char *buf, size_t len)
{
	(void)s;
	struct tfile *tf = (struct tfile *)(uintptr_t)f->handle;
	char path[16];
	size_t n = fmt_format(path, sizeof path, "time:%d", tf->clock);
	if (n > len)
		n = len;
	memcpy(buf, path, n);
	return (long)n;
}

static const struct scheme_ops time_ops = {
	.open = tm_open, .read = tm_read, .write = tm_write, .close = tm_close,
	.fevent = tm_fevent, .fstat = tm_fstat, .fpath = tm_fpath,
};

int
timescheme_init(void)
{
	return scheme_register(STR_LIT("time"), &time_ops, NULL, &time_scheme);
}
