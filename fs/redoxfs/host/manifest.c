/* Building manifest listings, from a RedoxFS image or from anything else. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/host/manifest.h"
#include "fs/redoxfs/lib/meta.h"
#include "fs/redoxfs/lib/sha256.h"

void
manifest_escape(char *out, const char *in, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c < 0x21 || c > 0x7e || c == '%') {
			*out++ = '%';
			*out++ = hex[c >> 4];
			*out++ = hex[c & 15];
		} else {
			*out++ = (char)c;
		}
	}
	*out = 0;
}

int
manifest_add(struct manifest *m, const char *path, size_t plen, char type,
    unsigned mode, uint32_t uid, uint32_t gid, uint64_t size, uint64_t sec,
    uint32_t nsec, const char *content)
{
	struct manifest_entry *e;
	char *esc;
	size_t cap;

	if (m->n == m->cap) {
		size_t ncap = m->cap ? 2 * m->cap : 64;
		struct manifest_entry *v = realloc(m->v, ncap * sizeof *v);
		if (v == NULL)
			return -ENOMEM;
		m->v = v;
		m->cap = ncap;
	}
	e = &m->v[m->n];
	if ((esc = malloc(3 * plen + 1)) == NULL)
		return -ENOMEM;
	manifest_escape(esc, path, plen);
	cap = strlen(esc) + strlen(content) + 128;
	e->line = malloc(cap);
	e->path = malloc(plen + 1);
	if (e->line == NULL || e->path == NULL) {
		free(e->line);
		free(e->path);
		free(esc);
		return -ENOMEM;
	}
	snprintf(e->line, cap, "%s %c %04o %u %u %llu %llu.%09u %s\n", esc,
	    type, mode & 07777, uid, gid, (unsigned long long)size,
	    (unsigned long long)sec, nsec, content);
	memcpy(e->path, path, plen);
	e->path[plen] = 0;
	e->plen = plen;
	free(esc);
	m->n++;
	return 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct manifest_entry *x = a, *y = b;
	size_t n = x->plen < y->plen ? x->plen : y->plen;
	int c = memcmp(x->path, y->path, n);

	if (c)
		return c;
	return (x->plen > y->plen) - (x->plen < y->plen);
}

char *
manifest_text(struct manifest *m)
{
	size_t total = 1, at = 0;
	char *out;

	if (m->n)
		qsort(m->v, m->n, sizeof *m->v, entry_cmp);
	for (size_t i = 0; i < m->n; i++)
		total += strlen(m->v[i].line);
	if ((out = malloc(total)) == NULL)
		return NULL;
	for (size_t i = 0; i < m->n; i++) {
		size_t k = strlen(m->v[i].line);
		memcpy(out + at, m->v[i].line, k);
		at += k;
	}
	out[at] = 0;
	return out;
}

void
manifest_free(struct manifest *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].path);
		free(m->v[i].line);
	}
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}

/* Walking an image. */

#define LIST_MAX_DEPTH 256

struct lister {
	struct rfs *fs;
	struct manifest *m;
	uint64_t max_file;
	uint8_t *buf;
	/* Directory ids seen, so a directory linked twice is not re-walked. */
	uint32_t *seen;
	size_t nseen, capseen;
};

struct child {
	uint32_t id;
	char name[RFS_NAME_MAX];
	uint8_t len;
};

struct children {
	struct child *v;
	size_t n, cap;
};

static int
collect_cb(void *arg, uint32_t id, const char *name, size_t len)
{
	struct children *c = arg;

	if (c->n == c->cap) {
		size_t ncap = c->cap ? 2 * c->cap : 16;
		struct child *v = realloc(c->v, ncap * sizeof *v);
		if (v == NULL)
			return -ENOMEM;
		c->v = v;
		c->cap = ncap;
	}
	c->v[c->n].id = id;
	memcpy(c->v[c->n].name, name, len);
	c->v[c->n].len = (uint8_t)len;
	c->n++;
	return 0;
}

static int
content_hash(struct lister *l, const struct rfs_node *n, char hex[65])
{
	struct sha256 s;
	uint8_t dig[32];
	uint64_t off = 0;

	if (n->size > l->max_file)
		return rfs_fail(l->fs, -EFBIG, "file larger than the limit",
		    n->id);
	sha256_init(&s);
	while (off < n->size) {
		long k = rfs_node_read(l->fs, n, off, l->buf, RFS_RECORD_SIZE);
		if (k <= 0)
			return k < 0 ? (int)k : -EIO;
		sha256_update(&s, l->buf, (size_t)k);
		off += (uint64_t)k;
	}
	sha256_final(&s, dig);
	sha256_hex(dig, hex);
	return 0;
}

