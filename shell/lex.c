/* lex.c - statements, words and operators.  A word runs to unquoted
 * whitespace or an operator; brackets and parentheses nest, so an array
 * literal or a $(...) with spaces and newlines stays one word. */
#include "shell/lex.h"
#include "shell/str.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_dq(const char *s, int depth);

/* Deeper nesting than this is refused rather than recursed into. */
#define LEX_MAX_NEST 256

/* s points just past an opening ( or [; returns the position past the
 * matching close, or NULL. */
static const char *skip_nest(const char *s, char close, int depth)
{
	if (depth > LEX_MAX_NEST)
		return NULL;
	while (*s) {
		char c = *s;
		if (c == close)
			return s + 1;
		if (c == '\\' && s[1]) {
			s += 2;
		} else if (c == '\'') {
			const char *e = strchr(s + 1, '\'');
			if (!e)
				return NULL;
			s = e + 1;
		} else if (c == '"') {
			s = skip_dq(s + 1, depth + 1);
			if (!s)
				return NULL;
		} else if (c == '(' || c == '[') {
			s = skip_nest(s + 1, c == '(' ? ')' : ']', depth + 1);
			if (!s)
				return NULL;
		} else if (c == '#' && close == ']' && (s[-1] == ' ' || s[-1] == '\t' || s[-1] == '\n')) {
			while (*s && *s != '\n')
				s++;
		} else {
			s++;
		}
	}
	return NULL;
}

/* s points just past an opening "; returns the position past the close. */
static const char *skip_dq(const char *s, int depth)
{
	while (*s) {
		if (*s == '"')
			return s + 1;
		if (*s == '\\' && s[1]) {
			s += 2;
		} else if (*s == '$' || *s == '@') {
			/* $(...), $method(...): quotes inside do not end ours */
			const char *q = s + 1;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			if (*q == '(') {
				s = skip_nest(q + 1, ')', depth + 1);
				if (!s)
					return NULL;
			} else {
				s = q > s + 1 ? q : s + 1;
			}
		} else {
			s++;
		}
	}
	return NULL;
}

const char *lex_skip(const char *s)
{
	if (*s == '"')
		return skip_dq(s + 1, 0);
	if (*s == '\'') {
		const char *e = strchr(s + 1, '\'');
		return e ? e + 1 : NULL;
	}
	if (*s == '(' || *s == '[')
		return skip_nest(s + 1, *s == '(' ? ')' : ']', 0);
	return s + 1;
}

static void push(struct stmt *st, enum tok t, char *s)
{
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		st->tok = str_realloc(st->tok, st->cap * sizeof *st->tok);
	}
	st->tok[st->n].t = t;
	st->tok[st->n].s = s;
	st->n++;
}

void lex_free(struct stmt *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->tok[i].s);
	free(st->tok);
	st->tok = NULL;
	st->n = st->cap = 0;
}

/* An operator at s: its kind and length, or 0. */
static int op_at(const char *s, int word_start, enum tok *t)
{
	switch (s[0]) {
	case '|':
		if (s[1] == '|') { *t = T_OR; return 2; }
		*t = T_PIPE; return 1;
	case '&':
		if (s[1] == '&') { *t = T_AND; return 2; }
		if (s[1] == '>' && s[2] == '>') { *t = T_ALL_APPEND; return 3; }
		if (s[1] == '>') { *t = T_ALL; return 2; }
		if (s[1] == '|') { *t = T_PIPE_ALL; return 2; }
		*t = T_BG; return 1;
	case '^':
		if (!word_start)
			return 0;
		if (s[1] == '>' && s[2] == '>') { *t = T_ERR_APPEND; return 3; }
		if (s[1] == '>') { *t = T_ERR; return 2; }
		if (s[1] == '|') { *t = T_PIPE_ERR; return 2; }
		return 0;
	case '>':
		if (s[1] == '>') { *t = T_APPEND; return 2; }
		*t = T_OUT; return 1;
	case '<':
		if (s[1] == '<' && s[2] == '<') { *t = T_HERESTR; return 3; }
		*t = T_IN; return 1;
	}
	return 0;
}

int lex_next(const char **pp, struct stmt *st, const char **err)
{
	const char *s = *pp;
	struct sbuf w;
	int inword = 0;
	enum tok t;
	int n;

	st->tok = NULL;
	st->n = st->cap = 0;
	sbuf_init(&w);
	for (;;) {
		char c = *s;
		if (c == '\\' && s[1] == '\n') {
			s += 2;
			continue;
		}
		if (c == 0 || c == '\n' || c == ';' || c == ' ' || c == '\t' || c == '\r') {
			if (inword) {
				push(st, T_WORD, sbuf_take(&w));
				inword = 0;
			}
			if (c == 0 || ((c == '\n' || c == ';') && st->n)) {
				*pp = c ? s + 1 : s;
				return st->n ? 1 : 0;
			}
			s++;
			continue;
		}
		if (c == '#' && !inword) {
			while (*s && *s != '\n')
				s++;
			continue;
		}
		if ((n = op_at(s, !inword, &t))) {
			if (inword) {
				push(st, T_WORD, sbuf_take(&w));
				inword = 0;
			}
			push(st, t, NULL);
			s += n;
			continue;
		}
		const char *e;
		if (c == '\\' && s[1]) {
			e = s + 2;
		} else if (c == '\'' || c == '"' || c == '(' || c == '[') {
			e = lex_skip(s);
			if (!e) {
				*err = c == '\'' ? "unterminated single quote" :
				    c == '"' ? "unterminated double quote" :
				    c == '(' ? "unclosed (or too deeply nested) parenthesis" :
				    "unclosed (or too deeply nested) bracket";
				sbuf_free(&w);
				lex_free(st);
				*pp = s + strlen(s);
				return -EINVAL;
			}
		} else {
			e = s + 1;
		}
		sbuf_putn(&w, s, (size_t)(e - s));
		inword = 1;
		s = e;
	}
}
