/* method.h - $method(...) and @method(...) expansions. */
#ifndef SHELL_METHOD_H
#define SHELL_METHOD_H
#include "shell/str.h"
#include "shell/var.h"

int method_exists(char sigil, const char *name);
/* args are raw words; the result into *out.  0 or -1 (error printed). */
int method_call(char sigil, const char *name, const struct slist *args, struct value *out);
/* Backslash escapes (\n \t \\ ...) to the characters they stand for. */
char *method_unescape(const char *s);

#endif
