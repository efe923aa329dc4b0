/*
 * The dirty-record cache (rcache.h).  A tag names its slot in its low
 * bits and a serial number above them, so a lookup is one compare and
 * a tag is never given twice in a mount.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/filew.h"
#include "fs/redoxfs/lib/rcache.h"

#define SLOT_BITS 6
#define TAG_BASE 0x5a17c0de5eedf00dull

struct rfs_rent {
	int used;
	uint32_t id;
	uint64_t r;
	uint64_t tag;
	uint8_t *buf;		/* RFS_RECORD_SIZE, kept when the slot is free */
};

struct rfs_rcache {
	struct rfs_rent e[RFS_RCACHE_SLOTS];
	unsigned nused;
	uint64_t serial;
};

_Static_assert(RFS_RCACHE_SLOTS == 1u << SLOT_BITS, "tag slot bits");

static struct rfs_rent *
find(struct rfs *fs, uint64_t tag)
{
	struct rfs_rent *e;

	if (fs->rcache == NULL || fs->rcache->nused == 0)
		return NULL;
	e = &fs->rcache->e[(tag ^ TAG_BASE) & (RFS_RCACHE_SLOTS - 1)];
	return e->used && e->tag == tag ? e : NULL;
}

long
rfs_rcache_load(struct rfs *fs, struct rfs_ptr p, const uint8_t **data)
{
	struct rfs_rent *e = find(fs, p.hash);

	if (e == NULL || rfs_addr_decomp(p.addr) != 0 ||
	    rfs_addr_level(p.addr) > RFS_RECORD_LEVEL)
		return -ENOENT;
	*data = e->buf;
	return (long)RFS_BLOCK_SIZE << rfs_addr_level(p.addr);
}

uint8_t *
rfs_rcache_buf(struct rfs *fs, struct rfs_ptr p)
{
	struct rfs_rent *e = find(fs, p.hash);

	return e != NULL && rfs_addr_decomp(p.addr) == 0 ? e->buf : NULL;
}

int
rfs_rcache_take(struct rfs *fs, uint32_t id, uint64_t r, uint8_t **buf,
    uint64_t *tag)
{
	struct rfs_rcache *c = fs->rcache;
	struct rfs_rent *e = NULL;

	if (c == NULL && (c = fs->rcache = calloc(1, sizeof *c)) == NULL)
		return -ENOMEM;
	if (c->nused == RFS_RCACHE_SLOTS)
		return -ENOSPC;
	for (unsigned i = 0; i < RFS_RCACHE_SLOTS && e == NULL; i++)
		if (!c->e[i].used)
			e = &c->e[i];
	if (e == NULL)
		return -ENOSPC;
	/* Buffers stay allocated: a large malloc is a mapping of its own. */
	if (e->buf == NULL && (e->buf = malloc(RFS_RECORD_SIZE)) == NULL)
		return -ENOMEM;
	e->used = 1;
	e->id = id;
	e->r = r;
	e->tag = TAG_BASE ^ (++c->serial << SLOT_BITS |
	    (uint64_t)(e - c->e));
	c->nused++;
	*buf = e->buf;
	*tag = e->tag;
	return 0;
}

static void
forget(struct rfs_rcache *c, struct rfs_rent *e)
{
	e->used = 0;
	c->nused--;
}

void
rfs_rcache_untake(struct rfs *fs, uint64_t tag)
{
	struct rfs_rent *e = find(fs, tag);

	if (e != NULL)
		forget(fs->rcache, e);
}

/* Entries by node, then record: each node is loaded and stored once. */
static int
before(const struct rfs_rent *a, const struct rfs_rent *b)
{
	return a->id < b->id || (a->id == b->id && a->r < b->r);
}

int
rfs_rcache_flush(struct rfs *fs)
{
	struct rfs_rcache *c = fs->rcache;
	struct rfs_rent *v[RFS_RCACHE_SLOTS];
	struct rfs_node *n;
	unsigned cnt = 0;
	int err = 0;

	if (c == NULL || c->nused == 0)
		return 0;
	for (unsigned i = 0; i < RFS_RCACHE_SLOTS; i++) {
		if (!c->e[i].used)
			continue;
		unsigned k = cnt++;
		for (; k > 0 && before(&c->e[i], v[k - 1]); k--)
			v[k] = v[k - 1];
		v[k] = &c->e[i];
	}
	if ((n = malloc(sizeof *n)) == NULL)
		return -ENOMEM;
	for (unsigned i = 0; i < cnt && err == 0;) {
		uint32_t id = v[i]->id;
		unsigned end = i, stored = 0;
		while (end < cnt && v[end]->id == id)
			end++;
		if ((err = rfs_node_load(fs, id, n)) == -ENOENT) {
			/* Deleted: its blocks went with it. */
			for (; i < end; i++)
				forget(c, v[i]);
			err = 0;
			continue;
		}
		for (; i < end && err == 0; i++) {
			struct rfs_ptr p;
			if (rfs_node_inline(n) || n->record_level >
			    RFS_RECORD_LEVEL) {
				forget(c, v[i]);
				continue;
			}
			if ((err = rfs_node_record_ptr(fs, n, v[i]->r, &p)) != 0)
				break;
			if (!rfs_ptr_is_null(p) && p.hash == v[i]->tag &&
			    rfs_addr_decomp(p.addr) == 0) {
				err = rfs_record_store(fs, n, v[i]->r, p,
				    v[i]->buf, rfs_addr_level(p.addr), 1);
				if (err)
					break;
				stored = 1;
			}
			forget(c, v[i]);
		}
		if (err == 0 && stored)
			err = rfs_node_store(fs, n);
	}
	free(n);
	return err;
}

void
rfs_rcache_drop(struct rfs *fs)
{
	struct rfs_rcache *c = fs->rcache;

	if (c == NULL)
		return;
	for (unsigned i = 0; i < RFS_RCACHE_SLOTS; i++)
		c->e[i].used = 0;
	c->nused = 0;
}

void
rfs_rcache_free(struct rfs *fs)
{
	struct rfs_rcache *c = fs->rcache;

	if (c == NULL)
		return;
	for (unsigned i = 0; i < RFS_RCACHE_SLOTS; i++)
		free(c->e[i].buf);
	free(c);
	fs->rcache = NULL;
}
