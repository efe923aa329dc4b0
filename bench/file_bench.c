/*
 * file_bench DIR [FILES [small]] - the same file work inside the OS and on
 * Linux; "small" does only the small files (for profiling their ops).
 *
 * Built twice from this source: for the OS (initfs:/bin/file_bench, run
 * on file:, that is redoxfsd) and for Linux (build/host/file_bench, run
 * in /tmp and on a redoxfs-fuse mount).  Prints "bench KEY VALUE" lines:
 *   create_us   create + 1-byte write + close, per file
 *   stat_us     stat, per file
 *   unlink_us   unlink, per file
 *   write_mbs   32 MiB written in 64 KiB blocks, then fsync, MB/s
 *   read_mbs    the same file read back in 64 KiB blocks, MB/s
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BIG (32u << 20)
#define BLOCK (64u << 10)

static char block[BLOCK];

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
name(char *buf, size_t len, const char *dir, int i)
{
	int n = snprintf(buf, len, "%s/f%05d", dir, i);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

static int
fail(const char *what, const char *path)
{
	perror(path);
	fprintf(stderr, "file_bench: %s failed\n", what);
	return 1;
}

static int
small_files(const char *dir, int files)
{
	char path[512];
	struct stat st;
	double t;

	t = now();
	for (int i = 0; i < files; i++) {
		int fd;
		if (name(path, sizeof path, dir, i) < 0)
			return 1;
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, "x", 1) != 1 || close(fd) != 0)
			return fail("create", path);
	}
	printf("bench create_us %.2f\n", (now() - t) * 1e6 / files);
	t = now();
	for (int i = 0; i < files; i++) {
		if (name(path, sizeof path, dir, i) < 0 || stat(path, &st) != 0)
			return fail("stat", path);
	}
	printf("bench stat_us %.2f\n", (now() - t) * 1e6 / files);
	t = now();
	for (int i = 0; i < files; i++) {
		if (name(path, sizeof path, dir, i) < 0 || unlink(path) != 0)
			return fail("unlink", path);
	}
	printf("bench unlink_us %.2f\n", (now() - t) * 1e6 / files);
	return 0;
}

static int
big_file(const char *dir)
{
	char path[512];
	double t;
	int fd;

	snprintf(path, sizeof path, "%s/big", dir);
	for (size_t i = 0; i < sizeof block; i++)
		block[i] = (char)(i * 7 + i / 251);
	t = now();
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return fail("create big", path);
	for (unsigned done = 0; done < BIG; done += BLOCK)
		if (write(fd, block, BLOCK) != (ssize_t)BLOCK)
			return fail("write", path);
	if (fsync(fd) != 0 || close(fd) != 0)
		return fail("fsync", path);
	printf("bench write_mbs %.1f\n", BIG / 1e6 / (now() - t));
	t = now();
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return fail("open big", path);
	for (unsigned done = 0; done < BIG; done += BLOCK)
		if (read(fd, block, BLOCK) != (ssize_t)BLOCK)
			return fail("read", path);
	close(fd);
	printf("bench read_mbs %.1f\n", BIG / 1e6 / (now() - t));
	return unlink(path) == 0 ? 0 : fail("unlink big", path);
}

int
main(int argc, char **argv)
{
	int files = argc > 2 ? atoi(argv[2]) : 2000;

	int small = argc > 3 && strcmp(argv[3], "small") == 0;

	if (argc < 2 || argc > 4 || files <= 0 || files > 99999 ||
	    (argc > 3 && !small)) {
		fprintf(stderr, "usage: file_bench DIR [FILES [small]]\n");
		return 2;
	}
	if (small_files(argv[1], files) != 0 ||
	    (!small && big_file(argv[1]) != 0))
		return 1;
	return 0;
}
