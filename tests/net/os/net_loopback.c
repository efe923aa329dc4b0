/*
 * net_loopback - runs inside the OS against netstackd on loopback:
 * a TCP listener on tcp:/:7000, a connection to tcp:127.0.0.1:7000,
 * accept by dup(fd, "listen"), 1 MiB each way, fpath; UDP datagrams;
 * icmp:echo/127.0.0.1; dns:localhost; netcfg:; a refused connection; a
 * non-blocking accept; a reader killed while it waits (its read is
 * cancelled and does not swallow the next data).  Prints
 * "net_loopback: all N checks passed".  "net_loopback restart" checks
 * a restart of the daemon (see test_restart).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <redox.h>

extern char **environ;

#define SIZE (1 << 20)

static int checks, failed;

#define CHECK(c) do { \
	checks++; \
	if (!(c)) { \
		failed++; \
		fprintf(stderr, "net_loopback: line %d: %s failed (errno %s)\n", \
		    __LINE__, #c, strerror(errno)); \
	} \
} while (0)

static uint8_t pattern(size_t i) { return (uint8_t)(i * 131 + (i >> 9)); }

static int
dup_named(int fd, const char *name)
{
	long r = __syscall6(SYS_DUP, fd, (long)name, (long)strlen(name), 0, 0, 0);

	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return (int)r;
}

static int
read_full(int fd, uint8_t *b, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, b + got, n - got);

		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static int
write_full(int fd, const uint8_t *b, size_t n)
{
	size_t put = 0;

	while (put < n) {
		ssize_t r = write(fd, b + put, n - put);

		if (r <= 0)
			return -1;
		put += (size_t)r;
	}
	return 0;
}

/* The server side: reads the whole MiB, checks it, sends it back. */
static void *
server(void *arg)
{
	int fd = *(int *)arg;
	uint8_t *b = malloc(SIZE);
	long bad = -1;

	if (b == NULL || read_full(fd, b, SIZE) < 0)
		return (void *)-2L;
	for (size_t i = 0; i < SIZE; i++)
		if (b[i] != pattern(i)) {
			bad = (long)i;
			break;
		}
	if (write_full(fd, b, SIZE) < 0)
		bad = -3;
	free(b);
	return (void *)bad;
}

static void
test_tcp(void)
{
	int l = open("tcp:/:7000", O_RDWR), c, s;
	uint8_t *b = malloc(SIZE);
	pthread_t t;
	void *res = NULL;
	char path[128];
	ssize_t n;

	CHECK(l >= 0);
	c = open("tcp:127.0.0.1:7000", O_RDWR);
	CHECK(c >= 0);
	s = dup_named(l, "listen");
	CHECK(s >= 0);
	CHECK(b != NULL);
	if (l < 0 || c < 0 || s < 0 || b == NULL)
		return;
	n = redox_fpath(c, path, sizeof(path) - 1);
	CHECK(n > 0);
	path[n > 0 ? n : 0] = '\0';
	CHECK(strncmp(path, "tcp:127.0.0.1:7000/127.0.0.1:", 29) == 0);
	CHECK(pthread_create(&t, NULL, server, &s) == 0);
	for (size_t i = 0; i < SIZE; i++)
		b[i] = pattern(i);
	CHECK(write_full(c, b, SIZE) == 0);
	memset(b, 0, SIZE);
	CHECK(read_full(c, b, SIZE) == 0);
	CHECK(pthread_join(t, &res) == 0);
	CHECK(res == (void *)-1L);
	for (size_t i = 0; i < SIZE; i++)
		if (b[i] != pattern(i)) {
			CHECK(!"the echoed MiB matches");
			break;
		}
	/* The server closes: the client reads the end. */
	CHECK(close(s) == 0);
	CHECK(read(c, b, 16) == 0);
	CHECK(close(c) == 0);
	/* A second client after the first. */
	c = open("tcp:127.0.0.1:7000", O_RDWR);
	s = dup_named(l, "listen");
	CHECK(c >= 0 && s >= 0);
	CHECK(write(c, "ping", 4) == 4);
	CHECK(read(s, b, 16) == 4 && memcmp(b, "ping", 4) == 0);
	close(c);
	close(s);
	close(l);
	free(b);
}

