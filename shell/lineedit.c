/*
 * lineedit.c - the line editor (see lineedit.h).  The line is redrawn
 * whole after each change (carriage return, prompt, text, clear to the
 * end, cursor back), which is simple and right for lines that fit the
 * screen; longer lines still edit correctly but redraw untidily.  Keys
 * arrive as bytes in raw mode: ESC [ or ESC O sequences for the arrows,
 * Home, End and Delete, control bytes for the rest.
 */
#include "shell/lineedit.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define HIST_MAX	1000
#define KEY_CTRL(c)		((c) & 0x1f)

struct lineedit {
	int in, out;
	char **hist;
	size_t nhist;
	lineedit_complete_fn complete;
	void *ctx;
};

/* The line being edited. */
struct line {
	char *buf;
	size_t len, cap, pos;
	const char *prompt;
	size_t hist_at;		/* the history entry shown (nhist: the new line) */
	char *saved;		/* the new line, while browsing history */
	int tabs;		/* Tabs in a row */
	int cancelled;		/* Ctrl-C */
};

struct lineedit *
lineedit_new(int in, int out)
{
	struct lineedit *le = calloc(1, sizeof *le);
	if (!le)
		return NULL;
	le->in = in;
	le->out = out;
	return le;
}

void
lineedit_free(struct lineedit *le)
{
	if (!le)
		return;
	for (size_t i = 0; i < le->nhist; i++)
		free(le->hist[i]);
	free(le->hist);
	free(le);
}

void
lineedit_set_complete(struct lineedit *le, lineedit_complete_fn fn, void *ctx)
{
	le->complete = fn;
	le->ctx = ctx;
}

