/*
 * Manifest listings (the format of the fixtures' *.manifest files): one
 * line per path, `PATH TYPE MODE UID GID SIZE MTIME CONTENT`, sorted by
 * the raw path bytes.  Used by the tools and tests, not by the daemon.
 */
#ifndef REDOXFS_MANIFEST_H
#define REDOXFS_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "fs/redoxfs/lib/fs.h"

struct manifest_entry {
	char *path;
	size_t plen;
	char *line;
};

struct manifest {
	struct manifest_entry *v;
	size_t n, cap;
};

/* Writes `in` escaped (%XX outside 0x21..0x7e and for '%'); out holds 3*len+1. */
void manifest_escape(char *out, const char *in, size_t len);

/* Adds one line; content is the sha256 hex, "->target" escaped, or "-". */
int manifest_add(struct manifest *m, const char *path, size_t plen, char type,
    unsigned mode, uint32_t uid, uint32_t gid, uint64_t size, uint64_t sec,
    uint32_t nsec, const char *content);
/* Sorts and joins the lines; the caller frees the result. */
char *manifest_text(struct manifest *m);
void manifest_free(struct manifest *m);

/*
 * Lists a whole file system into m.  Files bigger than max_file are
 * refused with -EFBIG (a corrupt size must not make us hash for hours).
 */
int rfs_manifest(struct rfs *fs, struct manifest *m, uint64_t max_file);

#endif
