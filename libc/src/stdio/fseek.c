/* Positioning streams. */
#include <errno.h>
#include <unistd.h>
#include "stdio_impl.h"

int fseeko(FILE *f, off_t off, int whence)
{
	int r = 0;

	__flock(f);
	if (f->dir == DIR_WRITE && __fflush_unlocked(f) == EOF) {
		__funlock(f);
		return -1;
	}
	/* SEEK_CUR is relative to what the caller has read, not to the fd */
	if (whence == SEEK_CUR && f->dir == DIR_READ)
		off -= (off_t)(f->rlen - f->rpos) + (f->ungot != EOF);
	if (__sseek(f, off, whence) < 0)
		r = -1;
	f->rpos = f->rlen = 0;
	f->ungot = EOF;
	f->dir = DIR_NONE;
	if (r == 0)
		f->flags &= ~F_EOF;
	__funlock(f);
	return r;
}

int fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

off_t ftello(FILE *f)
{
	off_t pos;

	__flock(f);
	pos = __sseek(f, 0, SEEK_CUR);
	if (pos >= 0) {
		if (f->dir == DIR_READ)
			pos -= (off_t)(f->rlen - f->rpos) + (f->ungot != EOF);
		else if (f->dir == DIR_WRITE)
			pos += (off_t)f->wlen;
	}
	__funlock(f);
	return pos;
}

long ftell(FILE *f)
{
	return ftello(f);
}

void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	clearerr(f);
}

int fgetpos(FILE *f, fpos_t *pos)
{
	off_t p = ftello(f);

	if (p < 0)
		return -1;
	*pos = p;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, *pos, SEEK_SET);
}
