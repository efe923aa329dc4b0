/* Checking the node tree, every node's records, and the directories. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/host/check_int.h"
#include "fs/redoxfs/lib/dir.h"

/* Bit i of a TreeList's "branch full" bitmaps. */
static int
tl_full_bit(const uint8_t *blk, unsigned i)
{
	return blk[RFS_TREELIST_FLAGS + i / 8] >> (i % 8) & 1;
}

static int
tl_is_full(const uint8_t *blk)
{
	for (unsigned i = 0; i < RFS_TREELIST_ENTRIES; i++)
		if (!tl_full_bit(blk, i))
			return 0;
	return 1;
}

static void
add_node(struct ck *c, uint32_t id)
{
	if (c->nnodes == c->capnodes) {
		size_t cap = c->capnodes ? 2 * c->capnodes : 256;
		struct ck_node *v = realloc(c->nodes, cap * sizeof *v);
		if (v == NULL) {
			c->oom = 1;
			return;
		}
		c->nodes = v;
		c->capnodes = cap;
	}
	memset(&c->nodes[c->nnodes], 0, sizeof c->nodes[0]);
	c->nodes[c->nnodes++].id = id;
}

/*
 * Walks TreeList `p` at `level` (3 = top).  Returns 1 if the list is full
 * (every slot taken), so the parent's flag can be compared.
 */
static int
tree_list(struct ck *c, struct rfs_ptr p, int level, uint32_t prefix)
{
	uint8_t *blk = malloc(RFS_BLOCK_SIZE);
	uint64_t idx = rfs_addr_index(p.addr);
	int full = 0, empty = 1;

	if (blk == NULL) {
		c->oom = 1;
		return 0;
	}
	if (rfs_read_meta(c->fs, p, blk) != 0) {
		ck_say(c, RFS_CHECK_ERROR, "tree list block %llu (level %d): "
		    "%s", (unsigned long long)idx, level, c->fs->why);
		goto out;
	}
	if (ck_mark(c, idx, 1, "tree list") != 0)
		goto out;
	for (unsigned i = 0; i < RFS_TREELIST_ENTRIES; i++) {
		struct rfs_ptr q = rfs_ptr_get(blk + i * RFS_PTR_SIZE);
		uint32_t id = prefix | i << (8 * level);
		int bit = tl_full_bit(blk, i);

		if (rfs_ptr_is_null(q)) {
			/* Id 0 is never used; insert marks its slot full. */
			if (bit && !(level == 0 && id == 0))
				ck_say(c, RFS_CHECK_ERROR, "tree list block %llu "
				    "slot %u: marked full but empty",
				    (unsigned long long)idx, i);
			continue;
		}
		empty = 0;
		if (level == 0 && id == 0) {
			ck_say(c, RFS_CHECK_ERROR, "tree list block %llu: node "
			    "id 0 is in use", (unsigned long long)idx);
			continue;
		}
		if (level == 0) {
			uint8_t *nb = malloc(RFS_BLOCK_SIZE);
			if (nb == NULL) {
				c->oom = 1;
				break;
			}
			if (!bit)
				ck_say(c, RFS_CHECK_ERROR, "tree list block %llu "
				    "slot %u: node %u present but not marked "
				    "full", (unsigned long long)idx, i, id);
			if (rfs_read_meta(c->fs, q, nb) != 0) {
				ck_say(c, RFS_CHECK_ERROR, "node %u (block "
				    "%llu): %s", id, (unsigned long long)
				    rfs_addr_index(q.addr), c->fs->why);
				ck_mark(c, rfs_addr_index(q.addr), 1, "node");
				/* Still a node: its entry and children are not
				 * to blame. */
				add_node(c, id);
				if (!c->oom)
					c->nodes[c->nnodes - 1].bad = 1;
			} else if (ck_mark(c, rfs_addr_index(q.addr), 1,
			    "node") == 0) {
				add_node(c, id);
			}
			free(nb);
			continue;
		}
		int sub = tree_list(c, q, level - 1, id);
		if (sub != bit)
			ck_say(c, RFS_CHECK_ERROR, "tree list block %llu slot "
			    "%u: full flag %d but the branch is %s",
			    (unsigned long long)idx, i, bit,
			    sub ? "full" : "not full");
	}
	if (empty && level < 3)
		ck_say(c, RFS_CHECK_WARN, "tree list block %llu is empty",
		    (unsigned long long)idx);
	full = tl_is_full(blk);
out:
	free(blk);
	return full;
}

void
ck_tree(struct ck *c)
{
	if (rfs_ptr_is_null(c->fs->hdr.tree)) {
		ck_say(c, RFS_CHECK_ERROR, "header has no node tree");
		return;
	}
	tree_list(c, c->fs->hdr.tree, 3, 0);
	c->st->nodes = c->nnodes;
	if (ck_find(c, 1) == NULL)
		ck_say(c, RFS_CHECK_ERROR, "the root directory (node 1) is "
		    "missing");
}

/* Directories. */

