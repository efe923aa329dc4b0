/*
 * wbdisk.c - the write-back layer (see wbdisk.h): an open-addressing
 * table from block number to a pending 4 KiB copy.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/wbdisk.h"

#define RUN_MAX 64			/* blocks per write when spilling */
#define EMPTY UINT64_MAX

struct slot {
	uint64_t block;			/* EMPTY if unused */
	uint8_t *data;
};

struct rfs_wbdisk {
	struct rfs_disk under;
	struct slot *tab;
	size_t cap, count;		/* cap: a power of two, >= 2 * max */
	unsigned shift;			/* 64 - log2(cap) */
	size_t max;
	uint8_t **spare;		/* buffers of removed entries */
	size_t nspare;
	uint64_t *order;		/* scratch for spilling */
	uint8_t *run;			/* RUN_MAX blocks */
};

/* Fibonacci hashing: the product's top bits spread runs of blocks. */
static size_t
hash(const struct rfs_wbdisk *w, uint64_t block)
{
	return (size_t)((block * 0x9e3779b97f4a7c15ull) >> w->shift);
}

static struct slot *
find(struct rfs_wbdisk *w, uint64_t block)
{
	for (size_t i = hash(w, block);; i = (i + 1) & (w->cap - 1)) {
		if (w->tab[i].block == block)
			return &w->tab[i];
		if (w->tab[i].block == EMPTY)
			return NULL;
	}
}

