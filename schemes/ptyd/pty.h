/*
 * pty.h - one pseudo-terminal of ptyd: its line discipline, the bytes
 * waiting for the master, and the requests kept until they can be
 * answered.  ptyd.c speaks the scheme protocol; pty.c moves the bytes.
 */
#ifndef SCHEMES_PTYD_PTY_H
#define SCHEMES_PTYD_PTY_H

#include <stddef.h>
#include <stdint.h>
#include <redox/abi.h>
#include "core/tty.h"

#define PTY_MAX		64
#define PTY_OUTQ	16384	/* bytes for the master to read */
#define PTY_KEPT	16	/* kept reads and writes per terminal */

/* What a handle is (its low byte; the terminal's index is above it). */
enum { PTY_MASTER, PTY_SLAVE, PTY_TERMIOS, PTY_WINSIZE, PTY_PGRP };

struct pty_kept {
	uint64_t id;
	int kind;		/* PTY_MASTER or PTY_SLAVE */
	int write;
	uint32_t want;		/* a read's length */
	char *data;		/* a write's bytes not yet queued */
	uint32_t len, done;
};

struct pty {
	int used, num;
	struct tty tty;
	char out[PTY_OUTQ];
	size_t ohead, otail;
	int masters, slaves, subs, had_slave;
	struct pty_kept kept[PTY_KEPT];
	int nkept;
	uint32_t ready[2];	/* readiness last reported, per end */
};

void pty_init(struct pty *p, int num);
void pty_free(struct pty *p);
/* The slave's output (and the echo), \n as \r\n when OPOST|ONLCR;
 * returns how many of the n bytes fit. */
size_t pty_output(struct pty *p, const char *s, size_t n);
/* Bytes the master typed; a signal key signals the foreground group. */
void pty_type(struct pty *p, const char *s, size_t n);
/* What the master (output) or a slave (input) may read now: a count,
 * 0 for end of file, -EAGAIN for "wait". */
int64_t pty_take_output(struct pty *p, void *buf, uint32_t len);
int64_t pty_take_input(struct pty *p, void *buf, uint32_t len);
/* Keeps a request to answer later (a write keeps a copy of data). */
int pty_defer(struct pty *p, const struct scheme_request *rq, int kind,
    const char *data, uint32_t len);
/* Drops the kept request id (its caller gave up); 1 if it was ours. */
int pty_cancel(struct pty *p, uint64_t id);
/* Answers what can be answered now and reports readiness. */
void pty_pump(struct pty *p);
/* The master is gone: the foreground group gets SIGHUP, readers 0. */
void pty_hangup(struct pty *p);
/* EVENT_READ / EVENT_WRITE of an end now. */
uint32_t pty_ready(const struct pty *p, int kind);

/* ptyd.c's side: answers, events and signals. */
void ptyd_reply(uint64_t id, int64_t result, const void *data, uint32_t len);
void ptyd_event(const struct pty *p, int kind, uint32_t events);
void ptyd_signal(int32_t pgrp, int sig);

#endif
