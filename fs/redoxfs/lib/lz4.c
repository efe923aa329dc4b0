/*
 * LZ4 block decompression.  A block is a run of sequences: a token byte
 * (literal length in the high nibble, match length - 4 in the low one, 15
 * meaning "more length bytes follow, each added, until one is not 255"),
 * the literals, then a 16-bit little-endian back offset and the match.
 * The last sequence has literals only.  Every read and write is checked
 * against its buffer, so a hostile block can only produce an error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/lib/lz4.h"

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
		memcpy(dst + op, src + ip, lit);
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
		/*
		 * The match may overlap what it produces (off < mlen: a
		 * repeating pattern).  Copied in pieces of at most off bytes,
		 * each piece's source is already written and apart from its
		 * destination, so whole copies give what byte by byte would.
		 */
		for (size_t done = 0, k; done < mlen; done += k) {
			k = mlen - done < off ? mlen - done : off;
			memcpy(dst + op + done, dst + op - off + done, k);
		}
		op += mlen;
	}
}

/*
 * Greedy LZ4 compression with a hash table of 4-byte sequences.  The
 * format's end rules: the last 5 bytes are always literals, and no match
 * starts in the last 12 bytes.
 */
#define LZ4_HASH_BITS	13
#define LZ4_MINMATCH	4
#define LZ4_LASTLIT	5
#define LZ4_MFLIMIT	12
#define LZ4_TAIL	16	/* positions of a long match remembered */

static uint32_t
lz4_read32(const uint8_t *p)
{
	uint32_t v;

	__builtin_memcpy(&v, p, 4);	/* little-endian, as the format */
	return v;
}

/* How many leading bytes a and b (max bytes each) have in common. */
static size_t
lz4_common(const uint8_t *a, const uint8_t *b, size_t max)
{
	size_t n = 0;

	while (max - n >= 8) {
		uint64_t x, y;
		/* The builtin stays inline in freestanding builds (redoxfsd). */
		__builtin_memcpy(&x, a + n, 8);
		__builtin_memcpy(&y, b + n, 8);
		if (x != y)	/* little-endian: the first difference is lowest */
			return n + (size_t)(__builtin_ctzll(x ^ y) >> 3);
		n += 8;
	}
	while (n < max && a[n] == b[n])
		n++;
	return n;
}

static uint32_t
lz4_hash(uint32_t v)
{
	return (v * 2654435761u) >> (32 - LZ4_HASH_BITS);
}

/* Writes a length's extension bytes; returns the new op or 0 on overflow. */
static size_t
lz4_putlen(uint8_t *dst, size_t op, size_t cap, size_t len)
{
	for (; len >= 255; len -= 255) {
		if (op >= cap)
			return 0;
		dst[op++] = 255;
	}
	if (op >= cap)
		return 0;
	dst[op++] = (uint8_t)len;
	return op;
}

static long
lz4_sequence(uint8_t *dst, size_t *op, size_t cap, const uint8_t *lit,
    size_t nlit, size_t off, size_t mlen)
{
	size_t o = *op;
	size_t tok = o++;

	if (o > cap)
		return -ENOSPC;
	dst[tok] = (uint8_t)((nlit >= 15 ? 15 : nlit) << 4);
	if (nlit >= 15 && (o = lz4_putlen(dst, o, cap, nlit - 15)) == 0)
		return -ENOSPC;
	if (nlit > cap - o)
		return -ENOSPC;
	memcpy(dst + o, lit, nlit);
	o += nlit;
	if (mlen) {
		if (cap - o < 2)
			return -ENOSPC;
		dst[o++] = (uint8_t)off;
		dst[o++] = (uint8_t)(off >> 8);
		mlen -= LZ4_MINMATCH;
		dst[tok] |= (uint8_t)(mlen >= 15 ? 15 : mlen);
		if (mlen >= 15 && (o = lz4_putlen(dst, o, cap, mlen - 15)) == 0)
			return -ENOSPC;
	}
	*op = o;
	return 0;
}

long
lz4_compress(const uint8_t *src, size_t srclen, uint8_t *dst, size_t dstcap)
{
	uint32_t *table;
	size_t ip = 0, anchor = 0, op = 0, misses = 0;
	long r = 0;

	if ((table = calloc((size_t)1 << LZ4_HASH_BITS, sizeof *table)) == NULL)
		return -ENOMEM;
	/* Table entries hold position + 1; 0 means empty. */
	while (srclen >= LZ4_MFLIMIT + 1 && ip + LZ4_MFLIMIT <= srclen) {
		uint32_t h = lz4_hash(lz4_read32(src + ip));
		size_t cand = table[h];
		table[h] = (uint32_t)(ip + 1);
		if (cand == 0 || ip - (cand - 1) > 65535 ||
		    lz4_read32(src + cand - 1) != lz4_read32(src + ip)) {
			/*
			 * Stride faster through data that does not match (as
			 * LZ4's own acceleration): random records cost little.
			 */
			ip += 1 + (misses++ >> 6);
			continue;
		}
		misses = 0;
		cand--;
		size_t mlen = LZ4_MINMATCH;
		size_t limit = srclen - LZ4_LASTLIT;
		mlen += lz4_common(src + cand + mlen, src + ip + mlen,
		    ip + mlen < limit ? limit - (ip + mlen) : 0);
		/* Grow the match backwards over literals that also match. */
		while (ip > anchor && cand > 0 && src[ip - 1] == src[cand - 1]) {
			ip--;
			cand--;
			mlen++;
		}
		r = lz4_sequence(dst, &op, dstcap, src + anchor, ip - anchor,
		    ip - cand, mlen);
		if (r)
			goto out;
		/*
		 * Remember positions inside the match too: better matches
		 * later.  Of a long one (a run, a repeated block) only the
		 * last LZ4_TAIL: hashing every position of a 128 KiB run cost
		 * more than all the rest, and the next search starts at its end.
		 */
		size_t from = mlen > LZ4_TAIL ? ip + mlen - LZ4_TAIL : ip + 1;
		for (size_t k = from; k < ip + mlen && k + 4 <= srclen; k++)
			table[lz4_hash(lz4_read32(src + k))] = (uint32_t)(k + 1);
		ip += mlen;
		anchor = ip;
	}
	r = lz4_sequence(dst, &op, dstcap, src + anchor, srclen - anchor, 0, 0);
out:
	free(table);
	return r ? r : (long)op;
}
