/*
 * console.c - debug:, the console as a scheme and a terminal.  Writes go
 * to the HAL console; typed bytes go through the line discipline
 * (tty.c): canonical lines with editing, echo when a person types (the
 * HAL's console_echo), and the signal keys, which become signals to the
 * foreground process group.  When the host's input ends (a file or pipe
 * on stdin), the half-typed line is handed over and reads return 0.
 *
 * Besides the terminal (handle 0), dup(fd, "termios"), "winsize" and
 * "pgrp" give handles whose read and write get and set that state, as on
 * pty: (core/PROTOCOL.md).
 */
#include "core/abi.h"
#include "core/console.h"
#include "core/file.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/scheme.h"
#include "core/sched.h"
#include "core/signal.h"
#include "core/str.h"
#include "core/tty.h"
#include "hal/hal.h"

enum { H_TTY, H_TERMIOS, H_WINSIZE, H_PGRP };

static struct tty con;
static bool eof;
static struct waitq readers;

static void
con_echo(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	log_console(s, n);
}

/* Is any process still in group pgid? */
static bool
group_alive(int pgid)
{
	for (struct proc *p = proc_next(NULL); p; p = proc_next(p))
		if (p->pgid == pgid && p->state != P_ZOMBIE)
			return true;
	return false;
}

void
console_event(void)
{
	char buf[256];
	for (;;) {
		size_t room = tty_room(&con);
		if (room == 0)
			break;
		long n = hal_console_read(buf, room < sizeof buf ? room : sizeof buf);
		if (n < 0) {
			eof = true;
			tty_flush_line(&con);
			break;
		}
		if (n == 0)
			break;
		for (long i = 0; i < n; i++) {
			int sig = tty_input(&con, buf[i]);
			if (sig && con.pgrp)
				signal_group(con.pgrp, sig);
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

/* A reader outside the foreground group stops (SIGTTIN), as on Unix;
 * one that ignores or blocks it gets -EIO. */
static long
background_check(void)
{
	struct proc *p = proc_current();
	if (!con.pgrp || p->pgid == con.pgrp || p->pid == 1 || !group_alive(con.pgrp))
		return 0;
	if (!signal_would_act(SIGTTIN))
		return -EIO;
	signal_group(p->pgid, SIGTTIN);
	return -EINTR;
}

/* The state a termios/winsize/pgrp handle stands for. */
static long
state_io(uint64_t h, void *buf, size_t len, bool write)
{
	void *obj = h == H_TERMIOS ? (void *)&con.tio : h == H_WINSIZE ? (void *)&con.ws :
	    (void *)&con.pgrp;
	size_t size = h == H_TERMIOS ? sizeof con.tio : h == H_WINSIZE ? sizeof con.ws :
	    sizeof con.pgrp;
	if (len < size)
		return -EINVAL;
	if (!write) {
		memcpy(buf, obj, size);
		return (long)size;
	}
	if (h == H_TERMIOS) {
		struct redox_termios t;
		memcpy(&t, buf, sizeof t);
		long e = tty_set_termios(&con, &t);
		waitq_wake(&readers, -1);
		return e ? e : (long)size;
	}
	if (h == H_PGRP) {
		int32_t g;
		memcpy(&g, buf, sizeof g);
		if (g <= 0)
			return -EINVAL;
		if (!group_alive(g))
			return -EPERM;
		con.pgrp = g;
		waitq_wake(&readers, -1);
		return (long)size;
	}
	memcpy(obj, buf, size);
	return (long)size;
}

static long
dbg_read(struct scheme *s, struct file *f, void *buf, size_t len)
{
	(void)s;
	if (f->handle != H_TTY)
		return state_io(f->handle, buf, len, false);
	for (;;) {
		long e = background_check();
		if (e)
			return e;
		console_event();
		long n = tty_read(&con, buf, len);
		if (n != -EAGAIN)
			return n;
		if (eof)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_sleep(&readers, 0, true) == -EINTR)
			return -EINTR;
	}
}

static long
dbg_write(struct scheme *s, struct file *f, const void *buf, size_t len)
{
	(void)s;
	if (f->handle != H_TTY)
		return state_io(f->handle, (void *)buf, len, true);
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
	(void)s;
	if (f->handle != H_TTY)
		return (int)(flags & (EVENT_READ | EVENT_WRITE));
	return (int)(flags & (EVENT_WRITE | ((tty_readable(&con) || eof) ? EVENT_READ : 0)));
}

static int
dbg_dup(struct scheme *s, struct file *f, const char *name, size_t len,
    const struct cred *c, uint64_t *handle)
{
	(void)s; (void)c;
	if (f->handle != H_TTY)
		return -EINVAL;
	if (str_eqn(name, len, "termios"))
		*handle = H_TERMIOS;
	else if (str_eqn(name, len, "winsize"))
		*handle = H_WINSIZE;
	else if (str_eqn(name, len, "pgrp"))
		*handle = H_PGRP;
	else
		return -EINVAL;
	return 0;
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
	.dup = dbg_dup,
	.fstat = dbg_fstat,
	.fevent = dbg_fevent,
	.fpath = dbg_fpath,
};

int
console_init(void)
{
	tty_init(&con, hal_boot_info()->console_echo, con_echo, NULL);
	waitq_init(&readers);
	return scheme_register(STR_LIT("debug"), &debug_ops, NULL, NULL);
}