static void
put(struct lineedit *le, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(le->out, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void
puts_(struct lineedit *le, const char *s)
{
	put(le, s, strlen(s));
}

/* One byte of input; -1 at end of input or on an error. */
static int
key(struct lineedit *le)
{
	unsigned char c;
	for (;;) {
		ssize_t n = read(le->in, &c, 1);
		if (n == 1)
			return c;
		if (n < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

static void
refresh(struct lineedit *le, struct line *l)
{
	char tail[32];
	puts_(le, "\r");
	puts_(le, l->prompt);
	put(le, l->buf, l->len);
	puts_(le, "\x1b[K");
	if (l->len > l->pos) {
		int n = snprintf(tail, sizeof tail, "\x1b[%zuD", l->len - l->pos);
		if (n > 0 && (size_t)n < sizeof tail)
			put(le, tail, (size_t)n);
	}
}

static int
reserve(struct line *l, size_t more)
{
	if (l->len + more + 1 <= l->cap)
		return 0;
	size_t cap = l->cap ? l->cap : 128;
	while (cap < l->len + more + 1)
		cap *= 2;
	char *b = realloc(l->buf, cap);
	if (!b)
		return -ENOMEM;
	l->buf = b;
	l->cap = cap;
	return 0;
}

static void
insert(struct line *l, const char *s, size_t n)
{
	if (reserve(l, n) < 0)
		return;
	memmove(l->buf + l->pos + n, l->buf + l->pos, l->len - l->pos);
	memcpy(l->buf + l->pos, s, n);
	l->len += n;
	l->pos += n;
	l->buf[l->len] = '\0';
}

/* Removes [from, to) of the line; the cursor goes to from. */
static void
cut(struct line *l, size_t from, size_t to)
{
	memmove(l->buf + from, l->buf + to, l->len - to);
	l->len -= to - from;
	l->pos = from;
	l->buf[l->len] = '\0';
}

static void
set_text(struct line *l, const char *s)
{
	l->len = l->pos = 0;
	if (l->buf)
		l->buf[0] = '\0';
	insert(l, s, strlen(s));
}

/* Up (-1) or Down (+1) through the history. */
static void
browse(struct lineedit *le, struct line *l, int dir)
{
	if (dir < 0 && l->hist_at == 0)
		return;
	if (dir > 0 && l->hist_at >= le->nhist)
		return;
	if (l->hist_at == le->nhist) {
		free(l->saved);
		l->saved = strdup(l->buf ? l->buf : "");
	}
	l->hist_at = dir < 0 ? l->hist_at - 1 : l->hist_at + 1;
	set_text(l, l->hist_at < le->nhist ? le->hist[l->hist_at] :
	    l->saved ? l->saved : "");
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The longest prefix all candidates share. */
static size_t
common_prefix(char **c, size_t n)
{
	size_t k = strlen(c[0]);
	for (size_t i = 1; i < n; i++) {
		size_t j = 0;
		while (j < k && c[i][j] == c[0][j])
			j++;
		k = j;
	}
	return k;
}

static void
list_candidates(struct lineedit *le, char **c, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (strlen(c[i]) > w)
			w = strlen(c[i]);
	size_t cols = 80 / (w + 2);
	if (cols == 0)
		cols = 1;
	puts_(le, "\r\n");
	for (size_t i = 0; i < n; i++) {
		char cell[256];
		int k = snprintf(cell, sizeof cell, "%-*s", (int)(w + 2), c[i]);
		if (k > 0)
			put(le, cell, (size_t)k < sizeof cell ? (size_t)k : sizeof cell - 1);
		if ((i + 1) % cols == 0 || i + 1 == n)
			puts_(le, "\r\n");
	}
}

static void
tab(struct lineedit *le, struct line *l)
{
	char **c = NULL;
	size_t start = l->pos;
	if (!le->complete)
		return;
	size_t n = le->complete(le->ctx, l->buf ? l->buf : "", l->pos, &start, &c);
	if (n > 0 && start <= l->pos) {
		size_t k = common_prefix(c, n);
		size_t have = l->pos - start;
		if (k > have || (n == 1 && k == have)) {
			cut(l, start, l->pos);
			insert(l, c[0], k);
			if (n == 1 && k > 0 && c[0][k - 1] != '/')
				insert(l, " ", 1);
			l->tabs = 0;
		} else if (l->tabs > 0) {	/* a second Tab shows them */
			list_candidates(le, c, n);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(c[i]);
	free(c);
}

/* Ctrl-R: searches older entries for what is typed; returns the key that
 * ended the search (Enter runs the line found). */
static int
search(struct lineedit *le, struct line *l)
{
	char q[128];
	size_t qn = 0, at = le->nhist;
	const char *found = "";
	q[0] = '\0';
	for (;;) {
		char bar[512];
		int k = snprintf(bar, sizeof bar, "\r(reverse-i-search)`%s': %s\x1b[K", q, found);
		if (k > 0)
			put(le, bar, (size_t)k < sizeof bar ? (size_t)k : sizeof bar - 1);
		int c = key(le);
		if (c == KEY_CTRL('R') || (c >= 0x20 && c != 0x7f) || c == 0x7f || c == '\b') {
			size_t from = at;
			if (c == 0x7f || c == '\b') {
				if (qn)
					q[--qn] = '\0';
				from = le->nhist;
			} else if (c != KEY_CTRL('R') && qn + 1 < sizeof q) {
				q[qn++] = (char)c;
				q[qn] = '\0';
				from = at < le->nhist ? at + 1 : le->nhist;
			}
			for (size_t i = from; i-- > 0;)
				if (strstr(le->hist[i], q)) {
					at = i;
					found = le->hist[i];
					break;
				}
			continue;
		}
		if (c == KEY_CTRL('G') || c == KEY_CTRL('C')) {
			refresh(le, l);
			return 0;
		}
		set_text(l, found);
		return c;
	}
}

static void
raw_mode(int fd, struct termios *saved, int *on)
{
	struct termios t;
	*on = 0;
	/* A terminal that does not echo has no person typing at it (the
	 * console fed from a file): lines are read as they come. */
	if (!isatty(fd) || tcgetattr(fd, saved) != 0 || !(saved->c_lflag & ECHO))
		return;
	t = *saved;
	t.c_iflag &= ~(tcflag_t)(ICRNL | IXON);
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	*on = tcsetattr(fd, TCSANOW, &t) == 0;
}

/* Not a terminal: the prompt, then a line as it comes. */
static char *
read_plain(struct lineedit *le, const char *prompt)
{
	struct line l = { 0 };
	int c;
	puts_(le, prompt);
	while ((c = key(le)) >= 0 && c != '\n') {
		char ch = (char)c;
		insert(&l, &ch, 1);
	}
	if (c < 0 && l.len == 0) {
		free(l.buf);
		return NULL;
	}
	return l.buf ? l.buf : strdup("");
}

/* One key of the editor; returns 1 when the line is done, -1 at EOF. */
static int
edit(struct lineedit *le, struct line *l, int c)
{
	if (c != '\t')
		l->tabs = 0;
	switch (c) {
	case -1:
		return l->len ? 1 : -1;
	case '\r': case '\n':
		return 1;
	case KEY_CTRL('D'):
		if (l->len == 0)
			return -1;
		if (l->pos < l->len)
			cut(l, l->pos, l->pos + 1);
		break;
	case KEY_CTRL('C'):
		l->cancelled = 1;
		return 1;
	case 0x7f: case '\b':
		if (l->pos)
			cut(l, l->pos - 1, l->pos);
		break;
	case KEY_CTRL('A'): l->pos = 0; break;
	case KEY_CTRL('E'): l->pos = l->len; break;
	case KEY_CTRL('B'): if (l->pos) l->pos--; break;
	case KEY_CTRL('F'): if (l->pos < l->len) l->pos++; break;
	case KEY_CTRL('U'): cut(l, 0, l->pos); break;
	case KEY_CTRL('K'): cut(l, l->pos, l->len); break;
	case KEY_CTRL('P'): browse(le, l, -1); break;
	case KEY_CTRL('N'): browse(le, l, 1); break;
	case KEY_CTRL('W'): {
		size_t p = l->pos;
		while (p && is_space(l->buf[p - 1]))
			p--;
		while (p && !is_space(l->buf[p - 1]))
			p--;
		cut(l, p, l->pos);
		break;
	}
	case KEY_CTRL('L'):
		puts_(le, "\x1b[H\x1b[2J");
		break;
	case KEY_CTRL('R'): {
		int k = search(le, l);
		if (k == '\r' || k == '\n')
			return 1;
		break;
	}
	case '\t':
		tab(le, l);
		l->tabs++;
		break;
	case 0x1b: {
		int a = key(le), b = a == '[' || a == 'O' ? key(le) : -1;
		if (b >= '0' && b <= '9') {	/* ESC [ n ~ */
			int t = key(le);
			if (t != '~')
				break;
			if (b == '1' || b == '7')
				l->pos = 0;
			else if (b == '4' || b == '8')
				l->pos = l->len;
			else if (b == '3' && l->pos < l->len)
				cut(l, l->pos, l->pos + 1);
			break;
		}
		switch (b) {
		case 'A': browse(le, l, -1); break;
		case 'B': browse(le, l, 1); break;
		case 'C': if (l->pos < l->len) l->pos++; break;
		case 'D': if (l->pos) l->pos--; break;
		case 'H': l->pos = 0; break;
		case 'F': l->pos = l->len; break;
		}
		break;
	}
	default:
		if (c >= 0x20) {
			char ch = (char)c;
			insert(l, &ch, 1);
		}
	}
	return 0;
}

char *
lineedit_read(struct lineedit *le, const char *prompt)
{
	struct termios saved;
	int raw;
	raw_mode(le->in, &saved, &raw);
	if (!raw)
		return read_plain(le, prompt);
	struct line l = { .prompt = prompt, .hist_at = le->nhist };
	int done;
	reserve(&l, 0);
	if (l.buf)
		l.buf[0] = '\0';
	refresh(le, &l);
	while ((done = edit(le, &l, key(le))) == 0)
		refresh(le, &l);
	l.pos = l.len;
	refresh(le, &l);
	puts_(le, l.cancelled ? "^C\r\n" : "\r\n");
	tcsetattr(le->in, TCSANOW, &saved);
	if (l.cancelled && l.buf)
		l.buf[0] = '\0';
	free(l.saved);
	if (done < 0) {
		free(l.buf);
		return NULL;
	}
	return l.buf ? l.buf : strdup("");
}

int
lineedit_history_add(struct lineedit *le, const char *line)
{
	if (!line[0] || (le->nhist && !strcmp(le->hist[le->nhist - 1], line)))
		return 0;
	if (le->nhist == HIST_MAX) {
		free(le->hist[0]);
		memmove(le->hist, le->hist + 1, (HIST_MAX - 1) * sizeof *le->hist);
		le->nhist--;
	}
	char *copy = strdup(line);
	char **h = copy ? realloc(le->hist, (le->nhist + 1) * sizeof *h) : NULL;
	if (!h) {
		free(copy);
		return 0;
	}
	le->hist = h;
	le->hist[le->nhist++] = copy;
	return 1;
}

size_t
lineedit_history(const struct lineedit *le, const char *const **lines)
{
	*lines = (const char *const *)le->hist;
	return le->nhist;
}

int
lineedit_history_load(struct lineedit *le, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lines = 0;
	if (!f)
		return -errno;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		lineedit_history_add(le, line);
		if (lines < INT_MAX)
			lines++;
	}
	free(line);
	fclose(f);
	return lines;
}

/* One more line at the end of the file (made 0600 if new). */
int
lineedit_history_append(const char *path, const char *line)
{
	size_t n = strlen(line);
	char *buf = malloc(n + 1);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, line, n);
	buf[n] = '\n';
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	int e = 0;
	if (fd < 0)
		e = -errno;
	else if (write(fd, buf, n + 1) != (ssize_t)(n + 1))
		e = -EIO;
	if (fd >= 0 && close(fd) != 0 && !e)
		e = -errno;
	free(buf);
	return e;
}

int
lineedit_history_save(const struct lineedit *le, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -errno;
	for (size_t i = 0; i < le->nhist; i++)
		if (fprintf(f, "%s\n", le->hist[i]) < 0)
			break;
	int e = ferror(f) ? -EIO : 0;
	if (fclose(f) != 0 && !e)
		e = -errno;
	if (e == 0)
		chmod(path, 0600);
	return e;
}
