/* assign.h - `let`, `export`, types and aliases. */
#ifndef SHELL_ASSIGN_H
#define SHELL_ASSIGN_H
#include "shell/str.h"

/* raw: the statement's words, "let" first.  Return a status. */
int assign_let(const struct slist *raw);
int assign_export(const struct slist *raw);
/* Is s a valid value of primitive type (int, float, bool, str)? */
int assign_type_ok(const char *type, const char *s);
/* 1 for true/1/y/yes, 0 for false/0/n/no, -1 for anything else. */
int assign_bool(const char *s);
const char *assign_alias(const char *name);
int assign_set_alias(const char *name, const char *value);
int assign_unalias(const char *name);
void assign_list_aliases(void);

#endif
