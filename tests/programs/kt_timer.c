/*
 * kt_timer - timeouts through time:N, as a Redox event loop uses them:
 * writing an absolute time to a time: file arms a one-shot timeout, and an
 * event: queue watching the file reports it when the time has passed (not
 * before).  Several timeouts on one file fire in order; the realtime clock
 * works too; a closed file's timeouts never fire; bad times are EINVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <redox.h>

#define MS 1000000ll

static int bad;

static void
check(const char *what, int ok)
{
	if (!ok) {
		printf("kt_timer: FAIL %s (errno %d)\n", what, errno);
		bad = 1;
	}
}

static long long
now(int fd)
{
	struct redox_timespec ts;
	if (read(fd, &ts, sizeof ts) != sizeof ts)
		return -1;
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static int
arm(int fd, long long at)
{
	struct redox_timespec ts = { at / 1000000000ll, (int)(at % 1000000000ll), 0 };
	return write(fd, &ts, sizeof ts) == sizeof ts;
}

/* Waits for one event; returns its cookie, or -1. */
static long long
wait_event(int q)
{
	struct redox_event ev;
	if (read(q, &ev, sizeof ev) != sizeof ev || !(ev.flags & EVENT_READ))
		return -1;
	return (long long)ev.data;
}

int
main(void)
{
	int q = open("event:", O_RDWR);
	int mono = open("time:4", O_RDWR);
	int real = open("time:1", O_RDWR);
	check("open event: and time:", q >= 0 && mono >= 0 && real >= 0);
	struct redox_event w = { (uint64_t)mono, EVENT_READ, 4 };
	check("watch time:4", write(q, &w, sizeof w) == sizeof w);
	w = (struct redox_event){ (uint64_t)real, EVENT_READ, 1 };
	check("watch time:1", write(q, &w, sizeof w) == sizeof w);

	/* One timeout: not before its time. */
	long long t0 = now(mono);
	check("arm +30 ms", arm(mono, t0 + 30 * MS));
	check("the event comes", wait_event(q) == 4);
	long long t1 = now(mono);
	check("not before the deadline", t1 >= t0 + 30 * MS);
	check("nor long after (under 2 s)", t1 < t0 + 2000 * MS);

	/* Two on one file, armed out of order: two events, in time order. */
	t0 = now(mono);
	check("arm +60 ms and +20 ms", arm(mono, t0 + 60 * MS) && arm(mono, t0 + 20 * MS));
	check("first event", wait_event(q) == 4);
	t1 = now(mono);
	check("the earlier one first", t1 >= t0 + 20 * MS && t1 < t0 + 60 * MS);
	check("second event", wait_event(q) == 4);
	check("then the later one", now(mono) >= t0 + 60 * MS);

	/* A time already past fires at once. */
	check("arm in the past", arm(mono, 1));
	check("fires at once", wait_event(q) == 4);

	/* The realtime clock. */
	t0 = now(real);
	long long m0 = now(mono);
	check("arm realtime +25 ms", arm(real, t0 + 25 * MS));
	check("realtime event", wait_event(q) == 1);
	check("after 25 ms", now(mono) >= m0 + 24 * MS);

	/* A closed file's timeout never fires; the queue stays quiet. */
	int gone = open("time:4", O_RDWR);
	w = (struct redox_event){ (uint64_t)gone, EVENT_READ, 99 };
	check("watch a second file", gone >= 0 && write(q, &w, sizeof w) == sizeof w);
	t0 = now(mono);
	check("arm it +10 ms, then close it", arm(gone, t0 + 10 * MS) && close(gone) == 0);
	check("arm the kept one +40 ms", arm(mono, t0 + 40 * MS));
	check("only the kept one reports", wait_event(q) == 4);
	check("at +40 ms", now(mono) >= t0 + 40 * MS);

	/* Bad input. */
	struct redox_timespec ts = { 0, 1000000000, 0 };
	errno = 0;
	check("tv_nsec 1e9 is EINVAL", write(mono, &ts, sizeof ts) == -1 && errno == EINVAL);
	errno = 0;
	check("a short write is EINVAL", write(mono, &ts, 5) == -1 && errno == EINVAL);
	errno = 0;
	check("time:7 does not exist", open("time:7", O_RDONLY) == -1 && errno == ENOENT);
	char path[32];
	ssize_t n = redox_fpath(mono, path, sizeof path);
	check("fpath names the clock", n == 6 && memcmp(path, "time:4", 6) == 0);

	/* A far future is accepted and never fires while we look. */
	ts = (struct redox_timespec){ 0x7fffffffffffffffll, 0, 0 };
	check("arm the far future", write(mono, &ts, sizeof ts) == sizeof ts);
	int nq = open("event:", O_RDWR | O_NONBLOCK);
	w = (struct redox_event){ (uint64_t)mono, EVENT_READ, 5 };
	struct redox_event got;
	check("watch again, non-blocking", nq >= 0 && write(nq, &w, sizeof w) == sizeof w);
	usleep(20000);
	errno = 0;
	check("nothing pending", read(nq, &got, sizeof got) == -1 && errno == EAGAIN);

	/* The cap: a file holds at most 64 armed timeouts. */
	int capped = open("time:4", O_RDWR);
	int armed = 0;
	for (int i = 0; i < 100; i++) {
		ts = (struct redox_timespec){ 1000000000ll, 0, 0 };
		if (write(capped, &ts, sizeof ts) != sizeof ts)
			break;
		armed++;
	}
	check("64 armed, then EAGAIN", armed == 64 && errno == EAGAIN);
	check("close frees them", close(capped) == 0);

	printf(bad ? "kt_timer: FAILED\n" : "kt_timer: timeouts ok\n");
	return bad;
}
