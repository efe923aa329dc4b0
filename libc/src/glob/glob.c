/*
 * glob.c - expand a pattern into the paths that exist.
 *
 * The pattern is walked one '/'-separated component at a time: a component
 * without wildcards is appended as it is, one with wildcards is matched
 * with fnmatch(FNM_PERIOD) against the entries of the directory so far.
 * GLOB_BRACE expands {a,b} first, into one walk per alternative.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GLOB_MAX_PATH	4096
#define GLOB_MAX_BRACE	1024	/* alternatives from one pattern */

struct glob_run {
	int flags;
	int (*errfunc)(const char *, int);
	char **v;		/* new paths (not yet in the glob_t) */
	size_t n, cap;
	int err;		/* GLOB_NOSPACE or GLOB_ABORTED */
};

static int glob_add(struct glob_run *r, const char *path, size_t len, int mark)
{
	char *s;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		char **v = realloc(r->v, cap * sizeof(*v));

		if (v == NULL)
			return r->err = GLOB_NOSPACE;
		r->v = v;
		r->cap = cap;
	}
	s = malloc(len + 2);
	if (s == NULL)
		return r->err = GLOB_NOSPACE;
	memcpy(s, path, len);
	if (mark && (len == 0 || path[len - 1] != '/'))
		s[len++] = '/';
	s[len] = '\0';
	r->v[r->n++] = s;
	return 0;
}

static int glob_magic(const char *s, size_t len, int flags)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return 1;
		if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
			i++;
	}
	return 0;
}

static int glob_isdir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Copy a wildcard-free component, dropping its backslashes. */
static size_t glob_unescape(char *dst, const char *src, size_t len, int flags)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (src[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
			i++;
		dst[n++] = src[i];
	}
	return n;
}

/*
 * path[0..plen) is a directory prefix that exists (or is empty); pat is
 * what is left of the pattern.
 */
static int glob_walk(struct glob_run *r, char *path, size_t plen, const char *pat)
{
	const char *slash, *comp;
	size_t clen;
	char name[256];
	DIR *d;
	struct dirent *de;

	while (*pat == '/') {		/* keep the separators as they are */
		if (plen + 1 >= GLOB_MAX_PATH)
			return 0;
		path[plen++] = *pat++;
	}
	if (*pat == '\0') {
		struct stat st;

		path[plen] = '\0';
		if (plen == 0 || lstat(path, &st) != 0)
			return 0;
		return glob_add(r, path, plen,
		    (r->flags & GLOB_MARK) && glob_isdir(path));
	}
	comp = pat;
	slash = strchr(pat, '/');
	clen = slash ? (size_t)(slash - pat) : strlen(pat);
	if (!glob_magic(comp, clen, r->flags)) {
		if (plen + clen + 1 >= GLOB_MAX_PATH)
			return 0;
		plen += glob_unescape(path + plen, comp, clen, r->flags);
		return glob_walk(r, path, plen, comp + clen);
	}
	if (clen >= sizeof(name))
		return 0;
	memcpy(name, comp, clen);
	name[clen] = '\0';
	path[plen] = '\0';
	d = opendir(plen ? path : ".");
	if (d == NULL) {
		if (errno != ENOENT && errno != ENOTDIR &&
		    ((r->errfunc && r->errfunc(plen ? path : ".", errno)) ||
		    (r->flags & GLOB_ERR)))
			return r->err = GLOB_ABORTED;
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		size_t nlen = strlen(de->d_name);

		if (fnmatch(name, de->d_name, FNM_PERIOD |
		    ((r->flags & GLOB_NOESCAPE) ? FNM_NOESCAPE : 0)) != 0)
			continue;
		if (plen + nlen + 1 >= GLOB_MAX_PATH)
			continue;
		memcpy(path + plen, de->d_name, nlen);
		/* More components follow: only directories can hold them. */
		if (slash != NULL) {
			path[plen + nlen] = '\0';
			if (!glob_isdir(path))
				continue;
		}
		if (glob_walk(r, path, plen + nlen, comp + clen) != 0)
			break;
	}
	closedir(d);
	path[plen] = '\0';
	return r->err;
}

