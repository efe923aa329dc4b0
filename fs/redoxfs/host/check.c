/*
 * Checking an image: the header ring, the allocation log, the release
 * list, and at the end every block's state (reachable, free, or leaked)
 * against the log.  The tree, nodes and directories are in check_tree.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/host/check_int.h"

void
ck_say(struct ck *c, int sev, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (sev == RFS_CHECK_ERROR)
		c->st->errors++;
	else if (sev == RFS_CHECK_WARN)
		c->st->warnings++;
	c->report(c->arg, sev, msg);
}

int
ck_mark(struct ck *c, uint64_t index, uint64_t n, const char *what)
{
	int dup = 0;

	if (index >= c->nblocks || n > c->nblocks - index) {
		ck_say(c, RFS_CHECK_ERROR, "%s: blocks %llu+%llu lie outside "
		    "the file system (%llu blocks)", what,
		    (unsigned long long)index, (unsigned long long)n,
		    (unsigned long long)c->nblocks);
		return -1;
	}
	for (uint64_t i = index; i < index + n; i++) {
		if (ck_bit(c->used, i))
			dup = 1;
		ck_set(c->used, i, 1);
	}
	if (dup)
		ck_say(c, RFS_CHECK_ERROR, "%s: block %llu is also used by "
		    "something else", what, (unsigned long long)index);
	return dup ? -1 : 0;
}

struct ck_node *
ck_find(struct ck *c, uint32_t id)
{
	size_t lo = 0, hi = c->nnodes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->nodes[mid].id == id)
			return &c->nodes[mid];
		if (c->nodes[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *
ck_where(struct ck_node *n, char buf[32])
{
	if (n && n->path)
		return n->path;
	snprintf(buf, 32, "node %u", n ? n->id : 0);
	return buf;
}

/* Every valid header in the ring belongs to this fs and is older. */
static void
ck_ring(struct ck *c)
{
	struct rfs *fs = c->fs;
	uint8_t raw[RFS_BLOCK_SIZE];
	struct rfs_header h;

	for (uint64_t i = 0; i < RFS_HEADER_RING; i++) {
		uint64_t b = fs->block + i;
		int r;

		if (fs->disk->read(fs->disk->ctx, b, raw, 1) != 0) {
			ck_say(c, RFS_CHECK_ERROR, "header ring slot %llu "
			    "(disk block %llu) cannot be read",
			    (unsigned long long)i, (unsigned long long)b);
			continue;
		}
		r = rfs_header_parse(raw, &h);
		if (r == RFS_HDRCHK_NOSIG)
			continue;	/* a slot never written */
		if (r != RFS_HDRCHK_OK) {
			/* Torn writes leave these; mount skips them. */
			ck_say(c, RFS_CHECK_WARN, "header ring slot %llu: %s",
			    (unsigned long long)i, r == RFS_HDRCHK_VERSION ?
			    "not version 8" : "header hash mismatch");
			continue;
		}
		if (h.generation % RFS_HEADER_RING != i)
			ck_say(c, RFS_CHECK_ERROR, "header ring slot %llu holds "
			    "generation %llu, which belongs in slot %llu",
			    (unsigned long long)i,
			    (unsigned long long)h.generation,
			    (unsigned long long)(h.generation % RFS_HEADER_RING));
		if (memcmp(h.uuid, fs->hdr.uuid, 16) != 0)
			ck_say(c, RFS_CHECK_ERROR, "header ring slot %llu "
			    "(generation %llu) has another file system's uuid",
			    (unsigned long long)i,
			    (unsigned long long)h.generation);
		if (b != fs->hdr_block && h.generation == fs->hdr.generation)
			ck_say(c, RFS_CHECK_ERROR, "header ring slots %llu and "
			    "%llu both hold generation %llu",
			    (unsigned long long)i,
			    (unsigned long long)(fs->hdr_block - fs->block),
			    (unsigned long long)h.generation);
	}
	if (fs->hdr.size % RFS_BLOCK_SIZE)
		ck_say(c, RFS_CHECK_WARN, "header size %llu is not a multiple "
		    "of 4096", (unsigned long long)fs->hdr.size);
	if (fs->disk->size_blocks < fs->block + fs->blocks)
		ck_say(c, RFS_CHECK_ERROR, "header says %llu blocks but the "
		    "disk holds only %llu after the reserved area",
		    (unsigned long long)fs->blocks,
		    (unsigned long long)(fs->disk->size_blocks - fs->block));
}

