/*
 * pty.c - the bytes of one pseudo-terminal (see pty.h): the output queue
 * the master reads, the input through the line discipline, and the kept
 * requests, answered in the order they came as soon as they can be.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "schemes/ptyd/pty.h"

void
pty_init(struct pty *p, int num)
{
	memset(p, 0, sizeof *p);
	p->used = 1;
	p->num = num;
}

static void
drop(struct pty *p, int i)
{
	free(p->kept[i].data);
	memmove(&p->kept[i], &p->kept[i + 1], (size_t)(p->nkept - i - 1) * sizeof p->kept[0]);
	p->nkept--;
}

void
pty_free(struct pty *p)
{
	while (p->nkept)
		drop(p, 0);
	p->used = 0;
}

static size_t
out_room(const struct pty *p)
{
	return PTY_OUTQ - (p->ohead - p->otail);
}

size_t
pty_output(struct pty *p, const char *s, size_t n)
{
	int crlf = (p->tty.tio.c_oflag & (TC_OPOST | TC_ONLCR)) == (TC_OPOST | TC_ONLCR);
	size_t i;
	for (i = 0; i < n; i++) {
		if (s[i] == '\n' && crlf) {
			if (out_room(p) < 2)
				break;
			p->out[p->ohead++ % PTY_OUTQ] = '\r';
		} else if (out_room(p) < 1) {
			break;
		}
		p->out[p->ohead++ % PTY_OUTQ] = s[i];
	}
	return i;
}

void
pty_type(struct pty *p, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (tty_room(&p->tty) == 0)
			break;		/* a full terminal drops what is typed */
		int sig = tty_input(&p->tty, s[i]);
		if (sig)
			ptyd_signal(p->tty.pgrp, sig);
	}
}

int64_t
pty_take_output(struct pty *p, void *buf, uint32_t len)
{
	uint32_t n = 0;
	if (p->ohead == p->otail)
		return p->had_slave && p->slaves == 0 ? 0 : -EAGAIN;
	while (n < len && p->otail != p->ohead)
		((char *)buf)[n++] = p->out[p->otail++ % PTY_OUTQ];
	return n;
}

int64_t
pty_take_input(struct pty *p, void *buf, uint32_t len)
{
	long n = tty_read(&p->tty, buf, len);
	if (n == -EAGAIN && p->masters == 0)
		return 0;
	return n;
}

int
pty_defer(struct pty *p, const struct scheme_request *rq, int kind, const char *data,
    uint32_t len)
{
	if (p->nkept == PTY_KEPT)
		return -EAGAIN;
	struct pty_kept *k = &p->kept[p->nkept];
	memset(k, 0, sizeof *k);
	if (data) {
		k->data = malloc(len);
		if (!k->data)
			return -ENOMEM;
		memcpy(k->data, data, len);
		k->write = 1;
	}
	k->id = rq->id;
	k->kind = kind;
	k->want = (uint32_t)(rq->c < PTY_OUTQ ? rq->c : PTY_OUTQ);
	k->len = len;
	p->nkept++;
	return 0;
}

int
pty_cancel(struct pty *p, uint64_t id)
{
	for (int i = 0; i < p->nkept; i++)
		if (p->kept[i].id == id) {
			drop(p, i);
			return 1;
		}
	return 0;
}

/* Tries kept request i; 1 if it was answered (and dropped). */
static int
try_kept(struct pty *p, int i)
{
	static char buf[PTY_OUTQ];
	struct pty_kept *k = &p->kept[i];
	int64_t r;
	if (k->write) {
		if (p->masters == 0) {
			ptyd_reply(k->id, -EIO, NULL, 0);
			drop(p, i);
			return 1;
		}
		k->done += (uint32_t)pty_output(p, k->data + k->done, k->len - k->done);
		if (k->done < k->len)
			return 0;
		ptyd_reply(k->id, k->len, NULL, 0);
		drop(p, i);
		return 1;
	}
	r = k->kind == PTY_MASTER ? pty_take_output(p, buf, k->want) :
	    pty_take_input(p, buf, k->want);
	if (r == -EAGAIN)
		return 0;
	ptyd_reply(k->id, r, buf, r > 0 ? (uint32_t)r : 0);
	drop(p, i);
	return 1;
}

uint32_t
pty_ready(const struct pty *p, int kind)
{
	if (kind == PTY_MASTER)
		return EVENT_WRITE | (p->ohead != p->otail || (p->had_slave && p->slaves == 0) ?
		    EVENT_READ : 0);
	if (kind == PTY_SLAVE)
		return (out_room(p) || p->masters == 0 ? EVENT_WRITE : 0) |
		    (tty_readable(&p->tty) || p->masters == 0 ? EVENT_READ : 0);
	return EVENT_READ | EVENT_WRITE;
}

void
pty_pump(struct pty *p)
{
	int moved = 1;
	while (moved) {
		moved = 0;
		for (int i = 0; i < p->nkept; i++)
			if (try_kept(p, i)) {
				moved = 1;
				break;
			}
	}
	/* Readiness is reported when it appears, not on every change. */
	for (int end = PTY_MASTER; end <= PTY_SLAVE; end++) {
		uint32_t now = pty_ready(p, end);
		if (now & ~p->ready[end])
			ptyd_event(p, end, now);
		p->ready[end] = now;
	}
}

void
pty_hangup(struct pty *p)
{
	ptyd_signal(p->tty.pgrp, SIGHUP);
	pty_pump(p);
}
