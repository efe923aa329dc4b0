/* redoxfs-fuse's permission checks (fuse_perm.h). */
#define FUSE_USE_VERSION 34
#include <errno.h>
#include <sys/types.h>

#include "fs/redoxfs/host/fuse_perm.h"

#define GROUPS_MAX 256

/* Is gid among the caller's supplementary groups?  Asked only when the
 * answer matters: libfuse reads them from /proc for each call. */
static int
in_supplementary(void *ctx, uint32_t gid)
{
	gid_t g[GROUPS_MAX];
	int n = fuse_req_getgroups(ctx, GROUPS_MAX, g);

	for (int i = 0; i < n && i < GROUPS_MAX; i++)
		if ((uint32_t)g[i] == gid)
			return 1;
	return 0;
}

static struct rfs_cred
cred(fuse_req_t req)
{
	const struct fuse_ctx *c = fuse_req_ctx(req);

	return (struct rfs_cred){ c->uid, c->gid, in_supplementary, req };
}

int
perm_in_group(fuse_req_t req, uint32_t gid)
{
	struct rfs_cred c = cred(req);

	return rfs_perm_in_group(&c, gid);
}

int
perm_may(fuse_req_t req, const struct rfs_node *n, unsigned want)
{
	struct rfs_cred c = cred(req);

	return rfs_perm_may(&c, n, want);
}

int
perm_may_remove(fuse_req_t req, const struct rfs_node *dir,
    const struct rfs_node *victim)
{
	struct rfs_cred c = cred(req);

	return rfs_perm_may_remove(&c, dir, victim);
}

int
perm_owner(fuse_req_t req, const struct rfs_node *n)
{
	struct rfs_cred c = cred(req);

	return rfs_perm_owner(&c, n);
}

int
perm_open_dir(const struct rfs_node *dir)
{
	return (dir->mode & 0111) == 0111;
}
