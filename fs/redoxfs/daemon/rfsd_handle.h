/*
 * redoxfsd's open handles: what a scheme handle id names.  Ids are small
 * numbers (slot + 1); a stale or forged id finds nothing (EBADF).
 */
#ifndef REDOXFS_RFSD_HANDLE_H
#define REDOXFS_RFSD_HANDLE_H

#include <stddef.h>
#include <stdint.h>

enum rfsd_kind {
	RFSD_NODE = 1,	/* a file, directory or symlink */
	RFSD_INFO,	/* dup(fd, "fsinfo"): text about the mount */
};

/* One entry of a directory listing, taken when reading begins. */
struct rfsd_dent {
	uint32_t id;
	uint8_t type;		/* DT_* */
	uint8_t len;
	char name[253];
};

struct rfsd_handle {
	enum rfsd_kind kind;
	uint32_t node;
	uint32_t flags;		/* open flags (O_ACCMODE, O_APPEND, ...) */
	uint64_t pos;		/* byte offset; for directories an entry index */
	int changed;		/* wrote through this handle (no commit hangs on it) */
	int orphan;		/* its node lost its last name while open (busy) */
	char *path;		/* canonical, no leading '/'; "" is the root */
	/* Directory listing (getdents), NULL until the first read. */
	struct rfsd_dent *ents;
	size_t nents;
	/* RFSD_INFO text. */
	char *text;
	size_t text_len;
};

/* Makes a handle with a copy of path; returns its id, or -ENOMEM/-EMFILE. */
int64_t rfsd_handle_new(enum rfsd_kind kind, uint32_t node, uint32_t flags,
    const char *path);
/* The handle with this id, or NULL. */
struct rfsd_handle *rfsd_handle_get(uint64_t id);
/* Forgets a handle (after rfsd_handle_get); frees its memory. */
void rfsd_handle_free(uint64_t id);
/* The node handle with this id, its node loaded into *n; NULL (with *err
 * -EBADF for a stale id or an info handle, or the load's error) if not. */
struct rfs_node;
struct rfsd_handle *rfsd_node_handle(uint64_t id, struct rfs_node *n, int *err);
/* How many handles name node id. */
unsigned rfsd_handle_count(uint32_t node);
/* Drops the directory listings of every handle (after a rollback). */
void rfsd_handle_forget_lists(void);
/* The library's "is node open?" hook: when it is, the library keeps the
 * node (on its release list) and its handles are marked orphan, so that
 * the last close frees it and other closes need not look. */
int rfsd_handle_busy(void *arg, uint32_t node);
/* Frees everything (at exit). */
void rfsd_handle_free_all(void);

#endif
