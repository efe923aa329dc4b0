/* lex.h - split script text into statements of words and operators.
 * Words keep their quotes and sigils; expand.c interprets them. */
#ifndef SHELL_LEX_H
#define SHELL_LEX_H
#include <stddef.h>

enum tok {
	T_WORD, T_PIPE, T_PIPE_ERR, T_PIPE_ALL, T_AND, T_OR, T_BG,
	T_OUT, T_APPEND, T_IN, T_ERR, T_ERR_APPEND, T_ALL, T_ALL_APPEND,
	T_HERESTR
};

struct token {
	enum tok t;
	char *s;	/* T_WORD only */
};

struct stmt {
	struct token *tok;
	size_t n, cap;
};

/* Reads the next non-empty statement at *p.  Returns 1 with *st filled,
 * 0 at the end of the text, -EINVAL for an unterminated quote or
 * bracket (*err says which); the caller frees st with lex_free. */
int lex_next(const char **p, struct stmt *st, const char **err);
void lex_free(struct stmt *st);
/* Skips a balanced $(...) / [...] / quoted run starting at s; returns the
 * position after it or NULL if it is not closed. */
const char *lex_skip(const char *s);

#endif
