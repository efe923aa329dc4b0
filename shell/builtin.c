/* builtin.c - the builtin table and the small builtins; test and the
 * predicates live in builtin_test.c. */
#include "shell/builtin.h"
#include "shell/arith.h"
#include "shell/assign.h"
#include "shell/exec.h"
#include "shell/func.h"
#include "shell/input.h"
#include "shell/job.h"
#include "shell/var.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct slist dirstack;

static int b_echo(struct slist *a)
{
	int nl = 1, esc = 0, nosp = 0;
	size_t i = 1;
	for (; i < a->n && a->v[i][0] == '-' && a->v[i][1]; i++) {
		const char *f = a->v[i] + 1;
		if (strspn(f, "nes") != strlen(f))
			break;
		nl &= !strchr(f, 'n');
		esc |= strchr(f, 'e') != NULL;
		nosp |= strchr(f, 's') != NULL;
	}
	for (size_t k = i; k < a->n; k++) {
		if (k > i && !nosp)
			putchar(' ');
		if (!esc) {
			fputs(a->v[k], stdout);
			continue;
		}
		for (const char *s = a->v[k]; *s; s++) {
			if (*s != '\\' || !s[1]) {
				putchar(*s);
				continue;
			}
			switch (*++s) {
			case 'n': putchar('\n'); break;
			case 't': putchar('\t'); break;
			case '\\': putchar('\\'); break;
			case 'c': fflush(stdout); return 0;
			default: putchar('\\'); putchar(*s); break;
			}
		}
	}
	if (nl)
		putchar('\n');
	fflush(stdout);
	return 0;
}

static int set_pwd(void)
{
	char buf[4096];
	if (!getcwd(buf, sizeof buf))
		return 1;
	const char *old = getenv("PWD");
	if (old)
		setenv("OLDPWD", old, 1);
	setenv("PWD", buf, 1);
	return 0;
}

