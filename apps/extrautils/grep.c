/*
 * grep - prints the lines that match POSIX regular expressions (basic,
 * or extended with -E, or fixed strings with -F), following GNU grep's
 * options (-i -v -x -w -o -n -c -l -L -q -s -H -h -r -e), output and exit
 * status: 0 a line was selected, 1 none, 2 an error (unless -q already
 * found one).  Options may come after the
 * pattern, as GNU's do, until "--".  -r walks directories in name order.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PATS 64

struct grep {
	int icase, invert, number, recurse, count, ext, fixed, list;
	int quiet, with_name, no_name, silent, line_x, word, only, list_none;
	int implicit_dot;	/* -r without files: names lose the "./" */
	const char *pats[MAX_PATS];
	int npats;
	char *texts[MAX_PATS];	/* the copies pats point into */
	int ntexts;
	regex_t re[MAX_PATS];
	int matched, error;
};

static void
usage(FILE *f)
{
	fprintf(f, "Usage: grep [OPTION]... PATTERNS [FILE]...\n");
	if (f == stderr) {
		fprintf(f, "Try 'grep --help' for more information.\n");
		return;
	}
	fprintf(f, "Search for PATTERNS in each FILE (or stdin; '-' is stdin).\n"
	    "  -E        PATTERNS are extended regular expressions\n"
	    "  -F        PATTERNS are strings\n"
	    "  -e PAT    use PAT as a pattern (repeatable)\n"
	    "  -i        ignore case\n"
	    "  -v        select non-matching lines\n"
	    "  -x        match whole lines only\n"
	    "  -w        match whole words only\n"
	    "  -o        print only the matching parts, one per line\n"
	    "  -n        print line numbers\n"
	    "  -c        print only a count of selected lines per file\n"
	    "  -l        print only names of files with selected lines\n"
	    "  -L        print only names of files without selected lines\n"
	    "  -q        quiet: exit 0 at the first selected line\n"
	    "  -s        no messages about missing or unreadable files\n"
	    "  -H        print the file name with each match\n"
	    "  -h        never print file names\n"
	    "  -r, -R    search directories recursively\n"
	    "  --help    show this help\n"
	    "Exit status: 0 if a line is selected, 1 if none, 2 on error.\n");
}

/* Escapes s into a basic or extended regex that matches it literally. */
static char *
quote_fixed(const char *s)
{
	size_t n = strlen(s);
	char *q = malloc(2 * n + 1), *p = q;
	if (!q)
		return NULL;
	for (; *s; s++) {
		if (strchr("\\.[]*^$+?(){}|", *s))
			*p++ = '\\';
		*p++ = *s;
	}
	*p = 0;
	return q;
}

static int
compile(struct grep *g)
{
	for (int i = 0; i < g->npats; i++) {
		char *fixed = NULL, *wrapped = NULL;
		const char *src = g->pats[i];
		/* -o and -w need where matches are. */
		int flags = (g->only || g->word ? 0 : REG_NOSUB) | (g->icase ? REG_ICASE : 0);
		if (g->fixed) {
			if (!(fixed = quote_fixed(src)))
				return -ENOMEM;
			src = fixed;
		} else if (g->ext) {
			flags |= REG_EXTENDED;
		}
		if (g->line_x) {
			size_t l = strlen(src) + 8;
			if (!(wrapped = malloc(l))) {
				free(fixed);
				return -ENOMEM;
			}
			if (g->ext && !g->fixed)
				snprintf(wrapped, l, "^(%s)$", src);
			else
				snprintf(wrapped, l, "^\\(%s\\)$", src);
			src = wrapped;
		}
		int rc = regcomp(&g->re[i], src, flags);
		free(fixed);
		free(wrapped);
		if (rc != 0) {
			char msg[256];
			regerror(rc, &g->re[i], msg, sizeof msg);
			fprintf(stderr, "grep: %s\n", msg);
			for (int j = 0; j < i; j++)
				regfree(&g->re[j]);
			return -EINVAL;
		}
	}
	return 0;
}

