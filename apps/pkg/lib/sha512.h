/* SHA-512 (FIPS 180-4), the hash inside ed25519. */
#ifndef PKG_SHA512_H
#define PKG_SHA512_H

#include <stddef.h>
#include <stdint.h>

struct sha512 {
	uint64_t h[8];
	uint64_t len;		/* bytes so far; 2^64 bytes is plenty */
	uint8_t buf[128];
	size_t n;
};

void sha512_init(struct sha512 *s);
void sha512_update(struct sha512 *s, const void *data, size_t len);
void sha512_final(struct sha512 *s, uint8_t out[64]);
void sha512(const void *data, size_t len, uint8_t out[64]);

#endif
