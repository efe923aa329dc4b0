/* iconv.h - converting between UTF-8, ASCII, ISO-8859-1 (Latin-1) and
 * UTF-32 in native order ("WCHAR_T", "UTF-32LE").  A "//TRANSLIT" suffix
 * on the target writes '?' for characters it cannot hold, "//IGNORE"
 * drops them; either way they count as irreversible conversions. */
#ifndef _ICONV_H
#define _ICONV_H

#include <features.h>
#include <stddef.h>

typedef struct __iconv *iconv_t;

__BEGIN_DECLS
iconv_t iconv_open(const char *tocode, const char *fromcode);
size_t iconv(iconv_t cd, char **restrict in, size_t *restrict inleft,
    char **restrict out, size_t *restrict outleft);
int iconv_close(iconv_t cd);
__END_DECLS

#endif
