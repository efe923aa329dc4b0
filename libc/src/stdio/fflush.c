/* Writing out a stream's buffer; fflush(NULL) does every stream. */
#include <errno.h>
#include <unistd.h>
#include "stdio_impl.h"
#include "../internal/libc.h"

int __fflush_unlocked(FILE *f)
{
	size_t done = 0;

	while (done < f->wlen) {
		ssize_t r = __swrite(f, f->buf + done, f->wlen - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			f->flags |= F_ERR;
			/* A hard error (a pipe with no reader, a full disk)
			 * drops the rest, as glibc and musl do: kept, it came
			 * out later wherever the descriptor then pointed (a
			 * shell's builtin in a broken pipeline, on the
			 * terminal).  Only EAGAIN keeps it for a retry. */
			if (r == 0 || errno != EAGAIN) {
				f->wlen = 0;
				f->dir = DIR_NONE;
				return EOF;
			}
			if (done) {
				size_t i;
				for (i = done; i < f->wlen; i++)
					f->buf[i - done] = f->buf[i];
				f->wlen -= done;
			}
			return EOF;
		}
		done += (size_t)r;
	}
	f->wlen = 0;
	f->dir = DIR_NONE;
	return 0;
}

int fflush(FILE *f)
{
	int r = 0;

	if (f == NULL) {
		__stdio_flush_all();
		return 0;
	}
	__flock(f);
	if (f->dir == DIR_WRITE)
		r = __fflush_unlocked(f);
	else if (f->dir == DIR_READ) {
		/* give unread input back to the file, so the offset is right */
		off_t back = (off_t)(f->rlen - f->rpos) + (f->ungot != EOF);
		if (back)
			__sseek(f, -back, SEEK_CUR);
		f->rpos = f->rlen = 0;
		f->ungot = EOF;
		f->dir = DIR_NONE;
	}
	__funlock(f);
	return r;
}
