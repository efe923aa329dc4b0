/* Comparing strings.  The C locale only, so strcoll is strcmp. */
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <stdint.h>
#include <emmintrin.h>
#include "avx2.h"

/* 16 bytes at a time once a is aligned, 64 when neither string's next
 * 64 bytes cross a page.  b's loads are unaligned, so a block of b is
 * read only when it stays within b's page (else that block goes byte by
 * byte): neither string is read into a page it does not reach. */
static inline unsigned diff_or_end(__m128i va, __m128i vb)
{
	/* A bit for each byte that differs or ends a. */
	unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(va, vb)) ^ 0xffffu;

	return m | (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(va, _mm_setzero_si128()));
}

int strcmp(const char *a, const char *b)
{
	const __m128i z = _mm_setzero_si128();
	unsigned m;
	int i;

	if (__avx2())
		return __strcmp_avx2(a, b);
	if (((uintptr_t)a & 4095) <= 4096 - 16 && ((uintptr_t)b & 4095) <= 4096 - 16) {
		/* The first 16 bytes unaligned (short strings end here), then
		 * on to a's next 16-byte boundary: the bytes skipped matched. */
		if ((m = diff_or_end(_mm_loadu_si128((const __m128i *)a),
		    _mm_loadu_si128((const __m128i *)b))) != 0) {
			i = __builtin_ctz(m);
			return (unsigned char)a[i] - (unsigned char)b[i];
		}
		i = 16 - (int)((uintptr_t)a & 15);
		a += i, b += i;
	}
	while (((uintptr_t)a & 15) != 0) {
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
		a++, b++;
	}
	for (;;) {
		if (((uintptr_t)a & 4095) <= 4096 - 64 && ((uintptr_t)b & 4095) <= 4096 - 64) {
			const __m128i *pa = (const __m128i *)a, *pb = (const __m128i *)b;
			__m128i a0 = _mm_load_si128(pa), a1 = _mm_load_si128(pa + 1);
			__m128i a2 = _mm_load_si128(pa + 2), a3 = _mm_load_si128(pa + 3);
			/* min(a, a == b): zero where a and b differ or a ends */
			__m128i t = _mm_min_epu8(
			    _mm_min_epu8(_mm_min_epu8(a0, _mm_cmpeq_epi8(a0, _mm_loadu_si128(pb))),
				_mm_min_epu8(a1, _mm_cmpeq_epi8(a1, _mm_loadu_si128(pb + 1)))),
			    _mm_min_epu8(_mm_min_epu8(a2, _mm_cmpeq_epi8(a2, _mm_loadu_si128(pb + 2))),
				_mm_min_epu8(a3, _mm_cmpeq_epi8(a3, _mm_loadu_si128(pb + 3)))));
			if (_mm_movemask_epi8(_mm_cmpeq_epi8(t, z)) == 0) {
				a += 64, b += 64;
				continue;
			}
			/* Something in these 64 bytes: find it 16 at a time. */
			for (;; a += 16, b += 16)
				if ((m = diff_or_end(_mm_load_si128((const __m128i *)a),
				    _mm_loadu_si128((const __m128i *)b))) != 0) {
					i = __builtin_ctz(m);
					return (unsigned char)a[i] - (unsigned char)b[i];
				}
		}
		if (((uintptr_t)b & 4095) > 4096 - 16) {
			for (i = 0; i < 16; i++)
				if (a[i] != b[i] || a[i] == '\0')
					return (unsigned char)a[i] - (unsigned char)b[i];
		} else if ((m = diff_or_end(_mm_load_si128((const __m128i *)a),
		    _mm_loadu_si128((const __m128i *)b))) != 0) {
			i = __builtin_ctz(m);
			return (unsigned char)a[i] - (unsigned char)b[i];
		}
		a += 16, b += 16;
	}
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b))
		a++, b++;
	return tolower((unsigned char)*a) - tolower((unsigned char)*b);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
		if (x != y || x == '\0')
			return x - y;
	}
	return 0;
}

int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

size_t strxfrm(char *restrict d, const char *restrict s, size_t n)
{
	size_t len = strlen(s);

	if (len < n)
		memcpy(d, s, len + 1);
	return len;
}
