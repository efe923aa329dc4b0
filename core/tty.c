/*
 * tty.c - a terminal's line discipline (see tty.h).  Canonical mode keeps
 * the line being typed apart until Enter (or ^D) makes it readable, so
 * readers get whole lines and editing never reaches them; raw mode hands
 * every byte over as typed.  The positions in `ends` mark where each
 * finished line stops; an end with no bytes before it is a ^D on an
 * empty line, which a reader sees as end of input once.
 *
 * Not done: VTIME (a raw read waits for VMIN bytes, or returns at once
 * when VMIN is 0), output processing (the console's device turns \n into
 * \r\n itself), IXON flow control, VLNEXT and VREPRINT.
 */
#include "core/tty.h"
#include "core/str.h"

#define CTRL(c)	((c) & 0x1f)

void
tty_init(struct tty *t, bool echo, tty_echo_fn fn, void *ctx)
{
	memset(t, 0, sizeof *t);
	t->tio.c_iflag = TC_ICRNL | TC_IXON;
	t->tio.c_oflag = TC_OPOST | TC_ONLCR;
	t->tio.c_cflag = TC_B38400 | TC_CS8 | TC_CREAD;
	t->tio.c_lflag = TC_ISIG | TC_ICANON | TC_ECHOE | TC_ECHOK | TC_ECHOCTL | TC_IEXTEN;
	if (echo)
		t->tio.c_lflag |= TC_ECHO;
	t->tio.c_cc[TC_VINTR] = CTRL('C');
	t->tio.c_cc[TC_VQUIT] = CTRL('\\');
	t->tio.c_cc[TC_VERASE] = 0x7f;
	t->tio.c_cc[TC_VKILL] = CTRL('U');
	t->tio.c_cc[TC_VEOF] = CTRL('D');
	t->tio.c_cc[TC_VMIN] = 1;
	t->tio.c_cc[TC_VSUSP] = CTRL('Z');
	t->tio.c_cc[TC_VWERASE] = CTRL('W');
	t->tio.c_ispeed = t->tio.c_ospeed = 38400;
	t->ws.ws_row = 24;
	t->ws.ws_col = 80;
	t->echo = fn;
	t->ctx = ctx;
}

static bool
lflag(const struct tty *t, uint32_t f)
{
	return (t->tio.c_lflag & f) != 0;
}

static void
echo(struct tty *t, const char *s, size_t n)
{
	if (t->echo)
		t->echo(t->ctx, s, n);
}

/* Echoes a typed byte as the user expects to see it: ^C for controls. */
static void
echo_char(struct tty *t, char c)
{
	if (!lflag(t, TC_ECHO))
		return;
	if ((unsigned char)c < 0x20 && c != '\n' && c != '\t' && lflag(t, TC_ECHOCTL)) {
		char s[2] = { '^', (char)(c + '@') };
		echo(t, s, 2);
	} else
		echo(t, &c, 1);
}

/* Takes the last character of the line back, on the screen too. */
static void
rubout(struct tty *t)
{
	if (t->line_len == 0)
		return;
	char c = t->line[--t->line_len];
	if (!lflag(t, TC_ECHO))
		return;
	int w = (unsigned char)c < 0x20 && c != '\t' && lflag(t, TC_ECHOCTL) ? 2 : 1;
	for (int i = 0; i < w; i++)
		echo(t, lflag(t, TC_ECHOE) ? "\b \b" : "\b", lflag(t, TC_ECHOE) ? 3 : 1);
}

/* Makes the line readable (with its '\n' if it has one). */
static void
push_line(struct tty *t)
{
	if (t->nends == TTY_ENDS || TTY_RING - (t->head - t->tail) < t->line_len) {
		t->line_len = 0;	/* no room: the line is lost, as on a full tty */
		return;
	}
	for (size_t i = 0; i < t->line_len; i++)
		t->ring[t->head++ % TTY_RING] = t->line[i];
	t->ends[(t->end0 + t->nends++) % TTY_ENDS] = (uint32_t)t->head;
	t->line_len = 0;
}

static void
flush_input(struct tty *t)
{
	t->line_len = 0;
	t->tail = t->head;
	t->nends = 0;
}

