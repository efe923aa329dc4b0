/* memchr, memrchr, memmem. */
#include <string.h>

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

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