/* Replays the allocation log, oldest block first, into c->freed. */
static void
ck_alloc(struct ck *c)
{
	struct rfs *fs = c->fs;
	struct rfs_ptr p = fs->hdr.alloc, *chain = NULL;
	uint8_t blk[RFS_BLOCK_SIZE];
	size_t n = 0, cap = 0;

	if (rfs_ptr_is_null(p)) {
		ck_say(c, RFS_CHECK_ERROR, "header has no allocation log");
		return;
	}
	while (!rfs_ptr_is_null(p)) {
		uint64_t idx = rfs_addr_index(p.addr);
		if (rfs_read_meta(fs, p, blk) != 0) {
			ck_say(c, RFS_CHECK_ERROR, "allocation log block %llu: "
			    "%s", (unsigned long long)idx, fs->why);
			break;
		}
		if (ck_mark(c, idx, 1, "allocation log") != 0)
			break;	/* a loop, or out of range */
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			struct rfs_ptr *v = realloc(chain, cap * sizeof *v);
			if (v == NULL) {
				c->oom = 1;
				break;
			}
			chain = v;
		}
		chain[n++] = p;
		p = rfs_ptr_get(blk);
	}
	while (n-- > 0) {
		uint64_t at = rfs_addr_index(chain[n].addr);
		if (rfs_read_meta(fs, chain[n], blk) != 0)
			break;
		for (unsigned i = 0; i < RFS_ALLOCLIST_ENTRIES; i++) {
			const uint8_t *e = blk + 16 + 16 * i;
			uint64_t index = rfs_le64(e);
			int64_t count = (int64_t)rfs_le64(e + 8);
			uint64_t k = count < 0 ? (uint64_t)0 - (uint64_t)count :
			    (uint64_t)count;
			if (count == 0)
				continue;
			if (index >= c->nblocks || k > c->nblocks - index) {
				ck_say(c, RFS_CHECK_ERROR, "allocation log block "
				    "%llu entry %u (%llu%+lld) lies outside the "
				    "file system", (unsigned long long)at, i,
				    (unsigned long long)index,
				    (long long)count);
				continue;
			}
			uint64_t bad = 0, first = 0;
			for (uint64_t b = index; b < index + k; b++) {
				if (ck_bit(c->freed, b) == (count > 0)) {
					if (!bad++)
						first = b;
				}
				ck_set(c->freed, b, count > 0);
			}
			if (bad)
				ck_say(c, RFS_CHECK_ERROR, "allocation log block "
				    "%llu entry %u (%llu%+lld): %llu block(s) "
				    "from %llu were already %s",
				    (unsigned long long)at, i,
				    (unsigned long long)index, (long long)count,
				    (unsigned long long)bad,
				    (unsigned long long)first,
				    count > 0 ? "free" : "allocated");
		}
	}
	free(chain);
}

/* Nodes unlinked while open, to be freed later; they must exist. */
static void
ck_release(struct ck *c)
{
	struct rfs *fs = c->fs;
	struct rfs_ptr p = fs->hdr.release;
	uint8_t blk[RFS_BLOCK_SIZE];

	while (!rfs_ptr_is_null(p)) {
		uint64_t idx = rfs_addr_index(p.addr);
		if (rfs_read_meta(fs, p, blk) != 0) {
			ck_say(c, RFS_CHECK_ERROR, "release list block %llu: "
			    "%s", (unsigned long long)idx, fs->why);
			return;
		}
		if (ck_mark(c, idx, 1, "release list") != 0)
			return;
		for (unsigned i = 0; i < RFS_RELEASELIST_ENTRIES; i++) {
			uint32_t id = rfs_le32(blk + 16 + 4 * i);
			struct ck_node *n;
			if (id == 0)
				continue;
			if ((n = ck_find(c, id)) == NULL)
				ck_say(c, RFS_CHECK_ERROR, "release list block "
				    "%llu names node %u, which is not in the "
				    "tree", (unsigned long long)idx, id);
			else
				n->released = 1;
		}
		p = rfs_ptr_get(blk);
	}
}