static int
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* 1 if pattern i matches all of line[s..e) (so -w can try shorter ones). */
static int
whole_match(struct grep *g, int i, const char *line, size_t len, size_t s, size_t e)
{
	char *sub = malloc(e - s + 1);
	regmatch_t m;
	int ok;
	if (!sub)
		return 0;
	memcpy(sub, line + s, e - s);
	sub[e - s] = 0;
	ok = regexec(&g->re[i], sub, 1, &m, (s ? REG_NOTBOL : 0) | (e < len ? REG_NOTEOL : 0)) == 0 &&
	    m.rm_so == 0 && (size_t)m.rm_eo == e - s;
	free(sub);
	return ok;
}

/*
 * Finds the leftmost (then longest) match at or after `from`; with -w
 * only one with no word character on either side, trying shorter
 * matches from the same start before moving on, as GNU grep does.
 */
static int
find_match(struct grep *g, const char *line, size_t len, size_t from, size_t *ms, size_t *me)
{
	int found = 0;
	for (int i = 0; i < g->npats; i++) {
		size_t start = from;
		while (start <= len) {
			regmatch_t m;
			if (regexec(&g->re[i], line + start, 1, &m, start ? REG_NOTBOL : 0) != 0)
				break;
			size_t s = start + (size_t)m.rm_so, e = start + (size_t)m.rm_eo;
			int ok = !g->word;
			if (!ok && (s == 0 || !is_word(line[s - 1]))) {
				for (size_t t = e; t > s && !ok; t--)
					if ((t == len || !is_word(line[t])) &&
					    (t == e || whole_match(g, i, line, len, s, t))) {
						e = t;
						ok = 1;
					}
				/* The empty match -w accepts: between two non-words. */
				if (!ok && s == e && (s == len || !is_word(line[s])))
					ok = 1;
			}
			if (ok) {
				if (!found || s < *ms || (s == *ms && e > *me)) {
					*ms = s;
					*me = e;
					found = 1;
				}
				break;
			}
			start = s + 1;
		}
	}
	return found;
}

static int
line_matches(struct grep *g, const char *line, size_t len)
{
	size_t s, e;
	if (!g->only && !g->word) {
		for (int i = 0; i < g->npats; i++)
			if (regexec(&g->re[i], line, 0, NULL, 0) == 0)
				return 1;
		return 0;
	}
	return find_match(g, line, len, 0, &s, &e);
}

/* -o: each non-empty match on its own line. */
static void
print_matches(struct grep *g, const char *name, int show_name, long lineno,
    const char *line, size_t len)
{
	size_t from = 0, s, e;
	while (from <= len && find_match(g, line, len, from, &s, &e)) {
		if (e > s) {
			if (show_name)
				printf("%s:", name);
			if (g->number)
				printf("%ld:", lineno);
			fwrite(line + s, 1, e - s, stdout);
			putchar('\n');
			from = e;
		} else {
			from = s + 1;
		}
	}
}

/* What one file's search has seen so far. */
struct scan {
	long count, lineno;
	int binary;		/* a NUL was read before this line */
};

/*
 * One line (without its newline).  Returns 0 to go on, 1 to stop this
 * file, 2 to stop this file and report -q satisfied.
 */
static int
one_line(struct grep *g, const char *name, struct scan *sc, char *line, size_t len)
{
	int show_name = g->with_name && !g->no_name;
	char save = line[len];
	line[len] = 0;
	sc->lineno++;
	int sel = line_matches(g, line, len) != g->invert;
	line[len] = save;
	if (!sel)
		return 0;
	sc->count++;
	g->matched = 1;
	if (g->quiet)
		return 2;
	if (g->list) {
		printf("%s\n", name);
		return 1;
	}
	if (g->list_none)
		return 1;
	if (g->count)
		return 0;
	if (sc->binary) {
		/* GNU grep 3.5 on: a note on stderr, status 0. */
		fflush(stdout);
		fprintf(stderr, "grep: %s: binary file matches\n", name);
		return 1;
	}
	if (g->only) {
		/* -v -o selects lines but has no matches to show */
		if (!g->invert) {
			line[len] = 0;
			print_matches(g, name, show_name, sc->lineno, line, len);
			line[len] = save;
		}
		return 0;
	}
	if (show_name)
		printf("%s:", name);
	if (g->number)
		printf("%ld:", sc->lineno);
	fwrite(line, 1, len, stdout);
	putchar('\n');
	return 0;
}

