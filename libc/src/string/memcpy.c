/* memcpy, memmove, mempcpy.  Short copies use overlapping unaligned
 * moves (no branch per byte), medium ones a loop of 64-byte moves; long
 * ones `rep movsb`, which is fast on every x86_64 made this decade
 * (ERMSB) but costs some 30 cycles to start and is slow on unaligned
 * buffers until it is well under way. */
#include <string.h>
#include <stdint.h>

/* Unaligned, aliasing-safe views of memory for plain moves. */
typedef uint64_t u64u __attribute__((aligned(1), may_alias));
typedef uint32_t u32u __attribute__((aligned(1), may_alias));
typedef char v16u __attribute__((vector_size(16), aligned(1), may_alias));

#define SHORT	2048	/* below this, no rep movsb */

/* n <= 32: the first and last pieces, which may overlap each other. */
static inline void copy_upto32(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= 16) {
		v16u a = *(const v16u *)s, b = *(const v16u *)(s + n - 16);
		*(v16u *)d = a;
		*(v16u *)(d + n - 16) = b;
	} else if (n >= 8) {
		uint64_t a = *(const u64u *)s, b = *(const u64u *)(s + n - 8);
		*(u64u *)d = a;
		*(u64u *)(d + n - 8) = b;
	} else if (n >= 4) {
		uint32_t a = *(const u32u *)s, b = *(const u32u *)(s + n - 4);
		*(u32u *)d = a;
		*(u32u *)(d + n - 4) = b;
	} else if (n > 0) {
		unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
		d[0] = a;
		d[n / 2] = b;
		d[n - 1] = c;
	}
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (n <= 32) {
		copy_upto32(d, s, n);
		return dst;
	}
	if (n < SHORT) {
		/* 64-byte steps, then the last 64 bytes (overlapping). */
		v16u t0 = *(const v16u *)(s + n - 32), t1 = *(const v16u *)(s + n - 16);
		size_t i = 0;
		if (n > 64) {
			v16u t2 = *(const v16u *)(s + n - 64), t3 = *(const v16u *)(s + n - 48);
			for (; i + 64 < n; i += 64) {
				v16u a = *(const v16u *)(s + i), b = *(const v16u *)(s + i + 16);
				v16u c = *(const v16u *)(s + i + 32), e = *(const v16u *)(s + i + 48);
				*(v16u *)(d + i) = a;
				*(v16u *)(d + i + 16) = b;
				*(v16u *)(d + i + 32) = c;
				*(v16u *)(d + i + 48) = e;
			}
			*(v16u *)(d + n - 64) = t2;
			*(v16u *)(d + n - 48) = t3;
		} else {
			v16u a = *(const v16u *)s, b = *(const v16u *)(s + 16);
			*(v16u *)d = a;
			*(v16u *)(d + 16) = b;
		}
		*(v16u *)(d + n - 32) = t0;
		*(v16u *)(d + n - 16) = t1;
		return dst;
	}
	__asm__ volatile ("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return dst;
}

void *mempcpy(void *restrict d, const void *restrict s, size_t n)
{
	return (char *)memcpy(d, s, n) + n;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* A forward copy is safe unless d starts inside [s, s+n). */
	if ((uintptr_t)d - (uintptr_t)s >= n)
		return memcpy(d, s, n);
	if (n <= 32) {
		copy_upto32(d, s, n);	/* loads everything before storing */
		return dst;
	}
	/* Backwards in 64-byte steps, then 16-byte ones: each piece is
	 * loaded before the store that could overwrite it (d > s), the head
	 * last. */
	v16u head = *(const v16u *)s;
	while (n > 64) {
		n -= 64;
		v16u a = *(const v16u *)(s + n), b = *(const v16u *)(s + n + 16);
		v16u c = *(const v16u *)(s + n + 32), e = *(const v16u *)(s + n + 48);
		*(v16u *)(d + n + 48) = e;
		*(v16u *)(d + n + 32) = c;
		*(v16u *)(d + n + 16) = b;
		*(v16u *)(d + n) = a;
	}
	while (n > 16) {
		n -= 16;
		*(v16u *)(d + n) = *(const v16u *)(s + n);
	}
	*(v16u *)d = head;
	return dst;
}
