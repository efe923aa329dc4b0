/* redoxfsd's handle table: a growable array of pointers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/daemon/rfsd.h"
#include "fs/redoxfs/daemon/rfsd_handle.h"

/* Enough for any sane load; a runaway client gets EMFILE, not our memory. */
#define MAX_HANDLES 65536u

static struct rfsd_handle **tab;
static size_t ntab;

int64_t
rfsd_handle_new(enum rfsd_kind kind, uint32_t node, uint32_t flags,
    const char *path)
{
	struct rfsd_handle *h;
	size_t slot;

	for (slot = 0; slot < ntab && tab[slot]; slot++)
		;
	if (slot == ntab) {
		size_t cap = ntab ? 2 * ntab : 64;
		struct rfsd_handle **v;
		if (ntab >= MAX_HANDLES)
			return -EMFILE;
		if ((v = realloc(tab, cap * sizeof *v)) == NULL)
			return -ENOMEM;
		memset(v + ntab, 0, (cap - ntab) * sizeof *v);
		tab = v;
		ntab = cap;
	}
	if ((h = calloc(1, sizeof *h)) == NULL)
		return -ENOMEM;
	if ((h->path = strdup(path ? path : "")) == NULL) {
		free(h);
		return -ENOMEM;
	}
	h->kind = kind;
	h->node = node;
	h->flags = flags;
	tab[slot] = h;
	return (int64_t)slot + 1;
}

struct rfsd_handle *
rfsd_handle_get(uint64_t id)
{
	if (id == 0 || id > ntab)
		return NULL;
	return tab[id - 1];
}

void
rfsd_handle_free(uint64_t id)
{
	struct rfsd_handle *h = rfsd_handle_get(id);

	if (h == NULL)
		return;
	free(h->path);
	free(h->ents);
	free(h->text);
	free(h);
	tab[id - 1] = NULL;
}

unsigned
rfsd_handle_count(uint32_t node)
{
	unsigned n = 0;

	for (size_t i = 0; i < ntab; i++)
		if (tab[i] && tab[i]->kind == RFSD_NODE && tab[i]->node == node)
			n++;
	return n;
}

void
rfsd_handle_forget_lists(void)
{
	for (size_t i = 0; i < ntab; i++) {
		if (tab[i] == NULL)
			continue;
		free(tab[i]->ents);
		tab[i]->ents = NULL;
		tab[i]->nents = 0;
	}
}

int
rfsd_handle_busy(void *arg, uint32_t node)
{
	int open = 0;

	(void)arg;
	for (size_t i = 0; i < ntab; i++) {
		if (tab[i] && tab[i]->kind == RFSD_NODE && tab[i]->node == node) {
			tab[i]->orphan = 1;
			open = 1;
		}
	}
	return open;
}

void
rfsd_handle_free_all(void)
{
	for (size_t i = 0; i < ntab; i++)
		rfsd_handle_free(i + 1);
	free(tab);
	tab = NULL;
	ntab = 0;
}

struct rfsd_handle *
rfsd_node_handle(uint64_t id, struct rfs_node *n, int *err)
{
	struct rfsd_handle *h = rfsd_handle_get(id);

	if (h == NULL || h->kind != RFSD_NODE) {
		*err = -EBADF;
		return NULL;
	}
	if ((*err = rfs_node_load(&rfsd.fs, h->node, n)) != 0)
		return NULL;
	return h;
}
