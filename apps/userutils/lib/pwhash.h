/*
 * Password hashes: PBKDF2-HMAC-SHA256 with a random salt, encoded as
 *   $pbkdf2-sha256$ITER$SALT_B64$HASH_B64
 * (Redox uses argon2i; see ../README.md for why this differs).
 */
#ifndef USERUTILS_PWHASH_H
#define USERUTILS_PWHASH_H

#include <stddef.h>
#include <stdint.h>

#define PWHASH_ITER	10000
#define PWHASH_SALT	16
#define PWHASH_LEN	32
#define PWHASH_MAX	128	/* an encoded hash with its NUL fits */

void pwhash_hmac(const void *key, size_t klen, const void *msg, size_t mlen,
    uint8_t out[32]);
void pwhash_pbkdf2(const void *pw, size_t pwlen, const void *salt,
    size_t slen, uint32_t iter, uint8_t *out, size_t outlen);
/* Standard base64 without padding; returns the length or -ENOSPC. */
int pwhash_b64enc(const uint8_t *in, size_t n, char *out, size_t cap);
/* Returns the decoded length or -EINVAL / -ENOSPC. */
int pwhash_b64dec(const char *in, size_t n, uint8_t *out, size_t cap);
/* Encodes a hash of pw with salt; 0 or -errno. */
int pwhash_encode(const char *pw, const uint8_t *salt, size_t slen,
    uint32_t iter, char *out, size_t cap);
/* A new hash with a salt from rand:; 0 or -errno. */
int pwhash_make(const char *pw, char *out, size_t cap);
/* 1 if pw matches the encoded hash, 0 if not, -EINVAL if it is
 * malformed.  The empty hash (no password) matches anything; "!" (login
 * disabled) matches nothing. */
int pwhash_check(const char *pw, const char *enc);

#endif
