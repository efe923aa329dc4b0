/*
 * net_sockopt - runs inside the OS against netstackd on loopback (root):
 *
 *  - IP_TTL: set on a UDP socket, read back, and seen in the header of
 *    the datagram a raw ip:17 socket receives; set before connect on a
 *    TCP socket and kept by the connection;
 *  - libc's per-fd socket kind: send on a socket, then on a file that
 *    took its number after close, after dup2 either way, and in a child
 *    given a file under a number the parent knows as a socket (and a
 *    socket under a number it knows as a file): ENOTSOCK exactly where
 *    the fd is no socket;
 *  - recvfrom on an unconnected UDP socket names the sender;
 *  - SO_SNDBUF and SO_RCVBUF give the stack's real buffer sizes (a
 *    writer whose peer does not read gets that much out and no more);
 *  - shutdown(SHUT_RD): reads give 0 at once, data waiting and data
 *    arriving is dropped (the writer is not held up), writes still go.
 *
 * Prints "net_sockopt: all N checks passed".  "net_sockopt child FD
 * WANT" is the spawned half: sends on FD and says whether it worked.
 *
 * "net_sockopt ether" (over a real NIC, 96-net-ethernet.sh) opens
 * ethernet:88b5, broadcasts a frame saying "redox-eth-out", and waits
 * (10 s at most) for one of that type from Linux, whose payload it
 * prints: "net_sockopt: ether got PAYLOAD from MAC"; then it sends back
 * each of the next 40 frames and prints "net_sockopt: ether echoed 40".
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <netinet/in.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int checks, failed;

#define CHECK(c) do { \
	checks++; \
	if (!(c)) { \
		failed++; \
		fprintf(stderr, "net_sockopt: line %d: %s failed (errno %s)\n", \
		    __LINE__, #c, strerror(errno)); \
	} \
} while (0)

static struct sockaddr_in
loop(int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(0x7f000001);
	a.sin_port = htons((uint16_t)port);
	return a;
}

static int
udp_bound(int port)
{
	struct sockaddr_in a = loop(port);
	struct timeval tv = { 5, 0 };	/* no check waits for ever */
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (s >= 0 && (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)) {
		close(s);
		return -1;
	}
	return s;
}

