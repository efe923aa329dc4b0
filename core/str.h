/* str.h - the few string and memory helpers the core needs (no libc). */
#ifndef CORE_STR_H
#define CORE_STR_H

#include <stdbool.h>
#include <stddef.h>

/* The compiler may emit these; each backend supplies them. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* A string literal and its length, for the (pointer, length) calls. */
#define STR_LIT(s) (s), (sizeof(s) - 1)

size_t str_len(const char *s);
size_t str_nlen(const char *s, size_t max);
bool str_eq(const char *a, const char *b);
/* Equal to the first n bytes of b, and b has exactly n bytes. */
bool str_eqn(const char *a, size_t n, const char *b);
/* Copies at most cap-1 bytes and NUL-terminates; returns the bytes copied. */
size_t str_copy(char *dst, size_t cap, const char *src, size_t n);
const char *str_chr(const char *s, size_t n, char c);
/* Parses a decimal number in s[0..n); -1 if it is not one. */
long str_to_long(const char *s, size_t n);

/* True if word appears in the space-separated list s. */
bool str_has_word(const char *s, const char *word);

#endif
