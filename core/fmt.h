/* fmt.h - bounded printf-style formatting for the core. */
#ifndef CORE_FMT_H
#define CORE_FMT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Formats into buf (always NUL-terminated when cap > 0) and returns the
 * length the whole output would have.  Conversions: d i u x X o p s c %,
 * flags '-', '0' and '#', width and precision (also '*'), length l ll z.
 */
size_t fmt_vformat(char *buf, size_t cap, const char *fmt, va_list ap);
size_t fmt_format(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
