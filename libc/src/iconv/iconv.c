/*
 * iconv.c - iconv_open/iconv/iconv_close for a few encodings: UTF-8,
 * ASCII, ISO-8859-1 and UTF-32 (native, little-endian order).
 *
 * Errors are POSIX's: EILSEQ for an invalid input sequence or (without
 * //TRANSLIT or //IGNORE) a character the target cannot hold, EINVAL for
 * an incomplete sequence at the end of the input, E2BIG when the output
 * is full.  On each error *in points at the character not converted.
 * The encodings have no shift state, so a reset call only returns 0.
 */
#include <iconv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

enum enc { E_UTF8, E_ASCII, E_LATIN1, E_UTF32 };
enum bad { B_FAIL, B_TRANSLIT, B_IGNORE };

struct __iconv {
	enum enc from, to;
	enum bad bad;
};

static const struct {
	const char *name;
	enum enc enc;
} names[] = {
	{ "UTF-8", E_UTF8 }, { "UTF8", E_UTF8 },
	{ "ASCII", E_ASCII }, { "US-ASCII", E_ASCII }, { "ANSI_X3.4-1968", E_ASCII },
	{ "646", E_ASCII },
	{ "ISO-8859-1", E_LATIN1 }, { "ISO8859-1", E_LATIN1 }, { "ISO_8859-1", E_LATIN1 },
	{ "LATIN1", E_LATIN1 }, { "LATIN-1", E_LATIN1 }, { "L1", E_LATIN1 },
	{ "WCHAR_T", E_UTF32 }, { "UTF-32LE", E_UTF32 }, { "UCS-4LE", E_UTF32 },
};

/* Parses "NAME" or "NAME//SUFFIX"; -1 if unknown. */
static int lookup(const char *code, enum enc *enc, enum bad *bad)
{
	const char *sl = strstr(code, "//");
	size_t len = sl ? (size_t)(sl - code) : strlen(code), i;

	*bad = B_FAIL;
	if (sl) {
		if (strcasecmp(sl, "//TRANSLIT") == 0)
			*bad = B_TRANSLIT;
		else if (strcasecmp(sl, "//IGNORE") == 0)
			*bad = B_IGNORE;
		else if (sl[2] != '\0')
			return -1;
	}
	if (len == 0) {		/* "" is the locale's codeset */
		*enc = E_UTF8;
		return 0;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len && strncasecmp(code, names[i].name, len) == 0) {
			*enc = names[i].enc;
			return 0;
		}
	return -1;
}

iconv_t iconv_open(const char *tocode, const char *fromcode)
{
	struct __iconv *cd;
	enum enc to, from;
	enum bad bad, ignored;

	if (lookup(tocode, &to, &bad) < 0 || lookup(fromcode, &from, &ignored) < 0) {
		errno = EINVAL;
		return (iconv_t)-1;
	}
	if ((cd = malloc(sizeof(*cd))) == NULL)
		return (iconv_t)-1;
	cd->from = from;
	cd->to = to;
	cd->bad = bad;
	return cd;
}

int iconv_close(iconv_t cd)
{
	if (cd == NULL || cd == (iconv_t)-1) {
		errno = EBADF;
		return -1;
	}
	free(cd);
	return 0;
}

/* Reads one character: its length, 0 if incomplete, -1 if invalid. */
static int get(enum enc e, const unsigned char *p, size_t n, unsigned *c)
{
	mbstate_t st;
	wchar_t wc;
	size_t r;

	switch (e) {
	case E_UTF8:
		memset(&st, 0, sizeof(st));
		r = mbrtowc(&wc, (const char *)p, n, &st);
		if (r == (size_t)-2)
			return 0;
		if (r == (size_t)-1)
			return -1;
		*c = (unsigned)wc;
		return r == 0 ? 1 : (int)r;
	case E_ASCII:
		*c = p[0];
		return p[0] < 0x80 ? 1 : -1;
	case E_LATIN1:
		*c = p[0];
		return 1;
	case E_UTF32:
		if (n < 4)
			return 0;
		*c = (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 |
		    (unsigned)p[3] << 24;
		return *c > 0x10ffff || (*c >= 0xd800 && *c <= 0xdfff) ? -1 : 4;
	}
	return -1;
}

/* Encodes c into b: its length, or -1 if the encoding cannot hold it. */
static int put(enum enc e, unsigned c, unsigned char *b)
{
	switch (e) {
	case E_UTF8:
		return (int)wcrtomb((char *)b, (wchar_t)c, NULL);
	case E_ASCII:
		if (c >= 0x80)
			return -1;
		b[0] = (unsigned char)c;
		return 1;
	case E_LATIN1:
		if (c > 0xff)
			return -1;
		b[0] = (unsigned char)c;
		return 1;
	case E_UTF32:
		b[0] = (unsigned char)c;
		b[1] = (unsigned char)(c >> 8);
		b[2] = (unsigned char)(c >> 16);
		b[3] = (unsigned char)(c >> 24);
		return 4;
	}
	return -1;
}

size_t iconv(iconv_t cd, char **restrict in, size_t *restrict inleft,
    char **restrict out, size_t *restrict outleft)
{
	size_t irreversible = 0;
	unsigned char b[4];
	unsigned c;
	int n, m;

	if (cd == NULL || cd == (iconv_t)-1) {
		errno = EBADF;
		return (size_t)-1;
	}
	if (in == NULL || *in == NULL)
		return 0;	/* no shift state to reset or flush */
	while (*inleft > 0) {
		n = get(cd->from, (const unsigned char *)*in, *inleft, &c);
		if (n == 0) {
			errno = EINVAL;
			return (size_t)-1;
		}
		if (n < 0) {
			errno = EILSEQ;
			return (size_t)-1;
		}
		m = put(cd->to, c, b);
		if (m < 0) {
			if (cd->bad == B_FAIL) {
				errno = EILSEQ;
				return (size_t)-1;
			}
			m = 0;
			if (cd->bad == B_TRANSLIT)
				m = put(cd->to, '?', b);
			irreversible++;
		}
		if ((size_t)m > *outleft) {
			errno = E2BIG;
			return (size_t)-1;
		}
		memcpy(*out, b, (size_t)m);
		*out += m;
		*outleft -= (size_t)m;
		*in += n;
		*inleft -= (size_t)n;
	}
	return irreversible;
}
