/*
 * redoxfsd's path walk: from a scheme reference ("/home/user/x") to a
 * node, checking search permission on every directory and following
 * symbolic links inside the file system.
 */
#ifndef REDOXFS_RFSD_PATH_H
#define REDOXFS_RFSD_PATH_H

#include <stddef.h>
#include <stdint.h>

#include "fs/redoxfs/lib/node.h"

#define RFSD_PATH_MAX	4096
#define RFSD_DEPTH_MAX	512
#define RFSD_LINKS_MAX	32

/* Permission bits a caller wants (as in a mode's rwx triplets). */
#define RFSD_R 4u	/* = RFS_PERM_R (perm.h, the check both daemons use) */
#define RFSD_W 2u
#define RFSD_X 1u

/*
 * One walk and what it found, about 31 KiB (the scratch is most of it).
 * The request handlers keep theirs on the stack, one per path a request
 * names (two for a rename): a request is served at a time and then
 * forgotten, and the daemon's stack is a program's 1 MiB (USER_STACK,
 * core/exec.h), of which the library's deepest calls use a few KiB.
 */
struct rfsd_walk {
	uint32_t parent;	/* the directory holding the last name */
	uint32_t node;		/* what was found; 0 when only the last is missing */
	const char *name;	/* the last name (in path), "" for the root */
	size_t len;
	char path[RFSD_PATH_MAX];	/* canonical, no leading '/' */
	struct rfs_node n;	/* node `node`, loaded */
	struct rfs_node dir;	/* node `parent`, loaded */
	/* Scratch: the rest of the walk and a link target. */
	char rest[2 * RFSD_PATH_MAX + 2];
	char tmp[2 * RFSD_PATH_MAX + 2];
	uint32_t ids[RFSD_DEPTH_MAX + 1];
	uint16_t plen[RFSD_DEPTH_MAX + 1];
};

/*
 * Walks path (len bytes; slashes anywhere are fine) as uid/gid.  With
 * `follow`, a symlink as the last name is followed too.  Returns 0 when
 * found; -ENOENT with w->node == 0 and w->parent (nonzero), w->name set
 * when only the last name is missing (so it can be created); other -errno.
 */
int rfsd_walk(struct rfs *fs, const char *path, size_t len, uint32_t uid,
    uint32_t gid, int follow, struct rfsd_walk *w);

/* 0 if uid/gid may do `want` (RFSD_R|W|X) to n, else -EACCES. */
int rfsd_may(const struct rfs_node *n, uint32_t uid, uint32_t gid,
    unsigned want);

/*
 * May uid remove or rename entry n in directory d?  Needs write and
 * search on d, and with the sticky bit (/tmp) to own d or n.
 */
int rfsd_may_remove(const struct rfs_node *d, const struct rfs_node *n,
    uint32_t uid, uint32_t gid);

#endif
