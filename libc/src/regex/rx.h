/*
 * rx.h - the regular expression engine behind regex.h.
 *
 * rx_comp.c parses a POSIX BRE or ERE into a tree and compiles the tree
 * into a small program (struct rx_inst); rx_exec.c runs the program with a
 * backtracking matcher.  The engine names nothing from regex.h so that a
 * host test can link it next to glibc's regcomp (libc/tests/).  Flag and
 * error values equal regex.h's (regex.c checks that at compile time).
 */
#ifndef RX_H
#define RX_H

#include <stddef.h>
#include <stdint.h>

/* compile flags */
#define RX_EXTENDED	1
#define RX_ICASE	2
#define RX_NEWLINE	4
#define RX_NOSUB	8
/* exec flags */
#define RX_NOTBOL	1
#define RX_NOTEOL	2

/* results */
#define RX_OK		0
#define RX_NOMATCH	1
#define RX_BADPAT	2
#define RX_ECOLLATE	3
#define RX_ECTYPE	4
#define RX_EESCAPE	5
#define RX_ESUBREG	6
#define RX_EBRACK	7
#define RX_EPAREN	8
#define RX_EBRACE	9
#define RX_BADBR	10
#define RX_ERANGE	11
#define RX_ESPACE	12
#define RX_BADRPT	13

#define RX_DUP_MAX	255
#define RX_MAX_INSTS	65536	/* beyond this a pattern gives RX_ESPACE */

enum rx_op {
	RXI_CHAR,	/* x: byte (folded to lower case under RX_ICASE) */
	RXI_ANY,	/* any byte; not '\n' under RX_NEWLINE */
	RXI_SET,	/* x: index into sets */
	RXI_BOL,
	RXI_EOL,
	RXI_WORDB,	/* x: '<' '>' 'b' 'B' (GNU \< \> \b \B) */
	RXI_SPLIT,	/* try x first, then y */
	RXI_JMP,	/* x */
	RXI_SAVE,	/* slot x = position (captures) */
	RXI_MARK,	/* slot x = position (start of a loop iteration) */
	RXI_PROG,	/* fail unless position moved since MARK x */
	RXI_BREF,	/* x: group number */
	RXI_MATCH,
};

struct rx_inst {
	uint8_t op;
	int x, y;
};

struct rx {
	struct rx_inst *prog;
	int ninst;
	uint8_t (*sets)[32];	/* 256-bit byte sets */
	int nsets;
	size_t nsub;		/* capture groups */
	int nslots;		/* 2 * (nsub + 1) capture slots, then loop marks */
	int flags;
	int has_bref;		/* back-references: no memo, bounded steps */
};

int rx_compile(struct rx **out, const char *pat, int flags);
/* so_eo: 2 * nmatch offsets (start, end), -1 for groups that took no part */
int rx_exec(const struct rx *rx, const char *s, size_t nmatch, long *so_eo,
    int eflags);
void rx_free(struct rx *rx);

#endif