/* The manifest's type letter of a special file (as ls -l), 0 if none. */
static char
special_type(uint16_t mode)
{
	switch (mode & RFS_MODE_TYPE) {
	case RFS_MODE_FIFO:	return 'p';
	case RFS_MODE_CHR:	return 'c';
	case RFS_MODE_BLK:	return 'b';
	case RFS_MODE_SOCK:	return 's';
	default:		return 0;
	}
}

static int
list_node(struct lister *l, uint32_t id, char *path, size_t plen, int depth)
{
	struct rfs_node *n;
	struct children kids = { 0 };
	char *content = NULL;
	uint64_t size;
	char type;
	int err;

	if ((n = malloc(sizeof *n)) == NULL)
		return -ENOMEM;
	if ((err = rfs_node_load(l->fs, id, n)) != 0)
		goto out;

	if (rfs_node_is_dir(n)) {
		for (size_t i = 0; i < l->nseen; i++)
			if (l->seen[i] == id) {
				err = rfs_fail(l->fs, -ELOOP,
				    "directory reached twice", id);
				goto out;
			}
		if (l->nseen == l->capseen) {
			size_t nc = l->capseen ? 2 * l->capseen : 64;
			uint32_t *v = realloc(l->seen, nc * sizeof *v);
			if (v == NULL) {
				err = -ENOMEM;
				goto out;
			}
			l->seen = v;
			l->capseen = nc;
		}
		l->seen[l->nseen++] = id;
		if ((err = rfs_dir_iter(l->fs, n, collect_cb, &kids)) != 0)
			goto out;
		type = 'd';
		size = kids.n;
		content = strdup("-");
	} else if (rfs_node_is_symlink(n)) {
		type = 'l';
		size = n->size;
		if (size > 4096) {
			err = rfs_fail(l->fs, -EIO, "symlink target too long",
			    id);
			goto out;
		}
		long k = rfs_node_read(l->fs, n, 0, l->buf, (size_t)size);
		if (k < 0) {
			err = (int)k;
			goto out;
		}
		if ((content = malloc(3 * (size_t)k + 3)) != NULL) {
			content[0] = '-';
			content[1] = '>';
			manifest_escape(content + 2, (char *)l->buf, (size_t)k);
		}
	} else if ((n->mode & RFS_MODE_TYPE) != RFS_MODE_FILE &&
	    (type = special_type(n->mode)) != 0) {
		/* FIFOs, devices and sockets: no contents; a device's number. */
		size = 0;
		if ((content = malloc(32)) != NULL)
			snprintf(content, 32, "rdev=%llu",
			    (unsigned long long)rfs_node_rdev(n));
	} else {
		type = 'f';
		size = n->size;
		if ((content = malloc(65)) != NULL &&
		    (err = content_hash(l, n, content)) != 0)
			goto out;
	}
	if (content == NULL) {
		err = -ENOMEM;
		goto out;
	}
	err = manifest_add(l->m, plen ? path : "/", plen ? plen : 1, type,
	    n->mode, n->uid, n->gid, size, n->mtime, n->mtime_nsec, content);
	if (err || type != 'd')
		goto out;
	if (depth >= LIST_MAX_DEPTH) {
		err = rfs_fail(l->fs, -ELOOP, "directories nested too deep",
		    id);
		goto out;
	}
	for (size_t i = 0; i < kids.n && !err; i++) {
		path[plen] = '/';
		memcpy(path + plen + 1, kids.v[i].name, kids.v[i].len);
		err = list_node(l, kids.v[i].id, path, plen + 1 + kids.v[i].len,
		    depth + 1);
	}
out:
	free(kids.v);
	free(content);
	free(n);
	return err;
}

int
rfs_manifest(struct rfs *fs, struct manifest *m, uint64_t max_file)
{
	struct lister l = { fs, m, max_file, NULL, NULL, 0, 0 };
	char *path;
	int err;

	/* Deepest path: every level a '/' and a 252-byte name. */
	path = malloc((size_t)(LIST_MAX_DEPTH + 1) * (RFS_NAME_MAX + 1) + 1);
	l.buf = malloc(RFS_RECORD_SIZE);
	if (path == NULL || l.buf == NULL) {
		err = -ENOMEM;
	} else {
		err = list_node(&l, 1, path, 0, 0);
	}
	free(path);
	free(l.buf);
	free(l.seen);
	return err;
}
