/* expand.h - word expansion: quotes, variables, arrays, methods,
 * process and arithmetic expansions, braces and globs. */
#ifndef SHELL_EXPAND_H
#define SHELL_EXPAND_H
#include "shell/str.h"
#include "shell/var.h"

/* Each returns 0, or -1 after printing the error on stderr. */
/* One raw word into fields (arrays splice, braces and globs multiply). */
int expand_word(const char *w, struct slist *out);
/* Every word of a list, fields appended to out. */
int expand_words(const struct slist *words, struct slist *out);
/* One raw word into one string (arrays joined by spaces). */
int expand_str(const char *w, char **out);
/* One raw word into a value: `[...]` and `@...` give arrays. */
int expand_value(const char *w, struct value *v);
/* Resolves an index or slice like `1..3` against n items: the first
 * item and the count.  Returns -1 when out of range. */
int expand_slice(const char *spec, long n, long *first, long *count, int *single);
int expand_is_name(const char *s);


/* If s is a range (`1..5`, `1...5`, `1..=5`, `a..e`), its items go to out
 * and 1 is returned; otherwise 0; -1 (error printed) if it is too big. */
int expand_range(const char *s, struct slist *out);
#endif
