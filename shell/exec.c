/* exec.c - the executor.  Builtins and functions run inside the shell
 * (there is no fork); external programs are posix_spawn'd with their
 * pipes and redirections as file actions. */
#include "shell/exec.h"
#include "shell/assign.h"
#include "shell/builtin.h"
#include "shell/expand.h"
#include "shell/func.h"
#include "shell/job.h"
#include "shell/lex.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int status;
static enum exec_ctl ctl;
static int interactive;
static int errexit;	/* set -e */
static int in_cond;	/* running an if/while condition or a guard */

int exec_status(void) { return status; }
void exec_set_status(int st) { status = st; }
pid_t exec_pid(void) { return getpid(); }
int exec_interactive(void) { return interactive; }
void exec_set_ctl(enum exec_ctl c) { ctl = c; }
enum exec_ctl exec_ctl(void) { return ctl; }

void exec_set_errexit(int on) { errexit = on; }

void exec_init(int inter)
{
	interactive = inter;
	signal(SIGPIPE, SIG_IGN);
}

/* Redirections for a command running inside the shell: the old fds are
 * kept in save[] and put back by restore. */
static int open_target(const struct redir *r, int *fd, int *which)
{
	char *path;
	if (expand_str(r->target, &path) < 0)
		return -1;
	int flags = 0;
	*which = 1;
	switch (r->t) {
	case T_IN: flags = O_RDONLY; *which = 0; break;
	case T_OUT: case T_ERR: case T_ALL: flags = O_WRONLY | O_CREAT | O_TRUNC; break;
	default: flags = O_WRONLY | O_CREAT | O_APPEND; break;
	}
	if (r->t == T_ERR || r->t == T_ERR_APPEND)
		*which = 2;
	if (r->t == T_ALL || r->t == T_ALL_APPEND)
		*which = 3;
	if (r->t == T_HERESTR) {
		int p[2];
		*which = 0;
		if (pipe(p) < 0) {
			free(path);
			return -1;
		}
		size_t n = strlen(path);
		/* small strings fit in the pipe; ion adds the newline */
		if (write(p[1], path, n) < 0 || write(p[1], "\n", 1) < 0)
			perror("ion: here-string");
		close(p[1]);
		free(path);
		*fd = p[0];
		return 0;
	}
	*fd = open(path, flags, 0666);
	if (*fd < 0) {
		fprintf(stderr, "ion: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

static int redirect(const struct cmd *c, int save[3])
{
	save[0] = save[1] = save[2] = -1;
	for (size_t i = 0; i < c->nr; i++) {
		int fd, which;
		if (open_target(&c->r[i], &fd, &which) < 0)
			return -1;
		fflush(stdout);
		for (int t = 0; t < 3; t++) {
			int hit = which == t || (which == 3 && t >= 1);
			if (!hit)
				continue;
			if (save[t] < 0)
				save[t] = dup(t);
			dup2(fd, t);
		}
		close(fd);
	}
	return 0;
}

static void restore(int save[3])
{
	if (save[0] < 0 && save[1] < 0 && save[2] < 0)
		return;
	fflush(stdout);
	fflush(stderr);
	for (int t = 0; t < 3; t++)
		if (save[t] >= 0) {
			dup2(save[t], t);
			close(save[t]);
		}
}

/* Runs a command inside the shell if it is a builtin, keyword or function;
 * returns -2 if it is an external program. */
static int run_internal(struct cmd *c, struct slist *argv, int expanded)
{
	const char *w0 = c->words.v[0];
	if (str_eq(w0, "let"))
		return assign_let(&c->words);
	if (str_eq(w0, "export"))
		return assign_export(&c->words);
	if (str_eq(w0, "break") || str_eq(w0, "continue")) {
		ctl = w0[0] == 'b' ? CTL_BREAK : CTL_CONTINUE;
		return 0;
	}
	if (str_eq(w0, "return")) {
		if (c->words.n > 1) {
			char *s;
			if (expand_str(c->words.v[1], &s) < 0)
				return 1;
			status = atoi(s);
			free(s);
		}
		ctl = CTL_RETURN;
		return status;
	}
	int fr = func_call(w0, &c->words);
	if (fr != -2)
		return fr;
	if (!expanded)
		return -2;
	builtin_fn *b = builtin_find(argv->v[0]);
	if (b)
		return b(argv);
	return -2;
}

static int wait_status(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	return 1;
}

static int spawn(struct cmd *c, struct slist *argv, int in, int out, int err, pid_t *pgid, pid_t *pid, int redirs)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int r;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	if (in != 0)
		posix_spawn_file_actions_adddup2(&fa, in, 0);
	if (out != 1)
		posix_spawn_file_actions_adddup2(&fa, out, 1);
	if (err != 2)
		posix_spawn_file_actions_adddup2(&fa, err, 2);
	int opened[16], no = 0;
	for (size_t i = 0; redirs && i < c->nr && no < 16; i++) {
		int fd, which;
		if (open_target(&c->r[i], &fd, &which) < 0) {
			for (int k = 0; k < no; k++)
				close(opened[k]);
			posix_spawn_file_actions_destroy(&fa);
			posix_spawnattr_destroy(&at);
			return -1;
		}
		opened[no++] = fd;
		for (int t = 0; t < 3; t++)
			if (which == t || (which == 3 && t >= 1))
				posix_spawn_file_actions_adddup2(&fa, fd, t);
	}
	/* the shell ignores SIGPIPE (a builtin writing to a gone reader must
	 * not kill it) and, on a terminal, the job-control signals; its
	 * programs get the defaults back */
	sigset_t def;
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGQUIT);
	sigaddset(&def, SIGTSTP);
	sigaddset(&def, SIGTTIN);
	sigaddset(&def, SIGTTOU);
	posix_spawnattr_setsigdefault(&at, &def);
	short flags = POSIX_SPAWN_SETSIGDEF;
	if (interactive && pgid) {
		flags |= POSIX_SPAWN_SETPGROUP;
		posix_spawnattr_setpgroup(&at, *pgid);
	}
	posix_spawnattr_setflags(&at, flags);
	r = posix_spawnp(pid, argv->v[0], &fa, &at, argv->v, environ);
	for (int k = 0; k < no; k++)
		close(opened[k]);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (r != 0) {
		if (r == ENOENT)
			fprintf(stderr, "ion: command not found: %s\n", argv->v[0]);
		else
			fprintf(stderr, "ion: %s: %s\n", argv->v[0], strerror(r));
		return -1;
	}
	if (interactive && pgid && *pgid == 0)
		*pgid = *pid;
	return 0;
}

/* `[ a = b ]` arrives as one bracket word: give test its words. */
static int bracket_test(struct cmd *c, struct slist *argv)
{
	const char *w = c->words.v[0];
	size_t n = strlen(w);
	if (w[0] != '[' || w[n - 1] != ']' || (n > 1 && w[1] != ' '))
		return 0;
	struct slist raw;
	slist_init(&raw);
	char *inner = str_ndup(w + 1, n - 2);
	const char *p = inner, *err;
	struct stmt st;
	while (lex_next(&p, &st, &err) > 0) {
		for (size_t i = 0; i < st.n; i++)
			if (st.tok[i].t == T_WORD)
				slist_push(&raw, st.tok[i].s);
		lex_free(&st);
	}
	free(inner);
	slist_push(argv, "test");
	int r = expand_words(&raw, argv);
	slist_free(&raw);
	for (size_t i = 1; r == 0 && i < c->words.n; i++)
		r = expand_word(c->words.v[i], argv);
	return r < 0 ? -1 : 1;
}

static int expand_cmd(struct cmd *c, struct slist *argv)
{
	slist_init(argv);
	int b = bracket_test(c, argv);
	if (b)
		return b < 0 ? -1 : 0;
	return expand_words(&c->words, argv);
}

static int is_keyword(const char *w)
{
	if (!strchr("lebcr", w[0]) && !func_count())
		return 0;
	return str_eq(w, "let") || str_eq(w, "export") || str_eq(w, "break") ||
	    str_eq(w, "continue") || str_eq(w, "return") || func_exists(w);
}

/* NAME=value words before a command: set in the environment while the
 * pipeline runs (its words are expanded with them too), then put back. */
static int env_prefix(struct pipeline *p, struct slist *names, struct slist *olds)
{
	struct cmd *c = &p->c[0];
	size_t k = 0;
	while (k + 1 < c->words.n) {
		const char *w = c->words.v[k], *eq = strchr(w, '=');
		char *name = eq ? str_ndup(w, (size_t)(eq - w)) : NULL;
		if (!name || !expand_is_name(name)) {
			free(name);
			break;
		}
		char *val;
		if (expand_str(eq + 1, &val) < 0) {
			free(name);
			return -1;
		}
		const char *old = getenv(name);
		slist_push(names, name);
		slist_push_own(olds, old ? str_dup(old) : NULL);
		if (!old)	/* keep the list's NULL end honest */
			olds->v[olds->n - 1] = NULL;
		setenv(name, val, 1);
		free(name);
		free(val);
		k++;
	}
	for (size_t i = 0; i < k; i++) {
		free(c->words.v[0]);
		memmove(c->words.v, c->words.v + 1, (c->words.n - 1) * sizeof *c->words.v);
		c->words.n--;
	}
	return (int)k;
}

static int run_pipeline(struct pipeline *p, int bg);

static int run_pipeline_env(struct pipeline *p, int bg)
{
	const char *w = p->c[0].words.v[0];
	const char *eq = strchr(w, '=');
	if (!eq || eq == w || p->c[0].words.n < 2 || str_eq(w, "let"))
		return run_pipeline(p, bg);
	/* work on a copy: the tree is run again by loops */
	struct cmd save = p->c[0];
	slist_copy(&p->c[0].words, &save.words);
	struct slist names, olds;
	slist_init(&names);
	slist_init(&olds);
	int st = env_prefix(p, &names, &olds);
	if (st >= 0)
		st = run_pipeline(p, bg);
	for (size_t i = names.n; i > 0; i--) {
		if (olds.v[i - 1])
			setenv(names.v[i - 1], olds.v[i - 1], 1);
		else
			unsetenv(names.v[i - 1]);
	}
	slist_free(&p->c[0].words);
	p->c[0] = save;
	for (size_t i = 0; i < olds.n; i++)
		free(olds.v[i]);
	free(olds.v);
	slist_free(&names);
	return st;
}

static int run_pipeline(struct pipeline *p, int bg)
{
	size_t n = p->n;
	int st = 0;
	if (n == 1 && !bg) {
		struct cmd *c = &p->c[0];
		struct slist argv;
		int save[3];
		if (redirect(c, save) < 0) {
			restore(save);
			return 1;
		}
		if (is_keyword(c->words.v[0])) {
			st = run_internal(c, NULL, 0);
			restore(save);
			return st;
		}
		if (expand_cmd(c, &argv) < 0) {
			restore(save);
			slist_free(&argv);
			return -1;
		}
		if (!argv.n) {
			restore(save);
			slist_free(&argv);
			return 0;
		}
		st = run_internal(c, &argv, 1);
		if (st == -2) {
			/* the redirections are in place: the program inherits
			 * them, and so does our "not found" message */
			pid_t pid, pg = 0;
			if (spawn(c, &argv, 0, 1, 2, &pg, &pid, 0) < 0) {
				st = 127;
			} else {
				st = job_wait_fg(pid, pg, argv.v[0]);
			}
		}
		restore(save);
		slist_free(&argv);
		return st;
	}
	/* a real pipeline: spawn the programs first so in-shell stages
	 * always have a live reader or writer */
	int (*pf)[2] = str_alloc(n * sizeof *pf);
	struct slist *argv = str_alloc(n * sizeof *argv);
	pid_t *pids = str_alloc(n * sizeof *pids);
	int *internal = str_alloc(n * sizeof *internal);
	pid_t pg = 0;
	for (size_t i = 0; i < n; i++) {
		pf[i][0] = pf[i][1] = -1;
		pids[i] = -1;
		if (i + 1 < n && pipe(pf[i]) < 0) {
			perror("ion: pipe");
			st = 1;
		}
		fcntl(pf[i][0], F_SETFD, FD_CLOEXEC);
		fcntl(pf[i][1], F_SETFD, FD_CLOEXEC);
	}
	for (size_t i = 0; i < n; i++) {
		internal[i] = is_keyword(p->c[i].words.v[0]);
		slist_init(&argv[i]);
		if (!internal[i]) {
			if (expand_cmd(&p->c[i], &argv[i]) < 0 || !argv[i].n) {
				st = 1;
				internal[i] = -1;
				continue;
			}
			internal[i] = builtin_find(argv[i].v[0]) != NULL;
		}
		if (internal[i])
			continue;
		int in = i ? pf[i - 1][0] : 0;
		int out = i + 1 < n ? pf[i][1] : 1;
		int err = i + 1 < n && p->join[i] != T_PIPE ? pf[i][1] : 2;
		if (i + 1 < n && p->join[i] == T_PIPE_ERR)
			out = 1;
		if (spawn(&p->c[i], &argv[i], in, out, err, &pg, &pids[i], 1) < 0)
			pids[i] = -1;
	}
	/* ends that only spawned (or failed) stages use are not ours: an
	 * in-shell reader must see end-of-file when its writer is gone */
	for (size_t i = 0; i + 1 < n; i++) {
		if (internal[i] != 1 && pf[i][1] >= 0) {
			close(pf[i][1]);
			pf[i][1] = -1;
		}
		if (internal[i + 1] != 1 && pf[i][0] >= 0) {
			close(pf[i][0]);
			pf[i][0] = -1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (internal[i] != 1)
			continue;
		int save[3] = {dup(0), dup(1), dup(2)};
		fflush(stdout);
		if (i)
			dup2(pf[i - 1][0] >= 0 ? pf[i - 1][0] : save[0], 0);
		if (i + 1 < n && pf[i][1] >= 0) {
			dup2(pf[i][1], p->join[i] == T_PIPE_ERR ? 2 : 1);
			if (p->join[i] == T_PIPE_ALL)
				dup2(pf[i][1], 2);
		}
		int sv[3];
		if (redirect(&p->c[i], sv) == 0)
			st = run_internal(&p->c[i], &argv[i], 1);
		restore(sv);
		fflush(stdout);
		restore(save);
		/* the next stage sees end-of-file once we close our end */
		if (i + 1 < n) {
			close(pf[i][1]);
			pf[i][1] = -1;
		}
		if (i) {
			close(pf[i - 1][0]);
			pf[i - 1][0] = -1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (pf[i][0] >= 0)
			close(pf[i][0]);
		if (pf[i][1] >= 0)
			close(pf[i][1]);
	}
	if (bg) {
		for (size_t i = 0; i < n; i++)
			if (pids[i] > 0)
				job_add(pids[i], pg, argv[n - 1].n ? argv[n - 1].v[0] : "?", i + 1 == n);
		st = 0;
	} else {
		for (size_t i = 0; i < n; i++) {
			if (pids[i] <= 0)
				continue;
			int s = job_wait_fg(pids[i], pg, argv[i].v[0]);
			if (i + 1 == n)
				st = s;
		}
		if (pids[n - 1] <= 0 && internal[n - 1] == 0)
			st = 127;
	}
	for (size_t i = 0; i < n; i++)
		slist_free(&argv[i]);
	free(pf);
	free(argv);
	free(pids);
	free(internal);
	return st;
}

static int run_andor(struct andor *a)
{
	int st = 0;
	size_t last = a->n;
	for (size_t i = 0; i < a->n; i++) {
		/* a leading `and` / `or` joins the first pipeline to the last status */
		if (!i && ((a->lead == T_AND && status != 0) || (a->lead == T_OR && status == 0)))
			continue;
		if (i && a->op[i - 1] == T_AND && status != 0)
			continue;
		if (i && a->op[i - 1] == T_OR && status == 0)
			continue;
		job_drain();	/* in $(...): keep the pipe from filling up */
		last = i;
		st = run_pipeline_env(&a->p[i], a->bg);
		if (st == -1) {
			/* an expansion error ends a script, as in ion */
			st = 1;
			if (!interactive) {
				status = 1;
				ctl = CTL_EXIT;
			}
		}
		if (a->p[i].neg)
			st = !st;
		status = st;
		if (ctl != CTL_NONE)
			break;
	}
	/* set -e: a failure that nothing tested ends the script */
	if (errexit && !in_cond && ctl == CTL_NONE && status != 0 &&
	    last + 1 == a->n && !a->p[last].neg) {
		fprintf(stderr, "ion: pipeline execution error: early exit: pipeline failed with error code %d\n", status);
		ctl = CTL_EXIT;
	}
	return status;
}

static int run_cond(struct andor *a)
{
	in_cond++;
	int st = run_andor(a);
	in_cond--;
	return st;
}

static int run_block(struct block *b)
{
	int st = status;
	var_push();
	for (size_t i = 0; i < b->n && ctl == CTL_NONE; i++)
		st = exec_node(b->v[i]);
	var_pop();
	return st;
}

static int case_matches(struct mcase *c, struct value *subj)
{
	if (c->pat.n == 1 && str_eq(c->pat.v[0], "_"))
		return 1;
	struct slist pats;
	slist_init(&pats);
	int hit = 0;
	if (expand_words(&c->pat, &pats) < 0) {
		slist_free(&pats);
		return -1;
	}
	struct slist single;
	slist_init(&single);
	const struct slist *sv = &subj->a;
	if (subj->t == V_STR) {
		slist_push(&single, subj->s);
		sv = &single;
	}
	for (size_t i = 0; i < pats.n && !hit; i++)
		for (size_t j = 0; j < sv->n && !hit; j++)
			hit = str_eq(pats.v[i], sv->v[j]);
	if (subj->t != V_STR && pats.n == sv->n && pats.n > 1) {
		hit = 1;
		for (size_t i = 0; i < pats.n; i++)
			hit &= str_eq(pats.v[i], sv->v[i]);
	}
	slist_free(&single);
	slist_free(&pats);
	return hit;
}

static int run_match(struct node *n)
{
	struct value subj;
	char *joined = slist_join(&n->words, " ");
	int r = expand_value(joined, &subj);
	free(joined);
	if (r < 0)
		return 1;
	for (size_t i = 0; i < n->ncases; i++) {
		struct mcase *c = &n->cases[i];
		int m = case_matches(c, &subj);
		if (m < 0)
			break;
		if (!m)
			continue;
		if (c->has_guard && run_cond(&c->guard) != 0)
			continue;
		value_free(&subj);
		return run_block(&c->body);
	}
	value_free(&subj);
	return status;
}

static int run_for(struct node *n)
{
	size_t in = 0;
	while (in < n->words.n && !str_eq(n->words.v[in], "in"))
		in++;
	if (in == 0 || in == n->words.n) {
		fprintf(stderr, "ion: syntax error: for NAME... in ITEMS\n");
		return 1;
	}
	struct slist items, raw;
	slist_init(&items);
	slist_init(&raw);
	for (size_t i = in + 1; i < n->words.n; i++) {
		struct slist one;
		slist_init(&one);
		if (expand_word(n->words.v[i], &one) < 0) {
			slist_free(&one);
			slist_free(&items);
			return 1;
		}
		for (size_t k = 0; k < one.n; k++) {
			int rr = expand_range(one.v[k], &items);
			if (rr < 0) {
				slist_free(&one);
				slist_free(&items);
				return 1;
			}
			if (!rr)
				slist_push(&items, one.v[k]);
		}
		slist_free(&one);
	}
	int st = 0;
	for (size_t i = 0; i < items.n && ctl == CTL_NONE; i += in) {
		var_push();
		for (size_t k = 0; k < in; k++)
			var_local_str(n->words.v[k], i + k < items.n ? items.v[i + k] : "");
		for (size_t j = 0; j < n->body.n && ctl == CTL_NONE; j++)
			st = exec_node(n->body.v[j]);
		var_pop();
		if (ctl == CTL_CONTINUE)
			ctl = CTL_NONE;
		else if (ctl == CTL_BREAK) {
			ctl = CTL_NONE;
			break;
		}
	}
	slist_free(&items);
	return st;
}

int exec_node(struct node *n)
{
	int st = status;
	switch (n->k) {
	case N_CMD:
		return run_andor(&n->ao);
	case N_FN:
		func_define(n);
		return status;
	case N_IF:
		for (size_t i = 0; i < n->nconds; i++) {
			if (run_cond(&n->conds[i]) == 0 && ctl == CTL_NONE)
				return run_block(&n->bodies[i]);
			if (ctl != CTL_NONE)
				return status;
		}
		return n->els.n ? run_block(&n->els) : st;
	case N_WHILE:
		while (ctl == CTL_NONE && run_cond(&n->ao) == 0 && ctl == CTL_NONE) {
			st = run_block(&n->body);
			if (ctl == CTL_CONTINUE)
				ctl = CTL_NONE;
			else if (ctl == CTL_BREAK) {
				ctl = CTL_NONE;
				break;
			}
		}
		return st;
	case N_FOR:
		return status = run_for(n);
	case N_MATCH:
		return run_match(n);
	}
	return st;
}

int exec_text(const char *text)
{
	struct parser ps;
	struct node *n;
	int r = 0;
	if (func_enter() < 0)
		return status = 1;
	parse_init(&ps, text);
	while (ctl == CTL_NONE && (r = parse_next(&ps, &n)) > 0) {
		exec_node(n);
		node_free(n);
	}
	parse_done(&ps);
	func_leave();
	if (r == -EAGAIN)
		fprintf(stderr, "ion: syntax error: missing `end'\n");
	if (r < 0)
		status = 1;
	return status;
}

int exec_capture(const char *text, char **out)
{
	int p[2];
	struct sbuf b;
	sbuf_init(&b);
	if (pipe(p) < 0) {
		perror("ion: pipe");
		*out = sbuf_take(&b);
		return 1;
	}
	fflush(stdout);
	int save = dup(1);
	dup2(p[1], 1);
	close(p[1]);
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	int fl = fcntl(p[0], F_GETFL);
	fcntl(p[0], F_SETFL, fl | O_NONBLOCK);
	struct sbuf *old_buf;
	int old_fd = job_set_drain(p[0], &b, &old_buf);
	enum exec_ctl old = ctl;
	int st = exec_text(text);
	if (ctl != CTL_EXIT)
		ctl = old;
	fflush(stdout);
	dup2(save, 1);
	close(save);
	/* every writer is gone now: the rest reads to end-of-file */
	fcntl(p[0], F_SETFL, fl);
	char buf[4096];
	ssize_t k;
	while ((k = read(p[0], buf, sizeof buf)) > 0)
		sbuf_putn(&b, buf, (size_t)k);
	job_set_drain(old_fd, old_buf, &old_buf);
	close(p[0]);
	*out = sbuf_take(&b);
	status = st;
	return st;
}

int exec_argv(char **argv)
{
	pid_t pid;
	if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ) != 0) {
		fprintf(stderr, "ion: command not found: %s\n", argv[0]);
		return 127;
	}
	int ws;
	if (waitpid(pid, &ws, 0) < 0)
		return 1;
	return wait_status(ws);
}
