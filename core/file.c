/*
 * file.c - open file descriptions (file.h): created for an open, shared
 * by dup and spawn's fd map, closed in their scheme with the last
 * reference.
 */
#include "core/event.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/scheme.h"
#include "core/vfs.h"

struct file *
file_new(struct scheme *s, uint64_t handle, uint32_t flags)
{
	struct file *f = kmem_alloc(sizeof *f);
	if (!f)
		return NULL;
	f->refs = 1;
	f->scheme = s;
	f->handle = handle;
	f->flags = flags;
	scheme_get(s);
	return f;
}

void
file_get(struct file *f)
{
	f->refs++;
}

void
file_put(struct file *f)
{
	if (--f->refs)
		return;
	struct scheme *s = f->scheme;
	event_forget(s, f->handle);
	vfs_close(s, f->handle);
	kmem_free(f);
	scheme_put(s);
}
