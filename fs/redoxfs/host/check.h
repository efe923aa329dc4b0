/*
 * Checking a RedoxFS image against every invariant of the format (the
 * engine of redoxfs-fsck).  Problems are reported one per call to the
 * caller's function, each naming what is wrong and where.
 */
#ifndef REDOXFS_CHECK_H
#define REDOXFS_CHECK_H

#include <stdint.h>

#include "fs/redoxfs/lib/fs.h"

enum { RFS_CHECK_INFO, RFS_CHECK_WARN, RFS_CHECK_ERROR };

struct rfs_check_stats {
	uint64_t nodes, dirs, files, symlinks, entries;
	uint64_t records, compressed, used_blocks, free_blocks, leaked_blocks;
	unsigned errors, warnings;
};

typedef void (*rfs_check_report)(void *arg, int severity, const char *msg);

/*
 * Checks the opened file system.  Returns 0 when the check ran (see
 * stats->errors), or -errno when it could not (out of memory).
 */
int rfs_check(struct rfs *fs, rfs_check_report report, void *arg,
    struct rfs_check_stats *stats);

#endif