struct dent {
	uint32_t id;
	uint8_t len;
	char name[RFS_NAME_MAX];
};

struct dwalk {
	struct ck *c;
	const char *where;
	struct dent *v;
	size_t n, cap;
	uint64_t blocks;	/* DirList + HTreeNode blocks */
	uint64_t owned;		/* and every block pointed to, seen before */
	int partial;		/* a block could not be read: owned is low */
	uint32_t lo, hi;	/* name hashes seen in the current subtree */
};

static int
dent_cb(void *arg, uint32_t id, const char *name, size_t len)
{
	struct dwalk *w = arg;
	uint32_t h = rfs_htree_hash(name, len);

	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 32;
		struct dent *v = realloc(w->v, cap * sizeof *v);
		if (v == NULL)
			return -ENOMEM;
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n].id = id;
	w->v[w->n].len = (uint8_t)len;
	memcpy(w->v[w->n].name, name, len);
	w->n++;
	if (h < w->lo)
		w->lo = h;
	if (h > w->hi)
		w->hi = h;
	return 0;
}

/* Checks one htree block (depth 0: a DirList) and what is below it. */
static void
htree(struct dwalk *w, struct rfs_ptr p, unsigned depth)
{
	struct ck *c = w->c;
	uint64_t idx = rfs_addr_index(p.addr);
	uint8_t *blk = malloc(RFS_BLOCK_SIZE);
	const char *why = NULL;

	if (blk == NULL) {
		c->oom = 1;
		return;
	}
	/* The directory owns the block however broken it is. */
	w->owned += (uint64_t)1 << rfs_addr_level(p.addr);
	if (rfs_read_meta(c->fs, p, blk) != 0) {
		ck_say(c, RFS_CHECK_ERROR, "%s: directory block %llu: %s",
		    w->where, (unsigned long long)idx, c->fs->why);
		w->partial = 1;
		goto out;
	}
	if (ck_mark(c, idx, 1, w->where) != 0) {
		w->partial = 1;
		goto out;
	}
	w->blocks++;
	if (depth == 0) {
		if (rfs_dirlist_walk(blk, dent_cb, w, &why) == -EIO)
			ck_say(c, RFS_CHECK_ERROR, "%s: DirList block %llu: %s",
			    w->where, (unsigned long long)idx, why);
		goto out;
	}
	uint32_t prev = 0, lo = w->lo, hi = w->hi;
	int seen_null = 0;
	for (unsigned i = 0; i < RFS_HTREE_ENTRIES; i++) {
		const uint8_t *e = blk + i * RFS_HTREE_PTR_SIZE;
		uint32_t h = rfs_le32(e);
		struct rfs_ptr q = rfs_ptr_get(e + 4);

		if (rfs_ptr_is_null(q)) {
			if (h != RFS_HTREE_EMPTY_HASH)
				ck_say(c, RFS_CHECK_ERROR, "%s: htree block "
				    "%llu slot %u: empty with hash %08x",
				    w->where, (unsigned long long)idx, i, h);
			seen_null = 1;
			continue;
		}
		if (seen_null)
			ck_say(c, RFS_CHECK_WARN, "%s: htree block %llu slot %u "
			    "follows an empty slot", w->where,
			    (unsigned long long)idx, i);
		if (h < prev)
			ck_say(c, RFS_CHECK_ERROR, "%s: htree block %llu slot "
			    "%u: hash %08x below the previous %08x", w->where,
			    (unsigned long long)idx, i, h, prev);
		/* Lookups find a name under the first slot >= its hash. */
		w->lo = 0xFFFFFFFFu;
		w->hi = 0;
		htree(w, q, depth - 1);
		if (w->lo <= w->hi && (w->hi > h || w->lo < prev))
			ck_say(c, RFS_CHECK_ERROR, "%s: htree block %llu slot "
			    "%u (hashes %08x..%08x) holds names hashing to "
			    "%08x..%08x, which lookups will miss", w->where,
			    (unsigned long long)idx, i, prev, h, w->lo, w->hi);
		if (w->lo < lo)
			lo = w->lo;
		if (w->hi > hi)
			hi = w->hi;
		prev = h;
	}
	w->lo = lo;
	w->hi = hi;
out:
	free(blk);
}

