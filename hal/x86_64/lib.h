/*
 * lib.h - the small C library the kernel needs: the mem* functions the
 * core and the compiler call, string helpers and a printf for HAL messages
 * (the HAL does not call back into the core's log).
 */
#ifndef HAL_X86_64_LIB_H
#define HAL_X86_64_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

size_t x86_strlen(const char *s);
int x86_strncmp(const char *a, const char *b, size_t n);

/* printf to the serial console: %s %c %d %u %x %lx %lu %ld %p %%, width/0 pad. */
void x86_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void x86_vprintf(const char *fmt, va_list ap);

/* A broken HAL invariant: prints, dumps a backtrace and halts. */
_Noreturn void x86_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
