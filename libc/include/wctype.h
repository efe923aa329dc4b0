/* wctype.h - classifying and mapping wide characters: ASCII exactly,
 * beyond it the letters of the Latin, Greek, Cyrillic, Armenian, Hebrew,
 * Arabic, Indic, Thai, kana, Hangul and CJK blocks, and case mapping for
 * Latin-1, Latin Extended-A, Greek and Cyrillic (src/wchar/wctype.c). */
#ifndef _WCTYPE_H
#define _WCTYPE_H

#include <features.h>
#define __need_wint_t
#include <stddef.h>

#ifndef WEOF
#define WEOF ((wint_t)-1)
#endif

typedef unsigned long wctype_t;
typedef int wctrans_t;

__BEGIN_DECLS
int iswalnum(wint_t c);
int iswalpha(wint_t c);
int iswblank(wint_t c);
int iswcntrl(wint_t c);
int iswdigit(wint_t c);
int iswgraph(wint_t c);
int iswlower(wint_t c);
int iswprint(wint_t c);
int iswpunct(wint_t c);
int iswspace(wint_t c);
int iswupper(wint_t c);
int iswxdigit(wint_t c);
wint_t towlower(wint_t c);
wint_t towupper(wint_t c);
wctype_t wctype(const char *name);
int iswctype(wint_t c, wctype_t t);
wctrans_t wctrans(const char *name);
wint_t towctrans(wint_t c, wctrans_t t);
__END_DECLS

#endif
