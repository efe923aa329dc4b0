/*
 * Ed25519 signatures (RFC 8032, pure Ed25519, no context).  A secret key
 * is the 32-byte seed; the public key is 32 bytes; a signature 64.
 * Signing runs in constant time (a ladder with masked swaps, field
 * arithmetic without branches on data, masked scalar reduction); verify
 * handles only public data and takes the same path anyway.
 */
#ifndef PKG_ED25519_H
#define PKG_ED25519_H

#include <stddef.h>
#include <stdint.h>

void ed25519_pubkey(uint8_t pub[32], const uint8_t seed[32]);
void ed25519_sign(uint8_t sig[64], const void *msg, size_t len,
    const uint8_t seed[32], const uint8_t pub[32]);
/* 0 when sig is a valid signature of msg under pub, -EINVAL if not. */
int ed25519_verify(const uint8_t sig[64], const void *msg, size_t len,
    const uint8_t pub[32]);

#endif