static void
test_misc(void)
{
	char buf[128];
	int u = open("udp:/:7001", O_RDWR), v, i, d, n, l;

	CHECK(u >= 0);
	v = open("udp:127.0.0.1:7001", O_RDWR);
	CHECK(v >= 0);
	CHECK(write(v, "datagram one", 12) == 12);
	CHECK(write(v, "two", 3) == 3);
	CHECK(read(u, buf, sizeof(buf)) == 12);
	CHECK(read(u, buf, sizeof(buf)) == 3 && memcmp(buf, "two", 3) == 0);
	close(u);
	close(v);

	i = open("icmp:echo/127.0.0.1", O_RDWR);
	CHECK(i >= 0);
	CHECK(write(i, "12345678", 8) == 8);
	CHECK(read(i, buf, sizeof(buf)) == 10 && memcmp(buf + 2, "12345678", 8) == 0);
	close(i);

	/* ip:1 sees the echo request of a ping to 127.0.0.1, whole. */
	d = open("ip:1", O_RDWR);
	CHECK(d >= 0);
	i = open("icmp:echo/127.0.0.1", O_RDWR);
	CHECK(i >= 0 && write(i, "raw", 3) == 3);
	n = (int)read(d, buf, sizeof(buf));
	CHECK(n == 20 + 8 + 3 && buf[9] == 1 && (buf[20] == 8 || buf[20] == 0));
	close(i);
	close(d);

	d = open("dns:localhost", O_RDONLY);
	CHECK(d >= 0);
	n = (int)read(d, buf, sizeof(buf) - 1);
	CHECK(n == 10 && memcmp(buf, "127.0.0.1\n", 10) == 0);
	close(d);

	d = open("netcfg:route/list", O_RDONLY);
	CHECK(d >= 0);
	n = (int)read(d, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(strstr(buf, "127.0.0.0/8 dev lo") != NULL);
	close(d);
	/* Setting an address shows in addr/list. */
	d = open("netcfg:ifaces/eth0/addr/set", O_WRONLY);
	CHECK(d >= 0 && write(d, "10.9.8.7/16\n", 12) == 12);
	CHECK(d >= 0 && write(d, "10.9.8/16", 9) < 0 && errno == EINVAL);
	close(d);
	d = open("netcfg:ifaces/eth0/addr/list", O_RDONLY);
	n = (int)read(d, buf, sizeof(buf) - 1);
	CHECK(n == 12 && memcmp(buf, "10.9.8.7/16\n", 12) == 0);
	close(d);
	CHECK(open("netcfg:nosuch", O_RDONLY) < 0 && errno == ENOENT);
	CHECK(open("tcp:1.2.3:80", O_RDWR) < 0 && errno == EINVAL);

	/* A read timeout (libc's SO_RCVTIMEO): the read gives EAGAIN. */
	l = open("tcp:/:7006", O_RDWR);
	d = open("tcp:127.0.0.1:7006", O_RDWR);
	i = dup_named(l, "listen");
	CHECK(l >= 0 && d >= 0 && i >= 0);
	v = dup_named(i, "read_timeout");
	CHECK(v >= 0);
	{
		int64_t ts[2] = { 0, 200000000 };

		CHECK(write(v, ts, sizeof(ts)) == sizeof(ts));
		close(v);
	}
	CHECK(read(i, buf, sizeof(buf)) < 0 && errno == EAGAIN);
	CHECK(write(d, "late", 4) == 4);
	CHECK(read(i, buf, sizeof(buf)) == 4);
	close(i);
	close(d);
	close(l);

	/* Nobody listens on 7003: the connection is refused. */
	d = open("tcp:127.0.0.1:7003", O_RDWR);
	CHECK(d >= 0);
	CHECK(read(d, buf, sizeof(buf)) < 0 && errno == ECONNREFUSED);
	close(d);

	/* A non-blocking listener has nothing to accept yet. */
	l = open("tcp:/:7002", O_RDWR | O_NONBLOCK);
	CHECK(l >= 0);
	CHECK(dup_named(l, "listen") < 0 && errno == EAGAIN);
	CHECK(open("tcp:/:7002", O_RDWR) < 0 && errno == EADDRINUSE);
	close(l);
}

/* A child that waits in a read of the socket on fd 0 is killed; the
 * daemon must drop that read (CANCEL), so the data that comes next is
 * the parent's. */
static void
test_cancel(const char *self)
{
	int l = open("tcp:/:7004", O_RDWR), c, s, st;
	struct timespec ts = { 0, 200000000 };
	posix_spawn_file_actions_t fa;
	char *av[] = { (char *)self, "reader", NULL };
	char buf[16];
	pid_t pid;

	c = open("tcp:127.0.0.1:7004", O_RDWR);
	s = dup_named(l, "listen");
	CHECK(l >= 0 && c >= 0 && s >= 0);
	if (l < 0 || c < 0 || s < 0)
		return;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, s, 0);
	CHECK(posix_spawnp(&pid, self, &fa, NULL, av, environ) == 0);
	nanosleep(&ts, NULL);		/* it waits in its read now */
	CHECK(kill(pid, SIGTERM) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st));
	CHECK(write(c, "after", 5) == 5);
	CHECK(read(s, buf, sizeof(buf)) == 5 && memcmp(buf, "after", 5) == 0);
	close(c);
	close(s);
	close(l);
}

