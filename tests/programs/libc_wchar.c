/* libc_wchar: locale.h, langinfo.h, wchar.h (UTF-8), wctype.h, iconv.h,
 * and printf's %lc/%ls. */
#define NAME "libc_wchar"
#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <wchar.h>
#include <wctype.h>

#include "check.h"

static void test_locale(void)
{
	struct lconv *lc;

	CHECK_STR(setlocale(LC_ALL, NULL), "C");
	CHECK_STR(setlocale(LC_ALL, ""), "C");
	CHECK_STR(setlocale(LC_CTYPE, "C.UTF-8"), "C");
	CHECK_STR(setlocale(LC_NUMERIC, "POSIX"), "C");
	CHECK(setlocale(LC_ALL, "de_DE.UTF-8") == NULL);
	CHECK(setlocale(99, "C") == NULL);
	lc = localeconv();
	CHECK_STR(lc->decimal_point, ".");
	CHECK_STR(lc->thousands_sep, "");
	CHECK_INT(lc->frac_digits, CHAR_MAX);
	CHECK_STR(nl_langinfo(CODESET), "UTF-8");
	CHECK_STR(nl_langinfo(RADIXCHAR), ".");
	CHECK_STR(nl_langinfo(DAY_1), "Sunday");
	CHECK_STR(nl_langinfo(ABMON_12), "Dec");
	CHECK_STR(nl_langinfo(9999), "");
	CHECK(newlocale(LC_ALL_MASK, "C", NULL) != NULL);
	CHECK(newlocale(LC_ALL_MASK, "xx_YY", NULL) == NULL && errno == ENOENT);
	CHECK_INT(MB_CUR_MAX, 4);
}

static void test_mb(void)
{
	mbstate_t st;
	wchar_t wc = 0, buf[16];
	char out[16];
	const char *p;

	memset(&st, 0, sizeof(st));
	CHECK_INT(mbrtowc(&wc, "A", 1, &st), 1);
	CHECK_INT(wc, 'A');
	CHECK_INT(mbrtowc(&wc, "\xc3\xa9", 2, &st), 2);	/* é */
	CHECK_INT(wc, 0xe9);
	CHECK_INT(mbrtowc(&wc, "\xe2\x82\xac", 3, &st), 3);	/* € */
	CHECK_INT(wc, 0x20ac);
	CHECK_INT(mbrtowc(&wc, "\xf0\x9f\x98\x80", 4, &st), 4);
	CHECK_INT(wc, 0x1f600);
	CHECK_INT(mbrtowc(&wc, "", 1, &st), 0);
	CHECK_INT(wc, 0);
	/* one byte at a time: -2 until the character is complete */
	CHECK_INT(mbrtowc(&wc, "\xe2", 1, &st), (size_t)-2);
	CHECK(!mbsinit(&st));
	CHECK_INT(mbrtowc(&wc, "\x82", 1, &st), (size_t)-2);
	CHECK_INT(mbrtowc(&wc, "\xac", 1, &st), 1);
	CHECK_INT(wc, 0x20ac);
	CHECK(mbsinit(&st));
	/* invalid: a lone continuation, overlong, surrogate, above U+10FFFF */
	errno = 0;
	CHECK_INT(mbrtowc(&wc, "\x80", 1, &st), (size_t)-1);
	CHECK_INT(errno, EILSEQ);
	memset(&st, 0, sizeof(st));
	CHECK_INT(mbrtowc(&wc, "\xc0\xaf", 2, &st), (size_t)-1);
	memset(&st, 0, sizeof(st));
	CHECK_INT(mbrtowc(&wc, "\xed\xa0\x80", 3, &st), (size_t)-1);
	memset(&st, 0, sizeof(st));
	CHECK_INT(mbrtowc(&wc, "\xf4\x90\x80\x80", 4, &st), (size_t)-1);
	memset(&st, 0, sizeof(st));
	CHECK_INT(mbrlen("\xc3\xa9x", 3, &st), 2);

	CHECK_INT(wcrtomb(out, 0xe9, NULL), 2);
	CHECK(memcmp(out, "\xc3\xa9", 2) == 0);
	CHECK_INT(wcrtomb(out, 0x1f600, NULL), 4);
	CHECK(memcmp(out, "\xf0\x9f\x98\x80", 4) == 0);
	errno = 0;
	CHECK_INT(wcrtomb(out, 0xd800, NULL), (size_t)-1);
	CHECK_INT(errno, EILSEQ);
	CHECK_INT(wcrtomb(out, 0x110000, NULL), (size_t)-1);

	CHECK_INT(mblen("\xe2\x82\xac", 3), 3);
	CHECK_INT(mblen("\xe2\x82", 2), -1);
	CHECK_INT(mblen("", 1), 0);
	CHECK_INT(mbtowc(&wc, "\xce\xbb", 2), 2);
	CHECK_INT(wc, 0x3bb);
	CHECK_INT(wctomb(out, 0x3bb), 2);
	CHECK_INT(btowc('a'), 'a');
	CHECK_INT(btowc(0xe9), WEOF);
	CHECK_INT(wctob(L'a'), 'a');
	CHECK_INT(wctob(0xe9), EOF);

	CHECK_INT(mbstowcs(buf, "h\xc3\xa9llo \xe2\x82\xac", 16), 7);
	CHECK(buf[1] == 0xe9 && buf[6] == 0x20ac && buf[7] == 0);
	CHECK_INT(mbstowcs(NULL, "h\xc3\xa9llo", 0), 5);
	CHECK_INT(mbstowcs(buf, "ab\xff", 16), (size_t)-1);
	CHECK_INT(wcstombs(out, L"h\u00e9\u20ac", sizeof(out)), 6);
	CHECK_STR(out, "h\xc3\xa9\xe2\x82\xac");
	CHECK_INT(wcstombs(NULL, L"\u20ac\u20ac", 0), 6);
	/* a too-small buffer stops before a character that would not fit */
	memset(out, 'x', sizeof(out));
	CHECK_INT(wcstombs(out, L"a\u20ac", 3), 1);
	p = "\xc3\xa9z";
	memset(&st, 0, sizeof(st));
	CHECK_INT(mbsrtowcs(buf, &p, 1, &st), 1);
	CHECK(p != NULL && *p == 'z');
}

