/*
 * AVX2 strlen, strcmp, memcmp and memchr: the SSE2 versions' method
 * (see strlen.c, strcmp.c) with 32-byte registers, two to four of them a
 * step.  Only called when __avx2_detect() said yes: CPUID has AVX2 and
 * OSXSAVE, and XCR0 shows the kernel saves the YMM registers.  gcc ends
 * each function with vzeroupper, so SSE code after it pays no
 * transition penalty.
 */
#include <stdint.h>
#include <cpuid.h>
#include <immintrin.h>
#include "avx2.h"

int __avx2_level;

int __avx2_detect(void)
{
	unsigned a, b, c, d;
	int ok = 0;

	if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_OSXSAVE) && (c & bit_AVX)) {
		uint32_t lo, hi;
		__asm__ volatile ("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
		/* XMM and YMM state both enabled */
		if ((lo & 6) == 6 && __get_cpuid_count(7, 0, &a, &b, &c, &d) &&
		    (b & bit_AVX2))
			ok = 1;
	}
	__avx2_level = ok ? 2 : 1;
	return ok;
}

#define AVX2 __attribute__((target("avx2")))

/* A bit per byte of the aligned 32-byte block at a that is zero. */
static inline AVX2 unsigned zeros32(uintptr_t a)
{
	__m256i v = _mm256_load_si256((const __m256i *)a);

	return (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_setzero_si256()));
}

AVX2 size_t __strlen_avx2(const char *s)
{
	uintptr_t a = (uintptr_t)s & ~(uintptr_t)31;
	unsigned m = zeros32(a) >> ((uintptr_t)s & 31);
	const __m256i z = _mm256_setzero_si256();

	if (m != 0)
		return (size_t)__builtin_ctz(m);
	/* To a 128-byte boundary, then 128 bytes a step (one page). */
	while (((a += 32) & 127) != 0)
		if ((m = zeros32(a)) != 0)
			return a + (size_t)__builtin_ctz(m) - (uintptr_t)s;
	for (;; a += 128) {
		const __m256i *v = (const __m256i *)a;
		__m256i x = _mm256_min_epu8(
		    _mm256_min_epu8(_mm256_load_si256(v), _mm256_load_si256(v + 1)),
		    _mm256_min_epu8(_mm256_load_si256(v + 2), _mm256_load_si256(v + 3)));
		if (_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, z)) != 0)
			break;
	}
	for (;; a += 32)
		if ((m = zeros32(a)) != 0)
			return a + (size_t)__builtin_ctz(m) - (uintptr_t)s;
}

/* A bit for each of 32 bytes that differs or ends a. */
static inline AVX2 unsigned diff_or_end32(__m256i va, __m256i vb)
{
	unsigned m = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(va, vb));

	return m | (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(va, _mm256_setzero_si256()));
}

/* Reads are kept inside the pages the strings reach: a is aligned to
 * 32 before the block loop, and a block of b is loaded unaligned only
 * when it does not cross b's page (else it goes byte by byte). */
AVX2 int __strcmp_avx2(const char *a, const char *b)
{
	const __m256i z = _mm256_setzero_si256();
	unsigned m;
	int i;

	if (((uintptr_t)a & 4095) <= 4096 - 32 && ((uintptr_t)b & 4095) <= 4096 - 32) {
		if ((m = diff_or_end32(_mm256_loadu_si256((const __m256i *)a),
		    _mm256_loadu_si256((const __m256i *)b))) != 0) {
			i = __builtin_ctz(m);
			return (unsigned char)a[i] - (unsigned char)b[i];
		}
		i = 32 - (int)((uintptr_t)a & 31);
		a += i, b += i;
	}
	while (((uintptr_t)a & 31) != 0) {
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
		a++, b++;
	}
	for (;;) {
		if (((uintptr_t)a & 4095) <= 4096 - 64 && ((uintptr_t)b & 4095) <= 4096 - 64) {
			const __m256i *pa = (const __m256i *)a, *pb = (const __m256i *)b;
			__m256i a0 = _mm256_load_si256(pa), a1 = _mm256_load_si256(pa + 1);
			/* min(a, a == b): zero where a and b differ or a ends */
			__m256i t = _mm256_min_epu8(
			    _mm256_min_epu8(a0, _mm256_cmpeq_epi8(a0, _mm256_loadu_si256(pb))),
			    _mm256_min_epu8(a1, _mm256_cmpeq_epi8(a1, _mm256_loadu_si256(pb + 1))));
			if (_mm256_movemask_epi8(_mm256_cmpeq_epi8(t, z)) == 0) {
				a += 64, b += 64;
				continue;
			}
			for (;; a += 32, b += 32)
				if ((m = diff_or_end32(_mm256_load_si256((const __m256i *)a),
				    _mm256_loadu_si256((const __m256i *)b))) != 0) {
					i = __builtin_ctz(m);
					return (unsigned char)a[i] - (unsigned char)b[i];
				}
		}
		if (((uintptr_t)b & 4095) > 4096 - 32) {
			for (i = 0; i < 32; i++)
				if (a[i] != b[i] || a[i] == '\0')
					return (unsigned char)a[i] - (unsigned char)b[i];
		} else if ((m = diff_or_end32(_mm256_load_si256((const __m256i *)a),
		    _mm256_loadu_si256((const __m256i *)b))) != 0) {
			i = __builtin_ctz(m);
			return (unsigned char)a[i] - (unsigned char)b[i];
		}
		a += 32, b += 32;
	}
}

AVX2 int __memcmp_avx2(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	unsigned m;

	for (; n >= 128; n -= 128, p += 128, q += 128) {
		const __m256i *x = (const __m256i *)p, *y = (const __m256i *)q;
		__m256i e = _mm256_and_si256(
		    _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256(x), _mm256_loadu_si256(y)),
			_mm256_cmpeq_epi8(_mm256_loadu_si256(x + 1), _mm256_loadu_si256(y + 1))),
		    _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256(x + 2), _mm256_loadu_si256(y + 2)),
			_mm256_cmpeq_epi8(_mm256_loadu_si256(x + 3), _mm256_loadu_si256(y + 3))));
		if (_mm256_movemask_epi8(e) != -1)
			break;
	}
	for (; n >= 32; n -= 32, p += 32, q += 32) {
		m = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(
		    _mm256_loadu_si256((const __m256i *)p), _mm256_loadu_si256((const __m256i *)q)));
		if (m != 0) {
			int i = __builtin_ctz(m);
			return p[i] - q[i];
		}
	}
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

AVX2 void *__memchr_avx2(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	__m256i v = _mm256_set1_epi8((char)c);

	for (; n >= 32; n -= 32, p += 32) {
		unsigned m = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(
		    _mm256_loadu_si256((const __m256i *)p), v));
		if (m != 0)
			return (void *)(p + __builtin_ctz(m));
	}
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}