/* Reachable blocks must not be free; unreachable ones should be. */
static void
ck_blocks(struct ck *c)
{
	uint64_t leak_start = 0, leak_len = 0, runs = 0;

	/* The header ring and the block after it belong to the format. */
	for (uint64_t b = 0; b <= RFS_HEADER_RING && b < c->nblocks; b++) {
		if (ck_bit(c->freed, b))
			ck_say(c, RFS_CHECK_ERROR, "block %llu (header ring) is "
			    "free in the allocation log", (unsigned long long)b);
		if (ck_bit(c->used, b))
			ck_say(c, RFS_CHECK_ERROR, "block %llu (header ring) is "
			    "used by data", (unsigned long long)b);
		ck_set(c->used, b, 1);
	}
	for (uint64_t b = RFS_HEADER_RING + 1; b <= c->nblocks; b++) {
		int used = b < c->nblocks && ck_bit(c->used, b);
		int isfree = b < c->nblocks && ck_bit(c->freed, b);
		if (b < c->nblocks) {
			if (used && isfree)
				ck_say(c, RFS_CHECK_ERROR, "block %llu is in use "
				    "but free in the allocation log",
				    (unsigned long long)b);
			c->st->used_blocks += used;
			c->st->free_blocks += isfree;
		}
		if (b < c->nblocks && !used && !isfree) {
			if (leak_len == 0)
				leak_start = b;
			leak_len++;
			continue;
		}
		if (leak_len) {
			/* Upstream's truncate leaves these; reclaimable. */
			if (++runs <= 20)
				ck_say(c, RFS_CHECK_WARN, "%llu block(s) from %llu are "
				    "allocated but unreachable (leaked)",
				    (unsigned long long)leak_len,
				    (unsigned long long)leak_start);
			c->st->leaked_blocks += leak_len;
			leak_len = 0;
		}
	}
	if (runs > 20)
		ck_say(c, RFS_CHECK_WARN, "%llu leaked runs in all, %llu "
		    "blocks", (unsigned long long)runs,
		    (unsigned long long)c->st->leaked_blocks);
}

int
rfs_check(struct rfs *fs, rfs_check_report report, void *arg,
    struct rfs_check_stats *stats)
{
	struct ck c = { 0 };
	size_t bytes;

	memset(stats, 0, sizeof *stats);
	c.fs = fs;
	c.report = report;
	c.arg = arg;
	c.st = stats;
	c.nblocks = fs->blocks;
	/* A header larger than the disk is reported; check what exists. */
	if (fs->disk->size_blocks < fs->block + c.nblocks)
		c.nblocks = fs->disk->size_blocks > fs->block ?
		    fs->disk->size_blocks - fs->block : 0;
	bytes = (size_t)(c.nblocks / 8 + 1);
	c.used = calloc(1, bytes);
	c.freed = calloc(1, bytes);
	if (c.used == NULL || c.freed == NULL) {
		free(c.used);
		free(c.freed);
		return -ENOMEM;
	}
	ck_ring(&c);
	ck_alloc(&c);
	ck_tree(&c);
	ck_release(&c);
	ck_dirs(&c);
	ck_nodes(&c);
	ck_blocks(&c);
	ck_excess(&c);
	for (size_t i = 0; i < c.nnodes; i++)
		free(c.nodes[i].path);
	free(c.nodes);
	free(c.used);
	free(c.freed);
	return c.oom ? -ENOMEM : 0;
}
