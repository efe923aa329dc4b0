/*
 * SeaHash with the crate's default seeds.  Four lanes each absorb one
 * little-endian 64-bit word in turn; a short last word is zero-extended;
 * the lanes and the length are then folded together.
 */
#include "fs/redoxfs/lib/seahash.h"
#include "fs/redoxfs/lib/format.h"

#define SEA_P 0x6eed0e9da4d94a4full

static uint64_t
diffuse(uint64_t x)
{
	x *= SEA_P;
	x ^= (x >> 32) >> (x >> 60);
	x *= SEA_P;
	return x;
}

uint64_t
seahash(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint64_t s[4] = {
		0x16f11fe89b0d677cull, 0xb480a793d8e6c86cull,
		0x6fe2e5aaf078ebc9ull, 0x14f994a4c5259381ull,
	};
	size_t i = 0, lane = 0;

	/* Whole 32-byte rounds in registers (every record and block). */
	uint64_t a = s[0], b = s[1], c = s[2], d = s[3];
	for (; i + 32 <= len; i += 32) {
		a = diffuse(a ^ rfs_le64(p + i));
		b = diffuse(b ^ rfs_le64(p + i + 8));
		c = diffuse(c ^ rfs_le64(p + i + 16));
		d = diffuse(d ^ rfs_le64(p + i + 24));
	}
	s[0] = a;
	s[1] = b;
	s[2] = c;
	s[3] = d;
	for (; i + 8 <= len; i += 8) {
		s[lane] = diffuse(s[lane] ^ rfs_le64(p + i));
		lane = (lane + 1) & 3;
	}
	if (i < len) {
		uint64_t x = 0;
		for (size_t k = 0; i + k < len; k++)
			x |= (uint64_t)p[i + k] << (8 * k);
		s[lane] = diffuse(s[lane] ^ x);
	}
	return diffuse(s[0] ^ s[1] ^ s[2] ^ s[3] ^ (uint64_t)len);
}
