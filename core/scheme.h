/*
 * scheme.h - the scheme registry and the ops table every scheme provides.
 *
 * Kernel schemes (debug: pipe: sys: ...) are core modules with an ops
 * table; user schemes are daemons reached through uscheme.c, which has an
 * ops table of its own that turns each call into a packet.  An op left
 * NULL answers as Redox does by default (-EBADF for handle ops, -ENOENT
 * for path ops); a scheme without pread/pwrite cannot seek (-ESPIPE).
 * vfs.c decides these defaults, in one place.
 */
#ifndef CORE_SCHEME_H
#define CORE_SCHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/abi.h"
#include "core/list.h"

#define SCHEME_NAME_MAX 32

struct file;
struct scheme;

struct cred {
	uint64_t pid;
	uint32_t uid, gid;
};

struct scheme_ops {
	int (*open)(struct scheme *s, const char *ref, size_t len, uint32_t flags,
	    const struct cred *c, uint64_t *handle);
	long (*read)(struct scheme *s, struct file *f, void *buf, size_t len);
	long (*write)(struct scheme *s, struct file *f, const void *buf, size_t len);
	/* Positioned I/O at off: f->pos is neither used nor changed.  A
	 * scheme with pread but no read gets reads at f->pos through it. */
	long (*pread)(struct scheme *s, struct file *f, void *buf, size_t len,
	    uint64_t off);
	long (*pwrite)(struct scheme *s, struct file *f, const void *buf, size_t len,
	    uint64_t off);
	long (*seek)(struct scheme *s, struct file *f, int64_t off, int whence);
	int (*close)(struct scheme *s, uint64_t handle);
	int (*dup)(struct scheme *s, struct file *f, const char *buf, size_t len,
	    const struct cred *c, uint64_t *handle);
	int (*fstat)(struct scheme *s, struct file *f, struct redox_stat *st);
	int (*fstatvfs)(struct scheme *s, struct file *f, struct redox_statvfs *st);
	int (*fsync)(struct scheme *s, struct file *f);
	int (*ftruncate)(struct scheme *s, struct file *f, uint64_t len);
	long (*fpath)(struct scheme *s, struct file *f, char *buf, size_t len);
	int (*fchmod)(struct scheme *s, struct file *f, uint32_t mode, const struct cred *c);
	int (*fchown)(struct scheme *s, struct file *f, uint32_t uid, uint32_t gid,
	    const struct cred *c);
	int (*frename)(struct scheme *s, struct file *f, const char *ref, size_t len,
	    const struct cred *c);
	int (*futimens)(struct scheme *s, struct file *f, const struct redox_timespec *ts);
	int (*unlink)(struct scheme *s, const char *ref, size_t len, const struct cred *c);
	int (*rmdir)(struct scheme *s, const char *ref, size_t len, const struct cred *c);
	int (*mkdir)(struct scheme *s, const char *ref, size_t len, uint32_t mode,
	    const struct cred *c);
	long (*getdents)(struct scheme *s, struct file *f, void *buf, size_t len);
	/* Readiness now (EVENT_READ/WRITE) for the flags asked. */
	int (*fevent)(struct scheme *s, struct file *f, uint32_t flags);
	/* Record locks of the calling process: mode SCHEME_LOCK_* (abi.h);
	 * fl is in (type and whence checked) and, for GET, out.  RELEASE
	 * has no fl and no answer. */
	int (*lock)(struct scheme *s, struct file *f, uint32_t mode,
	    struct redox_flock *fl);
	/* Called once when the scheme is removed (its last file is gone). */
	void (*release)(struct scheme *s);
};

struct scheme {
	char name[SCHEME_NAME_MAX];
	const struct scheme_ops *ops;
	void *priv;
	unsigned refs;		/* the registry's, plus one per open file */
	bool registered;
	struct list link;
};

/* Drops leading '/' from a reference ("/bin/init" -> "bin/init"). */
static inline void
scheme_trim(const char **ref, size_t *len)
{
	while (*len && **ref == '/')
		(*ref)++, (*len)--;
}

/* Registers a kernel or user scheme; -EEXIST if the name is taken. */
int scheme_register(const char *name, size_t len, const struct scheme_ops *ops,
    void *priv, struct scheme **out);
/* Removes the name; open files keep the scheme alive until closed. */
void scheme_unregister(struct scheme *s);
/* Looks a name up, taking a reference; NULL if there is none. */
struct scheme *scheme_find(const char *name, size_t len);
void scheme_get(struct scheme *s);
void scheme_put(struct scheme *s);
/* Writes "name\n" for each registered scheme; returns bytes needed. */
size_t scheme_list(char *buf, size_t cap);

#endif
