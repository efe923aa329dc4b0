/*
 * tty.h - a terminal's line discipline: what typed bytes become for the
 * programs reading the terminal (termios: canonical lines and their
 * editing, echo, the signal keys) and its state (termios, window size,
 * foreground process group).  It owns no device: the console (and, in
 * user space, pty:) feed it typed bytes and give it a way to echo; it
 * touches nothing else, so the same file builds into the core and into a
 * program.
 */
#ifndef CORE_TTY_H
#define CORE_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/abi.h"

#define TTY_RING	8192	/* bytes ready for readers */
#define TTY_LINE	4096	/* the canonical line being typed, as Linux */
#define TTY_ENDS	TTY_RING	/* lines and ^D marks not yet read: one per byte at most */

typedef void (*tty_echo_fn)(void *ctx, const char *s, size_t n);

struct tty {
	struct redox_termios tio;
	struct redox_winsize ws;
	int32_t pgrp;			/* foreground process group, 0 = none */
	char ring[TTY_RING];
	size_t head, tail;		/* ring[tail..head) is readable */
	uint32_t ends[TTY_ENDS];	/* canonical: where lines end (head, mod 2^32) */
	size_t nends, end0;		/* ends[end0 .. end0+nends) */
	char line[TTY_LINE];
	size_t line_len;
	tty_echo_fn echo;
	void *ctx;
};

/* A terminal in canonical mode with the usual keys; echo when `echo`. */
void tty_init(struct tty *t, bool echo, tty_echo_fn fn, void *ctx);
/* One typed byte.  Returns a signal for the foreground group (SIGINT on
 * ^C, SIGQUIT on ^\, SIGTSTP on ^Z) or 0. */
int tty_input(struct tty *t, char c);
/* The typed bytes end (the host's stdin closed): a partial line is made
 * readable as it is. */
void tty_flush_line(struct tty *t);
/* How many typed bytes it can take now without losing any (a device
 * reads no more than this from its input, and waits). */
size_t tty_room(const struct tty *t);
/* Up to len bytes for a reader: a count > 0, 0 for end of input (^D on
 * an empty line, or VMIN 0 with nothing typed), -EAGAIN for "wait". */
long tty_read(struct tty *t, char *buf, size_t len);
/* Would tty_read answer without waiting? */
bool tty_readable(const struct tty *t);
/* Sets termios from a caller's copy; -EINVAL for nonsense. */
int tty_set_termios(struct tty *t, const struct redox_termios *tio);

#endif