static int
signal_key(struct tty *t, char c)
{
	const uint8_t *cc = t->tio.c_cc;
	int sig = c == (char)cc[TC_VINTR] ? SIGINT : c == (char)cc[TC_VQUIT] ? SIGQUIT :
	    c == (char)cc[TC_VSUSP] ? SIGTSTP : 0;
	if (!sig)
		return 0;
	if (!lflag(t, TC_NOFLSH))
		flush_input(t);
	echo_char(t, c);
	return sig;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Canonical mode: one byte of the line being edited. */
static void
edit(struct tty *t, char c)
{
	const uint8_t *cc = t->tio.c_cc;
	if (c == (char)cc[TC_VERASE] || c == '\b') {
		rubout(t);
	} else if (c == (char)cc[TC_VKILL]) {
		while (t->line_len)
			rubout(t);
	} else if (c == (char)cc[TC_VWERASE] && lflag(t, TC_IEXTEN)) {
		while (t->line_len && is_space(t->line[t->line_len - 1]))
			rubout(t);
		while (t->line_len && !is_space(t->line[t->line_len - 1]))
			rubout(t);
	} else if (c == (char)cc[TC_VEOF]) {
		push_line(t);	/* an empty one is end of input */
	} else if (c == '\n' || (cc[TC_VEOL] && c == (char)cc[TC_VEOL])) {
		t->line[t->line_len++] = c;	/* there is always room for it */
		if (lflag(t, TC_ECHO) || lflag(t, TC_ECHONL))
			echo(t, &c, 1);
		push_line(t);
	} else if (t->line_len < TTY_LINE - 1) {
		t->line[t->line_len++] = c;
		echo_char(t, c);
	}
}

int
tty_input(struct tty *t, char c)
{
	if (c == '\r' && (t->tio.c_iflag & TC_ICRNL))
		c = '\n';
	if (lflag(t, TC_ISIG)) {
		int sig = signal_key(t, c);
		if (sig)
			return sig;
	}
	if (lflag(t, TC_ICANON)) {
		edit(t, c);
		return 0;
	}
	if (t->head - t->tail < TTY_RING) {
		t->ring[t->head++ % TTY_RING] = c;
		echo_char(t, c);
	}
	return 0;
}

void
tty_flush_line(struct tty *t)
{
	if (t->line_len)
		push_line(t);
}

size_t
tty_room(const struct tty *t)
{
	size_t used = t->head - t->tail + t->line_len;
	size_t room = used < TTY_RING ? TTY_RING - used : 0;
	size_t ends = TTY_ENDS - t->nends;
	return room < ends ? room : ends;
}

bool
tty_readable(const struct tty *t)
{
	if (!lflag(t, TC_ICANON))
		return t->head != t->tail || t->tio.c_cc[TC_VMIN] == 0;
	return t->nends > 0 || t->head != t->tail;
}

long
tty_read(struct tty *t, char *buf, size_t len)
{
	size_t stop = t->head;
	bool canon = lflag(t, TC_ICANON);
	if (canon && t->nends)	/* the end is within TTY_RING of tail */
		stop = t->tail + (uint32_t)(t->ends[t->end0 % TTY_ENDS] - (uint32_t)t->tail);
	if (!tty_readable(t))
		return -EAGAIN;
	if (canon && t->nends && stop == t->tail) {	/* ^D on an empty line */
		t->end0++;
		t->nends--;
		return 0;
	}
	size_t n = 0;
	while (n < len && t->tail != stop)
		buf[n++] = t->ring[t->tail++ % TTY_RING];
	if (canon && t->nends && t->tail == stop) {
		t->end0++;
		t->nends--;
	}
	return (long)n;
}

int
tty_set_termios(struct tty *t, const struct redox_termios *tio)
{
	bool was_canon = lflag(t, TC_ICANON);
	t->tio = *tio;
	/* Leaving canonical mode hands the half-typed line over as bytes. */
	if (was_canon && !lflag(t, TC_ICANON)) {
		tty_flush_line(t);
		t->nends = 0;
	}
	return 0;
}