static int do_cd(const char *dir)
{
	if (chdir(dir) < 0) {
		fprintf(stderr, "ion: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return set_pwd();
}

static int b_cd(struct slist *a)
{
	const char *dir = a->n > 1 ? a->v[1] : getenv("HOME");
	if (!dir) {
		fprintf(stderr, "ion: cd: no home directory\n");
		return 1;
	}
	if (str_eq(dir, "-")) {
		dir = getenv("OLDPWD");
		if (!dir) {
			fprintf(stderr, "ion: cd: no previous directory\n");
			return 1;
		}
		char *d = str_dup(dir);
		int r = do_cd(d);
		if (r == 0)
			printf("%s\n", d);
		free(d);
		return r;
	}
	return do_cd(dir);
}

static int b_pwd(struct slist *a)
{
	char buf[4096];
	(void)a;
	if (!getcwd(buf, sizeof buf)) {
		fprintf(stderr, "ion: pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}

static int b_dirs(struct slist *a)
{
	char buf[4096];
	(void)a;
	printf("%s", getcwd(buf, sizeof buf) ? buf : "?");
	for (size_t i = dirstack.n; i > 0; i--)
		printf(" %s", dirstack.v[i - 1]);
	printf("\n");
	return 0;
}

static int b_pushd(struct slist *a)
{
	char buf[4096];
	if (a->n < 2) {
		fprintf(stderr, "ion: pushd: needs a directory\n");
		return 2;
	}
	if (!getcwd(buf, sizeof buf) || do_cd(a->v[1]) != 0)
		return 1;
	slist_push(&dirstack, buf);
	return b_dirs(a);
}

static int b_popd(struct slist *a)
{
	if (!dirstack.n) {
		fprintf(stderr, "ion: popd: directory stack empty\n");
		return 1;
	}
	char *d = dirstack.v[--dirstack.n];
	dirstack.v[dirstack.n] = NULL;
	int r = do_cd(d);
	free(d);
	return r ? r : b_dirs(a);
}

static int b_exit(struct slist *a)
{
	int st = a->n > 1 ? atoi(a->v[1]) : exec_status();
	fflush(stdout);
	exit(st & 255);
}

static int b_true(struct slist *a) { (void)a; return 0; }
static int b_false(struct slist *a) { (void)a; return 1; }

static int b_unset(struct slist *a)
{
	int r = 0;
	for (size_t i = 1; i < a->n; i++)
		if (var_unset(a->v[i]) < 0 && unsetenv(a->v[i]) < 0)
			r = 1;
	return r;
}

static int b_source(struct slist *a)
{
	if (a->n < 2) {
		fprintf(stderr, "ion: source: needs a file\n");
		return 2;
	}
	char *text = input_read_file(a->v[1]);
	if (!text)
		return 1;
	int r = exec_text(text);
	free(text);
	return r;
}

static int b_eval(struct slist *a)
{
	struct slist rest;
	slist_init(&rest);
	for (size_t i = 1; i < a->n; i++)
		slist_push(&rest, a->v[i]);
	char *text = slist_join(&rest, " ");
	slist_free(&rest);
	int r = exec_text(text);
	free(text);
	return r;
}

static int b_exec(struct slist *a)
{
	if (a->n < 2)
		return 0;
	fflush(stdout);
	builtin_fn *b = builtin_find(a->v[1]);
	if (b) {
		/* a builtin has no program to become: run it and leave */
		struct slist rest;
		slist_init(&rest);
		for (size_t i = 1; i < a->n; i++)
			slist_push(&rest, a->v[i]);
		int st = b(&rest);
		slist_free(&rest);
		fflush(stdout);
		exit(st);
	}
	execvp(a->v[1], a->v + 1);
	/* no exec (our libc spawns): run it and leave with its status */
	int st = exec_argv(a->v + 1);
	exit(st);
}

static int b_alias(struct slist *a)
{
	if (a->n == 1) {
		assign_list_aliases();
		return 0;
	}
	/* alias name = value...  or  alias name=value */
	struct slist rest;
	slist_init(&rest);
	const char *name = a->v[1];
	char *nm = NULL;
	size_t from = 2;
	char *eq = strchr(a->v[1], '=');
	if (eq) {
		nm = str_ndup(a->v[1], (size_t)(eq - a->v[1]));
		name = nm;
		if (eq[1])
			slist_push(&rest, eq + 1);
	} else if (a->n > 2 && str_eq(a->v[2], "=")) {
		from = 3;
	} else {
		const char *v = assign_alias(name);
		if (!v)
			return 1;
		printf("alias %s = '%s'\n", name, v);
		return 0;
	}
	for (size_t i = from; i < a->n; i++)
		slist_push(&rest, a->v[i]);
	char *val = slist_join(&rest, " ");
	assign_set_alias(name, val);
	free(val);
	free(nm);
	slist_free(&rest);
	return 0;
}

static int b_unalias(struct slist *a)
{
	int r = 0;
	for (size_t i = 1; i < a->n; i++)
		if (assign_unalias(a->v[i]) < 0) {
			fprintf(stderr, "ion: unalias: %s: no such alias\n", a->v[i]);
			r = 1;
		}
	return r;
}

static int b_read(struct slist *a)
{
	struct sbuf line;
	char c;
	ssize_t k;
	sbuf_init(&line);
	fflush(stdout);
	/* one byte at a time: the rest of the input belongs to later readers */
	while ((k = read(0, &c, 1)) == 1 && c != '\n')
		sbuf_putc(&line, c);
	int eof = k <= 0 && !line.len;
	char *s = sbuf_take(&line);
	if (a->n < 2) {
		free(s);
		return eof;
	}
	char *p = s;
	for (size_t i = 1; i < a->n; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		char *w = p;
		if (i + 1 < a->n)
			while (*p && *p != ' ' && *p != '\t')
				p++;
		else
			p += strlen(p);
		char *v = str_ndup(w, (size_t)(p - w));
		var_set_str(a->v[i], v);
		free(v);
	}
	free(s);
	return eof;
}

static int b_history(struct slist *a)
{
	(void)a;
	input_history_print();
	return 0;
}

static int b_help(struct slist *a)
{
	(void)a;
	printf("ion: builtins: alias bg bool cd contains dirs disown drop echo ends-with eval exec exists exit export false fg fn help history is jobs let matches math popd pushd pwd random read set source starts-with status test true type unalias unset wait which\n");
	return 0;
}

static int b_random(struct slist *a)
{
	static int seeded;
	if (!seeded) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		srandom((unsigned)(ts.tv_nsec ^ getpid()));
		seeded = 1;
	}
	if (a->n == 2) {
		srandom((unsigned)atoi(a->v[1]));
		return 0;
	}
	long lo = 0, hi = 32767;
	if (a->n >= 3) {
		lo = atol(a->v[1]);
		hi = atol(a->v[2]);
	}
	if (hi < lo) {
		fprintf(stderr, "ion: random: END is below START\n");
		return 2;
	}
	printf("%ld\n", lo + random() % (hi - lo + 1));
	return 0;
}

/* math [EXPR...]: ion's calculator (arith_math); with no expression it
 * reads one per line until "exit" or the end of input. */
static int b_math(struct slist *a)
{
	char *out;
	if (a->n > 1) {
		struct slist rest;
		slist_init(&rest);
		for (size_t i = 1; i < a->n; i++)
			slist_push(&rest, a->v[i]);
		char *expr = slist_join(&rest, " ");
		slist_free(&rest);
		int r = arith_math(expr, &out);
		free(expr);
		if (r < 0)
			return 1;
		printf("%s\n", out);
		free(out);
		return 0;
	}
	char *line = NULL;
	size_t cap = 0;
	int st = 0;
	while (getline(&line, &cap, stdin) > 0) {
		line[strcspn(line, "\n")] = 0;
		if (!strcmp(line, "exit"))
			break;
		if (!line[strspn(line, " \t")])
			continue;
		if (arith_math(line, &out) < 0) {
			st = 1;
			continue;
		}
		printf(">> %s\n", out);
		fflush(stdout);
		free(out);
		st = 0;
	}
	free(line);
	return st;
}

static int b_status(struct slist *a)
{
	if (a->n < 2) {
		printf("%s\n", exec_interactive() ? "This is an interactive shell" : "This is not an interactive shell");
		return 0;
	}
	if (str_eq(a->v[1], "-i") || str_eq(a->v[1], "--is-interactive"))
		return !exec_interactive();
	if (str_eq(a->v[1], "-l") || str_eq(a->v[1], "--is-login"))
		return 1;
	if (str_eq(a->v[1], "-f") || str_eq(a->v[1], "--current-filename")) {
		const struct value *v = var_get("args");
		printf("%s\n", v && v->t == V_ARR && v->a.n ? v->a.v[0] : "ion");
		return 0;
	}
	fprintf(stderr, "ion: status: unknown option %s\n", a->v[1]);
	return 2;
}

/* Where name would run from; 0 if found. */
static int locate(const char *name, int verbose)
{
	if (func_exists(name)) {
		printf(verbose ? "%s is a function\n" : "%s: function\n", name);
		return 0;
	}
	if (assign_alias(name)) {
		printf(verbose ? "%s is an alias for %s\n" : "%s: alias to %s\n", name, assign_alias(name));
		return 0;
	}
	if (builtin_find(name)) {
		printf(verbose ? "%s is a shell builtin\n" : "%s: built-in shell command\n", name);
		return 0;
	}
	const char *path = getenv("PATH");
	if (strchr(name, '/')) {
		if (access(name, X_OK) == 0) {
			printf("%s\n", name);
			return 0;
		}
		return 1;
	}
	for (const char *p = path ? path : ""; *p;) {
		const char *e = strchr(p, ':');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char buf[4096];
		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, p, name);
		struct stat st;
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) && access(buf, X_OK) == 0) {
			printf(verbose ? "%s is %s\n" : "%s\n", verbose ? name : buf, buf);
			return 0;
		}
		p += n + (e ? 1 : 0);
	}
	fprintf(stderr, "%s not found\n", name);
	return 1;
}

static int b_which(struct slist *a)
{
	int r = 0;
	for (size_t i = 1; i < a->n; i++)
		r |= locate(a->v[i], 0);
	return r;
}

static int b_type(struct slist *a)
{
	int r = 0;
	for (size_t i = 1; i < a->n; i++)
		r |= locate(a->v[i], 1);
	return r;
}

static int b_fn(struct slist *a)
{
	(void)a;
	func_list();
	return 0;
}

static int job_id(struct slist *a)
{
	if (a->n < 2)
		return -1;
	const char *s = a->v[1][0] == '%' ? a->v[1] + 1 : a->v[1];
	return atoi(s);
}

static int b_jobs(struct slist *a) { (void)a; job_list(); return 0; }
static int b_fg(struct slist *a) { return job_fg(job_id(a)); }
static int b_bg(struct slist *a) { return job_bg(job_id(a)); }
static int b_wait(struct slist *a) { (void)a; return job_wait_all(); }
static int b_disown(struct slist *a) { return job_disown(job_id(a)); }

static int b_set(struct slist *a)
{
	if (a->n >= 2 && str_eq(a->v[1], "--")) {
		struct value v;
		value_arr(&v);
		const struct value *old = var_get("args");
		slist_push(&v.a, old && old->t == V_ARR && old->a.n ? old->a.v[0] : "ion");
		for (size_t i = 2; i < a->n; i++)
			slist_push(&v.a, a->v[i]);
		var_set("args", &v);
		return 0;
	}
	if (a->n == 1) {
		extern char **environ;
		for (char **e = environ; *e; e++)
			printf("%s\n", *e);
		return 0;
	}
	for (size_t i = 1; i < a->n; i++) {
		if (str_eq(a->v[i], "-e") || str_eq(a->v[i], "+e")) {
			exec_set_errexit(a->v[i][0] == '-');
			continue;
		}
		fprintf(stderr, "ion: set: unsupported option %s\n", a->v[i]);
		return 2;
	}
	return 0;
}

static int b_pred(struct slist *a) { return builtin_pred(a->v[0], a); }

static const struct {
	const char *name;
	builtin_fn *fn;
} table[] = {
	{"echo", b_echo}, {"cd", b_cd}, {"pwd", b_pwd}, {"exit", b_exit},
	{"true", b_true}, {"false", b_false}, {"unset", b_unset}, {"drop", b_unset},
	{"source", b_source}, {".", b_source}, {"eval", b_eval}, {"exec", b_exec},
	{"alias", b_alias}, {"unalias", b_unalias}, {"read", b_read},
	{"history", b_history}, {"help", b_help}, {"random", b_random}, {"math", b_math},
	{"status", b_status}, {"which", b_which}, {"type", b_type}, {"fn", b_fn},
	{"jobs", b_jobs}, {"fg", b_fg}, {"bg", b_bg}, {"wait", b_wait},
	{"disown", b_disown}, {"set", b_set}, {"pushd", b_pushd}, {"popd", b_popd},
	{"dirs", b_dirs}, {"test", builtin_test}, {"[", builtin_test},
	{"exists", b_pred}, {"is", b_pred}, {"matches", b_pred}, {"contains", b_pred},
	{"starts-with", b_pred}, {"ends-with", b_pred}, {"bool", b_pred},
	{"eq", b_pred},
};

void builtin_each(void (*fn)(const char *name, void *arg), void *arg)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		fn(table[i].name, arg);
}

builtin_fn *builtin_find(const char *name)
{
	/* first letters first: this runs for every command */
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].name[0] == name[0] && str_eq(table[i].name, name))
			return table[i].fn;
	return NULL;
}
