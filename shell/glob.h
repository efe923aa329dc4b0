/* glob.h - shell wildcard matching and path globbing (* ? [...]). */
#ifndef SHELL_GLOB_H
#define SHELL_GLOB_H
#include "shell/str.h"

/* Does name match pattern (\ quotes the next pattern character)? */
int glob_match(const char *pat, const char *name);
/* Paths matching pattern, sorted, appended to out; returns how many. */
int glob_expand(const char *pat, struct slist *out);

#endif