/* Linear probing with backward-shift deletion: no tombstones. */
static void
remove_slot(struct rfs_wbdisk *w, struct slot *s)
{
	size_t i = (size_t)(s - w->tab), mask = w->cap - 1;
	w->spare[w->nspare++] = s->data;
	w->count--;
	for (size_t j = (i + 1) & mask; w->tab[j].block != EMPTY; j = (j + 1) & mask) {
		size_t home = hash(w, w->tab[j].block);
		/* Move j into the hole at i if its probe path passes i. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			w->tab[i] = w->tab[j];
			i = j;
		}
	}
	w->tab[i].block = EMPTY;
	w->tab[i].data = NULL;
}

static void
drop_range(struct rfs_wbdisk *w, uint64_t block, size_t n)
{
	for (size_t k = 0; k < n && w->count > 0; k++) {
		struct slot *s = find(w, block + k);
		if (s)
			remove_slot(w, s);
	}
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Writes every pending block, in order and in runs, and empties the table. */
static int
spill(struct rfs_wbdisk *w)
{
	size_t n = 0;
	int err = 0;

	if (w->count == 0)
		return 0;
	for (size_t i = 0; i < w->cap; i++)
		if (w->tab[i].block != EMPTY)
			w->order[n++] = w->tab[i].block;
	qsort(w->order, n, sizeof *w->order, cmp_u64);
	for (size_t i = 0; i < n && err == 0;) {
		size_t len = 0;
		while (i + len < n && len < RUN_MAX &&
		    w->order[i + len] == w->order[i] + len) {
			memcpy(w->run + len * RFS_BLOCK_SIZE,
			    find(w, w->order[i + len])->data, RFS_BLOCK_SIZE);
			len++;
		}
		err = w->under.write(w->under.ctx, w->order[i], w->run, len);
		i += len;
	}
	if (err != 0)
		return err;	/* keep everything: a later flush retries */
	for (size_t i = 0; i < w->cap; i++) {
		if (w->tab[i].block != EMPTY) {
			w->spare[w->nspare++] = w->tab[i].data;
			w->tab[i].block = EMPTY;
			w->tab[i].data = NULL;
		}
	}
	w->count = 0;
	return 0;
}

static int
wb_read(void *ctx, uint64_t block, void *buf, size_t n)
{
	struct rfs_wbdisk *w = ctx;
	struct slot *s;

	if (n == 1 && w->count > 0 && (s = find(w, block)) != NULL) {
		memcpy(buf, s->data, RFS_BLOCK_SIZE);
		return 0;
	}
	int err = w->under.read(w->under.ctx, block, buf, n);
	if (err != 0 || w->count == 0)
		return err;
	for (size_t k = 0; k < n; k++)
		if ((s = find(w, block + k)) != NULL)
			memcpy((uint8_t *)buf + k * RFS_BLOCK_SIZE, s->data, RFS_BLOCK_SIZE);
	return 0;
}

static int
wb_write(void *ctx, uint64_t block, const void *buf, size_t n)
{
	struct rfs_wbdisk *w = ctx;

	if (n != 1) {
		drop_range(w, block, n);	/* the newer bytes win */
		return w->under.write(w->under.ctx, block, buf, n);
	}
	struct slot *s = find(w, block);
	if (s == NULL) {
		if (w->count >= w->max) {
			int err = spill(w);
			if (err != 0)
				return err;
		}
		uint8_t *data = w->nspare ? w->spare[--w->nspare] : malloc(RFS_BLOCK_SIZE);
		if (data == NULL)
			return w->under.write(w->under.ctx, block, buf, 1);
		size_t i = hash(w, block);
		while (w->tab[i].block != EMPTY)
			i = (i + 1) & (w->cap - 1);
		s = &w->tab[i];
		s->block = block;
		s->data = data;
		w->count++;
	}
	memcpy(s->data, buf, RFS_BLOCK_SIZE);
	return 0;
}

static int
wb_flush(void *ctx)
{
	struct rfs_wbdisk *w = ctx;
	int err = spill(w);

	if (err == 0 && w->under.flush)
		err = w->under.flush(w->under.ctx);
	return err;
}

static int
wb_discard(void *ctx, uint64_t block, size_t n)
{
	struct rfs_wbdisk *w = ctx;

	drop_range(w, block, n);
	if (w->under.discard)
		return w->under.discard(w->under.ctx, block, n);
	return 0;
}

static void
wb_free(struct rfs_wbdisk *w)
{
	if (w->tab)
		for (size_t i = 0; i < w->cap; i++)
			free(w->tab[i].data);
	if (w->spare)
		for (size_t i = 0; i < w->nspare; i++)
			free(w->spare[i]);
	free(w->tab);
	free(w->spare);
	free(w->order);
	free(w->run);
	free(w);
}

int
rfs_wbdisk_open(struct rfs_disk *out, const struct rfs_disk *under,
    size_t max_blocks)
{
	struct rfs_wbdisk *w;

	if (max_blocks == 0 || max_blocks > ((size_t)1 << 24))
		return -EINVAL;
	if ((w = calloc(1, sizeof *w)) == NULL)
		return -ENOMEM;
	w->under = *under;
	w->max = max_blocks;
	for (w->cap = 16, w->shift = 60; w->cap < 2 * max_blocks; w->cap *= 2)
		w->shift--;
	w->tab = malloc(w->cap * sizeof *w->tab);
	w->spare = malloc((max_blocks + 1) * sizeof *w->spare);
	w->order = malloc(max_blocks * sizeof *w->order);
	w->run = malloc(RUN_MAX * RFS_BLOCK_SIZE);
	if (!w->tab || !w->spare || !w->order || !w->run) {
		wb_free(w);
		return -ENOMEM;
	}
	for (size_t i = 0; i < w->cap; i++) {
		w->tab[i].block = EMPTY;
		w->tab[i].data = NULL;
	}
	memset(out, 0, sizeof *out);
	out->ctx = w;
	out->read = wb_read;
	out->write = wb_write;
	out->flush = wb_flush;
	out->discard = wb_discard;
	out->size_blocks = under->size_blocks;
	return 0;
}

int
rfs_wbdisk_close(struct rfs_disk *d)
{
	struct rfs_wbdisk *w = d->ctx;
	int err = spill(w);

	wb_free(w);
	d->ctx = NULL;
	return err;
}

void
rfs_wbdisk_abandon(struct rfs_disk *d)
{
	wb_free(d->ctx);
	d->ctx = NULL;
}
