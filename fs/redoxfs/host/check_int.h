/* Shared state of check.c and check_tree.c. */
#ifndef REDOXFS_CHECK_INT_H
#define REDOXFS_CHECK_INT_H

#include "fs/redoxfs/host/check.h"
#include "fs/redoxfs/lib/node.h"

struct ck_node {
	uint32_t id;
	uint32_t refs;		/* directory entries naming it */
	uint8_t is_dir, walked, released, bad;
	uint8_t counted;	/* owned is exact (no unreadable block) */
	uint64_t owned;		/* blocks it owns, as its `blocks` counts */
	uint64_t excess;	/* file's `blocks` above owned, judged later */
	char *path;		/* first path it was reached by */
};

struct ck {
	struct rfs *fs;
	rfs_check_report report;
	void *arg;
	struct rfs_check_stats *st;
	uint64_t nblocks;
	uint8_t *used;		/* bitmap: reachable from the header */
	uint8_t *freed;		/* bitmap: free after replaying the log */
	struct ck_node *nodes;	/* sorted by id (the tree walk's order) */
	size_t nnodes, capnodes;
	int oom;
};

void ck_say(struct ck *c, int sev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Marks n blocks at index as reachable for `what`; 0 if they were new. */
int ck_mark(struct ck *c, uint64_t index, uint64_t n, const char *what);
struct ck_node *ck_find(struct ck *c, uint32_t id);
/* Where a node is, for messages: its path or "node N". */
const char *ck_where(struct ck_node *n, char buf[32]);

void ck_tree(struct ck *c);
void ck_dirs(struct ck *c);
void ck_nodes(struct ck *c);
/* After ck_blocks: files counting more blocks than they own. */
void ck_excess(struct ck *c);

static inline int ck_bit(const uint8_t *m, uint64_t i)
{
	return m[i >> 3] >> (i & 7) & 1;
}
static inline void ck_set(uint8_t *m, uint64_t i, int v)
{
	if (v)
		m[i >> 3] |= (uint8_t)(1u << (i & 7));
	else
		m[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

#endif