static int
dent_cmp(const void *a, const void *b)
{
	const struct dent *x = a, *y = b;
	int r = memcmp(x->name, y->name, x->len < y->len ? x->len : y->len);

	return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* Checks a name's bytes: 0 fine, 1 warning, 2 error; *why says which. */
static int
name_check(const struct dent *d, const char **why)
{
	if ((d->len == 1 && d->name[0] == '.') ||
	    (d->len == 2 && d->name[0] == '.' && d->name[1] == '.'))
		return *why = "is . or ..", 2;
	for (unsigned i = 0; i < d->len; i++) {
		if (d->name[i] == '/' || d->name[i] == 0)
			return *why = "contains '/' or NUL", 2;
	}
	for (unsigned i = 0; i < d->len; i++)
		if (d->name[i] == ':')
			return *why = "contains ':'", 1;
	return 0;
}

static void
dir_walk(struct ck *c, struct ck_node *dn, int depth)
{
	struct rfs_node *n = malloc(sizeof *n);
	struct dwalk w = { c, dn->path, NULL, 0, 0, 0, 0, 0, 0xFFFFFFFFu, 0 };
	struct rfs_ptr root;
	int hdepth;

	dn->walked = 1;
	if (n == NULL) {
		c->oom = 1;
		return;
	}
	if (rfs_node_load(c->fs, dn->id, n) != 0 || !rfs_node_is_dir(n))
		goto out;	/* ck_nodes reports these */
	if (rfs_dir_root(c->fs, n, &hdepth, &root) != 0) {
		ck_say(c, RFS_CHECK_ERROR, "%s: %s", dn->path, c->fs->why);
		goto out;
	}
	for (unsigned i = hdepth >= 0 ? 2 : 0; i < RFS_NODE_L0_COUNT +
	    RFS_NODE_L1_COUNT + RFS_NODE_L2_COUNT + RFS_NODE_L3_COUNT +
	    RFS_NODE_L4_COUNT; i++)
		if (!rfs_ptr_is_null(rfs_ptr_get(n->raw + RFS_NODE_DATA +
		    i * RFS_PTR_SIZE))) {
			ck_say(c, RFS_CHECK_ERROR, "%s: directory has a stray "
			    "pointer in level data slot %u", dn->path, i);
			break;
		}
	if (hdepth >= 0) {
		if (rfs_ptr_is_null(root)) {
			ck_say(c, RFS_CHECK_ERROR, "%s: htree marker without "
			    "a root", dn->path);
			w.partial = 1;
		} else
			htree(&w, root, (unsigned)hdepth);
	}
	if (n->size != w.blocks * RFS_BLOCK_SIZE)
		ck_say(c, RFS_CHECK_ERROR, "%s: directory size %llu but it has "
		    "%llu blocks", dn->path, (unsigned long long)n->size,
		    (unsigned long long)w.blocks);
	/* Its node block and its htree; ck_nodes compares with `blocks`. */
	dn->owned = 1 + w.owned;
	dn->counted = !w.partial;
	c->st->entries += w.n;
	if (w.n > 1)
		qsort(w.v, w.n, sizeof *w.v, dent_cmp);
	for (size_t i = 0; i < w.n; i++) {
		struct dent *d = &w.v[i];
		const char *why;
		char esc[3 * RFS_NAME_MAX + 1];
		int bad = name_check(d, &why);
		struct ck_node *cn;

		snprintf(esc, sizeof esc, "%.*s", d->len, d->name);
		if (bad)
			ck_say(c, bad == 2 ? RFS_CHECK_ERROR : RFS_CHECK_WARN,
			    "%s: entry \"%s\" %s", dn->path, esc, why);
		if (i > 0 && dent_cmp(d, d - 1) == 0)
			ck_say(c, RFS_CHECK_ERROR, "%s: name \"%s\" appears "
			    "twice", dn->path, esc);
		if ((cn = ck_find(c, d->id)) == NULL) {
			ck_say(c, RFS_CHECK_ERROR, "%s/%s: entry names node %u, "
			    "which is not in the tree", dn->path, esc, d->id);
			continue;
		}
		cn->refs++;
		if (cn->path == NULL) {
			size_t pl = strlen(dn->path);
			cn->path = malloc(pl + d->len + 2);
			if (cn->path == NULL) {
				c->oom = 1;
				continue;
			}
			snprintf(cn->path, pl + d->len + 2, "%s/%.*s",
			    strcmp(dn->path, "/") ? dn->path : "", d->len,
			    d->name);
		}
		if (!cn->is_dir)
			continue;
		if (cn->walked || cn->id == 1) {
			ck_say(c, RFS_CHECK_ERROR, "%s/%s: directory linked "
			    "more than once", dn->path, esc);
			continue;
		}
		if (depth >= 512) {
			ck_say(c, RFS_CHECK_ERROR, "%s: directories nested too "
			    "deep", dn->path);
			continue;
		}
		dir_walk(c, cn, depth + 1);
	}
out:
	free(w.v);
	free(n);
}

void
ck_dirs(struct ck *c)
{
	struct ck_node *root = ck_find(c, 1);
	struct rfs_node *n = malloc(sizeof *n);

	if (n == NULL) {
		c->oom = 1;
		return;
	}
	/* Which nodes are directories, before walking. */
	for (size_t i = 0; i < c->nnodes; i++)
		if (rfs_node_load(c->fs, c->nodes[i].id, n) == 0)
			c->nodes[i].is_dir = rfs_node_is_dir(n);
	free(n);
	if (root == NULL)
		return;
	if (!root->is_dir) {
		ck_say(c, RFS_CHECK_ERROR, "node 1 (the root) is not a "
		    "directory");
		return;
	}
	root->path = strdup("/");
	if (root->path == NULL) {
		c->oom = 1;
		return;
	}
	dir_walk(c, root, 0);
}
