/*
 * xtrun - runs command cases and compares what a user would see: the
 * standard output, the exit status and (optionally) a piece of stderr.
 * Built for the Linux host and for the OS, so one case file checks the
 * reference tool (GNU/util-linux), our host build and our OS build.
 *
 *   xtrun [-g] [-s] [-x PROG] [-C DIR] BINDIR CASEFILE...
 *     -g      reference mode: run each case's `ref` program from PATH
 *             (cases without one are skipped)
 *     -s      skip cases marked `hostonly`
 *     -x PROG skip the cases of PROG (one not built for this system)
 *     -C DIR  run the cases in DIR (where their input files are)
 *
 * A case file is lines:
 *   case NAME          starts a case
 *   run PROG ARGS...   words split on spaces; '...' quotes a word
 *   in FILE            standard input (default: empty)
 *   ref PROG           the reference tool taking the same arguments
 *   status N           expected exit status (default 0)
 *   out TEXT           one expected output line (the rest of the line)
 *   oute TEXT          the same with \e \a \r \t \\ escapes
 *   err TEXT           stderr must contain TEXT
 *   has TEXT           stdout must contain TEXT (instead of `out` lines)
 *   sort               compare output lines sorted (directory order)
 *   hostonly           needs the host's file tree
 *   end                ends the case
 * Lines starting with '#' and blank lines outside a case are ignored.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXW 64

extern char **environ;

struct xcase {
	char name[128];
	char *argv[MAXW + 1];
	int argc;
	char words[4096];
	char in[256];
	char ref[128];
	char err[256];
	char has[256];
	int status;
	int sort;
	int hostonly;
	char *out;
	size_t outlen, outcap;
};

struct opts {
	int refmode, skiphost;
	const char *bindir;
	const char *exclude;
	int npass, nfail, nskip;	/* the tally */
};

static int
buf_add(char **b, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t nc = (*cap ? *cap * 2 : 256);
		while (nc < *len + n + 1)
			nc *= 2;
		char *p = realloc(*b, nc);
		if (!p)
			return -ENOMEM;
		*b = p;
		*cap = nc;
	}
	memcpy(*b + *len, s, n);
	*len += n;
	(*b)[*len] = 0;
	return 0;
}

/* Splits s into c->argv inside c->words; '...' quotes. */
static int
split_words(struct xcase *c, const char *s)
{
	size_t w = 0;
	c->argc = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (c->argc >= MAXW)
			return -E2BIG;
		c->argv[c->argc++] = c->words + w;
		while (*s && *s != ' ') {
			if (*s == '\'') {
				s++;
				while (*s && *s != '\'') {
					if (w + 2 >= sizeof c->words)
						return -E2BIG;
					c->words[w++] = *s++;
				}
				if (*s != '\'')
					return -EINVAL;
				s++;
				continue;
			}
			if (w + 2 >= sizeof c->words)
				return -E2BIG;
			c->words[w++] = *s++;
		}
		c->words[w++] = 0;
	}
	c->argv[c->argc] = NULL;
	return c->argc ? 0 : -EINVAL;
}

static int
cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the lines of buf in place (each ends with '\n' except maybe the last). */
static int
sort_lines(char *buf, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\n')
			n++;
	char **v = calloc(n + 1, sizeof *v);
	char *copy = malloc(len + 1);
	if (!v || !copy) {
		free(v);
		free(copy);
		return -ENOMEM;
	}
	memcpy(copy, buf, len);
	copy[len] = 0;
	size_t k = 0;
	char *p = copy;
	for (size_t i = 0; i < len; i++)
		if (copy[i] == '\n') {
			copy[i] = 0;
			v[k++] = p;
			p = copy + i + 1;
		}
	qsort(v, k, sizeof *v, cmp_lines);
	size_t o = 0;
	for (size_t i = 0; i < k; i++) {
		size_t l = strlen(v[i]);
		memcpy(buf + o, v[i], l);
		o += l;
		buf[o++] = '\n';
	}
	free(v);
	free(copy);
	return 0;
}

