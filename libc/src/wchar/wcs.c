/*
 * wcs.c - wide-character strings: the wcs* and wmem* functions, and the
 * wcsto* numbers (converted to UTF-8 and handed to strto*, so they
 * accept exactly what the narrow ones do).
 */
#include <wchar.h>
#include <wctype.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

size_t wcslen(const wchar_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t wcsnlen(const wchar_t *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i])
		i++;
	return i;
}

int wcscmp(const wchar_t *a, const wchar_t *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return *a < *b ? -1 : *a > *b;
}

int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n && *a && *a == *b; a++, b++, n--)
		;
	if (n == 0)
		return 0;
	return *a < *b ? -1 : *a > *b;
}

int wcsncasecmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	wint_t x = 0, y = 0;

	for (; n; a++, b++, n--) {
		x = towlower((wint_t)*a);
		y = towlower((wint_t)*b);
		if (x != y || *a == 0)
			break;
	}
	if (n == 0)
		return 0;
	return x < y ? -1 : x > y;
}

int wcscasecmp(const wchar_t *a, const wchar_t *b)
{
	return wcsncasecmp(a, b, (size_t)-1);
}

/* One locale, ordered by code point. */
int wcscoll(const wchar_t *a, const wchar_t *b)
{
	return wcscmp(a, b);
}

size_t wcsxfrm(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	size_t len = wcslen(s);

	if (len < n)
		wmemcpy(d, s, len + 1);
	return len;
}

wchar_t *wcscpy(wchar_t *restrict d, const wchar_t *restrict s)
{
	return wmemcpy(d, s, wcslen(s) + 1);
}

wchar_t *wcpcpy(wchar_t *restrict d, const wchar_t *restrict s)
{
	size_t n = wcslen(s);

	wmemcpy(d, s, n + 1);
	return d + n;
}

wchar_t *wcsncpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	size_t k = wcsnlen(s, n);

	wmemcpy(d, s, k);
	wmemset(d + k, 0, n - k);
	return d;
}

wchar_t *wcpncpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	size_t k = wcsnlen(s, n);

	wcsncpy(d, s, n);
	return d + k;
}

wchar_t *wcscat(wchar_t *restrict d, const wchar_t *restrict s)
{
	wcscpy(d + wcslen(d), s);
	return d;
}

wchar_t *wcsncat(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	size_t dl = wcslen(d), k = wcsnlen(s, n);

	wmemcpy(d + dl, s, k);
	d[dl + k] = 0;
	return d;
}

size_t wcslcpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	size_t len = wcslen(s);

	if (n) {
		size_t k = len < n - 1 ? len : n - 1;
		wmemcpy(d, s, k);
		d[k] = 0;
	}
	return len;
}

size_t wcslcat(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	size_t dl = wcsnlen(d, n);

	if (dl == n)
		return n + wcslen(s);
	return dl + wcslcpy(d + dl, s, n - dl);
}

wchar_t *wcsdup(const wchar_t *s)
{
	size_t n = wcslen(s) + 1;
	wchar_t *d = malloc(n * sizeof(wchar_t));

	if (d)
		wmemcpy(d, s, n);
	return d;
}

wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
	for (;; s++) {
		if (*s == c)
			return (wchar_t *)s;
		if (*s == 0)
			return NULL;
	}
}

wchar_t *wcsrchr(const wchar_t *s, wchar_t c)
{
	const wchar_t *last = NULL;

	for (;; s++) {
		if (*s == c)
			last = s;
		if (*s == 0)
			return (wchar_t *)last;
	}
}

wchar_t *wcsstr(const wchar_t *restrict h, const wchar_t *restrict n)
{
	size_t nl = wcslen(n);

	for (; *h; h++)
		if (wcsncmp(h, n, nl) == 0)
			return (wchar_t *)h;
	return nl == 0 ? (wchar_t *)h : NULL;
}

size_t wcsspn(const wchar_t *s, const wchar_t *accept)
{
	size_t n = 0;

	while (s[n] && wcschr(accept, s[n]))
		n++;
	return n;
}

size_t wcscspn(const wchar_t *s, const wchar_t *reject)
{
	size_t n = 0;

	while (s[n] && !wcschr(reject, s[n]))
		n++;
	return n;
}

wchar_t *wcspbrk(const wchar_t *s, const wchar_t *accept)
{
	s += wcscspn(s, accept);
	return *s ? (wchar_t *)s : NULL;
}

wchar_t *wcstok(wchar_t *restrict s, const wchar_t *restrict delim, wchar_t **restrict save)
{
	wchar_t *end;

	if (s == NULL)
		s = *save;
	if (s == NULL)
		return NULL;
	s += wcsspn(s, delim);
	if (*s == 0) {
		*save = NULL;
		return NULL;
	}
	end = s + wcscspn(s, delim);
	if (*end) {
		*end = 0;
		*save = end + 1;
	} else {
		*save = NULL;
	}
	return s;
}

wchar_t *wmemcpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	memcpy(d, s, n * sizeof(wchar_t));
	return d;
}

wchar_t *wmemmove(wchar_t *d, const wchar_t *s, size_t n)
{
	memmove(d, s, n * sizeof(wchar_t));
	return d;
}

wchar_t *wmemset(wchar_t *d, wchar_t c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		d[i] = c;
	return d;
}

wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)
{
	for (; n; s++, n--)
		if (*s == c)
			return (wchar_t *)s;
	return NULL;
}

int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; a++, b++, n--)
		if (*a != *b)
			return *a < *b ? -1 : 1;
	return 0;
}

/* ---- numbers: through the narrow parsers ---- */

/* A number is ASCII, so the first non-ASCII character ends it: copies
 * up to there (bounded) and returns the narrow copy's length. */
static size_t narrow(const wchar_t *s, char *buf, size_t cap)
{
	size_t n = 0;

	while (n + 1 < cap && s[n] > 0 && s[n] < 0x80) {
		buf[n] = (char)s[n];
		n++;
	}
	buf[n] = '\0';
	return n;
}

#define WCSTO(name, type, call)						\
	type name(const wchar_t *restrict s, wchar_t **restrict end, int base) \
	{								\
		char buf[128], *e;					\
		type v;							\
		narrow(s, buf, sizeof(buf));				\
		v = call(buf, &e, base);				\
		if (end)						\
			*end = (wchar_t *)s + (e - buf);		\
		return v;						\
	}

WCSTO(wcstol, long, strtol)
WCSTO(wcstoul, unsigned long, strtoul)
WCSTO(wcstoll, long long, strtoll)
WCSTO(wcstoull, unsigned long long, strtoull)

double wcstod(const wchar_t *restrict s, wchar_t **restrict end)
{
	char buf[1024], *e;
	double v;

	narrow(s, buf, sizeof(buf));
	v = strtod(buf, &e);
	if (end)
		*end = (wchar_t *)s + (e - buf);
	return v;
}