static void test_wcs(void)
{
	wchar_t a[32], *save, *t;

	CHECK_INT(wcslen(L"h\u00e9llo"), 5);
	CHECK(wcscmp(L"abc", L"abd") < 0 && wcscmp(L"b", L"a") > 0 && wcscmp(L"x", L"x") == 0);
	CHECK(wcsncmp(L"abcd", L"abce", 3) == 0);
	CHECK(wcscasecmp(L"H\u00c9LLO", L"h\u00e9llo") == 0);
	wcscpy(a, L"foo");
	wcscat(a, L"bar");
	CHECK(wcscmp(a, L"foobar") == 0);
	CHECK_INT(wcslcpy(a, L"abcdef", 4), 6);
	CHECK(wcscmp(a, L"abc") == 0);
	wcsncpy(a, L"xy", 5);
	CHECK(a[0] == 'x' && a[2] == 0 && a[4] == 0);
	CHECK(wcschr(L"abc", 'b') != NULL && wcschr(L"abc", 'z') == NULL);
	wcscpy(a, L"abcb");
	CHECK(wcsrchr(a, 'b') == a + 3);
	CHECK(wcsstr(L"hello world", L"wor") != NULL);
	CHECK_INT(wcsspn(L"aabx", L"ab"), 3);
	CHECK_INT(wcscspn(L"aabx", L"x"), 3);
	wcscpy(a, L"a,b,,c");
	t = wcstok(a, L",", &save);
	CHECK(t && wcscmp(t, L"a") == 0);
	t = wcstok(NULL, L",", &save);
	CHECK(t && wcscmp(t, L"b") == 0);
	t = wcstok(NULL, L",", &save);
	CHECK(t && wcscmp(t, L"c") == 0);
	CHECK(wcstok(NULL, L",", &save) == NULL);
	CHECK_INT(wcstol(L"  -42xyz", &t, 10), -42);
	CHECK(*t == 'x');
	CHECK(wcstod(L"2.5", NULL) == 2.5);
	wmemset(a, 'q', 3);
	CHECK(wmemcmp(a, L"qqq", 3) == 0);
}

