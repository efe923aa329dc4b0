/* memcmp and bcmp. */
#include <string.h>
#include <strings.h>
#include <emmintrin.h>
#include "avx2.h"

/* A bit for each of the 16 bytes at p and q that differs. */
static inline unsigned differ(const unsigned char *p, const unsigned char *q)
{
	__m128i x = _mm_loadu_si128((const __m128i *)p);
	__m128i y = _mm_loadu_si128((const __m128i *)q);

	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) ^ 0xffffu;
}

/* 64 bytes a step while they are there, then 16, then byte by byte. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	unsigned m;

	if (__avx2())
		return __memcmp_avx2(a, b, n);
	for (; n >= 64; n -= 64, p += 64, q += 64) {
		const __m128i *x = (const __m128i *)p, *y = (const __m128i *)q;
		__m128i e = _mm_and_si128(
		    _mm_and_si128(_mm_cmpeq_epi8(_mm_loadu_si128(x), _mm_loadu_si128(y)),
			_mm_cmpeq_epi8(_mm_loadu_si128(x + 1), _mm_loadu_si128(y + 1))),
		    _mm_and_si128(_mm_cmpeq_epi8(_mm_loadu_si128(x + 2), _mm_loadu_si128(y + 2)),
			_mm_cmpeq_epi8(_mm_loadu_si128(x + 3), _mm_loadu_si128(y + 3))));
		if (_mm_movemask_epi8(e) != 0xffff)
			break;
	}
	for (; n >= 16; n -= 16, p += 16, q += 16)
		if ((m = differ(p, q)) != 0) {
			int i = __builtin_ctz(m);
			return p[i] - q[i];
		}
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}
