/* The commit policy shared by redoxfs-fuse and redoxfsd (policy.h). */
#include <string.h>

#include "fs/redoxfs/lib/policy.h"
#include "fs/redoxfs/lib/write.h"

/*
 * Free blocks beyond what a change needs below which the ones waiting on
 * a commit are wanted: 16 MiB, or 1/16 of a small disk (so that a nearly
 * full 64 MiB disk does not commit at every change).
 */
#define SPACE_SLACK 4096

void
rfs_policy_change(struct rfs_policy *p, uint64_t bytes, uint64_t now_ms)
{
	if (p->ops == 0)
		p->since = now_ms;
	if (p->ops < UINT32_MAX)
		p->ops++;
	p->bytes = p->bytes + bytes < p->bytes ? UINT64_MAX : p->bytes + bytes;
}

int64_t
rfs_policy_wait_ms(const struct rfs_policy *p, uint64_t now_ms)
{
	uint64_t age;

	if (p->ops == 0)
		return -1;
	if (p->ops >= RFS_POLICY_OPS || p->bytes >= RFS_POLICY_BYTES)
		return 0;
	/* A clock that went back counts as no time passed. */
	age = now_ms > p->since ? now_ms - p->since : 0;
	return age >= RFS_POLICY_MS ? 0 : (int64_t)(RFS_POLICY_MS - age);
}

int
rfs_policy_due(const struct rfs_policy *p, uint64_t now_ms)
{
	return rfs_policy_wait_ms(p, now_ms) == 0;
}

void
rfs_policy_committed(struct rfs_policy *p)
{
	memset(p, 0, sizeof *p);
}

int
rfs_policy_space_due(struct rfs *fs, uint64_t need)
{
	uint64_t deferred = rfs_wr_deferred(fs);
	uint64_t slack = fs->blocks / 16 < SPACE_SLACK ? fs->blocks / 16 :
	    SPACE_SLACK;

	if (deferred == 0)
		return 0;
	return fs->wr->nfree < need + slack || deferred > fs->blocks / 8;
}
