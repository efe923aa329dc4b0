/* str.c - string helpers for the freestanding core. */
#include "core/str.h"

size_t
str_len(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t
str_nlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

bool
str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

bool
str_eqn(const char *a, size_t n, const char *b)
{
	return str_len(b) == n && memcmp(a, b, n) == 0;
}

size_t
str_copy(char *dst, size_t cap, const char *src, size_t n)
{
	if (cap == 0)
		return 0;
	if (n > cap - 1)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
	return n;
}

const char *
str_chr(const char *s, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == c)
			return s + i;
	return NULL;
}

long
str_to_long(const char *s, size_t n)
{
	long v = 0;
	if (n == 0 || n > 18)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
str_has_word(const char *s, const char *word)
{
	size_t n = str_len(word);
	while (*s) {
		while (*s == ' ')
			s++;
		size_t k = 0;
		while (s[k] && s[k] != ' ')
			k++;
		if (k == n && memcmp(s, word, n) == 0)
			return true;
		s += k;
	}
	return false;
}
