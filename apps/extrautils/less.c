/*
 * less - a pager.  On a terminal it shows a screenful and takes commands:
 *   space f PgDn   next page        b PgUp      previous page
 *   j Enter Down   next line        k Up        previous line
 *   g              first line       G           last page
 *   /TEXT          find TEXT        n N         next / previous match
 *   q              quit
 * When stdout is not a terminal it copies its input like cat.  If the
 * terminal cannot be put in raw mode (no termios yet), commands are read
 * a line at a time: type them and press Enter ("j", "/fig", "q").
 * Searching is for plain text, not regular expressions.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if __has_include(<termios.h>)
#include <termios.h>
#define HAVE_TERMIOS 1
#endif

struct text {
	char *buf;		/* every file, one after another */
	size_t len, cap;
	size_t *line;		/* offsets of line starts */
	size_t nlines, lcap;
};

struct pager {
	struct text t;
	size_t top;		/* first line shown */
	int rows, cols;
	int in;			/* where commands come from */
	int raw;		/* terminal in raw mode */
	char pat[256];
	char msg[300];
#ifdef HAVE_TERMIOS
	struct termios saved;
#endif
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: less [FILE...]\n"
	    "  pages through FILEs (or stdin); copies them when not on a terminal\n"
	    "  commands: space/f/b page, j/k/Enter/arrows line, g/G top/bottom,\n"
	    "            /TEXT search, n/N next/previous match, q quit\n"
	    "  --help  show this help\n");
}

static int
text_add(struct text *t, const char *p, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t nc = t->cap ? t->cap : 65536;
		while (nc < t->len + n + 1)
			nc *= 2;
		char *b = realloc(t->buf, nc);
		if (!b)
			return -ENOMEM;
		t->buf = b;
		t->cap = nc;
	}
	memcpy(t->buf + t->len, p, n);
	t->len += n;
	t->buf[t->len] = 0;
	return 0;
}

/* Splits the buffer into lines once everything is read. */
static int
text_index(struct text *t)
{
	size_t start = 0;
	for (size_t i = 0; i <= t->len; i++) {
		if (i < t->len && t->buf[i] != '\n')
			continue;
		if (i == t->len && start == t->len)
			break;
		if (t->nlines == t->lcap) {
			size_t nc = t->lcap ? t->lcap * 2 : 1024;
			size_t *l = realloc(t->line, nc * sizeof *l);
			if (!l)
				return -ENOMEM;
			t->line = l;
			t->lcap = nc;
		}
		t->line[t->nlines++] = start;
		start = i + 1;
	}
	return 0;
}

static size_t
line_len(const struct text *t, size_t i)
{
	const char *s = t->buf + t->line[i];
	const char *e = memchr(s, '\n', t->len - t->line[i]);
	return e ? (size_t)(e - s) : t->len - t->line[i];
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copies fd to stdout (less as cat), or reads it into t when t != NULL. */
static int
pump(int fd, struct text *t)
{
	char buf[8192];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return 0;
		int rc = t ? text_add(t, buf, (size_t)r) : write_all(1, buf, (size_t)r);
		if (rc < 0)
			return rc;
	}
}

/* Reads (or copies) every input; returns 1 on any error, reported. */
static int
load(int argc, char **argv, struct text *t)
{
	int bad = 0;
	if (argc == 0) {
		int rc = pump(0, t);
		if (rc < 0) {
			fprintf(stderr, "less: stdin: %s\n", strerror(-rc));
			bad = 1;
		}
		return bad;
	}
	for (int i = 0; i < argc; i++) {
		int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY) : 0;
		if (fd < 0) {
			fprintf(stderr, "less: %s: %s\n", argv[i], strerror(errno));
			bad = 1;
			continue;
		}
		int rc = pump(fd, t);
		if (rc < 0) {
			fprintf(stderr, "less: %s: %s\n", argv[i], strerror(-rc));
			bad = 1;
		}
		if (fd)
			close(fd);
	}
	return bad;
}

static size_t
last_top(const struct pager *p)
{
	size_t page = (size_t)(p->rows - 1);
	return p->t.nlines > page ? p->t.nlines - page : 0;
}

static void
draw(struct pager *p)
{
	size_t page = (size_t)(p->rows - 1);
	fputs("\033[H\033[2J", stdout);
	for (size_t i = p->top; i < p->top + page; i++) {
		if (i >= p->t.nlines) {
			fputs("~\n", stdout);
			continue;
		}
		size_t n = line_len(&p->t, i);
		if (n > (size_t)p->cols - 1)
			n = (size_t)p->cols - 1;
		fwrite(p->t.buf + p->t.line[i], 1, n, stdout);
		putchar('\n');
	}
	if (p->msg[0])
		fputs(p->msg, stdout);
	else if (p->top >= last_top(p))
		fputs("(END)", stdout);
	else
		putchar(':');
	if (!p->raw)
		putchar('\n');
	fflush(stdout);
	p->msg[0] = 0;
}

