/*
 * fltdec.c - exact binary-to-decimal conversion of doubles.
 *
 * A finite double is m x 2^k with m < 2^53.  For k >= 0 that is the
 * integer m << k; for k < 0 it is (m x 5^-k) / 10^-k, so the digits are
 * those of the integer m x 5^-k with the decimal point moved.  Either
 * integer fits in 2,560 bits; it is built in 32-bit words and turned into
 * decimal by repeated division by 10^9.  Exact digits let printf round
 * as C requires (to nearest, ties to even, on the exact value) instead of
 * on a 17-digit approximation.
 */
#include <stdint.h>
#include <string.h>
#include "fltdec.h"

#define FD_WORDS 84	/* 2,688 bits: m x 5^1074 is under 2,548 */

struct fd_big {
	uint32_t w[FD_WORDS];	/* little-endian words */
	int n;			/* words in use; w[n-1] != 0 unless n == 0 */
};

static void fd_mul(struct fd_big *b, uint32_t k)
{
	uint64_t carry = 0;
	int i;

	for (i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->w[i] * k + carry;
		b->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry && b->n < FD_WORDS)
		b->w[b->n++] = (uint32_t)carry;
}

static void fd_shl(struct fd_big *b, int k)
{
	int words = k / 32, bits = k % 32, i;

	if (b->n == 0)
		return;
	if (bits) {
		uint32_t carry = 0;
		for (i = 0; i < b->n; i++) {
			uint32_t t = b->w[i];
			b->w[i] = (t << bits) | carry;
			carry = t >> (32 - bits);
		}
		if (carry && b->n < FD_WORDS)
			b->w[b->n++] = carry;
	}
	if (words && b->n + words <= FD_WORDS) {
		memmove(b->w + words, b->w, (size_t)b->n * sizeof(b->w[0]));
		memset(b->w, 0, (size_t)words * sizeof(b->w[0]));
		b->n += words;
	}
}

/* b /= 10^9; returns the remainder. */
static uint32_t fd_div1e9(struct fd_big *b)
{
	uint64_t rem = 0;
	int i;

	for (i = b->n - 1; i >= 0; i--) {
		uint64_t cur = (rem << 32) | b->w[i];
		b->w[i] = (uint32_t)(cur / 1000000000u);
		rem = cur % 1000000000u;
	}
	while (b->n > 0 && b->w[b->n - 1] == 0)
		b->n--;
	return (uint32_t)rem;
}

int fltdec_digits(double v, char d[FLTDEC_MAX], int *e10)
{
	/* Digits come out least significant first, 9 at a time, into the
	 * end of tmp. */
	char tmp[FLTDEC_MAX + 9];
	struct fd_big b;
	uint64_t bits, m;
	int k, exp, pos = (int)sizeof(tmp), n, i;

	memcpy(&bits, &v, sizeof(bits));
	exp = (int)((bits >> 52) & 0x7ff);
	m = bits & ((1ull << 52) - 1);
	if (exp == 0) {
		k = -1074;		/* subnormal */
	} else {
		m |= 1ull << 52;
		k = exp - 1075;
	}
	b.w[0] = (uint32_t)m;
	b.w[1] = (uint32_t)(m >> 32);
	b.n = b.w[1] ? 2 : 1;
	if (k >= 0) {
		fd_shl(&b, k);
	} else {
		for (i = -k; i >= 13; i -= 13)
			fd_mul(&b, 1220703125u);	/* 5^13 */
		for (; i > 0; i--)
			fd_mul(&b, 5);
	}
	while (b.n > 0) {
		uint32_t r = fd_div1e9(&b);
		for (i = 0; i < 9 && pos > 0; i++) {
			tmp[--pos] = (char)('0' + r % 10);
			r /= 10;
		}
	}
	while (pos < (int)sizeof(tmp) - 1 && tmp[pos] == '0')
		pos++;			/* leading zeros of the top chunk */
	n = (int)sizeof(tmp) - pos;
	/* the integer has n digits; its last one is the 10^min(k, 0) digit */
	*e10 = n - 1 + (k < 0 ? k : 0);
	while (n > 1 && tmp[pos + n - 1] == '0')
		n--;
	if (n > FLTDEC_MAX)
		n = FLTDEC_MAX;		/* cannot happen for a double */
	memcpy(d, tmp + pos, (size_t)n);
	return n;
}
