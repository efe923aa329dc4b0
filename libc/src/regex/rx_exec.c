/*
 * rx_exec.c - run an rx program (rx.h) against a string.
 *
 * A backtracking matcher with an explicit stack (no recursion), searching
 * every path from a start position and keeping the longest match: POSIX
 * leftmost-longest for the whole match; among equally long ones the first
 * path found (greedy, left alternative first) gives the submatches.
 *
 * Without back-references the result of reaching instruction pc at
 * position pos does not depend on how we got there, so each (pc, pos) is
 * explored once: a bit per pair, kept across start positions (a failed
 * start leaves only states that cannot match).  That bounds the work to
 * ninst * (len + 1) steps.  With back-references it does depend, so the
 * matcher counts steps instead and gives up with RX_ESPACE.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"

#define RX_MAX_MEMO_BITS	(256ul << 20)	/* 32 MiB of visited bits */
#define RX_MAX_STEPS		20000000ul	/* back-reference search budget */
#define RX_MAX_STACK		(16 << 20)	/* frames */

struct frame {
	int pc;		/* >= 0: resume at pc, pos; -1: restore slot */
	int slot;
	long pos;	/* position, or the slot's old value */
};

struct run {
	const struct rx *rx;
	const unsigned char *s;
	long n;
	int eflags;
	long *slots;
	long *best;
	long bestend;
	uint8_t *memo;
	unsigned long steps;
	struct frame *st;
	int nst, capst;
};

static int push(struct run *r, int pc, int slot, long pos)
{
	if (r->nst == r->capst) {
		int n = r->capst ? r->capst * 2 : 64;
		struct frame *q;

		if (n > RX_MAX_STACK)
			return -1;
		q = realloc(r->st, (size_t)n * sizeof(*q));
		if (q == NULL)
			return -1;
		r->st = q;
		r->capst = n;
	}
	r->st[r->nst++] = (struct frame){ pc, slot, pos };
	return 0;
}

static int word_at(struct run *r, long pos)
{
	return pos >= 0 && pos < r->n && (isalnum(r->s[pos]) || r->s[pos] == '_');
}

static int wordb(struct run *r, int kind, long pos)
{
	int before = word_at(r, pos - 1), after = word_at(r, pos);

	switch (kind) {
	case '<': return !before && after;
	case '>': return before && !after;
	case 'b': return before != after;
	default: return before == after;
	}
}

static int bref(struct run *r, int g, long *pos)
{
	long so = r->slots[2 * g], eo = r->slots[2 * g + 1], len, i;

	if (so < 0 || eo < so)
		return 0;
	len = eo - so;
	if (*pos + len > r->n)
		return 0;
	if (r->rx->flags & RX_ICASE) {
		for (i = 0; i < len; i++)
			if (tolower(r->s[so + i]) != tolower(r->s[*pos + i]))
				return 0;
	} else if (memcmp(r->s + so, r->s + *pos, (size_t)len) != 0) {
		return 0;
	}
	*pos += len;
	return 1;
}

