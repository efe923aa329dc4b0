/* avx2.h - the AVX2 versions of the hot string functions, used by the
 * SSE2 ones in strlen.c, strcmp.c, memcmp.c and memchr.c when the CPU
 * has AVX2 and the kernel saves its registers (private to libc). */
#ifndef LIBC_STRING_AVX2_H
#define LIBC_STRING_AVX2_H

#include <stddef.h>

/* 0: not asked yet, 1: no AVX2, 2: AVX2.  Written by __avx2_detect. */
extern int __avx2_level;
int __avx2_detect(void);

static inline int __avx2(void)
{
	int l = __avx2_level;

	return __builtin_expect(l == 2, 1) || (l == 0 && __avx2_detect());
}

size_t __strlen_avx2(const char *s);
int __strcmp_avx2(const char *a, const char *b);
int __memcmp_avx2(const void *a, const void *b, size_t n);
void *__memchr_avx2(const void *s, int c, size_t n);

#endif
