/* stdlib.h - memory, numbers from strings, sorting, environment, exit. */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <features.h>
#include <stddef.h>

__BEGIN_DECLS

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1
#define RAND_MAX	0x7fffffff
#define MB_CUR_MAX	4	/* UTF-8 */

typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
typedef struct { long long quot, rem; } lldiv_t;

void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void *reallocarray(void *p, size_t n, size_t size);
void free(void *p);
void *aligned_alloc(size_t align, size_t n);
int posix_memalign(void **p, size_t align, size_t n);
size_t malloc_usable_size(void *p);

long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end, int base);
double strtod(const char *restrict s, char **restrict end);
float strtof(const char *restrict s, char **restrict end);
long double strtold(const char *restrict s, char **restrict end);
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
double atof(const char *s);

int abs(int x);
long labs(long x);
long long llabs(long long x);
div_t div(int a, int b);
ldiv_t ldiv(long a, long b);
lldiv_t lldiv(long long a, long long b);

void qsort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));
void qsort_r(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *, void *), void *arg);
void *bsearch(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

int rand(void);
int rand_r(unsigned *seed);
void srand(unsigned seed);
long random(void);
void srandom(unsigned seed);

extern char **environ;
char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int putenv(char *s);
int clearenv(void);

int atexit(void (*fn)(void));
int at_quick_exit(void (*fn)(void));
__noreturn void quick_exit(int status);
__noreturn void exit(int status);
__noreturn void _Exit(int status);
__noreturn void abort(void);
int system(const char *cmd);

char *realpath(const char *restrict path, char *restrict resolved);
int mkstemp(char *tmpl);
char *mkdtemp(char *tmpl);
int mkostemp(char *tmpl, int flags);
int mkstemps(char *tmpl, int suffixlen);
int mkostemps(char *tmpl, int suffixlen, int flags);
double drand48(void);
double erand48(unsigned short x[3]);
long lrand48(void);
long nrand48(unsigned short x[3]);
long mrand48(void);
long jrand48(unsigned short x[3]);
void srand48(long seed);
unsigned short *seed48(unsigned short s[3]);
void lcong48(unsigned short p[7]);

/* Multibyte characters: UTF-8 (src/wchar/mb.c). */
int mblen(const char *s, size_t n);
int mbtowc(wchar_t *restrict pwc, const char *restrict s, size_t n);
int wctomb(char *s, wchar_t wc);
size_t mbstowcs(wchar_t *restrict dst, const char *restrict src, size_t n);
size_t wcstombs(char *restrict dst, const wchar_t *restrict src, size_t n);

__END_DECLS

#endif
