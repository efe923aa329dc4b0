/* strlen and strnlen, 16 bytes at a time with SSE2 (part of every
 * x86_64), strlen 32 with AVX2 where the CPU has it (avx2.c).  Loads
 * are aligned, so they never cross into a page the string does not
 * reach; bytes read before s or past the end are masked off. */
#include <string.h>
#include <stdint.h>
#include <emmintrin.h>
#include "avx2.h"

/* A bit per byte of the aligned block at a that is zero. */
static inline unsigned zeros(uintptr_t a)
{
	__m128i v = _mm_load_si128((const __m128i *)a);

	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
}

size_t strlen(const char *s)
{
	uintptr_t a = (uintptr_t)s & ~(uintptr_t)15;
	const __m128i z = _mm_setzero_si128();
	unsigned m;

	if (__avx2())
		return __strlen_avx2(s);
	if ((m = zeros(a) >> ((uintptr_t)s & 15)) != 0)
		return (size_t)__builtin_ctz(m);
	/* Up to a 64-byte boundary, then 64 bytes a step (which stays in
	 * one page): the byte-wise minimum of four blocks is zero where any
	 * of them has a zero. */
	while (((a += 16) & 63) != 0)
		if ((m = zeros(a)) != 0)
			return a + (size_t)__builtin_ctz(m) - (uintptr_t)s;
	for (;; a += 64) {
		const __m128i *v = (const __m128i *)a;
		__m128i x = _mm_min_epu8(_mm_min_epu8(_mm_load_si128(v), _mm_load_si128(v + 1)),
		    _mm_min_epu8(_mm_load_si128(v + 2), _mm_load_si128(v + 3)));
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(x, z)) != 0)
			break;
	}
	for (;; a += 16)
		if ((m = zeros(a)) != 0)
			return a + (size_t)__builtin_ctz(m) - (uintptr_t)s;
}

size_t strnlen(const char *s, size_t max)
{
	uintptr_t a = (uintptr_t)s & ~(uintptr_t)15;
	unsigned m = zeros(a) >> ((uintptr_t)s & 15);
	size_t n;

	if (m != 0) {
		n = (size_t)__builtin_ctz(m);
		return n < max ? n : max;
	}
	for (n = 16 - ((uintptr_t)s & 15); n < max; n += 16) {
		a += 16;
		if ((m = zeros(a)) != 0) {
			n += (size_t)__builtin_ctz(m);
			return n < max ? n : max;
		}
	}
	return max;
}
