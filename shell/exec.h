/* exec.h - runs parsed statements: blocks, pipelines, functions. */
#ifndef SHELL_EXEC_H
#define SHELL_EXEC_H
#include "shell/parse.h"
#include <sys/types.h>

enum exec_ctl { CTL_NONE, CTL_BREAK, CTL_CONTINUE, CTL_RETURN, CTL_EXIT };

int exec_status(void);
void exec_set_status(int st);
pid_t exec_pid(void);
void exec_init(int interactive);
int exec_interactive(void);
void exec_set_errexit(int on);	/* set -e / set +e */
void exec_set_ctl(enum exec_ctl c);
enum exec_ctl exec_ctl(void);
/* Runs one parsed statement; returns its status. */
int exec_node(struct node *n);
/* Parses and runs text (eval, source, -c); returns the last status. */
int exec_text(const char *text);
/* Runs text with stdout into *out (for $(...)); returns the status. */
int exec_capture(const char *text, char **out);
/* Runs argv with the shell's own environment (for `exec`-less spawns). */
int exec_argv(char **argv);

#endif
