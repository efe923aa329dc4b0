/* The standard streams, the list of open streams and stream locks. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"
#include "../internal/libc.h"

static unsigned char inbuf[BUFSIZ], outbuf[BUFSIZ];
static struct __file f_stdout, f_stderr;

static struct __file f_stdin = {
	.fd = 0, .flags = F_CANREAD | F_STATIC | F_DEFBUF, .bufmode = _IOFBF,
	.buf = inbuf, .cap = sizeof(inbuf), .ungot = EOF, .next = &f_stdout,
};
/* stdout is line buffered even into a pipe: output shows up in order with
 * other processes' (tests read the console). */
static struct __file f_stdout = {
	.fd = 1, .flags = F_CANWRITE | F_STATIC, .bufmode = _IOLBF,
	.buf = outbuf, .cap = sizeof(outbuf), .ungot = EOF, .next = &f_stderr,
};
static struct __file f_stderr = {
	.fd = 2, .flags = F_CANWRITE | F_STATIC, .bufmode = _IONBF,
	.ungot = EOF,
};

FILE *const stdin = &f_stdin;
FILE *const stdout = &f_stdout;
FILE *const stderr = &f_stderr;

static FILE *streams = &f_stdin;	/* f_stdin -> f_stdout -> f_stderr */
static volatile uint32_t list_lock;

void __add_stream(FILE *f)
{
	__lock(&list_lock);
	f->next = streams;
	streams = f;
	__unlock(&list_lock);
}

void __remove_stream(FILE *f)
{
	FILE **pp;

	__lock(&list_lock);
	for (pp = &streams; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	}
	__unlock(&list_lock);
}

void __stdio_flush_all(void)
{
	FILE *f;

	__lock(&list_lock);
	for (f = streams; f != NULL; f = f->next) {
		__flock(f);
		if (f->dir == DIR_WRITE)
			__fflush_unlocked(f);
		__funlock(f);
	}
	__unlock(&list_lock);
}

void __flock(FILE *f)
{
	int me = __pthread_self()->tid;

	if (f->depth && f->owner == me) {
		f->depth++;
		return;
	}
	__lock(&f->lock);
	f->owner = me;
	f->depth = 1;
}

void __funlock(FILE *f)
{
	if (--f->depth == 0) {
		f->owner = 0;
		__unlock(&f->lock);
	}
}

ssize_t __sread(FILE *f, void *buf, size_t n)
{
	if (f->ops == NULL)
		return read(f->fd, buf, n);
	if (f->ops->read == NULL) {
		errno = EBADF;
		return -1;
	}
	return f->ops->read(f->cookie, buf, n);
}

ssize_t __swrite(FILE *f, const void *buf, size_t n)
{
	if (f->ops == NULL)
		return write(f->fd, buf, n);
	if (f->ops->write == NULL) {
		errno = EBADF;
		return -1;
	}
	return f->ops->write(f->cookie, buf, n);
}

off_t __sseek(FILE *f, off_t off, int whence)
{
	if (f->ops == NULL)
		return lseek(f->fd, off, whence);
	if (f->ops->seek == NULL) {
		errno = ESPIPE;
		return -1;
	}
	return f->ops->seek(f->cookie, &off, whence) < 0 ? -1 : off;
}

int __sclose(FILE *f)
{
	if (f->ops == NULL)
		return close(f->fd);
	return f->ops->close ? f->ops->close(f->cookie) : 0;
}

void flockfile(FILE *f) { __flock(f); }
void funlockfile(FILE *f) { __funlock(f); }

int fileno(FILE *f)
{
	if (f->fd < 0)
		errno = EBADF;	/* a memory or cookie stream */
	return f->fd;
}
int feof(FILE *f) { return (f->flags & F_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & F_ERR) != 0; }

void clearerr(FILE *f)
{
	__flock(f);
	f->flags &= ~(F_EOF | F_ERR);
	__funlock(f);
}
