/* memset and the zeroing helpers. */
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include <emmintrin.h>

typedef uint64_t u64u __attribute__((aligned(1), may_alias));

/* Short fills are overlapping unaligned stores; long ones `rep stosb`
 * (fast, but some 30 cycles to start). */
void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t w = (unsigned char)c * 0x0101010101010101ULL;

	if (n < 256) {
		if (n >= 16) {
			__m128i v = _mm_set1_epi8((char)c);
			size_t i;
			for (i = 0; i + 16 < n; i += 16)
				_mm_storeu_si128((__m128i *)(d + i), v);
			_mm_storeu_si128((__m128i *)(d + n - 16), v);
		} else if (n >= 8) {
			*(u64u *)d = w;
			*(u64u *)(d + n - 8) = w;
		} else {
			while (n--)
				d[n] = (unsigned char)c;
		}
		return dst;
	}
	__asm__ volatile ("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

void bzero(void *d, size_t n)
{
	memset(d, 0, n);
}

/* The asm barrier keeps the compiler from dropping a "dead" clear. */
void explicit_bzero(void *d, size_t n)
{
	memset(d, 0, n);
	__asm__ volatile ("" : : "r"(d) : "memory");
}

void bcopy(const void *s, void *d, size_t n)
{
	memmove(d, s, n);
}
