/* redoxfs-fuse's permission checks (fuse_perm.h). */
#define FUSE_USE_VERSION 34
#include <errno.h>
#include <sys/types.h>

#include "fs/redoxfs/fuse_perm.h"

#define GROUPS_MAX 256

/* Is gid among the caller's supplementary groups?  Asked only when the
 * answer matters: libfuse reads them from /proc for each call. */
static int
in_supplementary(fuse_req_t req, uint32_t gid)
{
	gid_t g[GROUPS_MAX];
	int n = fuse_req_getgroups(req, GROUPS_MAX, g);

	for (int i = 0; i < n && i < GROUPS_MAX; i++)
		if ((uint32_t)g[i] == gid)
			return 1;
	return 0;
}

int
perm_in_group(fuse_req_t req, uint32_t gid)
{
	const struct fuse_ctx *c = fuse_req_ctx(req);

	return c->uid == 0 || c->gid == gid || in_supplementary(req, gid);
}

int
perm_may(fuse_req_t req, const struct rfs_node *n, unsigned want)
{
	const struct fuse_ctx *c = fuse_req_ctx(req);
	unsigned bits;

	want &= 7u;
	if (c->uid == 0) {
		/* Root may do anything but run what nobody may run. */
		if ((want & PERM_X) && !rfs_node_is_dir(n) && !(n->mode & 0111))
			return -EACCES;
		return 0;
	}
	if (n->uid == c->uid)
		bits = (n->mode >> 6) & 7u;
	else if (n->gid == c->gid)
		bits = (n->mode >> 3) & 7u;
	else if ((((n->mode >> 3) ^ n->mode) & want) == 0)
		bits = n->mode & 7u;	/* group or not, the same answer */
	else if (in_supplementary(req, n->gid))
		bits = (n->mode >> 3) & 7u;
	else
		bits = n->mode & 7u;
	return (bits & want) == want ? 0 : -EACCES;
}

int
perm_may_remove(fuse_req_t req, const struct rfs_node *dir,
    const struct rfs_node *victim)
{
	const struct fuse_ctx *c = fuse_req_ctx(req);
	int err = perm_may(req, dir, PERM_W | PERM_X);

	if (err == 0 && (dir->mode & 01000) && c->uid != 0 &&
	    dir->uid != c->uid && victim->uid != c->uid)
		err = -EPERM;
	return err;
}

int
perm_owner(fuse_req_t req, const struct rfs_node *n)
{
	const struct fuse_ctx *c = fuse_req_ctx(req);

	return c->uid == 0 || c->uid == n->uid ? 0 : -EPERM;
}

int
perm_open_dir(const struct rfs_node *dir)
{
	return (dir->mode & 0111) == 0111;
}
