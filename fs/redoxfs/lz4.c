/*
 * LZ4 block decompression.  A block is a run of sequences: a token byte
 * (literal length in the high nibble, match length - 4 in the low one, 15
 * meaning "more length bytes follow, each added, until one is not 255"),
 * the literals, then a 16-bit little-endian back offset and the match.
 * The last sequence has literals only.  Every read and write is checked
 * against its buffer, so a hostile block can only produce an error.
 */
#include <errno.h>

#include "fs/redoxfs/lz4.h"

/* Adds length-extension bytes to *len; 0 on success. */
static int
lz4_extend(const uint8_t *src, size_t srclen, size_t *ip, size_t *len)
{
	uint8_t b;

	do {
		if (*ip >= srclen)
			return -1;
		b = src[(*ip)++];
		*len += b;
		/* Lengths beyond any buffer we accept are corrupt anyway. */
		if (*len > ((size_t)1 << 30))
			return -1;
	} while (b == 255);
	return 0;
}

long
lz4_decompress(const uint8_t *src, size_t srclen, uint8_t *dst, size_t dstcap)
{
	size_t ip = 0, op = 0;

	if (srclen == 0)
		return -EIO;
	for (;;) {
		if (ip >= srclen)
			return -EIO;
		uint8_t token = src[ip++];
		size_t lit = token >> 4;

		if (lit == 15 && lz4_extend(src, srclen, &ip, &lit))
			return -EIO;
		if (lit > srclen - ip || lit > dstcap - op)
			return -EIO;
		for (size_t i = 0; i < lit; i++)
			dst[op + i] = src[ip + i];
		ip += lit;
		op += lit;
		if (ip == srclen)
			return (long)op;	/* the last sequence ends here */

		if (srclen - ip < 2)
			return -EIO;
		size_t off = (size_t)src[ip] | (size_t)src[ip + 1] << 8;
		ip += 2;
		if (off == 0 || off > op)
			return -EIO;
		size_t mlen = token & 15;
		if (mlen == 15 && lz4_extend(src, srclen, &ip, &mlen))
			return -EIO;
		mlen += 4;
		if (mlen > dstcap - op)
			return -EIO;
		/* Byte by byte: the match may overlap what it produces. */
		for (size_t i = 0; i < mlen; i++)
			dst[op + i] = dst[op - off + i];
		op += mlen;
	}
}
