/*
 * fd.c - descriptor tables: arrays of (file, cloexec) that grow on demand
 * up to the process's RLIMIT_NOFILE (EMFILE beyond, as POSIX says).
 */
#include "core/abi.h"
#include "core/fd.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/str.h"
#include "core/vfs.h"

/* A descriptor of t goes: its process's record locks on the file go too
 * (POSIX), unless it was opened for stat() alone: libc stats a path
 * that way, and a program's stat() must not drop its locks. */
static void
drop(struct fdtable *t, struct file *f)
{
	if (t->locks && !(f->flags & O_STAT))
		vfs_lock_release(f);
	file_put(f);
}

struct fdtable *
fdtable_new(void)
{
	struct fdtable *t = kmem_alloc(sizeof(struct fdtable));
	if (t)
		t->max = FD_MAX;
	return t;
}

void
fd_set_limit(struct fdtable *t, uint64_t max)
{
	t->max = max < FD_MAX ? (unsigned)max : FD_MAX;
}

void
fdtable_free(struct fdtable *t)
{
	if (!t)
		return;
	for (unsigned i = 0; i < t->cap; i++)
		if (t->ents[i].file)
			drop(t, t->ents[i].file);
	kmem_free(t->ents);
	kmem_free(t);
}

static int
grow(struct fdtable *t, unsigned need)
{
	if (need <= t->cap)
		return 0;
	if (need > FD_MAX)
		return -EMFILE;
	unsigned cap = t->cap ? t->cap : 16;
	while (cap < need)
		cap *= 2;
	if (cap > FD_MAX)
		cap = FD_MAX;
	struct fdent *e = kmem_alloc(cap * sizeof *e);
	if (!e)
		return -ENOMEM;
	if (t->ents)
		memcpy(e, t->ents, t->cap * sizeof *e);
	kmem_free(t->ents);
	t->ents = e;
	t->cap = cap;
	return 0;
}

int
fd_alloc(struct fdtable *t, struct file *f, bool cloexec, int min)
{
	if (min < 0 || min >= FD_MAX)
		return -EINVAL;
	unsigned i = (unsigned)min;
	while (i < t->cap && t->ents[i].file)
		i++;
	if (i >= t->max)
		return -EMFILE;
	int e = grow(t, i + 1);
	if (e)
		return e;
	t->ents[i].file = f;
	t->ents[i].cloexec = cloexec;
	return (int)i;
}

struct file *
fd_get(struct fdtable *t, int fd)
{
	if (fd < 0 || (unsigned)fd >= t->cap)
		return NULL;
	return t->ents[fd].file;
}

int
fd_close(struct fdtable *t, int fd)
{
	struct file *f = fd_get(t, fd);
	if (!f)
		return -EBADF;
	t->ents[fd].file = NULL;
	t->ents[fd].cloexec = false;
	drop(t, f);
	return 0;
}

int
fd_install(struct fdtable *t, int fd, struct file *f)
{
	if (fd < 0 || (unsigned)fd >= t->max)
		return -EBADF;
	int e = grow(t, (unsigned)fd + 1);
	if (e)
		return e;
	file_get(f);
	struct file *old = t->ents[fd].file;
	t->ents[fd].file = f;
	t->ents[fd].cloexec = false;
	if (old)
		drop(t, old);
	return fd;
}

int
fd_dup2(struct fdtable *t, int oldfd, int newfd)
{
	struct file *f = fd_get(t, oldfd);
	if (!f)
		return -EBADF;
	if (oldfd == newfd)
		return newfd;
	return fd_install(t, newfd, f);
}

int
fd_set_cloexec(struct fdtable *t, int fd, bool on)
{
	if (!fd_get(t, fd))
		return -EBADF;
	t->ents[fd].cloexec = on;
	return 0;
}

int
fd_get_cloexec(struct fdtable *t, int fd)
{
	if (!fd_get(t, fd))
		return -EBADF;
	return t->ents[fd].cloexec;
}

void
fd_close_cloexec(struct fdtable *t)
{
	for (unsigned i = 0; i < t->cap; i++)
		if (t->ents[i].file && t->ents[i].cloexec)
			fd_close(t, (int)i);
}

int
fd_count(struct fdtable *t)
{
	int n = 0;
	for (unsigned i = 0; i < t->cap; i++)
		n += t->ents[i].file != NULL;
	return n;
}
