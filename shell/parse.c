/* parse.c - recursive descent over statements.  The first word of a
 * statement picks its kind; blocks run to `end`. */
#include "shell/parse.h"
#include "shell/assign.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_block(struct parser *ps, struct block *b, struct stmt *term);
static int parse_block_in(struct parser *ps, struct block *b, struct stmt *term);

void parse_init(struct parser *ps, const char *text)
{
	memset(ps, 0, sizeof *ps);
	ps->p = text;
}

void parse_done(struct parser *ps)
{
	if (ps->has_pend)
		lex_free(&ps->pend);
	ps->has_pend = 0;
}

static int syntax(const char *msg)
{
	fprintf(stderr, "ion: syntax error: %s\n", msg);
	return -EINVAL;
}

static int next_stmt(struct parser *ps, struct stmt *st)
{
	const char *err = "";
	if (ps->has_pend) {
		*st = ps->pend;
		ps->has_pend = 0;
		return 1;
	}
	int r = lex_next(&ps->p, st, &err);
	if (r == -EINVAL) {
		ps->incomplete = 1;
		return syntax(err);
	}
	return r;
}

static void block_push(struct block *b, struct node *n)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 8;
		b->v = str_realloc(b->v, b->cap * sizeof *b->v);
	}
	b->v[b->n++] = n;
}

static void andor_free(struct andor *a)
{
	for (size_t i = 0; i < a->n; i++) {
		struct pipeline *p = &a->p[i];
		for (size_t j = 0; j < p->n; j++) {
			slist_free(&p->c[j].words);
			for (size_t k = 0; k < p->c[j].nr; k++)
				free(p->c[j].r[k].target);
			free(p->c[j].r);
		}
		free(p->c);
		free(p->join);
	}
	free(a->p);
	free(a->op);
	memset(a, 0, sizeof *a);
}

void block_free(struct block *b)
{
	for (size_t i = 0; i < b->n; i++)
		node_free(b->v[i]);
	free(b->v);
	memset(b, 0, sizeof *b);
}

void node_free(struct node *n)
{
	if (!n)
		return;
	if (n->refs-- > 0)
		return;
	andor_free(&n->ao);
	for (size_t i = 0; i < n->nconds; i++) {
		andor_free(&n->conds[i]);
		block_free(&n->bodies[i]);
	}
	free(n->conds);
	free(n->bodies);
	block_free(&n->els);
	slist_free(&n->words);
	block_free(&n->body);
	for (size_t i = 0; i < n->ncases; i++) {
		slist_free(&n->cases[i].pat);
		andor_free(&n->cases[i].guard);
		block_free(&n->cases[i].body);
	}
	free(n->cases);
	free(n->doc);
	free(n);
}

static int is_redir(enum tok t)
{
	return t >= T_OUT && t <= T_HERESTR;
}

/* Tokens [from, to) of st into an and-or list. */
static int parse_andor(struct stmt *st, size_t from, struct andor *a)
{
	struct pipeline *p = NULL;
	struct cmd *c = NULL;
	size_t i = from;

	memset(a, 0, sizeof *a);
	if (from < st->n && st->tok[st->n - 1].t == T_BG) {
		a->bg = 1;
		st->n--;
	}
	if (from >= st->n)
		return syntax("empty command");
	for (; i <= st->n; i++) {
		struct token *t = i < st->n ? &st->tok[i] : NULL;
		if (!p) {
			a->p = str_realloc(a->p, (a->n + 1) * sizeof *a->p);
			a->op = str_realloc(a->op, (a->n + 1) * sizeof *a->op);
			p = &a->p[a->n++];
			memset(p, 0, sizeof *p);
			if (t && t->t == T_WORD && a->n == 1 && i == from && !a->lead &&
			    (str_eq(t->s, "and") || str_eq(t->s, "or")) && i + 1 < st->n) {
				/* ion's `and CMD` / `or CMD`: joined to the last status */
				a->lead = t->s[0] == 'a' ? T_AND : T_OR;
				a->n--;
				p = NULL;
				continue;
			}
			if (t && t->t == T_WORD && (str_eq(t->s, "!") || str_eq(t->s, "not")) && i + 1 < st->n) {
				p->neg = 1;
				continue;
			}
		}
		if (!c) {
			p->c = str_realloc(p->c, (p->n + 1) * sizeof *p->c);
			p->join = str_realloc(p->join, (p->n + 1) * sizeof *p->join);
			c = &p->c[p->n++];
			memset(c, 0, sizeof *c);
		}
		if (t && t->t == T_WORD) {
			slist_push_own(&c->words, t->s);
			t->s = NULL;
			continue;
		}
		if (t && is_redir(t->t)) {
			if (i + 1 >= st->n || st->tok[i + 1].t != T_WORD)
				return syntax("redirection without a target");
			c->r = str_realloc(c->r, (c->nr + 1) * sizeof *c->r);
			c->r[c->nr].t = t->t;
			c->r[c->nr].target = st->tok[i + 1].s;
			st->tok[i + 1].s = NULL;
			c->nr++;
			i++;
			continue;
		}
		if (!c->words.n)
			return syntax("empty command in a pipeline");
		if (!t)
			break;
		if (t->t == T_PIPE || t->t == T_PIPE_ERR || t->t == T_PIPE_ALL) {
			p->join[p->n - 1] = t->t;
			c = NULL;
		} else if (t->t == T_AND || t->t == T_OR) {
			a->op[a->n - 1] = t->t;
			p = NULL;
			c = NULL;
		} else {
			return syntax("`&' in the middle of a command");
		}
	}
	return 0;
}

