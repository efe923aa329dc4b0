/*
 * file.h - open file descriptions: what fds point at.  dup, dup2 and
 * spawn's fd map share one description (one scheme handle, one offset).
 */
#ifndef CORE_FILE_H
#define CORE_FILE_H

#include <stdint.h>

struct scheme;

struct file {
	unsigned refs;
	uint32_t flags;		/* O_ACCMODE, O_APPEND, O_NONBLOCK, ... */
	struct scheme *scheme;
	uint64_t handle;	/* the scheme's name for it */
	uint64_t pos;		/* offset, for kernel schemes that seek */
};

/* A new description holding a reference on the scheme; NULL if no memory. */
struct file *file_new(struct scheme *s, uint64_t handle, uint32_t flags);
void file_get(struct file *f);
/* Drops a reference; the last one closes the handle in its scheme. */
void file_put(struct file *f);

#endif
