/* redoxfsd's path walk and permission checks (rfsd_path.h). */
#include <errno.h>
#include <string.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/lib/perm.h"
#include "fs/redoxfs/daemon/rfsd_path.h"

/* The OS has no supplementary groups: the request's uid and gid. */
int
rfsd_may(const struct rfs_node *n, uint32_t uid, uint32_t gid, unsigned want)
{
	struct rfs_cred c = { uid, gid, NULL, NULL };

	return rfs_perm_may(&c, n, want);
}

int
rfsd_may_remove(const struct rfs_node *d, const struct rfs_node *n,
    uint32_t uid, uint32_t gid)
{
	struct rfs_cred c = { uid, gid, NULL, NULL };

	return rfs_perm_may_remove(&c, d, n);
}

/* Reads symlink n's target into buf (cap bytes, NUL added). */
static int
read_link(struct rfs *fs, const struct rfs_node *n, char *buf, size_t cap)
{
	long k;

	if (n->size >= cap || n->size >= RFSD_PATH_MAX)
		return -ENAMETOOLONG;
	if ((k = rfs_node_read(fs, n, 0, buf, (size_t)n->size)) < 0)
		return (int)k;
	buf[k] = 0;
	if (memchr(buf, 0, (size_t)k))
		return -EINVAL;
	return (int)k;
}

/* Appends rest[start, end) to the path of the directory at depth;
 * returns the new path length, or -ENAMETOOLONG. */
static long
path_append(struct rfsd_walk *w, size_t depth, size_t start, size_t end)
{
	size_t pl = w->plen[depth], n = end - start;

	if (pl + 1 + n >= sizeof w->path)
		return -ENAMETOOLONG;
	if (pl)
		w->path[pl++] = '/';
	memcpy(w->path + pl, w->rest + start, n);
	w->path[pl + n] = 0;
	return (long)(pl + n);
}

int
rfsd_walk(struct rfs *fs, const char *path, size_t len, uint32_t uid,
    uint32_t gid, int follow, struct rfsd_walk *w)
{
	size_t depth = 0, pos = 0, rlen, links = 0;
	int err;

	if (len >= sizeof w->rest)
		return -ENAMETOOLONG;
	if (memchr(path, 0, len))
		return -EINVAL;
	memcpy(w->rest, path, len);
	w->rest[len] = 0;
	rlen = len;
	w->ids[0] = 1;
	w->plen[0] = 0;
	w->path[0] = 0;
	w->node = 0;
	w->parent = 0;
	w->n.id = 0;	/* nothing loaded yet (ids start at 1) */
	w->dir.id = 0;
	for (;;) {
		size_t start, end, next;
		uint32_t id;
		int last;

		while (pos < rlen && w->rest[pos] == '/')
			pos++;
		if (pos == rlen)
			break;
		start = pos;
		for (end = start; end < rlen && w->rest[end] != '/'; end++)
			;
		for (next = end; next < rlen && w->rest[next] == '/'; next++)
			;
		last = next == rlen;
		pos = end;
		if (end - start == 1 && w->rest[start] == '.')
			continue;
		if (end - start == 2 && w->rest[start] == '.' &&
		    w->rest[start + 1] == '.') {
			if (depth > 0)
				depth--;
			continue;
		}
		if (end - start > RFS_NAME_MAX)
			return -ENAMETOOLONG;
		if ((err = rfs_node_load(fs, w->ids[depth], &w->dir)) != 0)
			return err;
		if (!rfs_node_is_dir(&w->dir))
			return -ENOTDIR;
		if ((err = rfsd_may(&w->dir, uid, gid, RFSD_X)) != 0)
			return err;
		err = rfs_dir_lookup(fs, &w->dir, w->rest + start, end - start,
		    &id);
		if (err == -ENOENT && last) {
			/* Where it would go: the caller may create it. */
			long pl = path_append(w, depth, start, end);
			if (pl < 0)
				return (int)pl;
			w->parent = w->ids[depth];
			w->len = end - start;
			w->name = w->path + (size_t)pl - w->len;
			return -ENOENT;
		}
		if (err != 0)
			return err;
		if ((err = rfs_node_load(fs, id, &w->n)) != 0)
			return err;
		if (rfs_node_is_symlink(&w->n) && (!last || follow)) {
			int k;
			if (++links > RFSD_LINKS_MAX)
				return -ELOOP;
			if ((k = read_link(fs, &w->n, w->tmp, RFSD_PATH_MAX)) < 0)
				return k;
			/* "file:/x" names this scheme; other schemes we cannot reach. */
			char *colon = memchr(w->tmp, ':', (size_t)k);
			size_t skip = 0;
			if (colon) {
				if ((size_t)(colon - w->tmp) != strlen("file") ||
				    memcmp(w->tmp, "file", 4) != 0)
					return -EXDEV;
				skip = (size_t)(colon - w->tmp) + 1;
			}
			if ((size_t)k - skip + 1 + (rlen - end) >= sizeof w->rest)
				return -ENAMETOOLONG;
			/* rest = target '/' what followed the link */
			memmove(w->tmp, w->tmp + skip, (size_t)k - skip);
			w->tmp[(size_t)k - skip] = '/';
			memcpy(w->tmp + (size_t)k - skip + 1, w->rest + end,
			    rlen - end);
			rlen = (size_t)k - skip + 1 + (rlen - end);
			memcpy(w->rest, w->tmp, rlen);
			w->rest[rlen] = 0;
			pos = 0;
			if (w->rest[0] == '/')
				depth = 0;
			continue;
		}
		if (depth == RFSD_DEPTH_MAX)
			return -ENAMETOOLONG;
		long pl = path_append(w, depth, start, end);
		if (pl < 0)
			return (int)pl;
		depth++;
		w->ids[depth] = id;
		w->plen[depth] = (uint16_t)pl;
	}
	/* Found: ids[depth]; its parent is ids[depth - 1] (the root's is itself). */
	w->path[w->plen[depth]] = 0;
	w->node = w->ids[depth];
	w->parent = depth ? w->ids[depth - 1] : 1;
	if (depth) {
		size_t pl = w->plen[depth - 1];
		w->name = w->path + pl + (pl ? 1 : 0);
		w->len = w->plen[depth] - (size_t)(w->name - w->path);
	} else {
		w->name = w->path;
		w->len = 0;
	}
	/* The last step usually loaded both already; nothing changes
	 * during a walk, so a node loaded under its id is current. */
	if (w->n.id != w->node && (err = rfs_node_load(fs, w->node, &w->n)) != 0)
		return err;
	if (w->dir.id != w->parent)
		return rfs_node_load(fs, w->parent, &w->dir);
	return 0;
}
