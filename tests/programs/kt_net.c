/*
 * kt_net - network: as the stack daemon sees it.  Run as root with a NIC
 * whose other end (tests/system/net-peer.py) answers frames of the local
 * experimental EtherType 0x88b5:
 *   network:mac gives 6 bytes; network: has one holder (EBUSY) and only
 *   root (EACCES as uid 1000); short and huge frames are refused; a
 *   frame we send comes back from the peer with its payload answered;
 *   O_NONBLOCK reads give EAGAIN when nothing waits; event: reports the
 *   answer as readable.
 */
#include <errno.h>
#include <fcntl.h>
#include <redox.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NAME "kt_net"
#include "check.h"

#define ETYPE 0x88b5

static int
make_frame(uint8_t *f, const uint8_t dst[6], const uint8_t src[6], const char *text)
{
	size_t n = strlen(text);
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = ETYPE >> 8;
	f[13] = ETYPE & 0xff;
	memcpy(f + 14, text, n);
	return (int)(14 + n);
}

/* Sends frame and waits for our answer (EtherType 0x88b5), sending again
 * every half second (the peer may not listen yet, frames may drop);
 * Linux's own frames (IPv6 router solicitations...) are skipped.  fd is
 * non-blocking.  The answer's length, or -errno. */
static int
exchange(int fd, const uint8_t *frame, int n, uint8_t *buf, size_t cap)
{
	struct timespec pause = { 0, 10 * 1000 * 1000 };
	for (int tries = 0; tries < 20; tries++) {
		if (write(fd, frame, (size_t)n) != n)
			return -errno;
		for (int i = 0; i < 50; i++) {
			ssize_t r = read(fd, buf, cap);
			if (r < 0 && errno != EAGAIN)
				return -errno;
			if (r >= 14 && buf[12] == (ETYPE >> 8) && buf[13] == (ETYPE & 0xff))
				return (int)r;
			if (r < 0)
				nanosleep(&pause, NULL);
		}
	}
	return -ETIMEDOUT;
}

int
main(void)
{
	uint8_t mac[8], frame[1600], got[1600];
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	int m = open("network:mac", O_RDONLY);
	CHECK(m >= 0);
	CHECK_INT(read(m, mac, sizeof mac), 6);
	CHECK((mac[0] & 1) == 0);	/* unicast */
	close(m);
	printf("kt_net: mac %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1], mac[2], mac[3],
	    mac[4], mac[5]);

	int fd = open("network:", O_RDWR);
	CHECK(fd >= 0);
	CHECK(open("network:", O_RDWR) < 0 && errno == EBUSY);
	CHECK(open("network:nosuch", O_RDONLY) < 0 && errno == ENOENT);
	CHECK(write(fd, frame, 13) < 0 && errno == EINVAL);
	CHECK(write(fd, frame, 1519) < 0 && errno == EINVAL);

	/* Blocking I/O on the interface: a frame out, then EAGAIN-free
	 * reads are not guaranteed (the peer may be slow), so the exchange
	 * runs non-blocking with retries. */
	close(fd);
	fd = open("network:", O_RDWR | O_NONBLOCK);
	CHECK(fd >= 0);
	int n = make_frame(frame, bcast, mac, "hello from redox");
	n = exchange(fd, frame, n, got, sizeof got);
	CHECK(n > 14);
	if (n > 14) {
		CHECK(memcmp(got, mac, 6) == 0);	/* to us */
		got[n] = 0;
		CHECK_STR((char *)got + 14, "hello from linux: hello from redox");
	}

	/* Nothing waits now: a non-blocking holder gets EAGAIN... */
	ssize_t r;
	while ((r = read(fd, got, sizeof got)) > 0)
		;
	CHECK(r < 0 && errno == EAGAIN);
	/* ...and event: says when the answer to a second frame is in. */
	int q = open("event:", O_RDWR);
	CHECK(q >= 0);
	struct redox_event ev = { .id = (uint64_t)fd, .flags = EVENT_READ, .data = 7 };
	CHECK_INT(write(q, &ev, sizeof ev), sizeof ev);
	n = make_frame(frame, bcast, mac, "second");
	CHECK_INT(write(fd, frame, (size_t)n), n);
	int seen = 0;
	for (int i = 0; i < 50 && !seen; i++) {
		struct redox_event out;
		CHECK_INT(read(q, &out, sizeof out), sizeof out);
		CHECK(out.data == 7 && (out.flags & EVENT_READ));
		while ((r = read(fd, got, sizeof got)) > 0)
			if (r > 14 && got[12] == (ETYPE >> 8) && got[13] == (ETYPE & 0xff)) {
				got[r] = 0;
				seen = !strcmp((char *)got + 14, "hello from linux: second");
			}
	}
	CHECK(seen);
	close(fd);

	/* A user may read the address but not hold the interface (last:
	 * root is gone for good after this). */
	CHECK(setreuid(1000, 1000) == 0);
	CHECK(open("network:", O_RDWR) < 0 && errno == EACCES);
	m = open("network:mac", O_RDONLY);
	CHECK(m >= 0);
	return finish();
}
