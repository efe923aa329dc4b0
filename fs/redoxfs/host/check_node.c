/* Checking each node: its fields, links, and every record it points to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/host/check_int.h"

struct rwalk {
	struct ck *c;
	struct rfs_node *n;
	const char *where;
	uint64_t rsize;
	int past_eof;		/* records past the end, reported once */
	uint64_t owned;		/* records and indirect blocks pointed to */
	int partial;		/* some could not be read: owned is low */
};

static void
record(struct rwalk *w, struct rfs_ptr p, uint64_t r)
{
	struct ck *c = w->c;
	unsigned level = rfs_addr_level(p.addr);
	unsigned decomp = rfs_addr_decomp(p.addr);
	uint64_t idx = rfs_addr_index(p.addr);
	const uint8_t *data;

	c->st->records++;
	/* Counted at the level stored (compressed), as upstream does. */
	w->owned += (uint64_t)1 << level;
	if (level > w->n->record_level || decomp > w->n->record_level) {
		ck_say(c, RFS_CHECK_ERROR, "%s: record %llu (block %llu) is "
		    "level %u/%u, above the node's record level %u", w->where,
		    (unsigned long long)r, (unsigned long long)idx, level,
		    decomp, w->n->record_level);
		return;
	}
	if (decomp) {
		c->st->compressed++;
		if (decomp <= level)
			ck_say(c, RFS_CHECK_ERROR, "%s: record %llu (block "
			    "%llu) is compressed into no less space", w->where,
			    (unsigned long long)r, (unsigned long long)idx);
	}
	if (ck_mark(c, idx, (uint64_t)1 << level, w->where) != 0)
		return;
	c->fs->cache_valid = 0;
	if (rfs_record_load(c->fs, p, &data) < 0)
		ck_say(c, RFS_CHECK_ERROR, "%s: record %llu (block %llu): %s",
		    w->where, (unsigned long long)r, (unsigned long long)idx,
		    c->fs->why);
	if (r * w->rsize >= w->n->size && !w->past_eof++)
		ck_say(c, RFS_CHECK_WARN, "%s: record %llu (block %llu) lies "
		    "past the end of the file (left by upstream's truncate; "
		    "reclaimable)", w->where, (unsigned long long)r,
		    (unsigned long long)idx);
}

/* An indirect BlockList `depth` levels above the records. */
static void
indirect(struct rwalk *w, struct rfs_ptr p, unsigned depth, uint64_t base)
{
	struct ck *c = w->c;
	uint64_t idx = rfs_addr_index(p.addr);
	uint8_t *blk = malloc(RFS_BLOCK_SIZE);

	if (blk == NULL) {
		c->oom = 1;
		return;
	}
	w->owned += (uint64_t)1 << rfs_addr_level(p.addr);
	if (rfs_read_meta(c->fs, p, blk) != 0) {
		ck_say(c, RFS_CHECK_ERROR, "%s: indirect block %llu: %s",
		    w->where, (unsigned long long)idx, c->fs->why);
		w->partial = 1;
	} else if (ck_mark(c, idx, 1, w->where) != 0) {
		w->partial = 1;
	} else {
		for (unsigned i = 0; i < RFS_BLOCKLIST_ENTRIES; i++) {
			struct rfs_ptr q = rfs_ptr_get(blk + i * RFS_PTR_SIZE);
			uint64_t r = base + ((uint64_t)i << (8 * (depth - 1)));
			if (rfs_ptr_is_null(q))
				continue;
			if (depth == 1)
				record(w, q, r);
			else
				indirect(w, q, depth - 1, r);
		}
	}
	free(blk);
}

/* Checks n's records; cn->owned gets what n owns through them. */
static void
records(struct ck *c, struct ck_node *cn, struct rfs_node *n,
    const char *where)
{
	static const unsigned off[5] = { RFS_NODE_L0_OFF, RFS_NODE_L1_OFF,
		RFS_NODE_L2_OFF, RFS_NODE_L3_OFF, RFS_NODE_L4_OFF };
	static const unsigned cnt[5] = { RFS_NODE_L0_COUNT, RFS_NODE_L1_COUNT,
		RFS_NODE_L2_COUNT, RFS_NODE_L3_COUNT, RFS_NODE_L4_COUNT };
	struct rwalk w = { c, n, where, (uint64_t)RFS_BLOCK_SIZE <<
	    n->record_level, 0, 0, 0 };
	uint64_t base = 0;

	for (unsigned d = 0; d < 5; d++) {
		for (unsigned i = 0; i < cnt[d]; i++) {
			struct rfs_ptr p = rfs_ptr_get(n->raw + off[d] +
			    i * RFS_PTR_SIZE);
			uint64_t r = base + ((uint64_t)i << (8 * d));
			if (rfs_ptr_is_null(p))
				continue;
			if (d == 0)
				record(&w, p, r);
			else
				indirect(&w, p, d, r);
		}
		base += (uint64_t)cnt[d] << (8 * d);
	}
	cn->owned = 1 + w.owned;
	cn->counted = !w.partial;
}

