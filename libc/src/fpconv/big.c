/* big.c - the big integer operations of big.h, and __fp_digits: the
 * exact decimal expansion of a double (printf's digits). */
#include <string.h>
#include "big.h"

static void trim(struct big *b)
{
	while (b->n > 0 && b->d[b->n - 1] == 0)
		b->n--;
}

void __big_set(struct big *b, uint64_t v)
{
	b->over = 0;
	b->d[0] = (uint32_t)v;
	b->d[1] = (uint32_t)(v >> 32);
	b->n = 2;
	trim(b);
}

void __big_mul_small(struct big *b, uint32_t m)
{
	uint64_t carry = 0;
	int i;

	for (i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->d[i] * m + carry;
		b->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry) {
		if (b->n == BIG_LIMBS) {
			b->over = 1;
			return;
		}
		b->d[b->n++] = (uint32_t)carry;
	}
	trim(b);
}

void __big_add_small(struct big *b, uint32_t a)
{
	uint64_t carry = a;
	int i;

	for (i = 0; carry && i < b->n; i++) {
		uint64_t t = (uint64_t)b->d[i] + carry;
		b->d[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry) {
		if (b->n == BIG_LIMBS) {
			b->over = 1;
			return;
		}
		b->d[b->n++] = (uint32_t)carry;
	}
}

void __big_mul_pow5(struct big *b, unsigned k)
{
	/* 5^13 is the largest power of five below 2^32 */
	for (; k >= 13 && !b->over; k -= 13)
		__big_mul_small(b, 1220703125u);
	if (k > 0 && !b->over) {
		uint32_t m = 1;
		while (k--)
			m *= 5;
		__big_mul_small(b, m);
	}
}

void __big_shl(struct big *b, unsigned bits)
{
	unsigned words = bits / 32, sh = bits % 32;
	int i, n;

	if (b->n == 0)
		return;
	n = b->n + (int)words + 1;
	if (n > BIG_LIMBS) {
		/* fits only if the top limb has room for the shift */
		if (n - 1 > BIG_LIMBS || (sh && (b->d[b->n - 1] >> (32 - sh)) != 0)) {
			b->over = 1;
			return;
		}
		n = BIG_LIMBS;
	}
	for (i = n - 1; i >= (int)words; i--) {
		int src = i - (int)words;
		uint32_t hi = src < b->n ? b->d[src] : 0;
		uint32_t lo = src - 1 >= 0 && src - 1 < b->n ? b->d[src - 1] : 0;
		b->d[i] = sh ? (hi << sh | lo >> (32 - sh)) : hi;
	}
	for (; i >= 0; i--)
		b->d[i] = 0;
	b->n = n;
	trim(b);
}

int __big_cmp(const struct big *a, const struct big *b)
{
	int i;

	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (i = a->n - 1; i >= 0; i--)
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	return 0;
}

uint32_t __big_div_small(struct big *b, uint32_t d)
{
	uint64_t rem = 0;
	int i;

	for (i = b->n - 1; i >= 0; i--) {
		uint64_t cur = rem << 32 | b->d[i];
		b->d[i] = (uint32_t)(cur / d);
		rem = cur % d;
	}
	trim(b);
	return (uint32_t)rem;
}

int __fp_digits(double v, char *d, int *e10)
{
	uint64_t bits, m;
	int e2, n = 0, i, exp;
	char tmp[820];
	struct big b;

	memcpy(&bits, &v, sizeof(bits));
	m = bits & ((1ULL << 52) - 1);
	exp = (int)(bits >> 52 & 0x7ff);
	if (exp == 0) {
		e2 = -1074;
	} else {
		m |= 1ULL << 52;
		e2 = exp - 1075;
	}
	/* drop factors of two from the mantissa: fewer digits to make */
	while ((m & 1) == 0 && e2 < 0) {
		m >>= 1;
		e2++;
	}
	/* v = m * 2^e2 = (m * 5^-e2) * 10^e2 when e2 < 0 */
	__big_set(&b, m);
	if (e2 >= 0)
		__big_shl(&b, (unsigned)e2);
	else
		__big_mul_pow5(&b, (unsigned)-e2);
	/* 9 digits at a time, least significant first, into tmp backwards */
	while (b.n > 0) {
		uint32_t chunk = __big_div_small(&b, 1000000000u);
		for (i = 0; i < 9; i++) {
			tmp[sizeof(tmp) - 1 - n] = (char)('0' + chunk % 10);
			chunk /= 10;
			n++;
		}
	}
	/* leading zeros of the top chunk out */
	while (n > 1 && tmp[sizeof(tmp) - n] == '0')
		n--;
	memcpy(d, tmp + sizeof(tmp) - n, (size_t)n);
	*e10 = n - 1 + (e2 < 0 ? e2 : 0);
	while (n > 1 && d[n - 1] == '0')
		n--;
	return n;
}
