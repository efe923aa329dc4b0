/* memchr, memrchr, memmem. */
#include <string.h>
#include <emmintrin.h>
#include "avx2.h"

/* 16 bytes at a time while they are there, then byte by byte. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	__m128i v = _mm_set1_epi8((char)c);

	if (__avx2())
		return __memchr_avx2(s, c, n);
	for (; n >= 16; n -= 16, p += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, v));
		if (m != 0)
			return (void *)(p + __builtin_ctz(m));
	}
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	while (n--)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return NULL;
}

void *memmem(const void *h, size_t hn, const void *nd, size_t nn)
{
	const unsigned char *p = h;
	size_t i;

	if (nn == 0)
		return (void *)h;
	for (i = 0; i + nn <= hn; i++)
		if (p[i] == *(const unsigned char *)nd && memcmp(p + i, nd, nn) == 0)
			return (void *)(p + i);
	return NULL;
}