/* A line of a binary file: like GNU grep, its NULs end lines too. */
static int
split_line(struct grep *g, const char *name, struct scan *sc, char *line, size_t len)
{
	char *z;
	while (sc->binary && (z = memchr(line, 0, len)) != NULL) {
		int rc = one_line(g, name, sc, line, (size_t)(z - line));
		if (rc)
			return rc;
		len -= (size_t)(z - line) + 1;
		line = z + 1;
	}
	return one_line(g, name, sc, line, len);
}

/*
 * Searches fd line by line as it is read, so that an endless pipe
 * (`yes | grep y`) streams.  Returns 1 when -q is satisfied, 0 otherwise,
 * or -errno for a read error.
 */
static int
grep_fd(struct grep *g, const char *name, int fd)
{
	struct scan sc = { 0, 0, 0 };
	size_t cap = 65536, have = 0;
	char *b = malloc(cap);
	int rc = 0;
	if (!b)
		return -ENOMEM;
	for (;;) {
		if (cap - have < 4097) {	/* a long line: room for more of it */
			char *nb = realloc(b, cap * 2);
			if (!nb) {
				rc = -ENOMEM;
				break;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, b + have, cap - have - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = -errno;
			break;
		}
		if (r == 0) {
			if (have)	/* a last line without its newline */
				rc = split_line(g, name, &sc, b, have);
			break;
		}
		if (memchr(b + have, 0, (size_t)r))
			sc.binary = 1;
		have += (size_t)r;
		size_t pos = 0;
		char *nl;
		while (rc == 0 && (nl = memchr(b + pos, '\n', have - pos)) != NULL) {
			rc = split_line(g, name, &sc, b + pos, (size_t)(nl - (b + pos)));
			pos = (size_t)(nl - b) + 1;
		}
		if (rc)
			break;
		memmove(b, b + pos, have - pos);
		have -= pos;
	}
	free(b);
	if (rc < 0)
		return rc;
	if (rc)
		return rc == 2;
	if (g->list_none) {
		printf("%s\n", name);
		return 0;
	}
	if (g->count) {
		if (g->with_name && !g->no_name)
			printf("%s:", name);
		printf("%ld\n", sc.count);
	}
	return 0;
}

static void
report(struct grep *g, const char *name, int err)
{
	if (!g->silent)
		fprintf(stderr, "grep: %s: %s\n", name, strerror(err));
	g->error = 1;
}

static int grep_path(struct grep *g, const char *path, int top);

static int
is_dot(const struct dirent *d)
{
	return strcmp(d->d_name, ".") && strcmp(d->d_name, "..");
}

static int
grep_dir(struct grep *g, const char *path)
{
	struct dirent **list;
	int n = scandir(path, &list, is_dot, alphasort), rc = 0;
	if (n < 0) {
		report(g, path, errno);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		if (rc == 0) {
			size_t l = strlen(path) + strlen(list[i]->d_name) + 2;
			char *sub = malloc(l);
			if (!sub) {
				report(g, path, ENOMEM);
			} else {
				/* "grep -r x" with no file walks "." but names have no "./". */
				if (g->implicit_dot && !strcmp(path, "."))
					snprintf(sub, l, "%s", list[i]->d_name);
				else if (path[strlen(path) - 1] == '/')
					snprintf(sub, l, "%s%s", path, list[i]->d_name);
				else
					snprintf(sub, l, "%s/%s", path, list[i]->d_name);
				rc = grep_path(g, sub, 0);
				free(sub);
			}
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

static int
grep_path(struct grep *g, const char *path, int top)
{
	struct stat st;
	int fd, rc;

	if (!strcmp(path, "-") && top) {
		if ((rc = grep_fd(g, "(standard input)", 0)) < 0) {
			report(g, "(standard input)", -rc);
			return 0;
		}
		return rc;
	}
	/* Below the top, -r does not follow symbolic links (GNU's -r). */
	if ((top ? stat(path, &st) : lstat(path, &st)) < 0) {
		report(g, path, errno);
		return 0;
	}
	if (S_ISLNK(st.st_mode))
		return 0;
	if (S_ISDIR(st.st_mode)) {
		if (g->recurse)
			return grep_dir(g, path);
		if (!g->silent)
			fprintf(stderr, "grep: %s: Is a directory\n", path);
		g->error = 1;
		return 0;
	}
	if ((fd = open(path, O_RDONLY)) < 0) {
		report(g, path, errno);
		return 0;
	}
	rc = grep_fd(g, path, fd);
	close(fd);
	if (rc < 0) {
		report(g, path, -rc);
		return 0;
	}
	return rc;
}

static int
add_pattern(struct grep *g, const char *p)
{
	/* A pattern with newlines is several patterns, as in GNU grep. */
	if (g->ntexts == MAX_PATS) {
		fprintf(stderr, "grep: too many patterns (at most %d)\n", MAX_PATS);
		return -E2BIG;
	}
	char *copy = strdup(p);
	if (!copy)
		return -ENOMEM;
	g->texts[g->ntexts++] = copy;
	char *s = copy;
	for (;;) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = 0;
		if (g->npats == MAX_PATS) {
			fprintf(stderr, "grep: too many patterns (at most %d)\n", MAX_PATS);
			return -E2BIG;
		}
		g->pats[g->npats++] = s;
		if (!nl)
			break;
		s = nl + 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct grep g;
	char *files[argc > 0 ? argc : 1];
	int nfiles = 0, have_e = 0, rc = 0;

	memset(&g, 0, sizeof g);
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (!strcmp(a, "--")) {
			for (i++; i < argc; i++)
				files[nfiles++] = argv[i];
			break;
		}
		if (!strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		if (a[0] != '-' || !a[1]) {
			files[nfiles++] = a;
			continue;
		}
		if (a[1] == '-') {
			fprintf(stderr, "grep: unrecognized option '%s'\n", a);
			usage(stderr);
			return 2;
		}
		for (char *c = a + 1; *c; c++) {
			switch (*c) {
			case 'i': g.icase = 1; break;
			case 'v': g.invert = 1; break;
			case 'n': g.number = 1; break;
			case 'r': case 'R': g.recurse = 1; break;
			case 'c': g.count = 1; break;
			case 'E': g.ext = 1; g.fixed = 0; break;
			case 'F': g.fixed = 1; g.ext = 0; break;
			case 'G': g.fixed = 0; g.ext = 0; break;
			case 'l': g.list = 1; g.list_none = 0; break;
			case 'L': g.list_none = 1; g.list = 0; break;
			case 'o': g.only = 1; break;
			case 'w': g.word = 1; break;
			case 'q': g.quiet = 1; break;
			case 's': g.silent = 1; break;
			case 'x': g.line_x = 1; break;
			case 'H': g.with_name = 1; g.no_name = 0; break;
			case 'h': g.no_name = 1; g.with_name = 0; break;
			case 'e': {
				const char *p = c[1] ? c + 1 : (i + 1 < argc ? argv[++i] : NULL);
				if (!p) {
					fprintf(stderr, "grep: option requires an argument -- 'e'\n");
					usage(stderr);
					return 2;
				}
				if (add_pattern(&g, p) < 0)
					return 2;
				have_e = 1;
				c += strlen(c) - 1;
				break;
			}
			default:
				fprintf(stderr, "grep: invalid option -- '%c'\n", *c);
				usage(stderr);
				return 2;
			}
		}
	}
	if (!have_e) {
		if (nfiles == 0) {
			usage(stderr);
			return 2;
		}
		if (add_pattern(&g, files[0]) < 0)
			return 2;
		memmove(files, files + 1, (size_t)(nfiles - 1) * sizeof *files);
		nfiles--;
	}
	if (compile(&g) < 0) {
		for (int i = 0; i < g.ntexts; i++)
			free(g.texts[i]);
		return 2;
	}
	/* Names are shown for several files or a tree, unless -h. */
	if (nfiles > 1 || g.recurse)
		g.with_name = !g.no_name;
	if (nfiles == 0) {
		files[nfiles++] = g.recurse ? "." : "-";
		g.implicit_dot = g.recurse;
	}
	for (int i = 0; i < nfiles; i++) {
		rc = grep_path(&g, files[i], 1);
		if (rc)
			break;
	}
	for (int i = 0; i < g.npats; i++)
		regfree(&g.re[i]);
	for (int i = 0; i < g.ntexts; i++)
		free(g.texts[i]);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "grep: write error: %s\n", strerror(errno));
		return 2;
	}
	if (g.quiet && g.matched)
		return 0;
	return g.error ? 2 : g.matched ? 0 : 1;
}
