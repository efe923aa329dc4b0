/*
 * unlocked.c - the *_unlocked stdio calls (the caller holds the stream
 * with flockfile, or has one thread), ftrylockfile, and tmpfile/tmpnam.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"
#include "../internal/libc.h"

int getc_unlocked(FILE *f)
{
	/* the common case inline: a read buffer with bytes left */
	if (f->dir == DIR_READ && f->ungot == EOF && f->rpos < f->rlen)
		return f->buf[f->rpos++];
	return __getc_unlocked(f);
}

int getchar_unlocked(void)
{
	return getc_unlocked(stdin);
}

int fgetc_unlocked(FILE *f)
{
	return getc_unlocked(f);
}

int putc_unlocked(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	/* the common case inline: room in a fully buffered write buffer */
	if (f->dir == DIR_WRITE && f->bufmode == _IOFBF && f->wlen + 1 < f->cap) {
		f->buf[f->wlen++] = ch;
		return ch;
	}
	return __fwrite_unlocked(&ch, 1, f) == 1 ? ch : EOF;
}

int putchar_unlocked(int c)
{
	return putc_unlocked(c, stdout);
}

int fputc_unlocked(int c, FILE *f)
{
	return putc_unlocked(c, f);
}

size_t fwrite_unlocked(const void *p, size_t size, size_t n, FILE *f)
{
	size_t total;

	if (size == 0 || n == 0)
		return 0;
	if (__builtin_mul_overflow(size, n, &total)) {
		f->flags |= F_ERR;
		errno = EOVERFLOW;
		return 0;
	}
	return __fwrite_unlocked(p, total, f) / size;
}

int fputs_unlocked(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return __fwrite_unlocked(s, n, f) == n ? 0 : EOF;
}

/* The stream lock is recursive, so these may take it again. */
size_t fread_unlocked(void *p, size_t size, size_t n, FILE *f)
{
	return fread(p, size, n, f);
}

char *fgets_unlocked(char *s, int n, FILE *f)
{
	return fgets(s, n, f);
}

int fflush_unlocked(FILE *f)
{
	return f ? __fflush_unlocked(f) : fflush(NULL);
}

int feof_unlocked(FILE *f) { return (f->flags & F_EOF) != 0; }
int ferror_unlocked(FILE *f) { return (f->flags & F_ERR) != 0; }
int fileno_unlocked(FILE *f) { return fileno(f); }
void clearerr_unlocked(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }

/* 0 when the lock is ours now (or already was), nonzero if another
 * thread holds it. */
int ftrylockfile(FILE *f)
{
	int me = __pthread_self()->tid;
	uint32_t c = 0;

	if (f->depth && f->owner == me) {
		f->depth++;
		return 0;
	}
	if (!__atomic_compare_exchange_n(&f->lock, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 1;
	f->owner = me;
	f->depth = 1;
	return 0;
}

/* A directory for temporary files: $TMPDIR if it is set, else /tmp. */
static const char *tmp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d && *d ? d : P_tmpdir;
}

/* An unlinked file: gone from the directory at once, freed at close. */
FILE *tmpfile(void)
{
	char path[PATH_MAX];
	FILE *f;
	int fd, n = snprintf(path, sizeof(path), "%s/tmpf.XXXXXX", tmp_dir());

	if (n < 0 || (size_t)n >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if ((fd = mkstemp(path)) < 0)
		return NULL;
	if (unlink(path) < 0 || (f = fdopen(fd, "w+")) == NULL) {
		int e = errno;
		unlink(path);
		close(fd);
		errno = e;
		return NULL;
	}
	return f;
}

/* A name no file has now (a race with other creators, as POSIX warns). */
char *tmpnam(char *s)
{
	static char internal[L_tmpnam];
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	static volatile uint32_t count;
	char *buf = s ? s : internal;
	int tries;

	for (tries = 0; tries < 1000; tries++) {
		uint32_t k = __atomic_fetch_add(&count, 1, __ATOMIC_RELAXED) * 7919u + (uint32_t)getpid();
		char name[8];
		int i;
		for (i = 0; i < 7; i++, k /= 36)
			name[i] = digits[k % 36];
		name[7] = '\0';
		snprintf(buf, L_tmpnam, "%s/t%s", P_tmpdir, name);
		if (access(buf, F_OK) < 0 && errno == ENOENT)
			return buf;
	}
	errno = EEXIST;
	return NULL;
}
