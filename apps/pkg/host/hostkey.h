/* The signing key of the host tools (never part of an image). */
#ifndef PKG_HOSTKEY_H
#define PKG_HOSTKEY_H

#include <stdint.h>

#define HOSTKEY_DEFAULT "build/pkg/signing.key"

/* Makes a new seed from /dev/urandom at path (mode 0600, its directory
 * made if missing) and the public key next to it (path with .key
 * replaced by .pub, or path + ".pub").  -EEXIST if path exists. */
int hostkey_generate(const char *path, uint8_t pub[32]);
/* Reads the seed at path, or generates it when missing. */
int hostkey_load(const char *path, uint8_t seed[32], uint8_t pub[32]);
/* Writes the .pub next to the key at path. */
int hostkey_write_pub(const char *path, const uint8_t pub[32]);
/* The .pub path for a key path, into out. */
void hostkey_pubpath(const char *path, char *out, size_t outlen);

#endif