/* printf's %lc and %ls write UTF-8. */
static void test_printf_wide(void)
{
	char b[32];

	CHECK_INT(snprintf(b, sizeof(b), "%ls", L"h\u00e9"), 3);
	CHECK_STR(b, "h\xc3\xa9");
	CHECK_INT(snprintf(b, sizeof(b), "[%5ls]", L"\u00e9"), 7);
	CHECK_STR(b, "[   \xc3\xa9]");
	CHECK_INT(snprintf(b, sizeof(b), "[%-4ls]", L"ab"), 6);
	CHECK_STR(b, "[ab  ]");
	/* the precision counts bytes and never splits a character */
	CHECK_INT(snprintf(b, sizeof(b), "%.3ls", L"\u00e9\u00e9"), 2);
	CHECK_STR(b, "\xc3\xa9");
	CHECK_INT(snprintf(b, sizeof(b), "%lc%C", (wint_t)0x20ac, (wint_t)'x'), 4);
	CHECK_STR(b, "\xe2\x82\xacx");
	CHECK_INT(snprintf(b, sizeof(b), "%S", L"ok"), 2);
	CHECK_STR(b, "ok");
	{
		const wchar_t *volatile none = NULL;	/* hidden from gcc's check */
		CHECK_INT(snprintf(b, sizeof(b), "%ls", none), 6);
	}
	errno = 0;
	CHECK(snprintf(b, sizeof(b), "%lc", (wint_t)0xd800) == -1 && errno == EILSEQ);
}

