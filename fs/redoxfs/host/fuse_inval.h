/*
 * Dropping names from the kernel's cache.  Entries below a directory
 * everybody may search are cached (ATTR_TIMEOUT); when such a directory
 * stops being searchable by everybody (chmod, chown) or an entry moves
 * into one that is not (rename), what the kernel cached would let a
 * caller reach the entries without the search check (fuse_perm.h), so
 * those names are dropped.  The kernel may only be told outside the
 * request that caused it (it holds the directory's lock meanwhile), so a
 * thread of its own tells it.
 */
#ifndef REDOXFS_FUSE_INVAL_H
#define REDOXFS_FUSE_INVAL_H

#include <fuse_lowlevel.h>
#include <stddef.h>
#include <stdint.h>

/* Starts the thread for se; 0 or -errno. */
int inval_start(struct fuse_session *se);
/* Tells the kernel to drop name in dir (queued; best effort). */
void inval_entry(uint32_t dir, const char *name, size_t len);
/* Drops every name in dir (read now, told later). */
void inval_children(uint32_t dir);
/* Ends the thread once the queue is empty. */
void inval_stop(void);

#endif
