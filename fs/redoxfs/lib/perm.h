/*
 * perm.h - who may do what to a node: the one permission check that
 * redoxfs-fuse and redoxfsd share.  POSIX's rules: the owner's bits if
 * the caller owns the node, else the group's if it is in the node's
 * group (its gid or a supplementary group), else the other bits; root
 * may read and write anything and run what has an x bit.
 */
#ifndef REDOXFS_PERM_H
#define REDOXFS_PERM_H

#include <stdint.h>

#include "fs/redoxfs/lib/node.h"

#define RFS_PERM_R 4u
#define RFS_PERM_W 2u
#define RFS_PERM_X 1u

/* The caller.  in_group (may be NULL: no supplementary groups) is asked
 * only when the answer matters, since finding them can cost a read. */
struct rfs_cred {
	uint32_t uid, gid;
	int (*in_group)(void *ctx, uint32_t gid);
	void *ctx;
};

/* 0 if c may do want (RFS_PERM_R|W|X) to n, else -EACCES. */
int rfs_perm_may(const struct rfs_cred *c, const struct rfs_node *n,
    unsigned want);
/* May c remove or rename victim away from dir?  Write and search on dir
 * (-EACCES), and in a sticky directory to own dir or victim (-EPERM). */
int rfs_perm_may_remove(const struct rfs_cred *c, const struct rfs_node *dir,
    const struct rfs_node *victim);
/* 0 if c is root or n's owner, else -EPERM. */
int rfs_perm_owner(const struct rfs_cred *c, const struct rfs_node *n);
/* Is c root, or a member of group gid? */
int rfs_perm_in_group(const struct rfs_cred *c, uint32_t gid);

#endif