static void
test_ttl(void)
{
	struct sockaddr_in to = loop(7101), from;
	socklen_t fl = sizeof(from);
	uint8_t pkt[256];
	int ttl = 9, got = 0, raw, rx, tx, l, c;
	socklen_t gl = sizeof(got);

	raw = open("ip:17", O_RDWR | O_NONBLOCK);
	rx = udp_bound(7101);
	tx = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(raw >= 0 && rx >= 0 && tx >= 0);
	CHECK(getsockopt(tx, IPPROTO_IP, IP_TTL, &got, &gl) == 0 && got == 64);
	CHECK(setsockopt(tx, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) == 0);
	got = 0;
	CHECK(getsockopt(tx, IPPROTO_IP, IP_TTL, &got, &gl) == 0 && got == 9);
	ttl = 0;
	CHECK(setsockopt(tx, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) < 0 && errno == EINVAL);
	CHECK(sendto(tx, "ttl?", 4, 0, (struct sockaddr *)&to, sizeof(to)) == 4);
	CHECK(recvfrom(rx, pkt, sizeof(pkt), 0, (struct sockaddr *)&from, &fl) == 4);
	/* The raw socket saw the datagram whole: TTL is byte 8. */
	ssize_t n = read(raw, pkt, sizeof(pkt));
	CHECK(n >= 32 && pkt[9] == 17 && pkt[8] == 9);
	struct sockaddr_in me;
	socklen_t ml = sizeof(me);
	CHECK(getsockname(tx, (struct sockaddr *)&me, &ml) == 0);
	CHECK(from.sin_family == AF_INET && from.sin_port == me.sin_port &&
	    from.sin_addr.s_addr == htonl(0x7f000001));

	/* TCP: set before connect, kept by the connection. */
	struct sockaddr_in la = loop(7102);
	l = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(l >= 0 && bind(l, (struct sockaddr *)&la, sizeof(la)) == 0 && listen(l, 4) == 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	ttl = 33;
	CHECK(setsockopt(c, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) == 0);
	CHECK(connect(c, (struct sockaddr *)&la, sizeof(la)) == 0);
	got = 0;
	CHECK(getsockopt(c, IPPROTO_IP, IP_TTL, &got, &gl) == 0 && got == 33);
	int a = accept(l, NULL, NULL);
	CHECK(a >= 0);
	close(a);
	close(c);
	close(l);
	close(tx);
	close(rx);
	close(raw);
}

/* Writes n bytes of 'x' to non-blocking fd while it takes them (a few
 * short waits for the window to move); the bytes it took. */
static size_t
fill(int fd, size_t n)
{
	static char chunk[4096];
	size_t done = 0;
	int waits = 0;

	memset(chunk, 'x', sizeof(chunk));
	while (done < n && waits < 5) {
		size_t k = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
		ssize_t w = write(fd, chunk, k);

		if (w > 0) {
			done += (size_t)w;
			waits = 0;
		} else if (w < 0 && errno == EAGAIN) {
			usleep(20000);
			waits++;
		} else {
			break;
		}
	}
	return done;
}

static void
test_bufs_shutrd(void)
{
	struct sockaddr_in la = loop(7103);
	int l = socket(AF_INET, SOCK_STREAM, 0), c = -1, a = -1, u;
	int sb = 0, rb = 0, usb = 0, urb = 0;
	socklen_t len = sizeof(int);
	char b[64];

	u = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(getsockopt(u, SOL_SOCKET, SO_SNDBUF, &usb, &len) == 0 && usb == 65507);
	CHECK(getsockopt(u, SOL_SOCKET, SO_RCVBUF, &urb, &len) == 0 && urb == 262144);
	close(u);
	CHECK(l >= 0 && bind(l, (struct sockaddr *)&la, sizeof(la)) == 0 && listen(l, 4) == 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&la, sizeof(la)) == 0);
	a = accept(l, NULL, NULL);
	CHECK(a >= 0);
	CHECK(getsockopt(c, SOL_SOCKET, SO_SNDBUF, &sb, &len) == 0 && sb == 262144);
	CHECK(getsockopt(a, SOL_SOCKET, SO_RCVBUF, &rb, &len) == 0 && rb == 262144);
	/* Nobody reads a: c's buffer and a's fill, then writes stop. */
	CHECK(fcntl(c, F_SETFL, O_NONBLOCK) == 0);
	size_t took = fill(c, 4u << 20);
	CHECK(took >= (size_t)sb && took <= (size_t)sb + (size_t)rb);
	/* Shut for reading: what waits is gone, reads give 0 ... */
	CHECK(shutdown(a, SHUT_RD) == 0);
	CHECK(read(a, b, sizeof(b)) == 0);
	/* ... and what comes is taken and dropped: c goes on writing. */
	CHECK(fill(c, 2u << 20) == 2u << 20);
	CHECK(recv(a, b, sizeof(b), 0) == 0);
	/* The other direction still works. */
	CHECK(write(a, "back", 4) == 4);
	CHECK(fcntl(c, F_SETFL, 0) == 0);
	CHECK(read(c, b, sizeof(b)) == 4 && memcmp(b, "back", 4) == 0);
	CHECK(shutdown(a, 7) < 0 && errno == EINVAL);
	close(a);
	close(c);
	close(l);
}

