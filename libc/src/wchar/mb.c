/*
 * mb.c - UTF-8 multibyte conversions (mbrtowc and friends, and stdlib's
 * mblen/mbtowc/wctomb/mbstowcs/wcstombs).
 *
 * Every locale decodes UTF-8 strictly: no overlong forms, no surrogates,
 * nothing above U+10FFFF; a bad byte is EILSEQ.  An mbstate_t keeps the
 * bytes of an incomplete character between calls.
 */
#include <wchar.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#define INCOMPLETE ((size_t)-2)
#define INVALID ((size_t)-1)

/*
 * Decodes b[0..n): the length of the character and *wc, 0 if the bytes
 * are a valid start that needs more, -1 if they cannot start a character.
 */
static int utf8_decode(const unsigned char *b, size_t n, wchar_t *wc)
{
	unsigned c = b[0], len, lo = 0x80, hi = 0xbf, v, i;

	if (c < 0x80) {
		*wc = (wchar_t)c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong */
		if (c == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		if (c == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else {
		return -1;
	}
	for (i = 1; i < len; i++) {
		if (i >= n)
			return 0;
		if (b[i] < lo || b[i] > hi)
			return -1;
		lo = 0x80;
		hi = 0xbf;
		v = v << 6 | (b[i] & 0x3f);
	}
	*wc = (wchar_t)v;
	return (int)len;
}

static size_t utf8_encode(char *s, wchar_t wc)
{
	unsigned c = (unsigned)wc;

	if (c < 0x80) {
		s[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		s[0] = (char)(0xc0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return INVALID;
	if (c < 0x10000) {
		s[0] = (char)(0xe0 | c >> 12);
		s[1] = (char)(0x80 | (c >> 6 & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	s[0] = (char)(0xf0 | c >> 18);
	s[1] = (char)(0x80 | (c >> 12 & 0x3f));
	s[2] = (char)(0x80 | (c >> 6 & 0x3f));
	s[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

size_t mbrtowc(wchar_t *restrict pwc, const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	static mbstate_t internal;
	unsigned char b[4];
	size_t have, take, i;
	wchar_t wc;
	int r;

	if (ps == NULL)
		ps = &internal;
	if (s == NULL) {
		pwc = NULL;
		s = "";
		n = 1;
	}
	if (n == 0)
		return INCOMPLETE;
	have = ps->__count;
	if (have > 3) {		/* a corrupt state */
		memset(ps, 0, sizeof(*ps));
		errno = EINVAL;
		return INVALID;
	}
	memcpy(b, ps->__bytes, have);
	take = 4 - have < n ? 4 - have : n;
	memcpy(b + have, s, take);
	r = utf8_decode(b, have + take, &wc);
	if (r < 0) {
		memset(ps, 0, sizeof(*ps));
		errno = EILSEQ;
		return INVALID;
	}
	if (r == 0) {
		/* all of s belongs to an unfinished character */
		for (i = 0; i < take; i++)
			ps->__bytes[have + i] = b[have + i];
		ps->__count = (unsigned)(have + take);
		return INCOMPLETE;
	}
	memset(ps, 0, sizeof(*ps));
	if (pwc)
		*pwc = wc;
	return wc == 0 ? 0 : (size_t)r - have;
}

size_t mbrlen(const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	static mbstate_t internal;

	return mbrtowc(NULL, s, n, ps ? ps : &internal);
}

size_t wcrtomb(char *restrict s, wchar_t wc, mbstate_t *restrict ps)
{
	char buf[4];
	size_t r;

	if (ps)
		memset(ps, 0, sizeof(*ps));
	if (s == NULL)
		return 1;	/* resets the state; one byte for the NUL */
	r = utf8_encode(buf, wc);
	if (r == INVALID) {
		errno = EILSEQ;
		return INVALID;
	}
	memcpy(s, buf, r);
	return r;
}

int mbsinit(const mbstate_t *ps)
{
	return ps == NULL || ps->__count == 0;
}

wint_t btowc(int c)
{
	return c >= 0 && c < 0x80 ? (wint_t)c : WEOF;
}

int wctob(wint_t c)
{
	return c < 0x80 ? (int)c : EOF;
}

size_t mbsnrtowcs(wchar_t *restrict dst, const char **restrict src, size_t nms, size_t n,
    mbstate_t *restrict ps)
{
	static mbstate_t internal;
	const char *s = *src;
	size_t count = 0, r;
	wchar_t wc;

	if (ps == NULL)
		ps = &internal;
	while (dst == NULL || count < n) {
		r = mbrtowc(&wc, s, nms, ps);
		if (r == INVALID) {
			if (dst)
				*src = s;
			return INVALID;
		}
		if (r == INCOMPLETE) {	/* ran out of the nms bytes */
			if (dst)
				*src = s + nms;
			return count;
		}
		if (dst)
			dst[count] = wc;
		if (wc == 0) {
			if (dst)
				*src = NULL;
			return count;
		}
		s += r;
		nms -= r;
		count++;
	}
	*src = s;
	return count;
}

size_t mbsrtowcs(wchar_t *restrict dst, const char **restrict src, size_t n, mbstate_t *restrict ps)
{
	return mbsnrtowcs(dst, src, (size_t)-1, n, ps);
}

size_t wcsnrtombs(char *restrict dst, const wchar_t **restrict src, size_t nwc, size_t n,
    mbstate_t *restrict ps)
{
	const wchar_t *s = *src;
	size_t count = 0, r;
	char buf[4];

	(void)ps;
	for (; nwc > 0; s++, nwc--) {
		r = utf8_encode(buf, *s);
		if (r == INVALID) {
			if (dst)
				*src = s;
			errno = EILSEQ;
			return INVALID;
		}
		if (dst) {
			if (count + r > n) {
				*src = s;
				return count;
			}
			memcpy(dst + count, buf, r);
		}
		if (*s == 0) {
			if (dst)
				*src = NULL;
			return count;
		}
		count += r;
	}
	if (dst)
		*src = s;
	return count;
}

size_t wcsrtombs(char *restrict dst, const wchar_t **restrict src, size_t n, mbstate_t *restrict ps)
{
	return wcsnrtombs(dst, src, (size_t)-1, n, ps);
}

/* ---- stdlib.h's stateless forms ---- */

int mbtowc(wchar_t *restrict pwc, const char *restrict s, size_t n)
{
	mbstate_t st;
	size_t r;

	if (s == NULL)
		return 0;	/* UTF-8 has no shift states */
	memset(&st, 0, sizeof(st));
	r = mbrtowc(pwc, s, n, &st);
	if (r == INCOMPLETE) {
		errno = EILSEQ;
		return -1;
	}
	return r == INVALID ? -1 : (int)r;
}

int mblen(const char *s, size_t n)
{
	return mbtowc(NULL, s, n);
}

int wctomb(char *s, wchar_t wc)
{
	if (s == NULL)
		return 0;
	return (int)wcrtomb(s, wc, NULL);
}

size_t mbstowcs(wchar_t *restrict dst, const char *restrict src, size_t n)
{
	mbstate_t st;
	const char *p = src;

	memset(&st, 0, sizeof(st));
	return mbsrtowcs(dst, &p, n, &st);
}

size_t wcstombs(char *restrict dst, const wchar_t *restrict src, size_t n)
{
	const wchar_t *p = src;

	return wcsrtombs(dst, &p, n, NULL);
}
