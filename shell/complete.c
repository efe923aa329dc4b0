/*
 * complete.c - Tab completion for the line editor: the first word of a
 * command completes to builtins and the programs in $PATH, a word
 * starting with $ or @ to variable names, any other word to paths (URLs
 * too: `file:/b` completes in file:/).
 */
#include "shell/complete.h"
#include "shell/builtin.h"
#include "shell/var.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

struct cands {
	char **v;
	size_t n, cap;
	const char *prefix;	/* what the word's last part starts with */
	size_t plen;
};

/* Adds head+name when name starts with the prefix, once. */
static void
add(struct cands *c, const char *head, const char *name, const char *tail)
{
	if (strncmp(name, c->prefix, c->plen) != 0)
		return;
	size_t hl = strlen(head), nl = strlen(name), tl = strlen(tail);
	char *s = malloc(hl + nl + tl + 1);
	if (!s)
		return;
	memcpy(s, head, hl);
	memcpy(s + hl, name, nl);
	memcpy(s + hl + nl, tail, tl + 1);
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i], s)) {
			free(s);
			return;
		}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		char **v = realloc(c->v, cap * sizeof *v);
		if (!v) {
			free(s);
			return;
		}
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = s;
}

static void
add_builtin(const char *name, void *arg)
{
	add(arg, "", name, "");
}

static void
add_var(const char *name, const struct value *v, void *arg)
{
	(void)v;
	add(arg, "$", name, "");
}

/* The entries of dir (head is how the word spells it) matching the prefix;
 * directories get a '/', and with `programs` only files count. */
static void
add_dir(struct cands *c, const char *dir, const char *head, int programs)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		if (name[0] == '.' && c->prefix[0] != '.')
			continue;
		if (strncmp(name, c->prefix, c->plen) != 0)
			continue;
		char path[4096];
		struct stat st;
		int n = snprintf(path, sizeof path, "%s%s%s", dir,
		    dir[0] && dir[strlen(dir) - 1] != '/' && dir[strlen(dir) - 1] != ':' ? "/" : "",
		    name);
		int isdir = n > 0 && (size_t)n < sizeof path && stat(path, &st) == 0 &&
		    S_ISDIR(st.st_mode);
		if (programs && isdir)
			continue;
		add(c, head, name, isdir ? "/" : "");
	}
	closedir(d);
}

/* Every directory of $PATH (whose elements may be URLs: "file:/bin"). */
static void
add_programs(struct cands *c)
{
	const char *p = getenv("PATH");
	char dir[1024];
	while (p && *p) {
		const char *end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		/* "file" then "/bin": one URL, as libc's PATH search reads it */
		if (*end == ':' && end[1] == '/' && !memchr(p, '/', (size_t)(end - p))) {
			const char *e2 = strchr(end + 1, ':');
			end = e2 ? e2 : end + strlen(end);
		}
		size_t len = (size_t)(end - p);
		if (len > 0 && len < sizeof dir) {
			memcpy(dir, p, len);
			dir[len] = '\0';
			add_dir(c, dir, "", 1);
		}
		p = *end ? end + 1 : end;
	}
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is the word at start the first of a command? */
static int
first_word(const char *line, size_t start)
{
	while (start > 0 && (line[start - 1] == ' ' || line[start - 1] == '\t'))
		start--;
	return start == 0 || strchr("|;&(", line[start - 1]) != NULL;
}

size_t
complete_word(void *ctx, const char *line, size_t cursor, size_t *start, char ***out)
{
	struct cands c = { 0 };
	char word[1024];
	size_t s = cursor;
	(void)ctx;
	while (s > 0 && !strchr(" \t|;&(<>", line[s - 1]))
		s--;
	*start = s;
	*out = NULL;
	if (cursor - s >= sizeof word)
		return 0;
	memcpy(word, line + s, cursor - s);
	word[cursor - s] = '\0';

	if (word[0] == '$' || word[0] == '@') {
		c.prefix = word + 1;
		c.plen = strlen(c.prefix);
		var_each(add_var, &c);		/* as "$name": then the word's sigil */
		for (char **e = environ; word[0] == '$' && *e; e++) {
			char name[256];
			size_t n = strcspn(*e, "=");
			if (n < sizeof name) {
				memcpy(name, *e, n);
				name[n] = '\0';
				add(&c, "$", name, "");
			}
		}
		for (size_t i = 0; i < c.n; i++)
			c.v[i][0] = word[0];
	} else {
		const char *slash = strrchr(word, '/');
		const char *colon = strchr(word, ':');
		const char *cut = slash ? slash + 1 : colon ? colon + 1 : NULL;
		if (cut) {		/* a path: its directory, then the rest */
			char dir[1024], head[1024];
			size_t hl = (size_t)(cut - word);
			memcpy(head, word, hl);
			head[hl] = '\0';
			memcpy(dir, word, hl);
			dir[hl] = '\0';
			c.prefix = cut;
			c.plen = strlen(cut);
			add_dir(&c, dir[0] ? dir : "/", head, 0);
		} else {
			c.prefix = word;
			c.plen = strlen(word);
			if (first_word(line, s)) {
				builtin_each(add_builtin, &c);
				add_programs(&c);
			} else {
				add_dir(&c, ".", "", 0);
			}
		}
	}
	if (c.n > 1)
		qsort(c.v, c.n, sizeof *c.v, cmp);
	*out = c.v;
	return c.n;
}
