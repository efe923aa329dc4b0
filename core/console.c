/*
 * console.c - debug:, the console as a scheme.  Writes go to the HAL
 * console; input the HAL reports is kept in a ring until read.  When the
 * host's input ends (a file or pipe on stdin), reads return 0.
 */
#include "core/abi.h"
#include "core/console.h"
#include "core/file.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/scheme.h"
#include "core/sched.h"
#include "core/str.h"
#include "hal/hal.h"

#define RING 4096

static char ring[RING];
static size_t head, tail;	/* bytes are ring[tail..head) */
static bool eof;
static struct waitq readers;

void
console_event(void)
{
	char buf[256];
	for (;;) {
		size_t room = RING - (head - tail);
		if (room == 0)
			break;
		long n = hal_console_read(buf, room < sizeof buf ? room : sizeof buf);
		if (n < 0) {
			eof = true;
			break;
		}
		if (n == 0)
			break;
		for (long i = 0; i < n; i++)
			ring[head++ % RING] = buf[i];
	}
	waitq_wake(&readers, -1);
}

static int
dbg_open(struct scheme *s, const char *ref, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle)
{
	(void)s; (void)ref; (void)len; (void)flags; (void)c;
	*handle = 0;
	return 0;
}

static long
dbg_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	while (head == tail) {
		console_event();
		if (head != tail)
			break;
		if (eof)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_sleep(&readers, 0, true) == -EINTR)
			return -EINTR;
	}
	size_t n = 0;
	while (n < len && tail != head)
		((char *)buf)[n++] = ring[tail++ % RING];
	return (long)n;
}

static long
dbg_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	(void)s; (void)f;
	log_console(buf, len);
	return (long)len;
}

static int
dbg_fstat(struct scheme *s, struct file *f, struct redox_stat *st)
{
	(void)s; (void)f;
	st->st_mode = MODE_CHR | 0666;
	st->st_nlink = 1;
	return 0;
}

static int
dbg_fevent(struct scheme *s, struct file *f, uint32_t flags)
{
	(void)s; (void)f;
	return (int)(flags & (EVENT_WRITE | ((head != tail || eof) ? EVENT_READ : 0)));
}

static long
dbg_fpath(struct scheme *s, struct file *f, char *buf, size_t len)
{
	(void)s; (void)f;
	if (len < 6)
		return -ERANGE;
	memcpy(buf, "debug:", 6);
	return 6;
}

static const struct scheme_ops debug_ops = {
	.open = dbg_open,
	.read = dbg_read,
	.write = dbg_write,
	.fstat = dbg_fstat,
	.fevent = dbg_fevent,
	.fpath = dbg_fpath,
};

int
console_init(void)
{
	waitq_init(&readers);
	return scheme_register("debug", 5, &debug_ops, NULL, NULL);
}
