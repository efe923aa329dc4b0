/*
 * crypt.c - crypt() for the system's password hashes (the format
 * apps/userutils/lib/pwhash.c writes):
 *   $pbkdf2-sha256$ITER$SALT$HASH
 * PBKDF2 (RFC 8018) with HMAC-SHA256 (RFC 2104), ITER in decimal, SALT
 * and the 32-byte HASH in standard base64 without padding.
 *
 * crypt(key, setting) takes the method, ITER and SALT from setting (a
 * full stored hash or just its "$pbkdf2-sha256$ITER$SALT" prefix) and
 * returns the same string with key's hash, so a stored hash verifies by
 * comparison.  Other methods and malformed settings give NULL (EINVAL).
 */
#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sha256.h"

#define PREFIX "$pbkdf2-sha256$"
#define HASH_LEN 32
#define SALT_MAX 32
#define ITER_MAX 10000000UL

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void hmac(const uint8_t *key, size_t klen, const uint8_t *msg, size_t mlen,
    uint8_t out[32])
{
	uint8_t k[64], pad[64], inner[32];
	struct __sha256 s;
	int i;

	memset(k, 0, sizeof(k));
	if (klen > sizeof(k)) {
		__sha256_init(&s);
		__sha256_update(&s, key, klen);
		__sha256_final(&s, k);
	} else {
		memcpy(k, key, klen);
	}
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	__sha256_init(&s);
	__sha256_update(&s, pad, sizeof(pad));
	__sha256_update(&s, msg, mlen);
	__sha256_final(&s, inner);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	__sha256_init(&s);
	__sha256_update(&s, pad, sizeof(pad));
	__sha256_update(&s, inner, sizeof(inner));
	__sha256_final(&s, out);
}

/* One 32-byte block of PBKDF2 output: all this format needs. */
static void pbkdf2(const char *pw, const uint8_t *salt, size_t slen, unsigned long iter,
    uint8_t out[32])
{
	uint8_t msg[SALT_MAX + 4], u[32];
	size_t plen = strlen(pw);
	unsigned long i;
	int j;

	memcpy(msg, salt, slen);
	msg[slen] = 0;
	msg[slen + 1] = 0;
	msg[slen + 2] = 0;
	msg[slen + 3] = 1;	/* block 1, big-endian */
	hmac((const uint8_t *)pw, plen, msg, slen + 4, u);
	memcpy(out, u, 32);
	for (i = 1; i < iter; i++) {
		hmac((const uint8_t *)pw, plen, u, sizeof(u), u);
		for (j = 0; j < 32; j++)
			out[j] ^= u[j];
	}
}

/* Decodes n base64 characters; the byte count, or -1 if one is not
 * base64 or the output would not fit. */
static int b64_decode(const char *in, size_t n, uint8_t *out, size_t cap)
{
	uint32_t acc = 0;
	size_t i, o = 0;
	int bits = 0;

	for (i = 0; i < n; i++) {
		const char *p = in[i] ? strchr(b64, in[i]) : NULL;
		if (p == NULL)
			return -1;
		acc = acc << 6 | (uint32_t)(p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap)
				return -1;
			out[o++] = (uint8_t)(acc >> bits);
		}
	}
	return (int)o;
}

/* Encodes into out (cap > 4n/3 + 1); returns the length. */
static size_t b64_encode(const uint8_t *in, size_t n, char *out)
{
	uint32_t acc = 0;
	size_t i, o = 0;
	int bits = 0;

	for (i = 0; i < n; i++) {
		acc = acc << 8 | in[i];
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			out[o++] = b64[(acc >> bits) & 63];
		}
	}
	if (bits)
		out[o++] = b64[(acc << (6 - bits)) & 63];
	out[o] = '\0';
	return o;
}

char *crypt_r(const char *key, const char *setting, struct crypt_data *data)
{
	uint8_t salt[SALT_MAX], hash[HASH_LEN];
	char h64[48];
	const char *p, *s, *d;
	unsigned long iter = 0;
	int slen, n;

	if (key == NULL || setting == NULL || strncmp(setting, PREFIX, sizeof(PREFIX) - 1) != 0)
		goto bad;
	p = setting + sizeof(PREFIX) - 1;
	for (s = p; *s >= '0' && *s <= '9'; s++) {
		iter = iter * 10 + (unsigned long)(*s - '0');
		if (iter > ITER_MAX)
			goto bad;
	}
	if (s == p || *s != '$' || iter == 0)
		goto bad;
	s++;
	d = strchr(s, '$');
	if (d == NULL)
		d = s + strlen(s);
	slen = b64_decode(s, (size_t)(d - s), salt, sizeof(salt));
	if (slen <= 0)
		goto bad;
	pbkdf2(key, salt, (size_t)slen, iter, hash);
	b64_encode(hash, sizeof(hash), h64);
	/* the setting's own text up to the salt's end, then the hash */
	n = snprintf(data->output, sizeof(data->output), "%.*s$%s", (int)(d - setting), setting, h64);
	if (n < 0 || (size_t)n >= sizeof(data->output))
		goto bad;
	return data->output;
bad:
	errno = EINVAL;
	return NULL;
}

char *crypt(const char *key, const char *setting)
{
	static struct crypt_data data;

	return crypt_r(key, setting, &data);
}
