/*
 * rx_comp.c - parse a POSIX BRE/ERE into a tree, compile the tree into an
 * rx program (rx.h).
 *
 * The tree keeps concatenations and alternations as sibling lists, so
 * recursion depth is the nesting depth of groups, which is bounded
 * (RX_MAX_DEPTH) rather than the length of the pattern.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"

#define RX_MAX_DEPTH	256
#define RX_MAX_NODES	65536

enum { N_CHAR, N_ANY, N_SET, N_BOL, N_EOL, N_WORDB, N_CAT, N_ALT, N_REP,
	N_GROUP, N_BREF };

struct node {
	int type;
	int c;			/* N_CHAR byte, N_SET index, N_WORDB kind, group */
	int min, max;		/* N_REP; max -1 = unbounded */
	int kid;		/* first child (CAT, ALT, REP, GROUP), -1 none */
	int next;		/* next sibling, -1 none */
};

struct parser {
	const unsigned char *p;
	int ere, icase, newline;
	int err;
	int depth;
	int ngroups;
	unsigned closed;	/* bit g: group g is complete (back-references) */
	struct node *nodes;
	int nnodes, capnodes;
	uint8_t (*sets)[32];
	int nsets, capsets;
	/* compiler */
	struct rx_inst *prog;
	int ninst, capinst;
	int nslots;
};

static int grow(void **arr, int *cap, int need, size_t elem, int limit)
{
	int n;
	void *q;

	if (need <= *cap)
		return 0;
	if (need > limit)
		return -1;
	n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	if (n > limit)
		n = limit;
	q = realloc(*arr, (size_t)n * elem);
	if (q == NULL)
		return -1;
	*arr = q;
	*cap = n;
	return 0;
}

static int node_new(struct parser *ps, int type)
{
	struct node *n;

	if (grow((void **)&ps->nodes, &ps->capnodes, ps->nnodes + 1,
	    sizeof(*ps->nodes), RX_MAX_NODES) < 0) {
		ps->err = RX_ESPACE;
		return -1;
	}
	n = &ps->nodes[ps->nnodes];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->kid = -1;
	n->next = -1;
	return ps->nnodes++;
}

static int set_new(struct parser *ps)
{
	if (grow((void **)&ps->sets, &ps->capsets, ps->nsets + 1,
	    sizeof(*ps->sets), RX_MAX_NODES) < 0) {
		ps->err = RX_ESPACE;
		return -1;
	}
	memset(ps->sets[ps->nsets], 0, 32);
	return ps->nsets++;
}

static void set_add(uint8_t *set, int c)
{
	set[(c & 0xff) >> 3] |= (uint8_t)(1u << (c & 7));
}

static int set_has(const uint8_t *set, int c)
{
	return (set[(c & 0xff) >> 3] >> (c & 7)) & 1;
}

struct cclass {
	const char *name;
	int (*fn)(int);
};

static int is_word(int c) { return isalnum(c) || c == '_'; }

