/*
 * os_bench - runs inside the OS: the null syscall (getpid) and a round
 * trip to a user-space scheme (a 1-byte read from zero:, served by
 * zerod).  Prints "bench NAME NS" lines for bench/run to tabulate.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Best of 5 runs of n calls: the figure least disturbed by the host. */
#define BEST(name, n, body) do { \
	double best = 1e30; \
	for (int r = 0; r < 5; r++) { \
		double t0 = now_ns(); \
		for (long i = 0; i < (n); i++) { body; } \
		double t = (now_ns() - t0) / (double)(n); \
		if (t < best) best = t; \
	} \
	printf("bench %s %.1f\n", name, best); \
} while (0)

int
main(int argc, char **argv)
{
	/* os_bench N: N times fewer iterations (for emulated machines). */
	long div = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
	if (div < 1)
		div = 1;
	BEST("getpid", 2000000 / div, getpid());
	int fd = open("zero:", O_RDONLY);
	if (fd < 0) {
		perror("os_bench: zero:");
		return 1;
	}
	char c;
	BEST("zero_read", 200000 / div, if (read(fd, &c, 1) != 1) { perror("os_bench: read zero:"); return 1; });
	close(fd);
	int null = open("null:", O_WRONLY);
	if (null < 0) {
		perror("os_bench: null:");
		return 1;
	}
	BEST("null_write", 200000 / div, if (write(null, &c, 1) != 1) { perror("os_bench: write null:"); return 1; });
	close(null);
	return 0;
}
