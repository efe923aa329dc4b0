/*
 * redoxfs_bench: one file system workload, timed, for bench/redoxfs_bench.sh,
 * which runs it on redoxfs-fuse and on fuse2fs in the same run.
 *   write FILE MIB    MIB MiB of incompressible data in 1 MiB writes, fsync
 *   read FILE         read it back in 1 MiB reads
 *   create DIR N      N files of 4 KiB: open(O_CREAT) write close
 *   stat DIR N        stat each of them
 * Prints "NAME SECONDS" (and MiB/s or µs per file on the same line).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, const char *path)
{
	fprintf(stderr, "redoxfs_bench: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* xorshift bytes: the same in every run, and LZ4 finds nothing in them. */
static void
fill(uint8_t *buf, size_t len, uint64_t *s)
{
	for (size_t i = 0; i + 8 <= len; i += 8) {
		*s ^= *s << 13;
		*s ^= *s >> 7;
		*s ^= *s << 17;
		memcpy(buf + i, s, 8);
	}
}

int
main(int argc, char **argv)
{
	uint8_t *buf = malloc(CHUNK);
	double t0, t;
	char path[4096];
	uint64_t seed = 0x9E3779B97F4A7C15ull;

	if (argc < 3 || buf == NULL) {
		fprintf(stderr, "usage: redoxfs_bench write FILE MIB | read FILE |"
		    " create DIR N | stat DIR N\n");
		return 2;
	}
	if (!strcmp(argv[1], "write") && argc == 4) {
		long mib = atol(argv[3]);
		int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			die("open", argv[2]);
		t0 = now();
		for (long i = 0; i < mib; i++) {
			fill(buf, CHUNK, &seed);
			if (write(fd, buf, CHUNK) != CHUNK)
				die("write", argv[2]);
		}
		if (fsync(fd) != 0 || close(fd) != 0)
			die("fsync", argv[2]);
		t = now() - t0;
		printf("write %.4f %.1f MiB/s\n", t, (double)mib / t);
	} else if (!strcmp(argv[1], "read") && argc == 3) {
		int fd = open(argv[2], O_RDONLY);
		long total = 0;
		ssize_t k;
		uint64_t sum = 0;
		if (fd < 0)
			die("open", argv[2]);
		t0 = now();
		while ((k = read(fd, buf, CHUNK)) > 0) {
			total += k;
			sum += buf[0] + buf[k - 1];
		}
		if (k < 0)
			die("read", argv[2]);
		t = now() - t0;
		close(fd);
		printf("read %.4f %.1f MiB/s (%ld bytes, %llu)\n", t,
		    (double)total / (1 << 20) / t, total,
		    (unsigned long long)sum);
	} else if ((!strcmp(argv[1], "create") || !strcmp(argv[1], "stat")) &&
	    argc == 4) {
		long n = atol(argv[3]);
		int create = argv[1][0] == 'c';
		struct stat st;
		fill(buf, 4096, &seed);
		t0 = now();
		for (long i = 0; i < n; i++) {
			snprintf(path, sizeof path, "%s/f%06ld", argv[2], i);
			if (!create) {
				if (stat(path, &st) != 0 || st.st_size != 4096)
					die("stat", path);
				continue;
			}
			int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0)
				die("open", path);
			if (write(fd, buf, 4096) != 4096)
				die("write", path);
			if (close(fd) != 0)
				die("close", path);
		}
		t = now() - t0;
		printf("%s %.4f %.1f us/file\n", argv[1], t, t * 1e6 / (double)n);
	} else {
		fprintf(stderr, "redoxfs_bench: bad arguments\n");
		return 2;
	}
	free(buf);
	return 0;
}
