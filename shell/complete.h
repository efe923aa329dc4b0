/* complete.h - Tab completion of commands, variables and paths. */
#ifndef SHELL_COMPLETE_H
#define SHELL_COMPLETE_H

#include <stddef.h>

/* A lineedit_complete_fn (shell/lineedit.h); ctx is unused. */
size_t complete_word(void *ctx, const char *line, size_t cursor, size_t *start,
    char ***out);

#endif
