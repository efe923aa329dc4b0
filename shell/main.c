/* main.c - ion: run a script, -c text, stdin, or an interactive prompt. */
#include "shell/exec.h"
#include "shell/func.h"
#include "shell/input.h"
#include "shell/job.h"
#include "shell/var.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void set_args(int argc, char **argv, int from)
{
	struct value v;
	value_arr(&v);
	for (int i = from; i < argc; i++)
		slist_push(&v.a, argv[i]);
	if (!v.a.n)
		slist_push(&v.a, "ion");
	var_set("args", &v);
}

/* The prompt: a PROMPT function's output if there is one. */
static char *prompt(void)
{
	if (func_exists("PROMPT")) {
		char *out;
		exec_capture("PROMPT", &out);
		return out;
	}
	char buf[4096];
	const char *user = getenv("USER");
	struct sbuf b;
	sbuf_init(&b);
	sbuf_puts(&b, user ? user : "");
	sbuf_putc(&b, ':');
	sbuf_puts(&b, getcwd(buf, sizeof buf) ? buf : "?");
	sbuf_puts(&b, geteuid() == 0 ? "# " : "$ ");
	return sbuf_take(&b);
}

static int interact(void)
{
	struct sbuf text;
	sbuf_init(&text);
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	setpgid(0, 0);
	tcsetpgrp(0, getpgrp());
	for (;;) {
		char *p = text.len ? str_dup("> ") : prompt();
		char *line = input_line(p);
		free(p);
		if (!line)
			break;
		input_history_add(line);
		sbuf_puts(&text, line);
		sbuf_putc(&text, '\n');
		free(line);
		/* keep reading while a block is open */
		struct parser ps;
		struct node *n;
		int r;
		parse_init(&ps, text.s);
		fflush(stderr);
		int saved = dup(2), nul = -1;
		/* a trial parse: its errors are reported by the real run */
		nul = open("/dev/null", O_WRONLY);
		if (nul >= 0)
			dup2(nul, 2);
		while ((r = parse_next(&ps, &n)) > 0)
			node_free(n);
		parse_done(&ps);
		dup2(saved, 2);
		close(saved);
		if (nul >= 0)
			close(nul);
		if (r == -EAGAIN && ps.incomplete)
			continue;
		exec_text(text.s);
		sbuf_free(&text);
		job_reap();
		if (exec_ctl() == CTL_EXIT)
			break;
		exec_set_ctl(CTL_NONE);
	}
	sbuf_free(&text);
	return exec_status();
}

/* $PWD names the real directory from the start (cd keeps it so). */
static void init_pwd(void)
{
	char buf[4096];
	if (getcwd(buf, sizeof buf))
		setenv("PWD", buf, 1);
}

int main(int argc, char **argv)
{
	int i = 1;
	char *text = NULL;
	init_pwd();
	while (i < argc && argv[i][0] == '-' && argv[i][1]) {
		if (str_eq(argv[i], "-c")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "ion: -c needs an argument\n");
				return 2;
			}
			exec_init(0);
			set_args(argc, argv, i + 1);
			exec_text(argv[i + 1]);
			fflush(stdout);
			return exec_status();
		}
		if (str_eq(argv[i], "--")) {
			i++;
			break;
		}
		if (str_eq(argv[i], "-h") || str_eq(argv[i], "--help")) {
			printf("usage: ion [-c TEXT | SCRIPT [ARGS...]]\n");
			return 0;
		}
		fprintf(stderr, "ion: unknown option %s\nusage: ion [-c TEXT | SCRIPT [ARGS...]]\n", argv[i]);
		return 2;
	}
	if (i < argc) {
		exec_init(0);
		text = input_read_file(argv[i]);
		if (!text)
			return 1;
		set_args(argc, argv, i);
	} else if (!isatty(0)) {
		exec_init(0);
		text = input_read_stdin();
		set_args(argc, argv, 0);
		if (!text)
			return 1;
	} else {
		exec_init(1);
		set_args(argc, argv, 0);
		return interact();
	}
	/* a #! line is a comment already */
	exec_text(text);
	free(text);
	fflush(stdout);
	return exec_status();
}
