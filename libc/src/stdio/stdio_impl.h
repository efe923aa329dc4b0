/*
 * stdio_impl.h - the FILE structure, private to stdio.
 *
 * A stream's buffer is used in one direction at a time: reading (bytes
 * buf[rpos..rlen) not yet consumed) or writing (buf[0..wlen) not yet
 * written).  Switching direction flushes or drops the buffer.
 */
#ifndef STDIO_IMPL_H
#define STDIO_IMPL_H

#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>

#define F_CANREAD	0x01
#define F_CANWRITE	0x02
#define F_EOF		0x04
#define F_ERR		0x08
#define F_APPEND	0x10
#define F_OWNBUF	0x20	/* buf came from malloc */
#define F_STATIC	0x40	/* stdin/stdout/stderr: never freed */
#define F_DEFBUF	0x80	/* stdin's small static buffer, which __fill
				   swaps for a FILE_BUFSIZ one on a regular file */

/* The buffer of a stream over a regular file.  Every read or write of a
 * file is a round trip to its scheme daemon, far dearer than a Linux
 * system call, so files get bigger buffers than BUFSIZ (pipes and
 * terminals keep BUFSIZ: their reads return what is there). */
#define FILE_BUFSIZ	(64 * 1024)

#define DIR_NONE	0
#define DIR_READ	1
#define DIR_WRITE	2

/* A stream not over an fd (fmemopen, open_memstream, fopencookie):
 * the calls that stand in for read, write, lseek and close. */
struct __fileops {
	ssize_t (*read)(void *cookie, char *buf, size_t n);
	ssize_t (*write)(void *cookie, const char *buf, size_t n);
	int (*seek)(void *cookie, off_t *off, int whence);
	int (*close)(void *cookie);
};

struct __file {
	int fd;			/* -1 for a stream with ops */
	const struct __fileops *ops;
	void *cookie;
	int flags;
	int dir;
	int bufmode;		/* _IOFBF, _IOLBF, _IONBF */
	unsigned char *buf;
	size_t cap;
	size_t rpos, rlen;
	size_t wlen;
	int ungot;		/* one pushed-back char, or EOF */
	pid_t pid;		/* popen's child, or 0 */
	volatile uint32_t lock;
	int owner;		/* tid holding lock, for flockfile nesting */
	unsigned depth;
	struct __file *next;	/* all open streams, for fflush(NULL) */
};

/* Per-stream recursive lock: flockfile may wrap stdio calls. */
void __flock(FILE *f);
void __funlock(FILE *f);

/* Unlocked workers (the caller holds the stream lock). */
int __fflush_unlocked(FILE *f);
size_t __fwrite_unlocked(const void *p, size_t n, FILE *f);
int __fill(FILE *f);			/* refill the read buffer; EOF at end */
int __getc_unlocked(FILE *f);
int __to_read(FILE *f);
int __getbuf(FILE *f);			/* give f a buffer if it has none */
size_t __bufsize(int fd);		/* FILE_BUFSIZ for a regular file, else BUFSIZ */
int __parse_mode(const char *mode, int *oflags);
FILE *__fdopen_flags(int fd, int sflags);
FILE *__fopen_ops(const struct __fileops *ops, void *cookie, int sflags);
/* The stream's read, write, lseek and close: the fd's or the ops'. */
ssize_t __sread(FILE *f, void *buf, size_t n);
ssize_t __swrite(FILE *f, const void *buf, size_t n);
off_t __sseek(FILE *f, off_t off, int whence);
int __sclose(FILE *f);
void __add_stream(FILE *f);
void __remove_stream(FILE *f);

/* The printf engine: formats into any sink. */
struct sink {
	void (*put)(struct sink *s, const char *p, size_t n);
	size_t count;		/* bytes produced so far */
	int error;
	/* for the wide printfs (output UTF-8, turned into wchar_t after):
	 * widths and string precisions count characters, not bytes */
	int wide;
};
int __vformat(struct sink *s, const char *fmt, va_list ap);

#endif
