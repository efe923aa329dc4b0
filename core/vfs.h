/*
 * vfs.h - the core's path and file layer: URLs resolved against the
 * current process's cwd, dispatched to the scheme that owns them.  Both
 * the syscalls and the ELF loader use it; all buffers here are kernel
 * memory.  Every scheme op is reached through here, and what a scheme
 * that lacks one answers is decided here (scheme_op_missing, abi.h).
 */
#ifndef CORE_VFS_H
#define CORE_VFS_H

#include <stddef.h>
#include <stdint.h>

#include "core/abi.h"

struct file;
struct scheme;

/* Opens a path (relative, /absolute or scheme:ref) for the current process. */
int vfs_open(const char *path, size_t len, uint32_t flags, struct file **out);
int vfs_unlink(const char *path, size_t len, int dir);
int vfs_mkdir(const char *path, size_t len, uint32_t mode);
/* Resolves path against the cwd into a URL; length or -errno. */
long vfs_resolve(const char *path, size_t len, char *out, size_t cap);

long vfs_read(struct file *f, void *buf, size_t len);
long vfs_write(struct file *f, const void *buf, size_t len);
/* At offset off, leaving f->pos alone; -ESPIPE if the scheme cannot seek. */
long vfs_pread(struct file *f, void *buf, size_t len, uint64_t off);
long vfs_pwrite(struct file *f, const void *buf, size_t len, uint64_t off);
long vfs_seek(struct file *f, int64_t off, int whence);
int vfs_fstat(struct file *f, struct redox_stat *st);
int vfs_fsync(struct file *f);
int vfs_ftruncate(struct file *f, uint64_t len);
long vfs_fpath(struct file *f, char *buf, size_t len);
long vfs_getdents(struct file *f, void *buf, size_t len);
/* Closes a scheme handle no description holds (file_put for those). */
void vfs_close(struct scheme *s, uint64_t handle);
int vfs_dup(struct file *f, const char *name, size_t len, uint64_t *handle);
int vfs_fstatvfs(struct file *f, struct redox_statvfs *st);
int vfs_fchmod(struct file *f, uint32_t mode);
int vfs_fchown(struct file *f, uint32_t uid, uint32_t gid);
/* Renames f's node to path, which must resolve into the same scheme. */
int vfs_frename(struct file *f, const char *path, size_t len);
int vfs_futimens(struct file *f, const struct redox_timespec *ts);
int vfs_fevent(struct file *f, uint32_t flags);
/* fcntl record locks for the current process (SCHEME_LOCK_GET/SET/WAIT);
 * fl checked here, and for GET the scheme's answer checked too. */
int vfs_lock(struct file *f, uint32_t mode, struct redox_flock *fl);
/* Drops all the current process's locks on f's file (a close). */
void vfs_lock_release(struct file *f);
/* Reads a whole file (at most max bytes) into kernel memory. */
/* The first size bytes of f (its size by fstat: the caller has it). */
int vfs_read_all(struct file *f, uint64_t size, size_t max, uint8_t **out, size_t *len);

#endif