static int glob_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first "{a,b}" with its matching '}' at or after p; 0 if none. */
static int glob_find_brace(const char *p, const char **open, const char **close)
{
	int depth = 0;
	const char *o = NULL;

	for (; *p; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
		} else if (*p == '{') {
			if (depth++ == 0)
				o = p;
		} else if (*p == '}' && depth > 0) {
			if (--depth == 0) {
				*open = o;
				*close = p;
				return 1;
			}
		}
	}
	return 0;
}

/* Expand braces into one walk per alternative. */
static int glob_brace(struct glob_run *r, const char *pat, int *budget)
{
	const char *open, *close, *a, *p;
	char *buf;
	size_t pre, post;
	int depth;

	if (!(r->flags & GLOB_BRACE) || !glob_find_brace(pat, &open, &close)) {
		char path[GLOB_MAX_PATH];

		return glob_walk(r, path, 0, pat);
	}
	pre = (size_t)(open - pat);
	post = strlen(close + 1);
	buf = malloc(strlen(pat) + 1);
	if (buf == NULL)
		return r->err = GLOB_NOSPACE;
	for (a = open + 1;;) {
		/* the alternative [a, p) ends at a top-level ',' or the '}' */
		for (p = a, depth = 0; p < close; p++) {
			if (*p == '\\' && p + 1 < close)
				p++;
			else if (*p == '{')
				depth++;
			else if (*p == '}')
				depth--;
			else if (*p == ',' && depth == 0)
				break;
		}
		if (--*budget < 0) {
			free(buf);
			return r->err = GLOB_NOSPACE;
		}
		memcpy(buf, pat, pre);
		memcpy(buf + pre, a, (size_t)(p - a));
		memcpy(buf + pre + (size_t)(p - a), close + 1, post + 1);
		if (glob_brace(r, buf, budget) != 0)
			break;
		if (p >= close)
			break;
		a = p + 1;
	}
	free(buf);
	return r->err;
}

int glob(const char *restrict pattern, int flags,
    int (*errfunc)(const char *epath, int eerrno), glob_t *restrict g)
{
	struct glob_run r;
	size_t offs, old, i;
	char **v;
	int budget = GLOB_MAX_BRACE;

	if (!(flags & GLOB_APPEND)) {
		g->gl_pathc = 0;
		g->gl_pathv = NULL;
		if (!(flags & GLOB_DOOFFS))
			g->gl_offs = 0;
	}
	offs = (flags & GLOB_DOOFFS) ? g->gl_offs : 0;
	memset(&r, 0, sizeof(r));
	r.flags = flags;
	r.errfunc = errfunc;
	glob_brace(&r, pattern, &budget);
	if (r.err == 0 && r.n == 0 && (flags & GLOB_NOCHECK))
		glob_add(&r, pattern, strlen(pattern), 0);
	if (r.err == 0 && !(flags & GLOB_NOSORT) && r.n > 1)
		qsort(r.v, r.n, sizeof(*r.v), glob_cmp);
	/* Append what we found (also what we have after an error). */
	old = g->gl_pathv ? g->gl_pathc : 0;
	v = realloc(g->gl_pathv, (offs + old + r.n + 1) * sizeof(*v));
	if (v == NULL) {
		for (i = 0; i < r.n; i++)
			free(r.v[i]);
		free(r.v);
		return GLOB_NOSPACE;
	}
	if (g->gl_pathv == NULL)
		for (i = 0; i < offs; i++)
			v[i] = NULL;
	for (i = 0; i < r.n; i++)
		v[offs + old + i] = r.v[i];
	v[offs + old + r.n] = NULL;
	g->gl_pathv = v;
	g->gl_pathc = old + r.n;
	free(r.v);
	if (r.err)
		return r.err;
	return r.n == 0 ? GLOB_NOMATCH : 0;
}

void globfree(glob_t *g)
{
	size_t i, offs = g->gl_offs;

	if (g->gl_pathv != NULL) {
		for (i = 0; i < g->gl_pathc; i++)
			free(g->gl_pathv[offs + i]);
		free(g->gl_pathv);
	}
	g->gl_pathv = NULL;
	g->gl_pathc = 0;
}
