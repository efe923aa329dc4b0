/* at.h - private to libc: resolving the path of an *at() call. */
#ifndef LIBC_AT_H
#define LIBC_AT_H

#include <stddef.h>

/* The path that dirfd/path names: path itself if it is absolute, a URL
 * or dirfd is AT_FDCWD, else dirfd's URL, '/', path in buf.  NULL with
 * errno (EBADF, ENOTDIR, ENAMETOOLONG, ENOENT for "") if not. */
const char *__at_path(int dirfd, const char *path, char *buf, size_t cap);

#endif
