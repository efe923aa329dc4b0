/* The permission check both daemons use (perm.h). */
#include <errno.h>

#include "fs/redoxfs/lib/perm.h"

static int
supplementary(const struct rfs_cred *c, uint32_t gid)
{
	return c->in_group != NULL && c->in_group(c->ctx, gid);
}

int
rfs_perm_in_group(const struct rfs_cred *c, uint32_t gid)
{
	return c->uid == 0 || c->gid == gid || supplementary(c, gid);
}

int
rfs_perm_may(const struct rfs_cred *c, const struct rfs_node *n, unsigned want)
{
	unsigned bits;

	want &= 7u;
	if (c->uid == 0) {
		/* Root may do anything but run what nobody may run. */
		if ((want & RFS_PERM_X) && !rfs_node_is_dir(n) && !(n->mode & 0111))
			return -EACCES;
		return 0;
	}
	if (n->uid == c->uid)
		bits = (n->mode >> 6) & 7u;
	else if (n->gid == c->gid)
		bits = (n->mode >> 3) & 7u;
	else if ((((n->mode >> 3) ^ n->mode) & want) == 0)
		bits = n->mode & 7u;	/* group or not, the same answer */
	else if (supplementary(c, n->gid))
		bits = (n->mode >> 3) & 7u;
	else
		bits = n->mode & 7u;
	return (bits & want) == want ? 0 : -EACCES;
}

int
rfs_perm_may_remove(const struct rfs_cred *c, const struct rfs_node *dir,
    const struct rfs_node *victim)
{
	int err = rfs_perm_may(c, dir, RFS_PERM_W | RFS_PERM_X);

	if (err == 0 && (dir->mode & 01000) && c->uid != 0 &&
	    dir->uid != c->uid && victim->uid != c->uid)
		err = -EPERM;
	return err;
}

int
rfs_perm_owner(const struct rfs_cred *c, const struct rfs_node *n)
{
	return c->uid == 0 || c->uid == n->uid ? 0 : -EPERM;
}
