/*
 * kt_crashload DIR SEED - the workload of the crash test inside the OS
 * (tests/redoxfs/oscrash.sh), after tests/redoxfs/crashload.c.  Until
 * the OS is killed: writes new files of random sizes in random pieces
 * and makes each durable in turn by fsync, fdatasync or O_SYNC writes;
 * only when that returned does it print
 *   kt_crashload: synced PATH SIZE SHA256 ok
 * on the console (one write, so a line is whole or missing).  In between,
 * churn that is never synced: overwrites, truncates, renames, unlinks,
 * directories, and closes (which commit nothing).  The host checks every
 * printed file in the image after the kill.  Same SEED, same operations.
 *
 * kt_crashload -idle DIR SEED - one file written and closed, never
 * synced, printed as "unsynced PATH SIZE SHA256 ok", then nothing: the
 * commit window must make it durable while the daemon is idle.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/redoxfs/lib/sha256.h"

#define MAXSIZE 300000

static uint64_t rs;
static uint8_t buf[MAXSIZE];

static uint64_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

/* Sizes: mostly small, some across inline data, records and indirects. */
static size_t
pick_size(void)
{
	switch (rnd() % 5) {
	case 0: return rnd() % 100;
	case 1: return 3900 + rnd() % 200;
	case 2: return rnd() % 40000;
	case 3: return 131000 + rnd() % 2000;
	default: return rnd() % MAXSIZE;
	}
}

static void
fill(uint8_t *b, size_t n)
{
	/* Half the files compress (runs), half do not. */
	int runs = rnd() & 1;
	for (size_t i = 0; i < n; i++)
		b[i] = runs ? (uint8_t)(i / 512) : (uint8_t)rnd();
}

static void
fail(const char *what, const char *path)
{
	printf("kt_crashload: FAIL %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* Writes b[0..n) whole: a write may take less (one request's payload). */
static int
write_all(int fd, const uint8_t *b, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, b, n);
		if (k <= 0)
			return -1;
		b += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Writes buf[0..size) to fd in random pieces. */
static int
write_pieces(int fd, size_t size)
{
	for (size_t at = 0; at < size;) {
		size_t k = 1 + rnd() % (size - at);
		if (write_all(fd, buf + at, k) != 0)
			return -1;
		at += k;
	}
	return 0;
}

/* Prints "kt_crashload: WHAT PATH SIZE SHA256 ok (HOW)" in one write. */
static void
report(const char *what, const char *path, size_t size, const char *how)
{
	struct sha256 sh;
	uint8_t dig[32];
	char hex[65], line[700];
	int len;

	sha256_init(&sh);
	sha256_update(&sh, buf, size);
	sha256_final(&sh, dig);
	sha256_hex(dig, hex);
	len = snprintf(line, sizeof line, "kt_crashload: %s %s %zu %s ok (%s)\n",
	    what, strchr(path, '/') ? strchr(path, '/') : path, size, hex, how);
	if (len > 0 && (size_t)len < sizeof line)
		write(1, line, (size_t)len);
}

/* A file that must survive: written, synced one of three ways, logged. */
static void
keep(const char *dir, uint64_t seed, long n)
{
	static const char *how[] = { "fsync", "fdatasync", "O_SYNC" };
	char path[512];
	size_t size = pick_size();
	unsigned way = (unsigned)(rnd() % 3);
	int fd;

	snprintf(path, sizeof path, "%s/k%llu-%ld", dir,
	    (unsigned long long)seed, n);
	fill(buf, size);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | (way == 2 ? O_SYNC : 0),
	    0644);
	if (fd < 0)
		fail("open", path);
	if (write_pieces(fd, size) != 0)
		fail("write", path);
	/* An empty O_SYNC file has had no write: its creation needs a sync. */
	if ((way == 0 || (way == 2 && size == 0)) && fsync(fd) != 0)
		fail("fsync", path);
	if (way == 1 && fdatasync(fd) != 0)
		fail("fdatasync", path);
	if (close(fd) != 0)
		fail("close", path);
	report("synced", path, size, how[way]);
}

/* One file left to the commit window, then an idle daemon. */
static void
idle(const char *dir, uint64_t seed)
{
	char path[512];
	size_t size = 1 + pick_size();
	int fd;

	snprintf(path, sizeof path, "%s/idle%llu", dir,
	    (unsigned long long)seed);
	fill(buf, size);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		fail("open", path);
	if (write_all(fd, buf, size) != 0 || close(fd) != 0)
		fail("write", path);
	report("unsynced", path, size, "closed");
	for (;;)
		sleep(60);
}

/* Churn, never synced (the policy's window may still commit it). */
static void
churn(const char *dir, unsigned op)
{
	char path[512], path2[512];
	size_t size = pick_size();
	int fd;

	snprintf(path, sizeof path, "%s/churn%llu", dir,
	    (unsigned long long)(rnd() % 12));
	snprintf(path2, sizeof path2, "%s/churn%llu", dir,
	    (unsigned long long)(rnd() % 12));
	switch (op) {
	case 5:
	case 6:
		fill(buf, size / 2);
		if ((fd = open(path, O_WRONLY | O_CREAT, 0644)) < 0)
			break;
		if (lseek(fd, (off_t)(rnd() % 200000), SEEK_SET) < 0 ||
		    write_all(fd, buf, size / 2) != 0)
			fail("churn write", path);
		close(fd);
		break;
	case 7:
		if ((fd = open(path, O_WRONLY)) >= 0) {
			ftruncate(fd, (off_t)(rnd() % 150000));
			close(fd);
		}
		break;
	case 8:
		rename(path, path2);
		break;
	default:
		if (unlink(path) != 0 && mkdir(path, 0755) != 0)
			rmdir(path);
		break;
	}
}

int
main(int argc, char **argv)
{
	uint64_t seed;
	int quiet = argc == 4 && !strcmp(argv[1], "-idle");

	if (argc != 3 && !quiet) {
		fprintf(stderr, "usage: kt_crashload [-idle] DIR SEED\n");
		return 2;
	}
	argv += quiet;
	seed = strtoull(argv[2], NULL, 10);
	rs = seed * 0x9E3779B97F4A7C15ull + 1;
	if (mkdir(argv[1], 0755) != 0 && errno != EEXIST)
		fail("mkdir", argv[1]);
	if (quiet)
		idle(argv[1], seed);
	printf("kt_crashload: seed %llu in %s\n", (unsigned long long)seed,
	    argv[1]);
	fflush(stdout);
	for (long n = 0;; n++) {
		unsigned op = (unsigned)(rnd() % 10);
		if (op < 5)
			keep(argv[1], seed, n);
		else
			churn(argv[1], op);
	}
}