/*
 * "net_loopback restart": a connection is open when netstackd is killed
 * (ut kill); its read and write then fail, and once init has restarted
 * the daemon a new connection works.
 */
static int
test_restart(void)
{
	char *av[] = { "ut", "kill", "netstackd", NULL };
	struct timespec ts = { 0, 50000000 };
	char buf[16];
	int l = open("tcp:/:7005", O_RDWR), c, s, st, tries;
	pid_t pid;

	c = open("tcp:127.0.0.1:7005", O_RDWR);
	s = dup_named(l, "listen");
	CHECK(l >= 0 && c >= 0 && s >= 0);
	CHECK(posix_spawnp(&pid, "ut", NULL, NULL, av, environ) == 0);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	CHECK(read(s, buf, sizeof(buf)) < 0);
	CHECK(write(c, "x", 1) < 0);
	close(c);
	close(s);
	close(l);
	for (tries = 0; tries < 100; tries++) {
		l = open("tcp:/:7005", O_RDWR);
		if (l >= 0)
			break;
		nanosleep(&ts, NULL);
	}
	CHECK(l >= 0);
	c = open("tcp:127.0.0.1:7005", O_RDWR);
	s = dup_named(l, "listen");
	CHECK(c >= 0 && s >= 0);
	CHECK(write(c, "again", 5) == 5);
	CHECK(read(s, buf, sizeof(buf)) == 5 && memcmp(buf, "again", 5) == 0);
	if (failed) {
		printf("net_loopback: restart: %d of %d checks failed\n", failed,
		    checks);
		return 1;
	}
	printf("net_loopback: restart: all %d checks passed\n", checks);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "restart") == 0)
		return test_restart();
	if (argc == 2 && strcmp(argv[1], "reader") == 0) {
		char b[16];

		return read(0, b, sizeof(b)) < 0 ? 1 : 0;
	}
	test_tcp();
	test_misc();
	test_cancel(argv[0]);
	if (failed) {
		printf("net_loopback: %d of %d checks failed\n", failed, checks);
		return 1;
	}
	printf("net_loopback: all %d checks passed\n", checks);
	return 0;
}
