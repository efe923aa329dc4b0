/*
 * ptyd - pseudo-terminals: `pty:`.  Opening `pty:` makes a new terminal
 * and gives its master end (a terminal emulator holds it); its fpath is
 * `pty:N`, and opening `pty:N` gives the slave end, the terminal programs
 * read and write.  What the master writes is typed on the terminal and
 * goes through the same line discipline as the console's (core/tty.c,
 * built into this program): lines, echo, and the signal keys, which
 * become kill(-group, sig) for the terminal's foreground group.  What
 * the slave writes (with \n made \r\n) and the echo are what the master
 * reads.  dup(fd, "termios" | "winsize" | "pgrp") works on either end, as
 * on the console.
 *
 * Reads that must wait are kept (SERVE_DEFER) and answered when data
 * comes; a CANCEL drops one whose caller gave up, so nothing typed is
 * handed to a reader that is gone.  Writes to a full queue are kept the
 * same way.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <redox.h>
#include "core/tty.h"
#include "schemes/lib/serve.h"
#include "schemes/ptyd/pty.h"

static int sfd;			/* our scheme's descriptor */
static struct pty ptys[PTY_MAX];

static struct pty *
pty_of(uint64_t h)
{
	uint64_t i = h >> 8;
	return i < PTY_MAX && ptys[i].used ? &ptys[i] : NULL;
}

static int
kind_of(uint64_t h)
{
	return (int)(h & 0xff);
}

static uint64_t
handle(const struct pty *p, int kind)
{
	return ((uint64_t)(p - ptys) << 8) | (uint64_t)kind;
}

/* The tty's echo: into the master's queue like the slave's output. */
static void
echo(void *ctx, const char *s, size_t n)
{
	pty_output(ctx, s, n);
}

static int64_t
open_pty(const char *path, uint32_t len)
{
	if (len == 0) {
		for (int i = 0; i < PTY_MAX; i++)
			if (!ptys[i].used) {
				struct pty *p = &ptys[i];
				pty_init(p, i);
				tty_init(&p->tty, true, echo, p);
				p->masters = 1;
				return (int64_t)handle(p, PTY_MASTER);
			}
		return -ENOSPC;
	}
	uint64_t n = 0;
	for (uint32_t i = 0; i < len; i++) {
		if (path[i] < '0' || path[i] > '9' || n >= PTY_MAX)
			return -ENOENT;
		n = n * 10 + (uint64_t)(path[i] - '0');
	}
	if (n >= PTY_MAX || !ptys[n].used || ptys[n].masters == 0)
		return -ENOENT;
	ptys[n].slaves++;
	ptys[n].had_slave = 1;
	return (int64_t)handle(&ptys[n], PTY_SLAVE);
}

/* termios, winsize and pgrp handles: get or set the state. */
static int64_t
state_io(struct pty *p, int kind, const void *in, uint32_t in_len, void *out,
    uint32_t cap, uint32_t *out_len, int write)
{
	void *obj = kind == PTY_TERMIOS ? (void *)&p->tty.tio :
	    kind == PTY_WINSIZE ? (void *)&p->tty.ws : (void *)&p->tty.pgrp;
	uint32_t size = kind == PTY_TERMIOS ? sizeof p->tty.tio :
	    kind == PTY_WINSIZE ? sizeof p->tty.ws : sizeof p->tty.pgrp;
	if (!write) {
		if (cap < size)
			return -EINVAL;
		memcpy(out, obj, size);
		*out_len = size;
		return size;
	}
	if (in_len < size)
		return -EINVAL;
	if (kind == PTY_TERMIOS) {
		struct redox_termios t;
		memcpy(&t, in, sizeof t);
		tty_set_termios(&p->tty, &t);
	} else if (kind == PTY_PGRP) {
		int32_t g;
		memcpy(&g, in, sizeof g);
		if (g <= 0)
			return -EINVAL;
		if (kill(-g, 0) != 0)
			return -EPERM;
		p->tty.pgrp = g;
	} else {
		memcpy(obj, in, size);
		if (p->tty.pgrp)
			kill(-p->tty.pgrp, SIGWINCH);
	}
	return size;
}

/* A slave reader outside the foreground group stops, as on the console. */
static int64_t
background(struct pty *p, uint64_t pid)
{
	pid_t g = getpgid((pid_t)pid);
	if (!p->tty.pgrp || g < 0 || g == p->tty.pgrp || kill(-p->tty.pgrp, 0) != 0)
		return 0;
	kill(-g, SIGTTIN);
	return -EINTR;
}

static int64_t
do_read(struct pty *p, int kind, const struct scheme_request *rq, void *out,
    uint32_t *out_len)
{
	uint32_t want = rq->c < SCHEME_PAYLOAD_MAX ? (uint32_t)rq->c : SCHEME_PAYLOAD_MAX;
	int64_t r;
	if (kind == PTY_SLAVE && (r = background(p, rq->pid)) != 0)
		return r;
	r = kind == PTY_MASTER ? pty_take_output(p, out, want) : pty_take_input(p, out, want);
	if (r != -EAGAIN) {
		*out_len = r > 0 ? (uint32_t)r : 0;
		return r;
	}
	if (rq->flags & O_NONBLOCK)
		return -EAGAIN;
	return pty_defer(p, rq, kind, NULL, 0) == 0 ? SERVE_DEFER : -ENOMEM;
}