static int word_is(struct stmt *st, size_t i, const char *w)
{
	return i < st->n && st->tok[i].t == T_WORD && str_eq(st->tok[i].s, w);
}

static void words_from(struct stmt *st, size_t from, struct slist *l)
{
	slist_init(l);
	for (size_t i = from; i < st->n; i++)
		if (st->tok[i].t == T_WORD)
			slist_push(l, st->tok[i].s);
}

static struct node *node_new(enum nkind k)
{
	struct node *n = str_alloc(sizeof *n);
	memset(n, 0, sizeof *n);
	n->k = k;
	return n;
}

static int parse_if(struct parser *ps, struct node *n, struct stmt *st)
{
	size_t from = 1;
	struct stmt term;
	for (;;) {
		n->conds = str_realloc(n->conds, (n->nconds + 1) * sizeof *n->conds);
		n->bodies = str_realloc(n->bodies, (n->nconds + 1) * sizeof *n->bodies);
		memset(&n->bodies[n->nconds], 0, sizeof n->bodies[0]);
		memset(&n->conds[n->nconds], 0, sizeof n->conds[0]);
		n->nconds++;
		int r = parse_andor(st, from, &n->conds[n->nconds - 1]);
		if (r < 0)
			return r;
		r = parse_block(ps, &n->bodies[n->nconds - 1], &term);
		if (r < 0)
			return r;
		if (word_is(&term, 0, "else") && word_is(&term, 1, "if")) {
			lex_free(st);
			*st = term;
			from = 2;
			continue;
		}
		if (word_is(&term, 0, "else")) {
			lex_free(&term);
			r = parse_block(ps, &n->els, &term);
			if (r < 0)
				return r;
			if (!word_is(&term, 0, "end")) {
				lex_free(&term);
				return syntax("expected `end' after `else'");
			}
		}
		lex_free(&term);
		return 0;
	}
}

static int parse_match(struct parser *ps, struct node *n)
{
	struct stmt st;
	int r = next_stmt(ps, &st);
	for (;;) {
		if (r <= 0) {
			ps->incomplete = 1;
			return r < 0 ? r : -EAGAIN;
		}
		if (word_is(&st, 0, "end")) {
			lex_free(&st);
			return 0;
		}
		if (!word_is(&st, 0, "case")) {
			lex_free(&st);
			return syntax("expected `case' in `match'");
		}
		n->cases = str_realloc(n->cases, (n->ncases + 1) * sizeof *n->cases);
		struct mcase *c = &n->cases[n->ncases++];
		memset(c, 0, sizeof *c);
		size_t i = 1;
		while (i < st.n && !word_is(&st, i, "if")) {
			if (st.tok[i].t == T_WORD)
				slist_push(&c->pat, st.tok[i].s);
			i++;
		}
		if (i < st.n) {
			c->has_guard = 1;
			if ((r = parse_andor(&st, i + 1, &c->guard)) < 0) {
				lex_free(&st);
				return r;
			}
		}
		lex_free(&st);
		r = parse_block(ps, &c->body, &st);
		if (r < 0)
			return r;
		r = 1;
	}
}

/* Aliases are text: a command word naming one becomes the tokens of
 * its value, so an alias may hold pipes and && (one pass, no loops). */
