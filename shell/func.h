/* func.h - ion functions (`fn NAME ARGS -- DOC ... end`). */
#ifndef SHELL_FUNC_H
#define SHELL_FUNC_H
#include "shell/parse.h"

void func_define(struct node *n);	/* takes a reference to n */
int func_exists(const char *name);
int func_count(void);
void func_list(void);	/* what `fn` prints */
/* Runs function name with raw argument words (raw->v[0] is the name);
 * -2 if there is no such function, else its status. */
int func_call(const char *name, struct slist *raw);
/* Calls, `source` and `eval` nest on the C stack: func_enter fails
 * (after saying so) past a fixed depth; func_leave undoes it. */
int func_enter(void);
void func_leave(void);

#endif
