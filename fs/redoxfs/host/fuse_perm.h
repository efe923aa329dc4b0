/*
 * redoxfs-fuse's permission checks: the library's (perm.h, which redoxfsd
 * uses too) applied to the uid, gid and supplementary groups of each
 * request, the rules the kernel's default_permissions would apply.  The daemon checks instead of the kernel because the
 * kernel, checking itself, asks for the directory's attributes again
 * after every change in it: one more round trip per create or unlink.
 */
#ifndef REDOXFS_FUSE_PERM_H
#define REDOXFS_FUSE_PERM_H

#include <fuse_lowlevel.h>
#include <stdint.h>

#include "fs/redoxfs/lib/node.h"
#include "fs/redoxfs/lib/perm.h"

#define PERM_R RFS_PERM_R
#define PERM_W RFS_PERM_W
#define PERM_X RFS_PERM_X

/* 0 if req's caller may do want (PERM_R|W|X) to n, else -EACCES. */
int perm_may(fuse_req_t req, const struct rfs_node *n, unsigned want);
/*
 * May the caller remove or rename away victim from dir?  Write and
 * search on dir (-EACCES), and in a sticky directory to own dir or
 * victim (-EPERM).
 */
int perm_may_remove(fuse_req_t req, const struct rfs_node *dir,
    const struct rfs_node *victim);
/* 0 if the caller is root or n's owner, else -EPERM. */
int perm_owner(fuse_req_t req, const struct rfs_node *n);
/* Is the caller root, or a member of group gid? */
int perm_in_group(fuse_req_t req, uint32_t gid);
/*
 * May everybody search dir?  Entries below one that not everybody may
 * search are given to the kernel uncached, so that each use of them comes
 * back here and is checked against the caller (see fuse_inval.h).
 */
int perm_open_dir(const struct rfs_node *dir);

#endif
