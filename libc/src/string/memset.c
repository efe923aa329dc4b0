/* memset and the zeroing helpers. */
#include <string.h>
#include <strings.h>

void *memset(void *d, int c, size_t n)
{
	void *ret = d;

	__asm__ volatile ("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return ret;
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
