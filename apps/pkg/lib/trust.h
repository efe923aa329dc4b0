/*
 * Keys and package files.  A key file holds 64 hex digits and a newline:
 * a public key (`*.pub`, what /etc/pkg/keys holds) or a signing seed
 * (build/pkg/signing.key, never in an image).  A package is a ustar
 * archive: pkg/manifest, pkg/signature (hex of the Ed25519 signature of
 * the manifest's bytes), then each file the manifest lists, in its order.
 */
#ifndef PKG_TRUST_H
#define PKG_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "apps/pkg/lib/manifest.h"

#define TRUST_KEYS_MAX 16

struct trust_keys {
	uint8_t key[TRUST_KEYS_MAX][32];
	size_t n;
};

/* Reads a key file: 0, -errno, or -EINVAL if it is not 64 hex digits. */
int trust_read_key(const char *path, uint8_t key[32]);
/* Every DIR/NAME.pub; 0 (n may be 0) or -errno for DIR itself.  A bad key
 * file is reported through bad (its name) and -EINVAL. */
int trust_read_dir(const char *dir, struct trust_keys *k, char *bad,
    size_t badlen);

/* Reads a whole file of at most max bytes into a malloc'd buffer
 * (-EFBIG past max). */
int trust_read_file(const char *path, uint8_t **buf, size_t *len, size_t max);

struct pkgfile {
	const uint8_t *buf;
	size_t len;
	const char *mtext;	/* the manifest's bytes, inside buf */
	size_t mlen;
	uint8_t sig[64];
	size_t files_off;	/* where the file members start */
	struct manifest m;	/* valid after pkgfile_check_sig */
	const uint8_t **data;	/* file i's bytes, after pkgfile_check_files */
};

/* Finds the manifest and signature members (no trust yet). */
int pkgfile_open(struct pkgfile *p, const void *buf, size_t len,
    char *err, size_t errlen);
/* The signature verifies under one of keys, then the manifest parses.
 * -EACCES for a signature no key accepts, -EINVAL for a bad manifest. */
int pkgfile_check_sig(struct pkgfile *p, const struct trust_keys *keys,
    char *err, size_t errlen);
/* Every file member is a regular file with the manifest's name, size,
 * mode and SHA-256, in its order, and nothing else follows. */
int pkgfile_check_files(struct pkgfile *p, char *err, size_t errlen);
void pkgfile_close(struct pkgfile *p);

#endif
