/*
 * timescheme.c - time:N, the clocks as files (N = CLOCK_REALTIME 1 or
 * CLOCK_MONOTONIC 4).  Reading gives the current time as a struct
 * redox_timespec.
 */
#include "core/abi.h"
#include "core/file.h"
#include "core/scheme.h"
#include "core/str.h"
#include "hal/hal.h"

int timescheme_init(void);

static int
tm_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s; (void)flags; (void)c;
	scheme_trim(&ref, &len);
	long n = len ? str_to_long(ref, len) : CLOCK_MONOTONIC;
	if (n != CLOCK_REALTIME && n != CLOCK_MONOTONIC)
		return -ENOENT;
	*handle = (uint64_t)n;
	return 0;
}

static long
tm_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	struct redox_timespec ts;
	if (len < sizeof ts)
		return -EINVAL;
	uint64_t ns = f->handle == CLOCK_REALTIME ? hal_wallclock_ns() : hal_clock_ns();
	ts.tv_sec = (int64_t)(ns / 1000000000ull);
	ts.tv_nsec = (int32_t)(ns % 1000000000ull);
	ts._pad = 0;
	memcpy(buf, &ts, sizeof ts);
	return sizeof ts;
}

static int
tm_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s; (void)f;
	st->st_mode = MODE_CHR | 0444;
	return 0;
}

static const struct scheme_ops time_ops = {
	.open = tm_open, .read = tm_read, .fstat = tm_fstat,
};

int
timescheme_init(void)
{
	return scheme_register("time", 4, &time_ops, NULL, NULL);
}
