/* strings.h - BSD names. */
#ifndef _STRINGS_H
#define _STRINGS_H

#include <features.h>
#include <stddef.h>

__BEGIN_DECLS
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
void bzero(void *d, size_t n);
int bcmp(const void *a, const void *b, size_t n);
void bcopy(const void *s, void *d, size_t n);
int ffs(int i);
int ffsl(long i);
int ffsll(long long i);
char *index(const char *s, int c);
char *rindex(const char *s, int c);
__END_DECLS

#endif
