/* memcpy, memmove, mempcpy.  `rep movsb` is short and fast on every x86_64
 * made this decade (ERMSB). */
#include <string.h>
#include <stdint.h>

void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
	void *ret = d;

	__asm__ volatile ("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return ret;
}

void *mempcpy(void *restrict d, const void *restrict s, size_t n)
{
	return (char *)memcpy(d, s, n) + n;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	/* A forward copy is safe unless d starts inside [s, s+n). */
	if ((uintptr_t)dp - (uintptr_t)sp >= n)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}
