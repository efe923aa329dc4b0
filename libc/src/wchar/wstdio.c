/*
 * wstdio.c - wide-character stream I/O over the byte streams: UTF-8 on
 * the wire.  Streams have no orientation (fwide reports the mode it is
 * asked for, or 0); the wide printf/scanf families are not here.
 */
#include <wchar.h>
#include <errno.h>
#include <string.h>

wint_t fgetwc(FILE *f)
{
	mbstate_t st;
	wchar_t wc;
	size_t r;
	int c;
	char b;

	memset(&st, 0, sizeof(st));
	for (;;) {
		if ((c = getc(f)) == EOF)
			return WEOF;	/* an unfinished character is lost */
		b = (char)c;
		r = mbrtowc(&wc, &b, 1, &st);
		if (r == (size_t)-1)
			return WEOF;	/* errno is EILSEQ */
		if (r != (size_t)-2)
			return (wint_t)wc;
	}
}

wint_t getwc(FILE *f)
{
	return fgetwc(f);
}

wint_t getwchar(void)
{
	return fgetwc(stdin);
}

wint_t fputwc(wchar_t c, FILE *f)
{
	char buf[4];
	size_t n = wcrtomb(buf, c, NULL);

	if (n == (size_t)-1)
		return WEOF;
	return fwrite(buf, 1, n, f) == n ? (wint_t)c : WEOF;
}

wint_t putwc(wchar_t c, FILE *f)
{
	return fputwc(c, f);
}

wint_t putwchar(wchar_t c)
{
	return fputwc(c, stdout);
}

/* One byte of pushback: only ASCII characters can be pushed back. */
wint_t ungetwc(wint_t c, FILE *f)
{
	if (c == WEOF || c >= 0x80)
		return WEOF;
	return ungetc((int)c, f) == EOF ? WEOF : c;
}

wchar_t *fgetws(wchar_t *restrict s, int n, FILE *restrict f)
{
	int i = 0;
	wint_t c;

	if (n <= 0)
		return NULL;
	while (i < n - 1) {
		if ((c = fgetwc(f)) == WEOF) {
			if (i == 0 || ferror(f))
				return NULL;
			break;
		}
		s[i++] = (wchar_t)c;
		if (c == L'\n')
			break;
	}
	s[i] = 0;
	return s;
}

int fputws(const wchar_t *restrict s, FILE *restrict f)
{
	for (; *s; s++)
		if (fputwc(*s, f) == WEOF)
			return -1;
	return 0;
}

int fwide(FILE *f, int mode)
{
	(void)f;
	return mode > 0 ? 1 : mode < 0 ? -1 : 0;
}
