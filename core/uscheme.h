/*
 * uscheme.h - user-space schemes: a daemon registers a name through ':'
 * and serves it by reading requests from, and writing responses to, the
 * descriptor it got.  Callers' operations become packets (core/abi.h)
 * carried through kernel buffers.
 */
#ifndef CORE_USCHEME_H
#define CORE_USCHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cred;
struct file;

int uscheme_create(const char *name, size_t len, uint32_t flags,
    const struct cred *c, uint64_t *handle);
int uscheme_remove(const char *name, size_t len, const struct cred *c);
bool uscheme_is_handle(uint64_t handle);
long uscheme_daemon_read(struct file *f, void *buf, size_t len);
long uscheme_daemon_write(struct file *f, const void *buf, size_t len);
/* True for a daemon's ':' descriptor; its read and write syscalls then
 * move packets straight between its memory and the kernel's requests. */
bool uscheme_daemon_file(const struct file *f);
long uscheme_daemon_read_user(struct file *f, uintptr_t buf, size_t len);
long uscheme_daemon_write_user(struct file *f, uintptr_t buf, size_t len);
void uscheme_daemon_close(uint64_t handle);
int uscheme_daemon_fevent(struct file *f, uint32_t flags);

#endif