static ssize_t
read_all(int fd, char **b, size_t *len, size_t *cap)
{
	char tmp[4096];
	for (;;) {
		ssize_t r = read(fd, tmp, sizeof tmp);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return (ssize_t)*len;
		if (buf_add(b, len, cap, tmp, (size_t)r) < 0)
			return -ENOMEM;
	}
}

static void
show_diff(const char *want, const char *got)
{
	int line = 1;
	const char *w = want, *g = got;
	while (*w && *g) {
		const char *we = strchr(w, '\n'), *ge = strchr(g, '\n');
		size_t wl = we ? (size_t)(we - w) : strlen(w);
		size_t gl = ge ? (size_t)(ge - g) : strlen(g);
		if (wl != gl || memcmp(w, g, wl))
			break;
		w += wl + (we != NULL);
		g += gl + (ge != NULL);
		line++;
	}
	const char *we = strchr(w, '\n'), *ge = strchr(g, '\n');
	printf("  line %d: want \"%.*s\"%s\n", line,
	    (int)(we ? we - w : (long)strlen(w)), w, *w ? "" : " (end)");
	printf("  line %d: got  \"%.*s\"%s\n", line,
	    (int)(ge ? ge - g : (long)strlen(g)), g, *g ? "" : " (end)");
}

static void
run_case(struct xcase *c, struct opts *o)
{
	char path[512];
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, er[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, rc, ok = 1, fa_ok = 0;
	char *got = NULL, *gerr = NULL;
	size_t glen = 0, gcap = 0, elen = 0, ecap = 0;

	if ((o->skiphost && c->hostonly) || (o->refmode && !c->ref[0]) ||
	    (o->exclude && !strcmp(o->exclude, c->argv[0]))) {
		o->nskip++;
		return;
	}
	if (o->refmode)
		snprintf(path, sizeof path, "%s", c->ref);
	else
		snprintf(path, sizeof path, "%s/%s", o->bindir, c->argv[0]);
	if (pipe(out) < 0 || pipe(er) < 0) {
		printf("FAIL %s: pipe: %s\n", c->name, strerror(errno));
		goto fail;
	}
	if (c->in[0]) {
		in[0] = open(c->in, O_RDONLY);
		if (in[0] < 0) {
			printf("FAIL %s: %s: %s\n", c->name, c->in, strerror(errno));
			goto fail;
		}
	} else if (pipe(in) < 0) {
		printf("FAIL %s: pipe: %s\n", c->name, strerror(errno));
		goto fail;
	}
	if (posix_spawn_file_actions_init(&fa) != 0)
		goto fail;
	fa_ok = 1;
	if (posix_spawn_file_actions_adddup2(&fa, in[0], 0) ||
	    posix_spawn_file_actions_adddup2(&fa, out[1], 1) ||
	    posix_spawn_file_actions_adddup2(&fa, er[1], 2) ||
	    posix_spawn_file_actions_addclose(&fa, out[0]) ||
	    posix_spawn_file_actions_addclose(&fa, er[0])) {
		printf("FAIL %s: file actions\n", c->name);
		goto fail;
	}
	if (in[1] >= 0 && posix_spawn_file_actions_addclose(&fa, in[1]))
		goto fail;
	char *argv0 = c->argv[0];
	c->argv[0] = path;
	rc = o->refmode ? posix_spawnp(&pid, path, &fa, NULL, c->argv, environ)
	    : posix_spawn(&pid, path, &fa, NULL, c->argv, environ);
	c->argv[0] = argv0;
	if (rc == ENOENT && o->refmode) {
		/* Say so: the case then proves nothing on this host. */
		printf("skip %s: reference tool %s is not installed\n", c->name, path);
		o->nskip++;
		goto out;
	}
	if (rc != 0) {
		printf("FAIL %s: spawn %s: %s\n", c->name, path, strerror(rc));
		goto fail;
	}
	close(in[0]);
	in[0] = -1;
	if (in[1] >= 0) {
		close(in[1]);
		in[1] = -1;
	}
	close(out[1]);
	out[1] = -1;
	close(er[1]);
	er[1] = -1;
	if (read_all(out[0], &got, &glen, &gcap) < 0 ||
	    read_all(er[0], &gerr, &elen, &ecap) < 0) {
		printf("FAIL %s: read: %s\n", c->name, strerror(errno));
		goto fail;
	}
	while ((rc = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (rc < 0) {
		printf("FAIL %s: waitpid: %s\n", c->name, strerror(errno));
		goto fail;
	}
	if (!got && buf_add(&got, &glen, &gcap, "", 0) < 0)
		goto fail;
	if (!gerr && buf_add(&gerr, &elen, &ecap, "", 0) < 0)
		goto fail;
	if (!c->out && buf_add(&c->out, &c->outlen, &c->outcap, "", 0) < 0)
		goto fail;
	if (c->sort && (sort_lines(got, glen) < 0 || sort_lines(c->out, c->outlen) < 0))
		goto fail;
	int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	if (code != c->status) {
		printf("FAIL %s: status %d, want %d\n", c->name, code, c->status);
		ok = 0;
	}
	if (c->has[0]) {
		if (!strstr(got, c->has)) {
			printf("FAIL %s: stdout lacks \"%s\"\n", c->name, c->has);
			ok = 0;
		}
	} else if (glen != c->outlen || memcmp(got, c->out, glen)) {
		printf("FAIL %s: output differs\n", c->name);
		show_diff(c->out, got);
		ok = 0;
	}
	if (c->err[0] && !strstr(gerr, c->err)) {
		printf("FAIL %s: stderr lacks \"%s\": \"%s\"\n", c->name, c->err, gerr);
		ok = 0;
	}
	if (ok) {
		o->npass++;
		goto out;
	}
	printf("  stderr: %.200s\n", gerr);
	o->nfail++;
	goto out;
fail:
	o->nfail++;
out:
	if (fa_ok)
		posix_spawn_file_actions_destroy(&fa);
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
		if (er[i] >= 0)
			close(er[i]);
	}
	free(got);
	free(gerr);
}

static int
run_file(const char *file, struct opts *o)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		fprintf(stderr, "xtrun: %s: %s\n", file, strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, in_case = 0, bad = 0;
	struct xcase c;
	memset(&c, 0, sizeof c);
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = 0;
		if (!in_case) {
			if (!line[0] || line[0] == '#')
				continue;
			if (strncmp(line, "case ", 5)) {
				fprintf(stderr, "xtrun: %s:%d: expected 'case'\n", file, lineno);
				bad = 1;
				break;
			}
			memset(&c, 0, sizeof c);
			snprintf(c.name, sizeof c.name, "%s", line + 5);
			in_case = 1;
			continue;
		}
		if (!strcmp(line, "end")) {
			if (!c.argc) {
				fprintf(stderr, "xtrun: %s:%d: case without 'run'\n", file, lineno);
				bad = 1;
				break;
			}
			run_case(&c, o);
			free(c.out);
			c.out = NULL;
			in_case = 0;
		} else if (!strncmp(line, "run ", 4)) {
			if (split_words(&c, line + 4) < 0) {
				fprintf(stderr, "xtrun: %s:%d: bad 'run' line\n", file, lineno);
				bad = 1;
				break;
			}
		} else if (!strncmp(line, "in ", 3)) {
			snprintf(c.in, sizeof c.in, "%s", line + 3);
		} else if (!strncmp(line, "ref ", 4)) {
			snprintf(c.ref, sizeof c.ref, "%s", line + 4);
		} else if (!strncmp(line, "err ", 4)) {
			snprintf(c.err, sizeof c.err, "%s", line + 4);
		} else if (!strncmp(line, "has ", 4)) {
			snprintf(c.has, sizeof c.has, "%s", line + 4);
		} else if (!strncmp(line, "status ", 7)) {
			c.status = atoi(line + 7);
		} else if (!strcmp(line, "sort")) {
			c.sort = 1;
		} else if (!strcmp(line, "hostonly")) {
			c.hostonly = 1;
		} else if (!strncmp(line, "oute ", 5)) {
			size_t k = 0;
			for (char *q = line + 5; *q; q++) {
				char ch = *q;
				if (ch == '\\' && q[1]) {
					q++;
					ch = *q == 'e' ? 27 : *q == 'a' ? 7 : *q == 'r' ? 13 : *q == 't' ? 9 : *q;
				}
				line[k++] = ch;
			}
			line[k++] = '\n';
			if (buf_add(&c.out, &c.outlen, &c.outcap, line, k) < 0) {
				bad = 1;
				break;
			}
		} else if (!strcmp(line, "out") || !strncmp(line, "out ", 4)) {
			const char *t = line[3] ? line + 4 : "";
			if (buf_add(&c.out, &c.outlen, &c.outcap, t, strlen(t)) < 0 ||
			    buf_add(&c.out, &c.outlen, &c.outcap, "\n", 1) < 0) {
				bad = 1;
				break;
			}
		} else if (line[0] != '#') {
			fprintf(stderr, "xtrun: %s:%d: unknown line\n", file, lineno);
			bad = 1;
			break;
		}
	}
	if (!bad && in_case) {
		fprintf(stderr, "xtrun: %s: last case has no 'end'\n", file);
		bad = 1;
	}
	free(c.out);
	free(line);
	if (ferror(f))
		bad = 1;
	fclose(f);
	return bad ? -1 : 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: xtrun [-g] [-s] [-x PROG] [-C DIR] BINDIR CASEFILE...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct opts o = { 0, 0, NULL, NULL, 0, 0, 0 };
	const char *dir = NULL;
	int ch, bad = 0;
	while ((ch = getopt(argc, argv, "gsx:C:")) != -1) {
		switch (ch) {
		case 'g': o.refmode = 1; break;
		case 's': o.skiphost = 1; break;
		case 'x': o.exclude = optarg; break;
		case 'C': dir = optarg; break;
		default: usage();
		}
	}
	if (argc - optind < 2)
		usage();
	o.bindir = argv[optind];
	/* Our programs first in PATH, so those that run others find ours. */
	if (!o.refmode) {
		const char *old = getenv("PATH");
		size_t l = strlen(o.bindir) + (old ? strlen(old) : 0) + 2;
		char *np = malloc(l);
		if (!np) {
			fprintf(stderr, "xtrun: out of memory\n");
			return 1;
		}
		if (old && *old)
			snprintf(np, l, "%s:%s", o.bindir, old);
		else
			snprintf(np, l, "%s", o.bindir);
		if (setenv("PATH", np, 1) < 0) {
			fprintf(stderr, "xtrun: cannot set PATH: %s\n", strerror(errno));
			return 1;
		}
		free(np);
	}
	/* Case files are named relative to where we started. */
	char *files[64], *owned[64];
	int nf = 0, nowned = 0;
	for (int i = optind + 1; i < argc && nf < 64; i++) {
		char buf[1024];
		if (argv[i][0] != '/' && dir && !strchr(argv[i], ':')) {
			if (!getcwd(buf, sizeof buf)) {
				fprintf(stderr, "xtrun: getcwd: %s\n", strerror(errno));
				return 1;
			}
			size_t l = strlen(buf) + strlen(argv[i]) + 2;
			files[nf] = malloc(l);
			if (!files[nf])
				return 1;
			snprintf(files[nf], l, "%s/%s", buf, argv[i]);
			owned[nowned++] = files[nf];
		} else {
			files[nf] = argv[i];
		}
		nf++;
	}
	if (dir && chdir(dir) < 0) {
		fprintf(stderr, "xtrun: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	for (int i = 0; i < nf; i++)
		if (run_file(files[i], &o) < 0)
			bad = 1;
	for (int i = 0; i < nowned; i++)
		free(owned[i]);
	printf("xtrun: %d passed, %d failed, %d skipped\n", o.npass, o.nfail, o.nskip);
	return (bad || o.nfail) ? 1 : 0;
}
