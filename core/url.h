/* url.h - "scheme:reference" URLs: resolving against a cwd, splitting. */
#ifndef CORE_URL_H
#define CORE_URL_H

#include <stddef.h>

#define URL_MAX 4096

/*
 * Resolves path against cwd (itself a URL) into out:
 *   "name:ref"  is absolute;   "/x" takes cwd's scheme;   "x" joins cwd.
 * The reference is then made canonical: empty and "." parts dropped, ".."
 * removes the previous part (never past the root), a leading '/' kept.
 * Returns the length, or -EINVAL (empty path, NUL inside) or -ENAMETOOLONG.
 */
long url_resolve(const char *cwd, size_t cwd_len, const char *path,
    size_t len, char *out, size_t cap);

/*
 * Splits url at its first ':'.  Returns the scheme name's length and sets
 * *ref and *ref_len to what follows; -EINVAL if there is no ':'.
 */
long url_split(const char *url, size_t len, const char **ref, size_t *ref_len);

#endif