static int
read_byte(struct pager *p, char *c)
{
	for (;;) {
		ssize_t r = read(p->in, c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		return r == 1 ? 0 : -1;
	}
}

/* Finds pat from line `from` in direction dir; moves top there. */
static void
search(struct pager *p, size_t from, int dir)
{
	if (!p->pat[0]) {
		snprintf(p->msg, sizeof p->msg, "No previous search pattern");
		return;
	}
	size_t i = from;
	while (i < p->t.nlines) {
		size_t n = line_len(&p->t, i);
		char save = p->t.buf[p->t.line[i] + n];
		p->t.buf[p->t.line[i] + n] = 0;
		int hit = strstr(p->t.buf + p->t.line[i], p->pat) != NULL;
		p->t.buf[p->t.line[i] + n] = save;
		if (hit) {
			p->top = i;
			return;
		}
		if (dir < 0 && i == 0)
			break;
		i += (size_t)dir;
	}
	snprintf(p->msg, sizeof p->msg, "Pattern not found: %s", p->pat);
}

/* Reads the rest of a "/TEXT" command into p->pat. */
static int
read_pattern(struct pager *p)
{
	size_t n = 0;
	char c;
	if (p->raw && write_all(1, "/", 1) < 0)
		return -1;
	while (read_byte(p, &c) == 0) {
		if (c == '\n' || c == '\r')
			break;
		if (p->raw && (c == 127 || c == 8)) {
			if (n) {
				n--;
				if (write_all(1, "\b \b", 3) < 0)
					return -1;
			}
			continue;
		}
		if (n + 1 < sizeof p->pat) {
			p->pat[n++] = c;
			if (p->raw && write_all(1, &c, 1) < 0)
				return -1;
		}
	}
	p->pat[n] = 0;
	return 0;
}

/* Runs commands until q; returns 0. */
static int
page(struct pager *p)
{
	size_t pg = (size_t)(p->rows - 1);
	char c;
	int fresh = 1;		/* line mode: at the start of a command line */
	draw(p);
	while (read_byte(p, &c) == 0) {
		size_t bottom = last_top(p);
		int redraw = 1, was_fresh = fresh;
		fresh = c == '\n';
		switch (c) {
		case 'q': case 'Q':
			return 0;
		case ' ': case 'f':
			p->top = p->top + pg < bottom ? p->top + pg : bottom;
			break;
		case 'b':
			p->top = p->top > pg ? p->top - pg : 0;
			break;
		case 'j': case '\r':
			if (p->top < bottom)
				p->top++;
			break;
		case '\n':
			/* In line mode Enter ends a command line; alone, it is
			 * Enter as on a raw terminal: one line on. */
			if (!p->raw && !was_fresh)
				redraw = 0;
			else if (p->top < bottom)
				p->top++;
			break;
		case 'k':
			if (p->top)
				p->top--;
			break;
		case 'g': p->top = 0; break;
		case 'G': p->top = bottom; break;
		case '/':
			if (read_pattern(p) < 0)
				return 0;
			fresh = 1;	/* read_pattern took the Enter */
			search(p, p->top + 1 < p->t.nlines ? p->top + 1 : p->top, 1);
			break;
		case 'n':
			search(p, p->top + 1 < p->t.nlines ? p->top + 1 : p->top, 1);
			break;
		case 'N':
			if (p->top)
				search(p, p->top - 1, -1);
			else
				snprintf(p->msg, sizeof p->msg, "Pattern not found: %s", p->pat);
			break;
		case 27: {	/* ESC [ A/B/5~/6~: arrows and page keys */
			char a, b, t;
			if (read_byte(p, &a) < 0 || a != '[' || read_byte(p, &b) < 0)
				break;
			if (b == 'A' && p->top)
				p->top--;
			else if (b == 'B' && p->top < bottom)
				p->top++;
			else if ((b == '5' || b == '6') && read_byte(p, &t) == 0 && t == '~') {
				if (b == '5')
					p->top = p->top > pg ? p->top - pg : 0;
				else
					p->top = p->top + pg < bottom ? p->top + pg : bottom;
			}
			break;
		}
		default:
			if (!p->raw)
				redraw = 0;
			break;
		}
		if (redraw)
			draw(p);
	}
	return 0;
}

static int
env_num(const char *name, int def, int lo)
{
	const char *s = getenv(name);
	char *end;
	if (!s)
		return def;
	long v = strtol(s, &end, 10);
	return (end == s || *end || v < lo || v > 10000) ? def : (int)v;
}

static void
raw_on(struct pager *p)
{
#ifdef HAVE_TERMIOS
	struct termios t;
	if (tcgetattr(p->in, &p->saved) < 0)
		return;
	t = p->saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(p->in, TCSANOW, &t) == 0)
		p->raw = 1;
#else
	(void)p;
#endif
}

static void
raw_off(struct pager *p)
{
#ifdef HAVE_TERMIOS
	if (p->raw && tcsetattr(p->in, TCSANOW, &p->saved) < 0)
		fprintf(stderr, "less: cannot restore the terminal: %s\n", strerror(errno));
#endif
	p->raw = 0;
}

int
main(int argc, char **argv)
{
	struct pager p;
	int i = 1;
	memset(&p, 0, sizeof p);
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--"))
		i++;
	else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		fprintf(stderr, "less: unknown option '%s'\n", argv[1]);
		usage(stderr);
		return 1;
	}
	if (!isatty(1))
		return load(argc - i, argv + i, NULL);
	int bad = load(argc - i, argv + i, &p.t);
	if (text_index(&p.t) < 0) {
		fprintf(stderr, "less: out of memory\n");
		return 1;
	}
	if (p.t.nlines == 0)
		return bad;
	/* Commands come from the terminal even when the text came from stdin. */
	p.in = open("/dev/tty", O_RDONLY);
	if (p.in < 0) {
		if (argc - i == 0 || !isatty(0)) {
			fprintf(stderr, "less: no terminal to read commands from\n");
			fflush(stdout);
			return write_all(1, p.t.buf, p.t.len) < 0 ? 1 : bad;
		}
		p.in = 0;
	}
	p.rows = env_num("LINES", 24, 2);
	p.cols = env_num("COLUMNS", 80, 2);
	raw_on(&p);
	page(&p);
	raw_off(&p);
	putchar('\n');
	fflush(stdout);
	if (p.in > 0)
		close(p.in);
	free(p.t.buf);
	free(p.t.line);
	return bad;
}
