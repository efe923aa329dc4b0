/*
 * kt_event - readiness through event:: a queue watching a pipe's read end
 * and a scheme daemon's file wakes when data arrives, with the cookie the
 * program gave; registering on a ready fd reports it at once; flags 0
 * removes a watch; O_NONBLOCK reads of an empty queue say EAGAIN.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <redox.h>

static int bad;

static void
check(const char *what, int ok)
{
	if (!ok) {
		printf("kt_event: FAIL %s (errno %d)\n", what, errno);
		bad = 1;
	}
}

int
main(void)
{
	int q = open("event:", O_RDWR);
	int p[2];
	check("open event:", q >= 0);
	check("pipe", pipe(p) == 0);
	struct redox_event ev = { (uint64_t)p[0], EVENT_READ, 0x1234 }, got[4];
	check("watch the pipe", write(q, &ev, sizeof ev) == sizeof ev);

	int nq = open("event:", O_RDWR | O_NONBLOCK);
	struct redox_event ev2 = { (uint64_t)p[0], EVENT_READ, 7 };
	check("second queue watches too", write(nq, &ev2, sizeof ev2) == sizeof ev2);
	check("empty non-blocking queue says EAGAIN",
	    read(nq, got, sizeof got) == -1 && errno == EAGAIN);

	check("write to the pipe", write(p[1], "x", 1) == 1);
	ssize_t n = read(q, got, sizeof got);
	check("the queue reports one event", n == sizeof got[0]);
	check("with our fd, flags and cookie", got[0].id == (uint64_t)p[0] &&
	    (got[0].flags & EVENT_READ) && got[0].data == 0x1234);
	check("the second queue too", read(nq, got, sizeof got) == sizeof got[0] && got[0].data == 7);

	/* Already readable when registered: reported at once. */
	int z = open("zero:", O_RDONLY);
	struct redox_event ez = { (uint64_t)z, EVENT_READ, 99 };
	check("watch zero: (always ready)", z >= 0 && write(nq, &ez, sizeof ez) == sizeof ez);
	check("reported at registration", read(nq, got, sizeof got) == sizeof got[0] && got[0].data == 99);

	/* flags 0 removes the watch. */
	ev2.flags = 0;
	check("remove the pipe watch", write(nq, &ev2, sizeof ev2) == sizeof ev2);
	char c;
	check("drain", read(p[0], &c, 1) == 1);
	check("write again", write(p[1], "y", 1) == 1);
	n = read(nq, got, sizeof got);
	check("a removed watch stays quiet", n == -1 || got[0].data != 7);
	check("watching a bad fd is EBADF", write(q, &(struct redox_event){ 999, EVENT_READ, 0 },
	    sizeof ev) == -1 && errno == EBADF);
	printf(bad ? "kt_event: FAILED\n" : "kt_event: readiness ok\n");
	return bad;
}
