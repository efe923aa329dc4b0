/*
 * big.h - private to libc: fixed-size unsigned big integers for exact
 * float conversion (strtod's rounding check, printf's digits).
 *
 * 32-bit limbs, least significant first.  BIG_LIMBS covers the largest
 * number either needs (a 800-digit decimal scaled by 2^1076, or a 55-bit
 * mantissa times 10^1126: under 4000 bits).  An operation whose result
 * would not fit sets `over` and the caller treats the result as unusable.
 */
#ifndef LIBC_FPCONV_BIG_H
#define LIBC_FPCONV_BIG_H

#include <stdint.h>
#include <stddef.h>

#define BIG_LIMBS 136

struct big {
	uint32_t d[BIG_LIMBS];
	int n;		/* limbs in use; d[n-1] != 0 unless n == 0 */
	int over;	/* a result did not fit */
};

void __big_set(struct big *b, uint64_t v);
void __big_mul_small(struct big *b, uint32_t m);
void __big_add_small(struct big *b, uint32_t a);
void __big_mul_pow5(struct big *b, unsigned k);
void __big_shl(struct big *b, unsigned bits);
int __big_cmp(const struct big *a, const struct big *b);
/* Divides b by d (nonzero) in place; returns the remainder. */
uint32_t __big_div_small(struct big *b, uint32_t d);

/* The exact decimal digits of v (finite, > 0), without trailing zeros,
 * into d (cap >= 800): v = 0.d[0]d[1]... x 10^(*e10 + 1), i.e. d[0] is
 * the 10^*e10 digit.  Returns the number of digits. */
int __fp_digits(double v, char *d, int *e10);

#endif
