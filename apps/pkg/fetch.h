/*
 * Downloads from a repository URL (net/http) into the cache directory
 * ROOT/var/cache/pkg.  A file is written to DIR/.part.NAME, synced, and
 * renamed to DIR/NAME only when complete, so a killed or broken download
 * never leaves a truncated file under the real name.  What arrives is
 * trusted no more than a file of a directory repository: packages are
 * verified after the download exactly as before.
 */
#ifndef PKG_FETCH_H
#define PKG_FETCH_H

#include <stddef.h>
#include <stdint.h>

#define FETCH_CACHE "var/cache/pkg"

/* Makes root/var/cache/pkg (and its parents, 0755); its path in out.
 * Prints its errors. */
int fetch_cache_dir(const char *root, char *out, size_t outlen);
/* GETs url into dir/name (at most max bytes), with a progress bar
 * labelled name on stderr when show and the file is large enough.
 * Prints its errors ("pkg: URL: 404 Not Found"); 0 or -errno. */
int fetch_file(const char *url, const char *dir, const char *name,
    uint64_t max, int show);

#endif
