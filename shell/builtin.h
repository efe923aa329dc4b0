/* builtin.h - commands that run inside the shell. */
#ifndef SHELL_BUILTIN_H
#define SHELL_BUILTIN_H
#include "shell/str.h"

typedef int builtin_fn(struct slist *argv);
builtin_fn *builtin_find(const char *name);
/* Calls fn with each builtin's name (Tab completion). */
void builtin_each(void (*fn)(const char *name, void *arg), void *arg);
/* test / [ on argv (argv[0] is the command name). */
int builtin_test(struct slist *argv);
/* exists, is, contains, starts-with, ends-with, matches, bool, eq. */
int builtin_pred(const char *name, struct slist *argv);

#endif
