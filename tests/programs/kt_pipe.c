/*
 * kt_pipe - the pipe ring's exact capacity and its order across the wrap
 * point.  A non-blocking writer fills a pipe until EAGAIN: it must hold
 * exactly PIPE_CAPACITY bytes (an off-by-one lets a 65,537th byte land
 * over the oldest unread one).  Then reads and writes move the ring's
 * ends past its end several times, and every byte must come back in the
 * order it went in.
 */
#define NAME "kt_pipe"
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#define PIPE_CAPACITY 65536	/* core/pipe.c's ring */

/* Byte i of the stream: period 251 (prime), so a slip of any length
 * below it shows. */
static unsigned char
pattern(unsigned long i)
{
	return (unsigned char)(i % 251);
}

/* Writes until the pipe is full; returns how many bytes went in. */
static unsigned long
fill(int fd, unsigned long *next)
{
	unsigned char buf[1000];
	unsigned long total = 0;
	size_t chunk = sizeof buf;

	for (;;) {
		for (size_t i = 0; i < chunk; i++)
			buf[i] = pattern(*next + i);
		ssize_t n = write(fd, buf, chunk);
		if (n < 0) {
			CHECK(errno == EAGAIN);
			if (chunk == 1)
				return total;
			chunk = 1;	/* top it up byte by byte */
			continue;
		}
		CHECK(n > 0 && (size_t)n <= chunk);
		if (n <= 0)
			return total;
		*next += (unsigned long)n;
		total += (unsigned long)n;
	}
}

/* Reads up to want bytes and checks each; returns how many came. */
static unsigned long
drain(int fd, unsigned long want, unsigned long *next)
{
	unsigned char buf[777];
	unsigned long got = 0;

	while (got < want) {
		size_t ask = want - got < sizeof buf ? want - got : sizeof buf;
		ssize_t n = read(fd, buf, ask);
		if (n <= 0) {
			CHECK(n < 0 && errno == EAGAIN);
			break;
		}
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != pattern(*next + (unsigned long)i)) {
				printf("%s: FAIL byte %lu is %u, want %u\n", NAME,
				    *next + (unsigned long)i, buf[i],
				    pattern(*next + (unsigned long)i));
				CHECK(0);
				return got;
			}
		}
		*next += (unsigned long)n;
		got += (unsigned long)n;
	}
	return got;
}

int
main(void)
{
	int fds[2];
	unsigned long wnext = 0, rnext = 0;
	char c;

	CHECK(pipe(fds) == 0);
	CHECK(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
	CHECK(fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0);

	CHECK(read(fds[0], &c, 1) == -1 && errno == EAGAIN);
	CHECK_INT(fill(fds[1], &wnext), PIPE_CAPACITY);
	CHECK(write(fds[1], "x", 1) == -1 && errno == EAGAIN);

	/* A write of at most PIPE_BUF bytes goes in whole or not at all. */
	CHECK_INT(drain(fds[0], 100, &rnext), 100);
	{
		unsigned char buf[PIPE_BUF];
		memset(buf, 0, sizeof buf);
		CHECK(write(fds[1], buf, 101) == -1 && errno == EAGAIN);
		CHECK(write(fds[1], buf, PIPE_BUF) == -1 && errno == EAGAIN);
	}
	CHECK_INT(fill(fds[1], &wnext), 100);

	/* Move both ends around the ring, by odd amounts, five times. */
	for (int round = 0; round < 5; round++) {
		unsigned long part = 30011 + 1000 * (unsigned long)round;
		CHECK_INT(drain(fds[0], part, &rnext), part);
		CHECK_INT(fill(fds[1], &wnext), part);
		CHECK_INT(wnext - rnext, PIPE_CAPACITY);
	}
	CHECK_INT(drain(fds[0], PIPE_CAPACITY, &rnext), PIPE_CAPACITY);
	CHECK(read(fds[0], &c, 1) == -1 && errno == EAGAIN);
	CHECK_INT(rnext, wnext);

	/* With the write end closed, an empty pipe reads as end of file. */
	CHECK(close(fds[1]) == 0);
	CHECK_INT(read(fds[0], &c, 1), 0);
	CHECK(close(fds[0]) == 0);
	return finish();
}