/* Search from start; 1 if a match was recorded, 0 if none, -1 ESPACE. */
static int try_at(struct run *r, long start)
{
	const struct rx *rx = r->rx;
	int newline = rx->flags & RX_NEWLINE, icase = rx->flags & RX_ICASE;
	int found = 0;

	r->nst = 0;
	if (push(r, 0, 0, start) < 0)
		return -1;
	while (r->nst > 0) {
		struct frame f = r->st[--r->nst];
		int pc = f.pc;
		long pos = f.pos;

		if (pc < 0) {
			r->slots[f.slot] = f.pos;
			continue;
		}
		for (;;) {
			const struct rx_inst *in = &rx->prog[pc];

			if (r->memo != NULL) {
				size_t bit = (size_t)pc * (size_t)(r->n + 1) + (size_t)pos;

				if (r->memo[bit >> 3] & (1u << (bit & 7)))
					break;
				r->memo[bit >> 3] |= (uint8_t)(1u << (bit & 7));
			} else if (++r->steps > RX_MAX_STEPS) {
				return -1;
			}
			switch (in->op) {
			case RXI_CHAR:
				if (pos < r->n && (icase ? tolower(r->s[pos]) :
				    r->s[pos]) == in->x) {
					pos++, pc++;
					continue;
				}
				break;
			case RXI_ANY:
				if (pos < r->n && !(newline && r->s[pos] == '\n')) {
					pos++, pc++;
					continue;
				}
				break;
			case RXI_SET:
				if (pos < r->n && (rx->sets[in->x][r->s[pos] >> 3] >>
				    (r->s[pos] & 7) & 1)) {
					pos++, pc++;
					continue;
				}
				break;
			case RXI_BOL:
				if ((pos == 0 && !(r->eflags & RX_NOTBOL)) ||
				    (newline && pos > 0 && r->s[pos - 1] == '\n')) {
					pc++;
					continue;
				}
				break;
			case RXI_EOL:
				if ((pos == r->n && !(r->eflags & RX_NOTEOL)) ||
				    (newline && pos < r->n && r->s[pos] == '\n')) {
					pc++;
					continue;
				}
				break;
			case RXI_WORDB:
				if (wordb(r, in->x, pos)) {
					pc++;
					continue;
				}
				break;
			case RXI_SPLIT:
				if (push(r, in->y, 0, pos) < 0)
					return -1;
				pc = in->x;
				continue;
			case RXI_JMP:
				pc = in->x;
				continue;
			case RXI_SAVE:
			case RXI_MARK:
				if (push(r, -1, in->x, r->slots[in->x]) < 0)
					return -1;
				r->slots[in->x] = pos;
				pc++;
				continue;
			case RXI_PROG:
				if (r->slots[in->x] == pos)
					break;
				pc++;
				continue;
			case RXI_BREF:
				if (bref(r, in->x, &pos)) {
					pc++;
					continue;
				}
				break;
			case RXI_MATCH:
				if (pos > r->bestend) {
					r->bestend = pos;
					memcpy(r->best, r->slots,
					    (size_t)(2 * (rx->nsub + 1)) * sizeof(long));
					found = 1;
					if (pos == r->n)
						return 1;	/* nothing longer */
				}
				break;
			}
			break;
		}
	}
	return found;
}

int rx_exec(const struct rx *rx, const char *s, size_t nmatch, long *so_eo,
    int eflags)
{
	struct run r;
	long start, i;
	int rc = 0;
	size_t k, nbits;

	memset(&r, 0, sizeof(r));
	r.rx = rx;
	r.s = (const unsigned char *)s;
	r.n = (long)strlen(s);
	r.eflags = eflags;
	r.bestend = -1;
	r.slots = malloc((size_t)rx->nslots * sizeof(long));
	r.best = malloc((size_t)(2 * (rx->nsub + 1)) * sizeof(long));
	if (r.slots == NULL || r.best == NULL) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < rx->nslots; i++)
		r.slots[i] = -1;
	if (!rx->has_bref) {
		nbits = (size_t)rx->ninst * (size_t)(r.n + 1);
		/* Too big to memoise: fall back to the step budget. */
		if (nbits <= RX_MAX_MEMO_BITS)
			r.memo = calloc(nbits / 8 + 1, 1);
	}
	for (start = 0; start <= r.n; start++) {
		rc = try_at(&r, start);
		if (rc != 0)
			break;
		/* Anchored at the start of the subject only: stop early. */
		if (rx->prog[1].op == RXI_BOL && !(rx->flags & RX_NEWLINE))
			break;
	}
out:
	free(r.slots);
	free(r.memo);
	free(r.st);
	if (rc < 0) {
		free(r.best);
		return RX_ESPACE;
	}
	if (rc == 0) {
		free(r.best);
		return RX_NOMATCH;
	}
	if (!(rx->flags & RX_NOSUB) && so_eo != NULL)
		for (k = 0; k < nmatch; k++) {
			long so = -1, eo = -1;

			if (k <= rx->nsub && r.best[2 * k] >= 0 &&
			    r.best[2 * k + 1] >= r.best[2 * k]) {
				so = r.best[2 * k];
				eo = r.best[2 * k + 1];
			}
			so_eo[2 * k] = so;
			so_eo[2 * k + 1] = eo;
		}
	free(r.best);
	return RX_OK;
}
