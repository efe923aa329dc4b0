/*
 * cu-run - runs the coreutils test cases (tests/coreutils/README.md)
 * against one set of programs: GNU's, our host build, or ours inside the
 * OS.  The same source builds for Linux and for the OS.
 *
 *   cu-run MODE BINDIR CASEDIR WORKDIR
 *
 * Each case runs in WORKDIR/NAME with stdin, stdout and stderr on files
 * beside it; stdout, stderr, the exit status and any `check`ed files must
 * be what the case says.  Ends with "coreutils: N passed, M failed".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <regex.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXW 64
#define BIG 65536

struct text {
	char buf[BIG];
	size_t len;
};

struct run {
	const char *mode, *bindir, *casedir, *workdir;
	int passed, failed, skipped;
};

/* Decodes \n \t \\ \e \0NN escapes of src into dst; returns length. */
static size_t
unescape(const char *s, char *dst, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++) {
		char c = *s;
		if (c == '\\' && s[1]) {
			s++;
			switch (*s) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'e': c = 033; break;
			case 's': c = ' '; break;
			case '0': c = 0; break;
			default: c = *s; break;
			}
		}
		dst[n++] = c;
	}
	dst[n] = 0;
	return n;
}

static int
add(struct text *t, const char *s, int nl)
{
	t->len += unescape(s, t->buf + t->len, sizeof t->buf - t->len - 1);
	if (nl && t->len + 1 < sizeof t->buf)
		t->buf[t->len++] = '\n';
	return 0;
}

/* Words: split on spaces, 'single quotes' keep spaces, escapes apply. */
static int
split(char *line, char **w)
{
	int n = 0;
	char *p = line;
	while (*p && n < MAXW - 1) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		char *start = p, *o = p;
		while (*p && *p != ' ') {
			if (*p == '\'') {
				for (p++; *p && *p != '\''; )
					*o++ = *p++;
				if (*p)
					p++;
			} else {
				*o++ = *p++;
			}
		}
		if (*p)
			p++;
		*o = 0;
		char tmp[1024];
		size_t l = unescape(start, tmp, sizeof tmp);
		memcpy(start, tmp, l + 1);
		w[n++] = start;
	}
	w[n] = NULL;
	return n;
}

static int
write_file(const char *path, const char *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -errno;
	while (n > 0) {
		ssize_t w = write(fd, data, n);
		if (w <= 0) {
			close(fd);
			return -EIO;
		}
		data += w;
		n -= (size_t)w;
	}
	return close(fd) == 0 ? 0 : -errno;
}

static int
read_file(const char *path, struct text *t)
{
	int fd = open(path, O_RDONLY);
	ssize_t r;
	t->len = 0;
	if (fd < 0)
		return -errno;
	while ((r = read(fd, t->buf + t->len, sizeof t->buf - 1 - t->len)) > 0)
		t->len += (size_t)r;
	close(fd);
	t->buf[t->len] = 0;
	return r < 0 ? -EIO : 0;
}

