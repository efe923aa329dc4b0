/* parse.h - statements into a tree: commands, pipelines, blocks. */
#ifndef SHELL_PARSE_H
#define SHELL_PARSE_H
#include "shell/lex.h"
#include "shell/str.h"

struct redir {
	enum tok t;
	char *target;
};

struct cmd {
	struct slist words;
	struct redir *r;
	size_t nr;
};

/* join[i] is how c[i] feeds c[i+1]: T_PIPE, T_PIPE_ERR or T_PIPE_ALL. */
struct pipeline {
	struct cmd *c;
	enum tok *join;
	size_t n;
	int neg;
};

/* op[i] (T_AND / T_OR) joins p[i] and p[i+1]. */
struct andor {
	struct pipeline *p;
	enum tok *op;
	size_t n;
	int bg;
	enum tok lead;	/* `and ...` / `or ...`: T_AND or T_OR on the last status */
};

struct node;
struct block {
	struct node **v;
	size_t n, cap;
};

struct mcase {
	struct slist pat;
	struct andor guard;
	int has_guard;
	struct block body;
};

enum nkind { N_CMD, N_IF, N_FOR, N_WHILE, N_MATCH, N_FN };

struct node {
	enum nkind k;
	struct andor ao;	/* N_CMD, N_WHILE's condition */
	struct andor *conds;	/* N_IF: conds[i] guards bodies[i] */
	struct block *bodies;
	size_t nconds;
	struct block els;
	struct slist words;	/* N_FOR: names "in" items; N_MATCH: subject; N_FN: name args */
	struct block body;
	struct mcase *cases;
	size_t ncases;
	char *doc;
	int refs;		/* N_FN: the function table holds a reference */
};

struct parser {
	const char *p;
	struct stmt pend;
	int has_pend;
	int incomplete;	/* ran out of text inside a block */
	int depth;	/* blocks open now */
};

void parse_init(struct parser *ps, const char *text);
/* Next top-level statement: 1 with *out set, 0 at the end, or a negative
 * errno after printing a syntax error (-EAGAIN: text ends inside a block). */
int parse_next(struct parser *ps, struct node **out);
void parse_done(struct parser *ps);
void node_free(struct node *n);
/* Parses a whole string into a block (for $(...), eval, source). */
int parse_all(const char *text, struct block *b);
void block_free(struct block *b);

#endif
