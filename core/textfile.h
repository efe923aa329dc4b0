/*
 * textfile.h - read-only files whose text is made when they are opened
 * (sys:context, sys:scheme, ":" ...).  The handle is the buffer.
 */
#ifndef CORE_TEXTFILE_H
#define CORE_TEXTFILE_H

#include <stddef.h>
#include <stdint.h>

struct file;
struct redox_stat;

struct textbuf {
	char *data;
	size_t len, cap;
};

/* Appends formatted text; grows as needed (drops text if out of memory). */
void text_printf(struct textbuf *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void text_append(struct textbuf *t, const char *s, size_t n);
/* The handle for a finished buffer (moved into it), or 0 if no memory. */
uint64_t text_handle(struct textbuf *t);
long text_read(struct file *f, void *buf, size_t len);
/* At off, leaving f->pos alone. */
long text_pread(struct file *f, void *buf, size_t len, uint64_t off);
long text_seek(struct file *f, int64_t off, int whence);
int text_fstat(struct file *f, struct redox_stat *st, uint16_t mode);
void text_close(uint64_t handle);

#endif