static void
show(const char *what, const struct text *t)
{
	printf("  %s: \"", what);
	for (size_t i = 0; i < t->len && i < 600; i++) {
		unsigned char c = (unsigned char)t->buf[i];
		if (c == '\n')
			printf("\\n");
		else if (c == '\t')
			printf("\\t");
		else if (c < 32 || c >= 127)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

static int
same(const struct text *a, const struct text *b)
{
	return a->len == b->len && memcmp(a->buf, b->buf, a->len) == 0;
}

static int
mode_listed(const char *mode, char **w, int n)
{
	for (int i = 1; i < n; i++)
		if (!strcmp(w[i], mode))
			return 1;
	return 0;
}

/* Runs one case file; returns 1 passed, 0 failed, -1 skipped. */
static int
run_case(struct run *r, const char *name)
{
	static struct text want_out, want_err, got, stdin_text, tmp;
	static char linebuf[4096];
	char path[512], dir[512], in[512], out[512], err[512];
	char *cmd[MAXW] = { 0 };
	char cmdline[4096] = "";
	int want_status = 0, ncmd = 0, ok = 1;
	long kill_ms = -1;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", r->casedir, name);
	snprintf(dir, sizeof dir, "%s/%s", r->workdir, name);
	snprintf(in, sizeof in, "%s/.%s.in", r->workdir, name);
	snprintf(out, sizeof out, "%s/.%s.out", r->workdir, name);
	snprintf(err, sizeof err, "%s/.%s.err", r->workdir, name);
	want_out.len = want_err.len = stdin_text.len = 0;
	if ((f = fopen(path, "r")) == NULL) {
		printf("FAIL %s: %s\n", name, strerror(errno));
		return 0;
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		printf("FAIL %s: mkdir %s: %s\n", name, dir, strerror(errno));
		fclose(f);
		return 0;
	}
	if (chdir(dir) != 0) {
		printf("FAIL %s: chdir %s: %s\n", name, dir, strerror(errno));
		fclose(f);
		return 0;
	}
	/* Setup lines act now; checks after the run are re-read below. */
	while (fgets(linebuf, sizeof linebuf, f)) {
		char *w[MAXW];
		char *rest;
		linebuf[strcspn(linebuf, "\n")] = 0;
		if (linebuf[0] == '#' || linebuf[0] == 0)
			continue;
		rest = strchr(linebuf, ' ');
		rest = rest ? rest + 1 : linebuf + strlen(linebuf);
		if (!strncmp(linebuf, "cmd ", 4)) {
			snprintf(cmdline, sizeof cmdline, "%s", rest);
		} else if (!strncmp(linebuf, "only ", 5) || !strncmp(linebuf, "skip ", 5)) {
			int n = split(linebuf, w);
			if (mode_listed(r->mode, w, n) != (linebuf[0] == 'o')) {
				fclose(f);
				return -1;
			}
		} else if (!strncmp(linebuf, "dir ", 4)) {
			if (mkdir(rest, 0755) != 0 && errno != EEXIST)
				printf("FAIL %s: setup mkdir %s: %s\n", name, rest, strerror(errno)), ok = 0;
		} else if (!strncmp(linebuf, "file ", 5)) {
			char *sp = strchr(rest, ' ');
			if (sp)
				*sp++ = 0;
			tmp.len = 0;
			add(&tmp, sp ? sp : "", 0);
			if (write_file(rest, tmp.buf, tmp.len) != 0)
				printf("FAIL %s: setup file %s\n", name, rest), ok = 0;
		} else if (!strncmp(linebuf, "symlink ", 8)) {
			int n = split(rest, w);
			if (n != 2 || symlink(w[1], w[0]) != 0)
				printf("FAIL %s: setup symlink\n", name), ok = 0;
		} else if (!strncmp(linebuf, "mode ", 5)) {
			int n = split(rest, w);
			if (n != 2 || chmod(w[0], (mode_t)strtol(w[1], NULL, 8)) != 0)
				printf("FAIL %s: setup mode\n", name), ok = 0;
		} else if (!strncmp(linebuf, "stdin ", 6) || !strcmp(linebuf, "stdin")) {
			add(&stdin_text, rest, 1);
		} else if (!strncmp(linebuf, "stdinn ", 7)) {
			add(&stdin_text, rest, 0);
		} else if (!strncmp(linebuf, "out ", 4) || !strcmp(linebuf, "out")) {
			add(&want_out, rest, 1);
		} else if (!strncmp(linebuf, "outn ", 5)) {
			add(&want_out, rest, 0);
		} else if (!strncmp(linebuf, "err ", 4) || !strcmp(linebuf, "err")) {
			add(&want_err, rest, 1);
		} else if (!strncmp(linebuf, "errn ", 5)) {
			add(&want_err, rest, 0);
		} else if (!strncmp(linebuf, "status ", 7)) {
			want_status = atoi(rest);
		} else if (!strncmp(linebuf, "killafter ", 10)) {
			kill_ms = atol(rest);
		} else if (!strncmp(linebuf, "check ", 6) || !strncmp(linebuf, "exists ", 7) ||
		    !strncmp(linebuf, "checkmode ", 10) || !strncmp(linebuf, "checkowner ", 11) ||
		    !strncmp(linebuf, "absent ", 7) || !strncmp(linebuf, "errstart ", 9) ||
		    !strncmp(linebuf, "errre ", 6)) {
			/* after the run */
		} else {
			printf("FAIL %s: bad line '%s'\n", name, linebuf);
			ok = 0;
		}
	}
	ncmd = split(cmdline, cmd);
	if (ncmd == 0) {
		printf("FAIL %s: no cmd line\n", name);
		fclose(f);
		return 0;
	}
	if (write_file(in, stdin_text.buf, stdin_text.len) != 0) {
		printf("FAIL %s: cannot write %s\n", name, in);
		fclose(f);
		return 0;
	}

	char prog[512], envpath[600];
	snprintf(prog, sizeof prog, "%s/%s", r->bindir, cmd[0]);
	snprintf(envpath, sizeof envpath, "PATH=%s", r->bindir);
	char *envp[] = { envpath, "LC_ALL=C", "TZ=UTC", NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st = 0, e;
	if ((e = posix_spawn_file_actions_init(&fa)) == 0 &&
	    (e = posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0)) == 0 &&
	    (e = posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == 0 &&
	    (e = posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == 0) {
		fflush(stdout);
		e = posix_spawn(&pid, prog, &fa, NULL, cmd, envp);
	}
	posix_spawn_file_actions_destroy(&fa);
	if (e != 0) {
		printf("FAIL %s: spawn %s: %s\n", name, prog, strerror(e));
		fclose(f);
		return 0;
	}
	/* killafter: programs that never end on their own (tail -f) get
	 * SIGTERM after that many milliseconds.  Any other case that runs
	 * 10 s has hung: it fails and the run goes on. */
	int reaped = 0, hung = kill_ms < 0;
	if (hung)
		kill_ms = 10000;
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (kill_ms >= 0 && !reaped) {
		struct timespec ts = { 0, 1000 * 1000 };
		pid_t w = waitpid(pid, &st, WNOHANG);
		clock_gettime(CLOCK_MONOTONIC, &now);
		long waited = (now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000;
		if (w == pid) {
			reaped = 1;
		} else if (w < 0) {
			break;
		} else if (waited >= kill_ms) {
			kill(pid, hung ? SIGKILL : SIGTERM);
			if (hung) {
				printf("FAIL %s: still running after 10 s\n", name);
				ok = 0;
			}
			kill_ms = -1;
		} else {
			nanosleep(&ts, NULL);
		}
	}
	if (!reaped && waitpid(pid, &st, 0) != pid) {
		printf("FAIL %s: waitpid: %s\n", name, strerror(errno));
		fclose(f);
		return 0;
	}
	int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	if (status != want_status) {
		printf("FAIL %s: status %d, wanted %d\n", name, status, want_status);
		ok = 0;
	}
	read_file(out, &got);
	if (!same(&got, &want_out)) {
		printf("FAIL %s: stdout differs\n", name);
		show("want", &want_out);
		show("got ", &got);
		ok = 0;
	}
	read_file(err, &got);
	int errstart = 0;
	rewind(f);
	while (fgets(linebuf, sizeof linebuf, f)) {
		linebuf[strcspn(linebuf, "\n")] = 0;
		char *rest = strchr(linebuf, ' ');
		rest = rest ? rest + 1 : linebuf;
		if (!strncmp(linebuf, "errstart ", 9)) {
			/* Usage text differs between implementations: only the
			 * first line (GNU's message) is compared. */
			errstart = 1;
			tmp.len = 0;
			add(&tmp, rest, 1);
			if (got.len < tmp.len || memcmp(got.buf, tmp.buf, tmp.len) != 0) {
				printf("FAIL %s: stderr does not start right\n", name);
				show("want", &tmp);
				show("got ", &got);
				ok = 0;
			}
		} else if (!strncmp(linebuf, "errre ", 6)) {
			/* Output that varies (times): all of stderr must match
			 * this extended regular expression. */
			regex_t re;
			errstart = 1;
			tmp.len = 0;
			add(&tmp, rest, 0);
			char *pat = strndup(tmp.buf, tmp.len), *text = strndup(got.buf, got.len);
			if (!pat || !text || regcomp(&re, pat, REG_EXTENDED | REG_NOSUB) != 0) {
				printf("FAIL %s: bad errre '%s'\n", name, rest);
				ok = 0;
			} else {
				if (regexec(&re, text, 0, NULL, 0) != 0) {
					printf("FAIL %s: stderr does not match /%s/\n", name, rest);
					show("got ", &got);
					ok = 0;
				}
				regfree(&re);
			}
			free(pat);
			free(text);
		} else if (!strncmp(linebuf, "check ", 6)) {
			char *sp = strchr(rest, ' ');
			static struct text want;
			if (sp)
				*sp++ = 0;
			want.len = 0;
			add(&want, sp ? sp : "", 0);
			if (read_file(rest, &tmp) != 0 || !same(&tmp, &want)) {
				printf("FAIL %s: file %s differs\n", name, rest);
				show("want", &want);
				show("got ", &tmp);
				ok = 0;
			}
		} else if (!strncmp(linebuf, "checkmode ", 10)) {
			char *w[MAXW];
			struct stat sb;
			int n = split(rest, w);
			long want = n == 2 ? strtol(w[1], NULL, 8) : -1;
			if (n != 2 || lstat(w[0], &sb) != 0 || (long)(sb.st_mode & 07777) != want) {
				printf("FAIL %s: mode of %s is %o, wanted %lo\n", name, n ? w[0] : "?",
				    n == 2 ? (unsigned)(sb.st_mode & 07777) : 0, want);
				ok = 0;
			}
		} else if (!strncmp(linebuf, "checkowner ", 11)) {
			char *w[MAXW];
			struct stat sb;
			int n = split(rest, w);
			if (n != 3 || lstat(w[0], &sb) != 0 || sb.st_uid != (uid_t)atol(w[1]) ||
			    sb.st_gid != (gid_t)atol(w[2])) {
				printf("FAIL %s: owner of %s is not %s:%s\n", name, n ? w[0] : "?",
				    n > 1 ? w[1] : "?", n > 2 ? w[2] : "?");
				ok = 0;
			}
		} else if (!strncmp(linebuf, "exists ", 7) || !strncmp(linebuf, "absent ", 7)) {
			struct stat sb;
			int there = lstat(rest, &sb) == 0;
			if (there != (linebuf[0] == 'e')) {
				printf("FAIL %s: %s %s\n", name, rest, there ? "exists" : "is missing");
				ok = 0;
			}
		}
	}
	fclose(f);
	if (!errstart && !same(&got, &want_err)) {
		printf("FAIL %s: stderr differs\n", name);
		show("want", &want_err);
		show("got ", &got);
		ok = 0;
	}
	return ok;
}

/* Cases chdir into their directory: make the run's paths absolute
 * (a path with a scheme, like file:/cases, already is). */
static const char *
abs_path(const char *p, char *buf)
{
	char cwd[512];
	if (p[0] == '/' || strchr(p, ':') || getcwd(cwd, sizeof cwd) == NULL)
		return p;
	snprintf(buf, 1024, "%s/%s", cwd, p);
	return buf;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	struct run r = { 0 };
	static char *names[1024];
	int n = 0;
	DIR *d;
	struct dirent *de;
	static char bufs[3][1024];

	if (argc != 5) {
		fprintf(stderr, "usage: cu-run gnu|host|redox BINDIR CASEDIR WORKDIR\n");
		return 2;
	}
	r.mode = argv[1];
	r.bindir = abs_path(argv[2], bufs[0]);
	r.casedir = abs_path(argv[3], bufs[1]);
	r.workdir = abs_path(argv[4], bufs[2]);
	if (mkdir(r.workdir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "cu-run: %s: %s\n", r.workdir, strerror(errno));
		return 1;
	}
	if ((d = opendir(r.casedir)) == NULL) {
		fprintf(stderr, "cu-run: %s: %s\n", r.casedir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL && n < 1024) {
		size_t l = strlen(de->d_name);
		if (l > 5 && !strcmp(de->d_name + l - 5, ".case"))
			if ((names[n] = strdup(de->d_name)) != NULL)
				n++;
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof names[0], cmpstr);
	for (int i = 0; i < n; i++) {
		int res = run_case(&r, names[i]);
		if (res > 0)
			r.passed++;
		else if (res == 0)
			r.failed++;
		else
			r.skipped++;
	}
	printf("coreutils (%s): %d passed, %d failed, %d skipped\n", r.mode, r.passed, r.failed,
	    r.skipped);
	return r.failed ? 1 : 0;
}
