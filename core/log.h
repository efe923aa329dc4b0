/* log.h - the kernel log: console output plus a ring for sys:log. */
#ifndef CORE_LOG_H
#define CORE_LOG_H

#include <stddef.h>

void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes raw bytes to the console without logging them. */
void log_console(const char *buf, size_t len);
/* Copies the log from byte offset off; returns bytes copied. */
size_t log_read(size_t off, char *buf, size_t len);
size_t log_size(void);
/* A broken kernel invariant: prints and powers off with status 70. */
_Noreturn void log_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