static const struct cclass cclasses[] = {
	{ "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum },
	{ "upper", isupper }, { "lower", islower }, { "space", isspace },
	{ "blank", isblank }, { "punct", ispunct }, { "print", isprint },
	{ "graph", isgraph }, { "cntrl", iscntrl }, { "xdigit", isxdigit },
};

static void set_addclass(uint8_t *set, int (*fn)(int))
{
	int c;

	for (c = 1; c < 256; c++)
		if (fn(c))
			set_add(set, c);
}

/* After '[' : a bracket expression up to and including its ']'. */
static int parse_bracket(struct parser *ps)
{
	int si, neg = 0, first = 1, lo, hi, c;
	uint8_t *set;
	const unsigned char *q;

	si = set_new(ps);
	if (si < 0)
		return -1;
	if (*ps->p == '^') {
		neg = 1;
		ps->p++;
	}
	for (;;) {
		set = ps->sets[si];	/* set_new may not move it, but be plain */
		if (*ps->p == '\0') {
			ps->err = RX_EBRACK;
			return -1;
		}
		if (*ps->p == ']' && !first) {
			ps->p++;
			break;
		}
		first = 0;
		if (ps->p[0] == '[' && ps->p[1] == ':') {
			size_t len, i;

			q = ps->p + 2;
			while (*q && !(q[0] == ':' && q[1] == ']'))
				q++;
			if (*q == '\0') {
				ps->err = RX_EBRACK;
				return -1;
			}
			len = (size_t)(q - (ps->p + 2));
			for (i = 0; i < sizeof(cclasses) / sizeof(cclasses[0]); i++)
				if (strlen(cclasses[i].name) == len &&
				    memcmp(cclasses[i].name, ps->p + 2, len) == 0)
					break;
			if (i == sizeof(cclasses) / sizeof(cclasses[0])) {
				ps->err = RX_ECTYPE;
				return -1;
			}
			/* Under REG_ICASE [:upper:] and [:lower:] match both. */
			set_addclass(set, cclasses[i].fn);
			ps->p = q + 2;
			if (ps->p[0] == '-' && ps->p[1] != ']') {
				ps->err = RX_ERANGE;
				return -1;
			}
			continue;
		}
		if (ps->p[0] == '[' && (ps->p[1] == '=' || ps->p[1] == '.')) {
			/* One-character collating element or equivalence
			 * class: the C locale has no others. */
			int kind = ps->p[1];

			if (ps->p[2] == '\0' || ps->p[3] != kind || ps->p[4] != ']') {
				q = ps->p + 2;
				while (*q && !(q[0] == kind && q[1] == ']'))
					q++;
				ps->err = *q ? RX_ECOLLATE : RX_EBRACK;
				return -1;
			}
			lo = ps->p[2];
			ps->p += 5;
		} else {
			lo = *ps->p++;
		}
		if (ps->p[0] == '-' && ps->p[1] != ']' && ps->p[1] != '\0') {
			ps->p++;
			if (ps->p[0] == '[' && (ps->p[1] == ':' || ps->p[1] == '=')) {
				ps->err = RX_ERANGE;	/* a class cannot end a range */
				return -1;
			}
			if (ps->p[0] == '[' && ps->p[1] == '.') {
				if (ps->p[2] == '\0' || ps->p[3] != '.' || ps->p[4] != ']') {
					ps->err = RX_ECOLLATE;
					return -1;
				}
				hi = ps->p[2];
				ps->p += 5;
			} else {
				hi = *ps->p++;
			}
			if (hi < lo) {
				ps->err = RX_ERANGE;
				return -1;
			}
			for (c = lo; c <= hi; c++)
				set_add(set, c);
			if (ps->p[0] == '-' && ps->p[1] != ']') {
				ps->err = RX_ERANGE;	/* "a-c-e" */
				return -1;
			}
		} else {
			set_add(set, lo);
		}
	}
	set = ps->sets[si];
	if (ps->icase)
		for (c = 0; c < 256; c++)
			if (set_has(set, c)) {
				set_add(set, tolower(c));
				set_add(set, toupper(c));
			}
	if (neg) {
		for (c = 0; c < 32; c++)
			set[c] = (uint8_t)~set[c];
		if (ps->newline)
			set[1] &= (uint8_t)~(1u << 2);	/* '\n' is 10 */
	}
	set[0] &= (uint8_t)~1u;		/* NUL ends the subject */
	return si;
}

/* Parse "m}", "m,}", "m,n}", ",n}" (BRE: closing "\}"). */
static int parse_brace(struct parser *ps, int *min, int *max)
{
	const unsigned char *p = ps->p;
	int m = -1, n;

	if (isdigit(*p)) {
		for (m = 0; isdigit(*p); p++)
			if ((m = m * 10 + (*p - '0')) > RX_DUP_MAX + 1)
				m = RX_DUP_MAX + 1;
	}
	n = m;
	if (*p == ',') {
		p++;
		n = -1;
		if (isdigit(*p))
			for (n = 0; isdigit(*p); p++)
				if ((n = n * 10 + (*p - '0')) > RX_DUP_MAX + 1)
					n = RX_DUP_MAX + 1;
		if (m < 0)
			m = 0;
	}
	if (m < 0) {
		ps->err = *p == '\0' ? RX_EBRACE : RX_BADBR;
		return -1;
	}
	if (ps->ere ? *p != '}' : (p[0] != '\\' || p[1] != '}')) {
		ps->err = *p == '\0' || (!ps->ere && p[0] == '\\' && p[1] == '\0')
		    ? RX_EBRACE : RX_BADBR;
		return -1;
	}
	p += ps->ere ? 1 : 2;
	if (m > RX_DUP_MAX || n > RX_DUP_MAX || (n >= 0 && n < m)) {
		ps->err = RX_BADBR;
		return -1;
	}
	ps->p = p;
	*min = m;
	*max = n;
	return 0;
}

static int parse_alt(struct parser *ps);

static int leaf(struct parser *ps, int type, int c)
{
	int n = node_new(ps, type);

	if (n >= 0)
		ps->nodes[n].c = c;
	return n;
}

static int class_leaf(struct parser *ps, int (*fn)(int), int neg)
{
	int si = set_new(ps), c;

	if (si < 0)
		return -1;
	set_addclass(ps->sets[si], fn);
	if (neg) {
		for (c = 0; c < 32; c++)
			ps->sets[si][c] = (uint8_t)~ps->sets[si][c];
		ps->sets[si][0] &= (uint8_t)~1u;
	}
	return leaf(ps, N_SET, si);
}

/*
 * One atom.  start: 1 at the start of a branch (BRE '^' anchors and '*' is
 * literal there), 2 just after a BRE '^' anchor ('*' is still literal, a
 * second '^' is not an anchor).
 */
static int parse_atom(struct parser *ps, int start)
{
	int c = *ps->p, n;

	if (c == '\\') {
		c = ps->p[1];
		if (c == '\0') {
			ps->err = RX_EESCAPE;
			return -1;
		}
		ps->p += 2;
		if (!ps->ere && c == '(')
			goto group;
		if (!ps->ere && c == '{') {
			ps->err = RX_BADRPT;
			return -1;
		}
		if (c >= '1' && c <= '9') {
			if (!(ps->closed & (1u << (c - '0')))) {
				ps->err = RX_ESUBREG;
				return -1;
			}
			return leaf(ps, N_BREF, c - '0');
		}
		switch (c) {
		case '<': case '>': case 'b': case 'B':
			return leaf(ps, N_WORDB, c);
		case 'w': return class_leaf(ps, is_word, 0);
		case 'W': return class_leaf(ps, is_word, 1);
		case 's': return class_leaf(ps, isspace, 0);
		case 'S': return class_leaf(ps, isspace, 1);
		}
		goto literal;
	}
	ps->p++;
	switch (c) {
	case '.':
		return leaf(ps, N_ANY, 0);
	case '[':
		n = parse_bracket(ps);
		return n < 0 ? -1 : leaf(ps, N_SET, n);
	case '^':
		if (ps->ere || start == 1)
			return leaf(ps, N_BOL, 0);
		goto literal;
	case '$':
		if (ps->ere || *ps->p == '\0' ||
		    (ps->p[0] == '\\' && (ps->p[1] == ')' || ps->p[1] == '|')))
			return leaf(ps, N_EOL, 0);
		goto literal;
	case '(':
		if (ps->ere)
			goto group;
		goto literal;
	case '*':
		if (start && !ps->ere)
			goto literal;
		ps->err = RX_BADRPT;
		return -1;
	case '+': case '?': case '{':
		if (ps->ere) {
			ps->err = RX_BADRPT;
			return -1;
		}
		goto literal;
	}
literal:
	if (ps->icase)
		c = tolower(c);
	return leaf(ps, N_CHAR, c);
group:
	{
		int g = ++ps->ngroups, kid, gn;

		if (++ps->depth > RX_MAX_DEPTH) {
			ps->err = RX_ESPACE;
			return -1;
		}
		kid = parse_alt(ps);
		if (kid < 0)
			return -1;
		if (ps->ere ? *ps->p != ')' : (ps->p[0] != '\\' || ps->p[1] != ')')) {
			ps->err = RX_EPAREN;
			return -1;
		}
		ps->p += ps->ere ? 1 : 2;
		ps->depth--;
		if (g < 32)
			ps->closed |= 1u << g;
		gn = node_new(ps, N_GROUP);
		if (gn < 0)
			return -1;
		ps->nodes[gn].c = g;
		ps->nodes[gn].kid = kid;
		return gn;
	}
}

/* A repetition operator at p?  Sets min/max and consumes it. */
static int parse_postfix(struct parser *ps, int *min, int *max)
{
	const unsigned char *p = ps->p;
	int c = p[0];

	if (!ps->ere) {
		if (c == '*') {
			ps->p++;
			*min = 0, *max = -1;
			return 1;
		}
		if (c != '\\')
			return 0;
		c = p[1];
		if (c == '{') {
			ps->p += 2;
			return parse_brace(ps, min, max) < 0 ? -1 : 1;
		}
		if (c != '+' && c != '?')
			return 0;
		ps->p += 2;
	} else {
		if (c == '{') {
			ps->p++;
			return parse_brace(ps, min, max) < 0 ? -1 : 1;
		}
		if (c != '*' && c != '+' && c != '?')
			return 0;
		ps->p++;
	}
	*min = c == '+' ? 1 : 0;
	*max = c == '?' ? 1 : -1;
	return 1;
}

static int at_branch_end(struct parser *ps)
{
	const unsigned char *p = ps->p;

	if (*p == '\0')
		return 1;
	if (ps->ere)
		return *p == '|' || (*p == ')' && ps->depth > 0);
	return p[0] == '\\' && (p[1] == '|' || (p[1] == ')' && ps->depth > 0));
}

/* A branch: a concatenation of atoms with their repetitions. */
static int parse_cat(struct parser *ps)
{
	int cat, last = -1, start = 1;

	cat = node_new(ps, N_CAT);
	if (cat < 0)
		return -1;
	while (!at_branch_end(ps)) {
		int a, min, max, r;

		if (!ps->ere && ps->p[0] == '\\' && ps->p[1] == ')') {
			ps->err = RX_EPAREN;	/* "\)" with no "\(" */
			return -1;
		}
		a = parse_atom(ps, start);
		if (a < 0)
			return -1;
		start = !ps->ere && ps->nodes[a].type == N_BOL ? 2 : 0;
		/* "^*": BRE, a literal '*' (start is still set); ERE, an error */
		while (!start && (r = parse_postfix(ps, &min, &max)) != 0) {
			int rep, t = ps->nodes[a].type;

			if (r < 0)
				return -1;
			/* Anchors take no repetition; in a BRE neither does a
			 * '*' follow another repetition (glibc's rules). */
			if (t == N_BOL || t == N_EOL || (ps->ere && t == N_WORDB) ||
			    (!ps->ere && t == N_REP && ps->p[-1] == '*')) {
				ps->err = RX_BADRPT;
				return -1;
			}
			rep = node_new(ps, N_REP);
			if (rep < 0)
				return -1;
			ps->nodes[rep].min = min;
			ps->nodes[rep].max = max;
			ps->nodes[rep].kid = a;
			a = rep;
		}
		if (last < 0)
			ps->nodes[cat].kid = a;
		else
			ps->nodes[last].next = a;
		last = a;
	}
	return cat;
}

static int parse_alt(struct parser *ps)
{
	int alt, b, last;

	b = parse_cat(ps);
	if (b < 0)
		return -1;
	if (!(ps->ere ? *ps->p == '|' : ps->p[0] == '\\' && ps->p[1] == '|'))
		return b;
	alt = node_new(ps, N_ALT);
	if (alt < 0)
		return -1;
	ps->nodes[alt].kid = b;
	last = b;
	while (ps->ere ? *ps->p == '|' : ps->p[0] == '\\' && ps->p[1] == '|') {
		ps->p += ps->ere ? 1 : 2;
		b = parse_cat(ps);
		if (b < 0)
			return -1;
		ps->nodes[last].next = b;
		last = b;
	}
	return alt;
}

/* ---- compiler ---- */

static int emit(struct parser *ps, int op, int x, int y)
{
	if (ps->err)
		return -1;
	if (grow((void **)&ps->prog, &ps->capinst, ps->ninst + 1,
	    sizeof(*ps->prog), RX_MAX_INSTS) < 0) {
		ps->err = RX_ESPACE;
		return -1;
	}
	ps->prog[ps->ninst] = (struct rx_inst){ (uint8_t)op, x, y };
	return ps->ninst++;
}

static int comp(struct parser *ps, int ni)
{
	struct node *n = &ps->nodes[ni];
	int k, i, l, split, j;

	if (ps->err)
		return -1;
	switch (n->type) {
	case N_CHAR: return emit(ps, RXI_CHAR, n->c, 0);
	case N_ANY: return emit(ps, RXI_ANY, 0, 0);
	case N_SET: return emit(ps, RXI_SET, n->c, 0);
	case N_BOL: return emit(ps, RXI_BOL, 0, 0);
	case N_EOL: return emit(ps, RXI_EOL, 0, 0);
	case N_WORDB: return emit(ps, RXI_WORDB, n->c, 0);
	case N_BREF: return emit(ps, RXI_BREF, n->c, 0);
	case N_CAT:
		for (k = n->kid; k >= 0; k = ps->nodes[k].next)
			if (comp(ps, k) < 0)
				return -1;
		return 0;
	case N_GROUP:
		emit(ps, RXI_SAVE, 2 * n->c, 0);
		comp(ps, n->kid);
		return emit(ps, RXI_SAVE, 2 * n->c + 1, 0);
	case N_ALT: {
		/* SPLIT a, next; a; JMP end; next: SPLIT b, ...; last */
		int jmps = -1;	/* chain of JMPs to patch through their x */

		for (k = n->kid; k >= 0; k = ps->nodes[k].next) {
			if (ps->nodes[k].next < 0) {
				comp(ps, k);
				break;
			}
			split = emit(ps, RXI_SPLIT, 0, 0);
			if (split < 0)
				return -1;
			ps->prog[split].x = ps->ninst;
			comp(ps, k);
			j = emit(ps, RXI_JMP, jmps, 0);
			if (j < 0)
				return -1;
			jmps = j;
			ps->prog[split].y = ps->ninst;
		}
		if (ps->err)
			return -1;
		while (jmps >= 0) {
			j = ps->prog[jmps].x;
			ps->prog[jmps].x = ps->ninst;
			jmps = j;
		}
		return 0;
	}
	case N_REP:
		for (i = 0; i < n->min; i++)
			if (comp(ps, n->kid) < 0)
				return -1;
		if (n->max < 0) {
			/* L: SPLIT body, out; body: MARK; kid; PROG; JMP L */
			int slot = ps->nslots++;

			l = emit(ps, RXI_SPLIT, 0, 0);
			if (l < 0)
				return -1;
			ps->prog[l].x = l + 1;
			emit(ps, RXI_MARK, slot, 0);
			comp(ps, n->kid);
			emit(ps, RXI_PROG, slot, 0);
			if (emit(ps, RXI_JMP, l, 0) < 0)
				return -1;
			ps->prog[l].y = ps->ninst;
			return 0;
		}
		{
			/* Nested optional copies: each SPLIT's y goes to the end. */
			int splits = -1;

			for (i = n->min; i < n->max; i++) {
				split = emit(ps, RXI_SPLIT, 0, splits);
				if (split < 0)
					return -1;
				splits = split;
				ps->prog[split].x = split + 1;
				if (comp(ps, n->kid) < 0)
					return -1;
			}
			while (splits >= 0) {
				j = ps->prog[splits].y;
				ps->prog[splits].y = ps->ninst;
				splits = j;
			}
			return 0;
		}
	}
	ps->err = RX_BADPAT;
	return -1;
}

static int tree_has_bref(struct parser *ps)
{
	int i;

	for (i = 0; i < ps->nnodes; i++)
		if (ps->nodes[i].type == N_BREF)
			return 1;
	return 0;
}

int rx_compile(struct rx **out, const char *pat, int flags)
{
	struct parser ps;
	struct rx *rx;
	int root;

	*out = NULL;
	memset(&ps, 0, sizeof(ps));
	ps.p = (const unsigned char *)pat;
	ps.ere = (flags & RX_EXTENDED) != 0;
	ps.icase = (flags & RX_ICASE) != 0;
	ps.newline = (flags & RX_NEWLINE) != 0;
	root = parse_alt(&ps);
	if (root >= 0 && *ps.p != '\0')
		ps.err = ps.ere || ps.p[1] == ')' ? RX_EPAREN : RX_BADPAT;
	if (root >= 0 && !ps.err) {
		/* slot 0/1 is the whole match: SAVE 0 .. SAVE 1 MATCH */
		ps.nslots = 2 * (ps.ngroups + 1);
		emit(&ps, RXI_SAVE, 0, 0);
		comp(&ps, root);
		emit(&ps, RXI_SAVE, 1, 0);
		emit(&ps, RXI_MATCH, 0, 0);
	}
	if (!ps.err && (rx = malloc(sizeof(*rx))) == NULL)
		ps.err = RX_ESPACE;
	if (ps.err) {
		if (ps.err < 0)
			ps.err = RX_BADPAT;
		free(ps.nodes);
		free(ps.sets);
		free(ps.prog);
		return ps.err;
	}
	rx->prog = ps.prog;
	rx->ninst = ps.ninst;
	rx->sets = ps.sets;
	rx->nsets = ps.nsets;
	rx->nsub = (size_t)ps.ngroups;
	rx->nslots = ps.nslots;
	rx->flags = flags;
	rx->has_bref = tree_has_bref(&ps);
	free(ps.nodes);
	*out = rx;
	return RX_OK;
}

void rx_free(struct rx *rx)
{
	if (rx == NULL)
		return;
	free(rx->prog);
	free(rx->sets);
	free(rx);
}