/* swprintf and fwprintf: widths and precisions count characters. */
static void test_wprintf(void)
{
	wchar_t w[32];
	char buf[32];
	FILE *f;

	CHECK_INT(swprintf(w, 32, L"%d-%ls", 42, L"h\u00e9"), 5);
	CHECK(wcscmp(w, L"42-h\u00e9") == 0);
	CHECK_INT(swprintf(w, 32, L"[%5ls]", L"\u00e9"), 7);
	CHECK(wcscmp(w, L"[    \u00e9]") == 0);
	CHECK_INT(swprintf(w, 32, L"[%-3s]", "\xc3\xa9"), 5);
	CHECK(wcscmp(w, L"[\u00e9  ]") == 0);
	CHECK_INT(swprintf(w, 32, L"%.1s|", "\xc3\xa9z"), 2);
	CHECK(wcscmp(w, L"\u00e9|") == 0);
	CHECK_INT(swprintf(w, 32, L"%.2f %x %c", 3.14159, 255u, 'q'), 9);
	CHECK(wcscmp(w, L"3.14 ff q") == 0);
	CHECK_INT(swprintf(w, 4, L"%s", "toolong"), -1);
	memset(buf, 0, sizeof(buf));
	f = fmemopen(buf, sizeof(buf), "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	CHECK_INT(fwprintf(f, L"%lc=%d", (wint_t)0x20ac, 5), 3);
	fclose(f);
	CHECK_STR(buf, "\xe2\x82\xac=5");
}

/* scanf's %lc/%ls read UTF-8; swscanf reads wide strings. */
static void test_wscanf(void)
{
	wchar_t ws[16], wc = 0;
	double d = 0;
	int k = 0;

	CHECK_INT(sscanf("h\xc3\xa9llo w", "%ls", ws), 1);
	CHECK(wcscmp(ws, L"h\u00e9llo") == 0);
	CHECK_INT(sscanf("\xe2\x82\xac!", "%lc", &wc), 1);
	CHECK_INT(wc, 0x20ac);
	CHECK_INT(sscanf("ab\xff", "%3ls", ws), 0);	/* a bad byte */
	CHECK_INT(swscanf(L"42 \u00e9t\u00e9 x", L"%d %ls", &k, ws), 2);
	CHECK(k == 42 && wcscmp(ws, L"\u00e9t\u00e9") == 0);
	CHECK_INT(swscanf(L"3.5", L"%lf", &d), 1);
	CHECK(d == 3.5);
	CHECK_INT(swscanf(L"", L"%d", &k), EOF);
}

static void test_wctype(void)
{
	CHECK(iswalpha('a') && iswalpha('Z') && !iswalpha('1') && !iswalpha(' '));
	CHECK(iswalpha(0xe9) && iswalpha(0x3bb) && iswalpha(0x416) && iswalpha(0x4e2d));
	CHECK(!iswalpha(0x20ac) && iswpunct(0x20ac));
	CHECK(iswdigit('7') && !iswdigit(0x663));
	CHECK(iswspace(' ') && iswspace('\n') && iswspace(0x3000) && !iswspace(0xa0));
	CHECK(iswupper(0xc9) && iswlower(0xe9) && !iswupper(0xe9));
	CHECK_INT(towupper(0xe9), 0xc9);
	CHECK_INT(towlower(0x416), 0x436);
	CHECK_INT(towupper(0x3bb), 0x39b);
	CHECK_INT(towupper(0x101), 0x100);
	CHECK_INT(towlower(0x139), 0x13a);
	CHECK_INT(towupper('q'), 'Q');
	CHECK_INT(towupper(0xff), 0x178);
	CHECK(iswcntrl(0x85) && !iswprint(0x85) && iswprint(0xe9));
	CHECK(iswctype('x', wctype("alpha")) && !iswctype('1', wctype("alpha")));
	CHECK(wctype("bogus") == 0);
	CHECK_INT(towctrans('a', wctrans("toupper")), 'A');
	CHECK_INT(wcwidth('a'), 1);
	CHECK_INT(wcwidth(0x4e2d), 2);
	CHECK_INT(wcwidth(0x301), 0);
	CHECK_INT(wcwidth(0x7), -1);
	CHECK_INT(wcswidth(L"a\u4e2d\u0301b", 10), 4);
}

static void test_iconv(void)
{
	char in[32], out[32], *ip, *op;
	size_t il, ol, r;
	iconv_t cd;

	cd = iconv_open("ISO-8859-1", "UTF-8");
	CHECK(cd != (iconv_t)-1);
	snprintf(in, sizeof(in), "caf\xc3\xa9");
	ip = in; il = 5; op = out; ol = sizeof(out);
	r = iconv(cd, &ip, &il, &op, &ol);
	CHECK_INT(r, 0);
	CHECK_INT(il, 0);
	CHECK_INT(op - out, 4);
	CHECK(memcmp(out, "caf\xe9", 4) == 0);
	/* € has no Latin-1 form: EILSEQ, in left at it */
	snprintf(in, sizeof(in), "a\xe2\x82\xac");
	ip = in; il = 4; op = out; ol = sizeof(out);
	errno = 0;
	CHECK_INT(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	CHECK_INT(errno, EILSEQ);
	CHECK(ip == in + 1 && il == 3);
	/* an incomplete sequence at the end: EINVAL */
	ip = in + 1; il = 2; op = out; ol = sizeof(out);
	errno = 0;
	CHECK_INT(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	CHECK_INT(errno, EINVAL);
	/* no room: E2BIG */
	snprintf(in, sizeof(in), "abc");
	ip = in; il = 3; op = out; ol = 2;
	errno = 0;
	CHECK_INT(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	CHECK_INT(errno, E2BIG);
	CHECK_INT(il, 1);
	CHECK_INT(iconv(cd, NULL, NULL, NULL, NULL), 0);
	CHECK_INT(iconv_close(cd), 0);

	cd = iconv_open("UTF-8", "latin1");
	CHECK(cd != (iconv_t)-1);
	ip = in; il = 2; op = out; ol = sizeof(out);
	in[0] = (char)0xe9; in[1] = 'x';
	CHECK_INT(iconv(cd, &ip, &il, &op, &ol), 0);
	CHECK(op - out == 3 && memcmp(out, "\xc3\xa9x", 3) == 0);
	iconv_close(cd);

	cd = iconv_open("ASCII//TRANSLIT", "UTF-8");
	CHECK(cd != (iconv_t)-1);
	snprintf(in, sizeof(in), "a\xc3\xa9z");
	ip = in; il = 4; op = out; ol = sizeof(out);
	CHECK_INT(iconv(cd, &ip, &il, &op, &ol), 1);
	CHECK(op - out == 3 && memcmp(out, "a?z", 3) == 0);
	iconv_close(cd);

	cd = iconv_open("ASCII", "UTF-8");
	snprintf(in, sizeof(in), "\xff");
	ip = in; il = 1; op = out; ol = sizeof(out);
	errno = 0;
	CHECK_INT(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	CHECK_INT(errno, EILSEQ);
	iconv_close(cd);

	errno = 0;
	CHECK(iconv_open("EBCDIC", "UTF-8") == (iconv_t)-1 && errno == EINVAL);
}

int main(void)
{
	test_locale();
	test_mb();
	test_wcs();
	test_printf_wide();
	test_wprintf();
	test_wscanf();
	test_wctype();
	test_iconv();
	return finish();
}