/*
 * `blocks` counts what upstream allocates with the node as its AllocCtx:
 * 1 for the node block, then each record at its stored level, each
 * indirect block, each DirList and HTreeNode block.  A file may count
 * more: upstream's truncate can lose a record it still counts, which
 * ck_excess weighs against the leaked blocks.
 */
static void
owned(struct ck *c, struct ck_node *cn, struct rfs_node *n, const char *where)
{
	if (!cn->counted)
		return;
	if (n->blocks > cn->owned && !rfs_node_is_dir(n)) {
		cn->excess = n->blocks - cn->owned;
		return;
	}
	if (n->blocks != cn->owned)
		ck_say(c, RFS_CHECK_ERROR, "%s: blocks %llu but it owns %llu",
		    where, (unsigned long long)n->blocks,
		    (unsigned long long)cn->owned);
}

static void
node(struct ck *c, struct ck_node *cn, struct rfs_node *n)
{
	char buf[32];
	const char *where = ck_where(cn, buf);
	unsigned type;
	uint32_t want;

	if (cn->bad)
		return;	/* reported by the tree walk */
	if (rfs_node_load(c->fs, cn->id, n) != 0) {
		ck_say(c, RFS_CHECK_ERROR, "%s: %s", where, c->fs->why);
		return;
	}
	type = n->mode & RFS_MODE_TYPE;
	if (type == RFS_MODE_DIR)
		c->st->dirs++;
	else if (type == RFS_MODE_FILE)
		c->st->files++;
	else if (type == RFS_MODE_SYMLINK)
		c->st->symlinks++;
	else if (type != RFS_MODE_SOCK && type != RFS_MODE_FIFO &&
	    type != RFS_MODE_CHR && type != RFS_MODE_BLK)
		ck_say(c, RFS_CHECK_ERROR, "%s: unknown file type in mode %06o",
		    where, n->mode);
	if (n->ctime_nsec >= 1000000000u || n->mtime_nsec >= 1000000000u ||
	    n->atime_nsec >= 1000000000u)
		ck_say(c, RFS_CHECK_ERROR, "%s: a time has nanoseconds >= 1e9",
		    where);
	if (n->record_level > RFS_MAX_LEVEL)
		ck_say(c, RFS_CHECK_ERROR, "%s: record level %u (at most %u)",
		    where, n->record_level, RFS_MAX_LEVEL);
	if (n->flags & ~RFS_NODE_FLAG_INLINE)
		ck_say(c, RFS_CHECK_WARN, "%s: unknown node flags %#x", where,
		    n->flags);

	/* Links count directory entries (the root has one of its own). */
	want = cn->refs + (cn->id == 1);
	if (cn->refs == 0 && cn->id != 1 && !cn->released)
		ck_say(c, RFS_CHECK_ERROR, "%s: no directory entry names it and "
		    "it is not on the release list (orphan)", where);
	else if (n->links != want)
		ck_say(c, RFS_CHECK_ERROR, "%s: links %u but %u directory "
		    "entries name it", where, n->links, cn->refs);

	if (rfs_node_inline(n)) {
		if (type == RFS_MODE_DIR) {
			ck_say(c, RFS_CHECK_ERROR, "%s: directory with inline "
			    "data", where);
		} else if (n->size >= RFS_NODE_INLINE_MAX) {
			/* Only a truncate can grow an inline file this far. */
			ck_say(c, RFS_CHECK_WARN, "%s: inline file of %llu bytes "
			    "(inline data ends at %u)", where,
			    (unsigned long long)n->size,
			    RFS_NODE_INLINE_MAX - 1);
		}
		cn->owned = 1;
		cn->counted = 1;
	} else if (type == RFS_MODE_DIR) {
		/*
		 * ck_dirs counted directories reached from the root; one
		 * on the release list is empty (upstream refuses others).
		 */
		if (!cn->walked && !rfs_ptr_is_marker(rfs_ptr_get(n->raw +
		    RFS_NODE_L0_OFF))) {
			cn->owned = 1;
			cn->counted = 1;
		}
	} else if (n->record_level <= RFS_MAX_LEVEL) {
		records(c, cn, n, where);
	}
	owned(c, cn, n, where);
}

void
ck_nodes(struct ck *c)
{
	struct rfs_node *n = malloc(sizeof *n);

	if (n == NULL) {
		c->oom = 1;
		return;
	}
	for (size_t i = 0; i < c->nnodes; i++)
		node(c, &c->nodes[i], n);
	free(n);
}

void
ck_excess(struct ck *c)
{
	char buf[32];

	for (size_t i = 0; i < c->nnodes; i++) {
		struct ck_node *cn = &c->nodes[i];
		if (cn->excess == 0)
			continue;
		/* Only blocks lost somewhere can explain the difference. */
		ck_say(c, cn->excess <= c->st->leaked_blocks ? RFS_CHECK_WARN :
		    RFS_CHECK_ERROR, "%s: blocks %llu but it owns %llu%s",
		    ck_where(cn, buf),
		    (unsigned long long)(cn->owned + cn->excess),
		    (unsigned long long)cn->owned,
		    cn->excess <= c->st->leaked_blocks ? " (no more than are "
		    "leaked: upstream's truncate can lose records it counts)" :
		    "");
	}
}
