/*
 * console.c - debug:, the console as a scheme.  Writes go to the HAL
 * console; input the HAL reports is kept in a ring until read.  When the
 * host's input ends (a file or pipe on stdin), reads return 0.
 *
 * When a person types (the HAL's console_echo), the console is a small
 * line discipline, as a tty in canonical mode: it echoes, Enter ends a
 * line, Backspace and Ctrl-U edit it, and Ctrl-D on an empty line is end
 * of input for that read.  Readers get whole lines.
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
static bool echo;
static char line[256];		/* the line being typed (echo mode) */
static size_t line_len;
static int eof_marks;		/* Ctrl-D on an empty line, not yet read */

static void
put(char c)
{
	if (head - tail < RING)
		ring[head++ % RING] = c;
}

/* One typed byte through the line discipline. */
static void
typed(char c)
{
	if (c == '\r')
		c = '\n';
	if (c == 0x7f || c == '\b') {
		if (line_len) {
			line_len--;
			log_console("\b \b", 3);
		}
	} else if (c == 0x15) {		/* Ctrl-U */
		while (line_len) {
			line_len--;
			log_console("\b \b", 3);
		}
	} else if (c == 0x04) {		/* Ctrl-D */
		if (line_len == 0)
			eof_marks++;
	} else if (c == '\n' || line_len < sizeof line - 1) {
		if (c != '\n')
			line[line_len++] = c;
		log_console(&c, 1);
		if (c == '\n') {
			for (size_t i = 0; i < line_len; i++)
				put(line[i]);
			put('\n');
			line_len = 0;
		}
	}
}

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
		for (long i = 0; i < n; i++) {
			if (echo)
				typed(buf[i]);
			else
				put(buf[i]);
		}
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
		if (eof_marks) {
			eof_marks--;
			return 0;
		}
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
	memcpy(buf, STR_LIT("debug:"));
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
	echo = hal_boot_info()->console_echo;
	waitq_init(&readers);
	return scheme_register(STR_LIT("debug"), &debug_ops, NULL, NULL);
}
