/* sha256.h - SHA-256 (FIPS 180-4), private to libc's crypt. */
#ifndef LIBC_SHA256_H
#define LIBC_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct __sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	uint8_t buf[64];
	size_t n;		/* bytes waiting in buf */
};

void __sha256_init(struct __sha256 *s);
void __sha256_update(struct __sha256 *s, const void *p, size_t len);
void __sha256_final(struct __sha256 *s, uint8_t out[32]);

#endif
