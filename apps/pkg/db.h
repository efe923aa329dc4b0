/*
 * What pkg knows: the installed packages (ROOT/var/lib/pkg/NAME.manifest,
 * each the manifest as installed), the repository (its repo.txt), the
 * trusted keys (ROOT/etc/pkg/keys/NAME.pub) and package files.  ROOT is
 * "file:" inside the OS; -R gives another (the host tests use it).
 */
#ifndef PKG_DB_H
#define PKG_DB_H

#include <stddef.h>
#include <stdint.h>

#include "apps/pkg/lib/trust.h"

#define DB_DIR "var/lib/pkg"
#define DB_PKG_MAX (256u << 20)

struct db {
	const char *root;
	char repo[1024];	/* the repository directory or URL, "" if none */
	int remote;		/* repo is an http:// URL */
	struct manifest *inst;	/* installed packages, by name */
	size_t ninst;
};

struct repo_entry {
	char name[MANIFEST_NAME_MAX + 1];
	char version[MANIFEST_NAME_MAX + 1];
	char file[256];
	char desc[MANIFEST_DESC_MAX + 1];
};

/* root + "/" + rel into out; -ENAMETOOLONG if it does not fit. */
int db_path(const struct db *db, const char *rel, char *out, size_t outlen);
/* Reads the installed packages.  repo is -r's value or NULL (then
 * ROOT/etc/pkg/repo names one, if it exists).  Prints its errors. */
int db_open(struct db *db, const char *root, const char *repo);
void db_close(struct db *db);
/* Re-reads the installed packages (after an install or a removal). */
int db_reload(struct db *db);
const struct manifest *db_installed(const struct db *db, const char *name);
/* The installed package other than self that owns path, or NULL. */
const struct manifest *db_owner(const struct db *db, const char *path,
    const char *self);

/* The repository's index (from a URL: downloaded into the cache first);
 * prints its errors.  *n may be 0. */
int db_repo_read(const struct db *db, struct repo_entry **e, size_t *n);
/* The path of the repository's package file (from a URL: downloaded
 * into the cache, with a progress bar when show); prints its errors. */
int db_repo_pkg(const struct db *db, const char *file, char *path,
    size_t pathlen, int show);

/* Reads, verifies (signature, then every file) and parses a package. */
int db_load_pkg(const char *path, const struct trust_keys *keys,
    struct pkgfile *p, uint8_t **buf);
/* The trusted keys; prints its errors. */
int db_keys(const struct db *db, struct trust_keys *keys);

#endif