static void alias_splice(struct stmt *st)
{
	for (size_t i = 0; i < st->n; i++) {
		enum tok prev = i ? st->tok[i - 1].t : T_PIPE;
		if (st->tok[i].t != T_WORD || (prev != T_PIPE && prev != T_PIPE_ERR &&
		    prev != T_PIPE_ALL && prev != T_AND && prev != T_OR))
			continue;
		const char *val = assign_alias(st->tok[i].s);
		if (!val)
			continue;
		struct stmt a;
		const char *p = val, *err = "";
		if (lex_next(&p, &a, &err) <= 0)
			continue;
		size_t extra = a.n - 1;
		if (st->n + extra > st->cap) {
			st->cap = st->n + extra;
			st->tok = str_realloc(st->tok, st->cap * sizeof *st->tok);
		}
		free(st->tok[i].s);
		memmove(&st->tok[i + a.n], &st->tok[i + 1], (st->n - i - 1) * sizeof *st->tok);
		memcpy(&st->tok[i], a.tok, a.n * sizeof *a.tok);
		st->n += extra;
		i += extra;
		free(a.tok);
	}
}

/* One statement (with its block, if it opens one) from st. */
static int parse_stmt(struct parser *ps, struct stmt *st, struct node **out)
{
	struct node *n = NULL;
	struct stmt term;
	int r = 0;
	const char *w0 = st->tok[0].t == T_WORD ? st->tok[0].s : "";

	if (str_eq(w0, "if")) {
		n = node_new(N_IF);
		r = parse_if(ps, n, st);
	} else if (str_eq(w0, "while")) {
		n = node_new(N_WHILE);
		r = parse_andor(st, 1, &n->ao);
		if (r == 0)
			r = parse_block(ps, &n->body, &term);
	} else if (str_eq(w0, "for")) {
		n = node_new(N_FOR);
		words_from(st, 1, &n->words);
		r = parse_block(ps, &n->body, &term);
	} else if (str_eq(w0, "fn") && st->n > 1) {
		n = node_new(N_FN);
		slist_init(&n->words);
		for (size_t i = 1; i < st->n; i++) {
			if (word_is(st, i, "--")) {
				struct slist d;
				words_from(st, i + 1, &d);
				n->doc = slist_join(&d, " ");
				slist_free(&d);
				break;
			}
			if (st->tok[i].t == T_WORD)
				slist_push(&n->words, st->tok[i].s);
		}
		if (!n->words.n)
			r = syntax("`fn' needs a name");
		else
			r = parse_block(ps, &n->body, &term);
	} else if (str_eq(w0, "match")) {
		n = node_new(N_MATCH);
		words_from(st, 1, &n->words);
		r = parse_match(ps, n);
		r = r > 0 ? 0 : r;
	} else if (str_eq(w0, "end") || str_eq(w0, "else") || str_eq(w0, "case")) {
		lex_free(st);
		return syntax("unexpected `end', `else' or `case'");
	} else {
		n = node_new(N_CMD);
		alias_splice(st);
		r = parse_andor(st, 0, &n->ao);
		lex_free(st);
		if (r < 0) {
			node_free(n);
			return r;
		}
		*out = n;
		return 0;
	}
	if (r == 0 && (n->k == N_WHILE || n->k == N_FOR || n->k == N_FN)) {
		if (!word_is(&term, 0, "end"))
			r = syntax("expected `end'");
		lex_free(&term);
	}
	lex_free(st);
	if (r < 0) {
		node_free(n);
		return r;
	}
	*out = n;
	return 0;
}

/* Statements up to `end`, `else` or `case` (left in *term). */
static int parse_block(struct parser *ps, struct block *b, struct stmt *term)
{
	if (ps->depth >= 200)
		return syntax("blocks nested too deeply");
	ps->depth++;
	int r = parse_block_in(ps, b, term);
	ps->depth--;
	return r;
}

static int parse_block_in(struct parser *ps, struct block *b, struct stmt *term)
{
	struct stmt st;
	for (;;) {
		int r = next_stmt(ps, &st);
		if (r < 0)
			return r;
		if (r == 0) {
			ps->incomplete = 1;
			return -EAGAIN;
		}
		if (word_is(&st, 0, "end") || word_is(&st, 0, "else") || word_is(&st, 0, "case")) {
			*term = st;
			return 0;
		}
		struct node *n;
		if ((r = parse_stmt(ps, &st, &n)) < 0)
			return r;
		block_push(b, n);
	}
}

int parse_next(struct parser *ps, struct node **out)
{
	struct stmt st;
	int r = next_stmt(ps, &st);
	if (r <= 0)
		return r;
	r = parse_stmt(ps, &st, out);
	return r < 0 ? r : 1;
}

int parse_all(const char *text, struct block *b)
{
	struct parser ps;
	struct node *n;
	int r;
	memset(b, 0, sizeof *b);
	parse_init(&ps, text);
	while ((r = parse_next(&ps, &n)) > 0)
		block_push(b, n);
	parse_done(&ps);
	if (r == -EAGAIN)
		fprintf(stderr, "ion: syntax error: missing `end'\n");
	return r;
}
