/* wchar.h - wide characters.  wchar_t holds a Unicode code point; the
 * multibyte encoding is UTF-8 in every locale (MB_CUR_MAX is 4).  Of
 * the wide scanf family only swscanf/vswscanf are here. */
#ifndef _WCHAR_H
#define _WCHAR_H

#include <features.h>
#define __need_wchar_t
#define __need_wint_t
#define __need_size_t
#define __need_NULL
#include <stddef.h>
#include <stdio.h>
#include <stdarg.h>

#ifndef WEOF
#define WEOF ((wint_t)-1)
#endif
#define WCHAR_MIN	(-2147483647 - 1)
#define WCHAR_MAX	2147483647

/* A partly decoded UTF-8 sequence: the bytes seen so far. */
typedef struct {
	unsigned char __bytes[4];
	unsigned __count;
} mbstate_t;

struct tm;

__BEGIN_DECLS
size_t mbrtowc(wchar_t *restrict pwc, const char *restrict s, size_t n, mbstate_t *restrict ps);
size_t wcrtomb(char *restrict s, wchar_t wc, mbstate_t *restrict ps);
size_t mbrlen(const char *restrict s, size_t n, mbstate_t *restrict ps);
int mbsinit(const mbstate_t *ps);
wint_t btowc(int c);
int wctob(wint_t c);
size_t mbsrtowcs(wchar_t *restrict dst, const char **restrict src, size_t n, mbstate_t *restrict ps);
size_t mbsnrtowcs(wchar_t *restrict dst, const char **restrict src, size_t nms, size_t n,
    mbstate_t *restrict ps);
size_t wcsrtombs(char *restrict dst, const wchar_t **restrict src, size_t n, mbstate_t *restrict ps);
size_t wcsnrtombs(char *restrict dst, const wchar_t **restrict src, size_t nwc, size_t n,
    mbstate_t *restrict ps);

size_t wcslen(const wchar_t *s);
size_t wcsnlen(const wchar_t *s, size_t n);
int wcscmp(const wchar_t *a, const wchar_t *b);
int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n);
int wcscasecmp(const wchar_t *a, const wchar_t *b);
int wcsncasecmp(const wchar_t *a, const wchar_t *b, size_t n);
int wcscoll(const wchar_t *a, const wchar_t *b);
size_t wcsxfrm(wchar_t *restrict d, const wchar_t *restrict s, size_t n);
wchar_t *wcscpy(wchar_t *restrict d, const wchar_t *restrict s);
wchar_t *wcsncpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n);
wchar_t *wcpcpy(wchar_t *restrict d, const wchar_t *restrict s);
wchar_t *wcpncpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n);
wchar_t *wcscat(wchar_t *restrict d, const wchar_t *restrict s);
wchar_t *wcsncat(wchar_t *restrict d, const wchar_t *restrict s, size_t n);
size_t wcslcpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n);
size_t wcslcat(wchar_t *restrict d, const wchar_t *restrict s, size_t n);
wchar_t *wcsdup(const wchar_t *s);
wchar_t *wcschr(const wchar_t *s, wchar_t c);
wchar_t *wcsrchr(const wchar_t *s, wchar_t c);
wchar_t *wcsstr(const wchar_t *restrict h, const wchar_t *restrict n);
size_t wcsspn(const wchar_t *s, const wchar_t *accept);
size_t wcscspn(const wchar_t *s, const wchar_t *reject);
wchar_t *wcspbrk(const wchar_t *s, const wchar_t *accept);
wchar_t *wcstok(wchar_t *restrict s, const wchar_t *restrict delim, wchar_t **restrict save);
wchar_t *wmemcpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n);
wchar_t *wmemmove(wchar_t *d, const wchar_t *s, size_t n);
wchar_t *wmemset(wchar_t *d, wchar_t c, size_t n);
wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n);
int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n);
long wcstol(const wchar_t *restrict s, wchar_t **restrict end, int base);
unsigned long wcstoul(const wchar_t *restrict s, wchar_t **restrict end, int base);
long long wcstoll(const wchar_t *restrict s, wchar_t **restrict end, int base);
unsigned long long wcstoull(const wchar_t *restrict s, wchar_t **restrict end, int base);
double wcstod(const wchar_t *restrict s, wchar_t **restrict end);
int wcwidth(wchar_t c);
int wcswidth(const wchar_t *s, size_t n);

wint_t fgetwc(FILE *f);
wint_t getwc(FILE *f);
wint_t getwchar(void);
wint_t fputwc(wchar_t c, FILE *f);
wint_t putwc(wchar_t c, FILE *f);
wint_t putwchar(wchar_t c);
wint_t ungetwc(wint_t c, FILE *f);
wchar_t *fgetws(wchar_t *restrict s, int n, FILE *restrict f);
int fputws(const wchar_t *restrict s, FILE *restrict f);
int fwide(FILE *f, int mode);

/* The wide printfs: UTF-8 on streams; widths count characters. */
int swprintf(wchar_t *restrict ws, size_t n, const wchar_t *restrict fmt, ...);
int vswprintf(wchar_t *restrict ws, size_t n, const wchar_t *restrict fmt, va_list ap);
int fwprintf(FILE *restrict f, const wchar_t *restrict fmt, ...);
int vfwprintf(FILE *restrict f, const wchar_t *restrict fmt, va_list ap);
int wprintf(const wchar_t *restrict fmt, ...);
int vwprintf(const wchar_t *restrict fmt, va_list ap);
int swscanf(const wchar_t *restrict ws, const wchar_t *restrict fmt, ...);
int vswscanf(const wchar_t *restrict ws, const wchar_t *restrict fmt, va_list ap);
__END_DECLS

#endif
