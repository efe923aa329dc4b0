/* Password hashing: HMAC-SHA256 and PBKDF2 over fs/redoxfs/lib/sha256. */
#include "apps/userutils/lib/pwhash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs/redoxfs/lib/sha256.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void
pwhash_hmac(const void *key, size_t klen, const void *msg, size_t mlen,
    uint8_t out[32])
{
	uint8_t k[64], pad[64], inner[32];
	struct sha256 s;

	memset(k, 0, sizeof k);
	if (klen > sizeof k) {
		sha256_init(&s);
		sha256_update(&s, key, klen);
		sha256_final(&s, k);
	} else if (klen) {
		memcpy(k, key, klen);
	}
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sha256_init(&s);
	sha256_update(&s, pad, sizeof pad);
	sha256_update(&s, msg, mlen);
	sha256_final(&s, inner);
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_init(&s);
	sha256_update(&s, pad, sizeof pad);
	sha256_update(&s, inner, sizeof inner);
	sha256_final(&s, out);
}

/* RFC 8018 section 5.2; salts longer than 60 bytes are not needed here. */
void
pwhash_pbkdf2(const void *pw, size_t pwlen, const void *salt, size_t slen,
    uint32_t iter, uint8_t *out, size_t outlen)
{
	uint8_t msg[64], u[32], t[32];
	size_t done = 0;

	if (slen > sizeof msg - 4)
		slen = sizeof msg - 4;
	memcpy(msg, salt, slen);
	for (uint32_t blk = 1; done < outlen; blk++) {
		msg[slen] = (uint8_t)(blk >> 24);
		msg[slen + 1] = (uint8_t)(blk >> 16);
		msg[slen + 2] = (uint8_t)(blk >> 8);
		msg[slen + 3] = (uint8_t)blk;
		pwhash_hmac(pw, pwlen, msg, slen + 4, u);
		memcpy(t, u, sizeof t);
		for (uint32_t i = 1; i < iter; i++) {
			pwhash_hmac(pw, pwlen, u, sizeof u, u);
			for (int j = 0; j < 32; j++)
				t[j] ^= u[j];
		}
		size_t n = outlen - done < 32 ? outlen - done : 32;
		memcpy(out + done, t, n);
		done += n;
	}
}

int
pwhash_b64enc(const uint8_t *in, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			if (o + 1 >= cap)
				return -ENOSPC;
			out[o++] = b64[(acc >> bits) & 63];
		}
	}
	if (bits) {
		if (o + 1 >= cap)
			return -ENOSPC;
		out[o++] = b64[(acc << (6 - bits)) & 63];
	}
	out[o] = 0;
	return (int)o;
}

int
pwhash_b64dec(const char *in, size_t n, uint8_t *out, size_t cap)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n; i++) {
		const char *p = in[i] ? strchr(b64, in[i]) : NULL;
		if (p == NULL)
			return -EINVAL;
		acc = (acc << 6) | (uint32_t)(p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap)
				return -ENOSPC;
			out[o++] = (uint8_t)(acc >> bits);
		}
	}
	return (int)o;
}

int
pwhash_encode(const char *pw, const uint8_t *salt, size_t slen,
    uint32_t iter, char *out, size_t cap)
{
	uint8_t h[PWHASH_LEN];
	char s64[64], h64[64];

	if (slen == 0 || slen > 32 || iter == 0)
		return -EINVAL;
	pwhash_pbkdf2(pw, strlen(pw), salt, slen, iter, h, sizeof h);
	if (pwhash_b64enc(salt, slen, s64, sizeof s64) < 0 ||
	    pwhash_b64enc(h, sizeof h, h64, sizeof h64) < 0)
		return -ENOSPC;
	int n = snprintf(out, cap, "$pbkdf2-sha256$%u$%s$%s", (unsigned)iter,
	    s64, h64);
	return n < 0 || (size_t)n >= cap ? -ENOSPC : 0;
}

int
pwhash_make(const char *pw, char *out, size_t cap)
{
	uint8_t salt[PWHASH_SALT];
	size_t got = 0;
	int fd = open("rand:", O_RDONLY);

	if (fd < 0)
		return -errno;
	while (got < sizeof salt) {
		ssize_t r = read(fd, salt + got, sizeof salt - got);
		if (r <= 0) {
			int e = r < 0 ? errno : EIO;
			close(fd);
			return -e;
		}
		got += (size_t)r;
	}
	close(fd);
	return pwhash_encode(pw, salt, sizeof salt, PWHASH_ITER, out, cap);
}

int
pwhash_check(const char *pw, const char *enc)
{
	static const char pre[] = "$pbkdf2-sha256$";
	uint8_t salt[32], want[64], got[64];
	char *end;

	if (enc[0] == 0)
		return 1;
	if (strcmp(enc, "!") == 0)
		return 0;
	if (strncmp(enc, pre, sizeof pre - 1) != 0)
		return -EINVAL;
	const char *p = enc + sizeof pre - 1;
	unsigned long iter = strtoul(p, &end, 10);
	if (end == p || *end != '$' || iter == 0 || iter > 10000000)
		return -EINVAL;
	const char *s = end + 1, *d = strchr(s, '$');
	if (d == NULL)
		return -EINVAL;
	int sl = pwhash_b64dec(s, (size_t)(d - s), salt, sizeof salt);
	int hl = pwhash_b64dec(d + 1, strlen(d + 1), want, sizeof want);
	if (sl <= 0 || hl < 16)
		return -EINVAL;
	pwhash_pbkdf2(pw, strlen(pw), salt, (size_t)sl, (uint32_t)iter, got,
	    (size_t)hl);
	/* Constant time: no early exit on the first differing byte. */
	uint8_t diff = 0;
	for (int i = 0; i < hl; i++)
		diff |= got[i] ^ want[i];
	return diff == 0;
}
