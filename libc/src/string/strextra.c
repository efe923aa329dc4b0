/* strextra.c - the less common string functions: strcasestr,
 * strverscmp (GNU), index/rindex (BSD), ffsl/ffsll. */
#include <string.h>
#include <strings.h>
#include <ctype.h>

char *strcasestr(const char *h, const char *n)
{
	size_t nl = strlen(n);

	for (; *h; h++)
		if (strncasecmp(h, n, nl) == 0)
			return (char *)h;
	return nl == 0 ? (char *)h : NULL;
}

/*
 * strverscmp: as strcmp, except that runs of digits compare as numbers
 * ("a9" < "a10"); a run with leading zeros is a fraction and compares
 * digit by digit, a shorter such run being bigger ("000" < "00" < "0"),
 * as glibc's manual describes.
 */
int strverscmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && *p == *q && !isdigit(*p)) {
		p++;
		q++;
	}
	for (;;) {
		/* both at a digit run, or a difference outside digits */
		if (!isdigit(*p) || !isdigit(*q)) {
			if (*p == *q) {
				if (*p == '\0')
					return 0;
				p++;
				q++;
				continue;
			}
			return *p < *q ? -1 : 1;
		}
		{
			const unsigned char *ps = p, *qs = q;
			size_t lp, lq;
			int lead = *p == '0' || *q == '0';
			while (isdigit(*p))
				p++;
			while (isdigit(*q))
				q++;
			lp = (size_t)(p - ps);
			lq = (size_t)(q - qs);
			if (lead) {
				/* fractional: compare digit by digit; where one run
				 * ends first, the longer run of zeros is smaller */
				size_t i, m = lp < lq ? lp : lq;
				for (i = 0; i < m; i++)
					if (ps[i] != qs[i])
						return ps[i] < qs[i] ? -1 : 1;
				if (lp != lq)
					return lp > lq ? -1 : 1;
			} else {
				int c;
				if (lp != lq)
					return lp < lq ? -1 : 1;
				c = memcmp(ps, qs, lp);
				if (c)
					return c < 0 ? -1 : 1;
			}
		}
	}
}

char *index(const char *s, int c)
{
	return strchr(s, c);
}

char *rindex(const char *s, int c)
{
	return strrchr(s, c);
}

int ffsl(long i)
{
	return i ? __builtin_ctzl((unsigned long)i) + 1 : 0;
}

int ffsll(long long i)
{
	return i ? __builtin_ctzll((unsigned long long)i) + 1 : 0;
}
