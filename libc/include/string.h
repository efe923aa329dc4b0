/* string.h - byte strings and memory blocks. */
#ifndef _STRING_H
#define _STRING_H

#include <features.h>
#include <stddef.h>

__BEGIN_DECLS

void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);
void *memmem(const void *h, size_t hn, const void *n, size_t nn);
void *mempcpy(void *restrict d, const void *restrict s, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
char *strcpy(char *restrict d, const char *restrict s);
char *strncpy(char *restrict d, const char *restrict s, size_t n);
char *stpcpy(char *restrict d, const char *restrict s);
char *stpncpy(char *restrict d, const char *restrict s, size_t n);
size_t strlcpy(char *restrict d, const char *restrict s, size_t n);
size_t strlcat(char *restrict d, const char *restrict s, size_t n);
char *strcat(char *restrict d, const char *restrict s);
char *strncat(char *restrict d, const char *restrict s, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcoll(const char *a, const char *b);
size_t strxfrm(char *restrict d, const char *restrict s, size_t n);
char *strchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *h, const char *n);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *restrict s, const char *restrict sep);
char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save);
char *strsep(char **sp, const char *sep);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strerror(int err);
int strerror_r(int err, char *buf, size_t n);
char *strsignal(int sig);

/* strings.h names, also here as glibc does */
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
void explicit_bzero(void *d, size_t n);

char *strcasestr(const char *h, const char *n);
int strverscmp(const char *a, const char *b);
__END_DECLS

#endif