/* Spawns "net_sockopt child FD WANT" with parent fd src as child fd dst. */
static int
child(const char *self, int src, int dst, const char *want)
{
	posix_spawn_file_actions_t fa;
	char fd[16];
	char *argv[] = { (char *)self, "child", fd, (char *)want, NULL };
	pid_t pid;
	int st = -1;

	snprintf(fd, sizeof(fd), "%d", dst);
	if (posix_spawn_file_actions_init(&fa) != 0 ||
	    posix_spawn_file_actions_adddup2(&fa, src, dst) != 0)
		return -1;
	int e = posix_spawn(&pid, self, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e != 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
test_kind_cache(const char *self)
{
	struct sockaddr_in to = loop(7103);
	char b[16];
	int rx = udp_bound(7103), s, f, g;

	CHECK(rx >= 0);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(s >= 0 && connect(s, (struct sockaddr *)&to, sizeof(to)) == 0);
	CHECK(send(s, "a", 1, 0) == 1);		/* known as a socket now */
	CHECK(recv(rx, b, sizeof(b), 0) == 1);
	close(s);
	f = open("initfs:/bin/net_sockopt", O_RDONLY);
	CHECK(f == s);				/* the same number, a file now */
	errno = 0;
	CHECK(send(f, "b", 1, 0) < 0 && errno == ENOTSOCK);
	errno = 0;
	CHECK(recv(f, b, sizeof(b), MSG_DONTWAIT) < 0 && errno == ENOTSOCK);

	/* dup2 a socket over the file's number, then a file over it. */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(s >= 0 && connect(s, (struct sockaddr *)&to, sizeof(to)) == 0);
	CHECK(dup2(s, f) == f);
	CHECK(send(f, "c", 1, 0) == 1);
	CHECK(recv(rx, b, sizeof(b), 0) == 1 && b[0] == 'c');
	g = open("initfs:/bin/net_sockopt", O_RDONLY);
	CHECK(g >= 0 && dup2(g, f) == f);
	errno = 0;
	CHECK(send(f, "d", 1, 0) < 0 && errno == ENOTSOCK);

	/* Children start knowing nothing: fd 5 is a file in one, a socket
	 * in the other, whatever the parent's fd 5 is. */
	CHECK(send(s, "e", 1, 0) == 1);		/* s known as a socket here */
	CHECK(recv(rx, b, sizeof(b), 0) == 1);
	errno = 0;
	CHECK(send(g, "f", 1, 0) < 0 && errno == ENOTSOCK);	/* g: a file */
	CHECK(child(self, g, s, "notsock") == 0);
	CHECK(child(self, s, g, "sock") == 0);
	CHECK(recv(rx, b, sizeof(b), MSG_DONTWAIT) == 1 && b[0] == 'k');
	close(g);
	close(f);
	close(s);
	close(rx);
}

/* The next frame on fd, waiting in poll (at most ms each time, a few
 * times), so the wait ends on netstackd's readiness event, not on a
 * kept read or a request of ours; its length or -1. */
static ssize_t
ether_next(int fd, uint8_t *buf, size_t n, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };

	for (int tries = 0; tries < 4; tries++) {
		ssize_t r = read(fd, buf, n);

		if (r >= 14)
			return r;
		if (r < 0 && errno != EAGAIN) {
			fprintf(stderr, "net_sockopt: ethernet:88b5: read: %s\n", strerror(errno));
			return -1;
		}
		if (poll(&p, 1, ms) == 0)
			return -1;
	}
	return -1;
}

static int
ether(void)
{
	uint8_t f[64], got[1600];
	char text[32];
	int fd = open("ethernet:88b5", O_RDWR | O_NONBLOCK), echoed = 0;
	ssize_t n;

	if (fd < 0) {
		fprintf(stderr, "net_sockopt: ethernet:88b5: %s\n", strerror(errno));
		return 1;
	}
	memset(f, 0, sizeof(f));
	memset(f, 0xff, 6);		/* broadcast; the stack fills the source */
	f[12] = 0x88;
	f[13] = 0xb5;
	memcpy(f + 14, "redox-eth-out", 13);
	if (write(fd, f, sizeof(f)) != (ssize_t)sizeof(f)) {
		fprintf(stderr, "net_sockopt: ethernet:88b5: write: %s\n", strerror(errno));
		return 1;
	}
	printf("net_sockopt: ether sent\n");
	fflush(stdout);
	if ((n = ether_next(fd, got, sizeof(got), 10000)) < 0) {
		fprintf(stderr, "net_sockopt: ethernet:88b5: nothing came\n");
		return 1;
	}
	size_t k = (size_t)n - 14 < sizeof(text) - 1 ? (size_t)n - 14 : sizeof(text) - 1;
	memcpy(text, got + 14, k);
	text[k] = 0;
	text[strcspn(text, "\n")] = 0;
	printf("net_sockopt: ether got %s from %02x:%02x:%02x:%02x:%02x:%02x\n",
	    text, got[6], got[7], got[8], got[9], got[10], got[11]);
	/* Then each frame Linux sends goes straight back to it (swapped
	 * addresses): Linux times the rounds. */
	while (echoed < 40 && (n = ether_next(fd, got, sizeof(got), 5000)) > 0) {
		memcpy(f, got + 6, 6);
		memcpy(f + 6, got, 6);
		memcpy(got, f, 12);
		if (write(fd, got, (size_t)n) != n)
			break;
		echoed++;
	}
	printf("net_sockopt: ether echoed %d\n", echoed);
	return echoed == 40 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "ether"))
		return ether();
	if (argc == 4 && !strcmp(argv[1], "child")) {
		int fd = atoi(argv[2]);
		ssize_t r = send(fd, "k", 1, 0);

		if (!strcmp(argv[3], "sock"))
			return r == 1 ? 0 : 1;
		return r < 0 && errno == ENOTSOCK ? 0 : 1;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: net_sockopt\n");
		return 2;
	}
	test_ttl();
	test_bufs_shutrd();
	test_kind_cache(argv[0][0] == '/' || strchr(argv[0], ':') ? argv[0] :
	    "initfs:/bin/net_sockopt");
	if (failed) {
		printf("net_sockopt: %d of %d checks failed\n", failed, checks);
		return 1;
	}
	printf("net_sockopt: all %d checks passed\n", checks);
	return 0;
}