static int64_t
do_write(struct pty *p, int kind, const struct scheme_request *rq, const char *in)
{
	uint32_t len = rq->len < rq->c ? rq->len : (uint32_t)rq->c;
	if (kind == PTY_MASTER) {
		pty_type(p, in, len);
		return len;
	}
	if (p->masters == 0)
		return -EIO;
	size_t n = pty_output(p, in, len);
	if (n == len)
		return len;
	if (n > 0 || (rq->flags & O_NONBLOCK))
		return n > 0 ? (int64_t)n : -EAGAIN;
	return pty_defer(p, rq, kind, in, len) == 0 ? SERVE_DEFER : -ENOMEM;
}

static void
do_close(struct pty *p, int kind)
{
	if (kind == PTY_MASTER && p->masters > 0 && --p->masters == 0)
		pty_hangup(p);
	else if (kind == PTY_SLAVE && p->slaves > 0)
		p->slaves--;
	if (p->masters == 0 && p->slaves == 0 && p->subs == 0)
		pty_free(p);
}

static int64_t
handle_rq(void *ctx, const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	(void)ctx;
	if (rq->op == SCHEME_OPEN)
		return open_pty(in, rq->len);
	if (rq->op == SCHEME_CANCEL) {
		for (int i = 0; i < PTY_MAX; i++)
			if (ptys[i].used && pty_cancel(&ptys[i], rq->a))
				break;
		return 0;
	}
	struct pty *p = pty_of(rq->a);
	int kind = kind_of(rq->a);
	if (!p)
		return scheme_op_missing(rq->op);
	int end = kind == PTY_MASTER || kind == PTY_SLAVE;
	int64_t r;
	switch (rq->op) {
	case SCHEME_READ:
		if (serve_positioned(rq))
			return -ESPIPE;
		r = end ? do_read(p, kind, rq, out, out_len) :
		    state_io(p, kind, NULL, 0, out, (uint32_t)cap, out_len, 0);
		break;
	case SCHEME_WRITE:
		if (serve_positioned(rq))
			return -ESPIPE;
		r = end ? do_write(p, kind, rq, in) :
		    state_io(p, kind, in, rq->len, NULL, 0, NULL, 1);
		break;
	case SCHEME_DUP: {
		int sub = rq->len == 7 && !memcmp(in, "termios", 7) ? PTY_TERMIOS :
		    rq->len == 7 && !memcmp(in, "winsize", 7) ? PTY_WINSIZE :
		    rq->len == 4 && !memcmp(in, "pgrp", 4) ? PTY_PGRP : -1;
		if (!end || sub < 0)
			return -EINVAL;
		p->subs++;
		return (int64_t)handle(p, sub);
	}
	case SCHEME_CLOSE:
		if (!end && p->subs > 0)
			p->subs--;
		do_close(p, kind);
		return 0;
	case SCHEME_FPATH: {
		int n = snprintf(out, cap, "pty:%d", p->num);
		if (n < 0 || (size_t)n >= cap || (uint64_t)n > rq->c)
			return -ERANGE;
		*out_len = (uint32_t)n;
		return n;
	}
	case SCHEME_FSTAT: {
		struct redox_stat st;
		if (cap < sizeof st || rq->c < sizeof st)
			return -EINVAL;
		memset(&st, 0, sizeof st);
		st.st_mode = MODE_CHR | 0620;
		st.st_nlink = 1;
		memcpy(out, &st, sizeof st);
		*out_len = sizeof st;
		return 0;
	}
	case SCHEME_FEVENT:
		return pty_ready(p, kind) & (uint32_t)rq->b;
	default:
		return scheme_op_missing(rq->op);
	}
	pty_pump(p);
	return r;
}

/* Sends kept answers and readiness after each change (pty.c calls). */
void
ptyd_reply(uint64_t id, int64_t result, const void *data, uint32_t len)
{
	if (serve_reply(sfd, id, result, data, len) < 0)
		fprintf(stderr, "ptyd: answering: %s\n", strerror(errno));
}

void
ptyd_event(const struct pty *p, int kind, uint32_t events)
{
	serve_event(sfd, handle(p, kind), events);
}

void
ptyd_signal(int32_t pgrp, int sig)
{
	if (pgrp > 0)
		kill(-pgrp, sig);
}

int
main(int argc, char **argv)
{
	if (argc > 1) {
		fprintf(argc == 2 && !strcmp(argv[1], "--help") ? stdout : stderr,
		    "usage: ptyd\nServes pty: (pseudo-terminals); init starts it.\n");
		return argc == 2 && !strcmp(argv[1], "--help") ? 0 : 1;
	}
	sfd = serve_register("pty");
	if (sfd < 0)
		return 1;
	daemon_ready();
	return serve_fd(sfd, "pty", handle_rq, NULL, NULL) < 0 ? 1 : 0;
}
