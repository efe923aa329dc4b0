/*
 * libc_bench - the C library's hot paths, built twice: against our libc
 * (runs inside the OS) and against glibc (runs on Linux), so
 * bench/libc_bench.sh can print ours/Linux from one run.  Prints
 * "bench NAME NS_PER_OP BYTES_PER_OP" lines (bytes 0: not a copy).
 *
 * Every library call goes through a volatile function pointer: gcc would
 * otherwise expand memcpy/strlen/... inline on the Linux build (ours is
 * compiled -ffreestanding), and we want to time the libraries.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef void *(*malloc_fn)(size_t);
typedef void (*free_fn)(void *);
typedef void *(*realloc_fn)(void *, size_t);
typedef void *(*memcpy_fn)(void *, const void *, size_t);
typedef void *(*memset_fn)(void *, int, size_t);
typedef size_t (*strlen_fn)(const char *);
typedef int (*strcmp_fn)(const char *, const char *);
typedef int (*memcmp_fn)(const void *, const void *, size_t);

static malloc_fn volatile f_malloc = malloc;
static free_fn volatile f_free = free;
static realloc_fn volatile f_realloc = realloc;
static memcpy_fn volatile f_memcpy = memcpy;
static memcpy_fn volatile f_memmove = memmove;
static memset_fn volatile f_memset = memset;
static strlen_fn volatile f_strlen = strlen;
static strcmp_fn volatile f_strcmp = strcmp;
static memcmp_fn volatile f_memcmp = memcmp;

static volatile size_t sink;

#define SLOTS	1024
#define NSIZES	4096

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static uint32_t rng = 12345;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Mixed sizes 16 B..64 KiB, most of them small as in real programs:
 * a power of two picked uniformly in 16..64 Ki, then a point in it. */
static size_t sizes[NSIZES];
static void *slot[SLOTS];

static void make_sizes(void)
{
	for (int i = 0; i < NSIZES; i++) {
		unsigned sh = 4 + rnd() % 12;		/* 16 .. 32 Ki */
		size_t lo = (size_t)1 << sh;
		sizes[i] = lo + rnd() % (lo + 1);	/* up to 64 Ki */
	}
}

static void report(const char *name, double ns, size_t bytes)
{
	printf("bench %s %.2f %zu\n", name, ns, bytes);
}

/* Best of 5 runs: the figure least disturbed by the host. */
typedef double (*run_fn)(long n, size_t arg);

static void best(const char *name, run_fn fn, long n, size_t arg, size_t bytes)
{
	double b = 1e30;

	for (int r = 0; r < 5; r++) {
		double t = fn(n, arg);
		if (t < b)
			b = t;
	}
	report(name, b, bytes);
}

/* SLOTS blocks allocated, then freed newest first; per malloc+free. */
static double run_lifo(long rounds, size_t small)
{
	long k = 0;
	double t0 = now_ns();

	for (long r = 0; r < rounds; r++) {
		for (int i = 0; i < SLOTS; i++, k++) {
			size_t n = sizes[k % NSIZES];
			if (small)
				n = 16 + n % 241;
			slot[i] = f_malloc(n);
			if (slot[i] == NULL) {
				fprintf(stderr, "libc_bench: malloc(%zu) failed\n", n);
				exit(1);
			}
			*(char *)slot[i] = 1;
		}
		for (int i = SLOTS - 1; i >= 0; i--) {
			f_free(slot[i]);
			slot[i] = NULL;
		}
	}
	return (now_ns() - t0) / ((double)rounds * SLOTS);
}

/* A random slot each step: free it if full, else fill it; per step. */
static double run_random(long steps, size_t small)
{
	double t0 = now_ns();

	for (long s = 0; s < steps; s++) {
		uint32_t x = rnd();
		int i = (int)(x % SLOTS);
		if (slot[i] != NULL) {
			f_free(slot[i]);
			slot[i] = NULL;
		} else {
			size_t n = sizes[(x >> 10) % NSIZES];
			if (small)
				n = 16 + n % 241;
			slot[i] = f_malloc(n);
			if (slot[i] == NULL) {
				fprintf(stderr, "libc_bench: malloc(%zu) failed\n", n);
				exit(1);
			}
			*(char *)slot[i] = 1;
		}
	}
	double t = (now_ns() - t0) / (double)steps;
	for (int i = 0; i < SLOTS; i++) {
		f_free(slot[i]);
		slot[i] = NULL;
	}
	return t;
}

/* A growing buffer, as a string builder makes one; per realloc. */
static double run_realloc(long rounds, size_t max)
{
	long calls = 0;
	double t0 = now_ns();

	for (long r = 0; r < rounds; r++) {
		char *p = NULL;
		for (size_t n = 16; n <= max; n += n / 4 + 16, calls++) {
			char *q = f_realloc(p, n);
			if (q == NULL) {
				fprintf(stderr, "libc_bench: realloc(%zu) failed\n", n);
				exit(1);
			}
			p = q;
			p[n - 1] = 1;
		}
		f_free(p);
	}
	return (now_ns() - t0) / (double)calls;
}

static unsigned char *bufa, *bufb;
#define BUF	(1u << 20)

/* Small copies cycle through sizes 1..arg at shifting offsets. */
static double run_memcpy(long n, size_t len)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		f_memcpy(bufb + (i & 7), bufa + (i & 15), len);
	return (now_ns() - t0) / (double)n;
}

static double run_memcpy_small(long n, size_t max)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		f_memcpy(bufb + (i & 7), bufa + (i & 15), 1 + (size_t)i % max);
	return (now_ns() - t0) / (double)n;
}

static double run_memmove(long n, size_t len)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		f_memmove(bufa + 8, bufa, len);	/* overlapping: backwards */
	return (now_ns() - t0) / (double)n;
}

static double run_memset(long n, size_t len)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		f_memset(bufb + (i & 7), (int)i, len);
	return (now_ns() - t0) / (double)n;
}

/* bufa holds a string of arg bytes at every offset 0..15. */
static double run_strlen(long n, size_t len)
{
	size_t s = 0;
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		s += f_strlen((const char *)bufa + (i & 15));
	sink = s;
	(void)len;
	return (now_ns() - t0) / (double)n;
}

/* Equal strings (the worst case: every byte compared). */
static double run_strcmp(long n, size_t len)
{
	int s = 0;
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		s += f_strcmp((const char *)bufa + (i & 15), (const char *)bufb + (i & 15));
	sink = (size_t)s;
	(void)len;
	return (now_ns() - t0) / (double)n;
}

static double run_memcmp(long n, size_t len)
{
	int s = 0;
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		s += f_memcmp(bufa + (i & 15), bufb + (i & 15), len);
	sink = (size_t)s;
	return (now_ns() - t0) / (double)n;
}

/* Puts a string of len bytes (then NUL) at bufa and the same at bufb,
 * both reaching 15 bytes past their start so every offset sees it. */
static void set_strings(size_t len)
{
	memset(bufa, 'a', len + 15);
	bufa[len + 15] = '\0';
	memset(bufb, 'a', len + 15);
	bufb[len + 15] = '\0';
}

int main(int argc, char **argv)
{
	/* A scale below 1 for slow machines (QEMU's emulation). */
	double scale = argc > 1 ? atof(argv[1]) : 1.0;

	if (argc > 2 || scale <= 0 || scale > 100) {
		fprintf(stderr, "usage: libc_bench [scale]\n");
		return 2;
	}
#define N(x) ((long)((x) * scale) > 0 ? (long)((x) * scale) : 1L)
	bufa = malloc(BUF + 64);
	bufb = malloc(BUF + 64);
	if (bufa == NULL || bufb == NULL) {
		fprintf(stderr, "libc_bench: out of memory\n");
		return 1;
	}
	memset(bufa, 1, BUF + 64);
	memset(bufb, 2, BUF + 64);
	make_sizes();

	best("malloc_lifo_small", run_lifo, N(200), 1, 0);
	best("malloc_lifo_mixed", run_lifo, N(40), 0, 0);
	best("malloc_random_small", run_random, N(200000), 1, 0);
	best("malloc_random_mixed", run_random, N(40000), 0, 0);
	best("realloc_grow_1m", run_realloc, N(20), (size_t)1 << 20, 0);

	best("memcpy_small_1_64", run_memcpy_small, N(2000000), 64, 0);
	best("memcpy_256", run_memcpy, N(2000000), 256, 256);
	best("memcpy_64k", run_memcpy, N(20000), 65536, 65536);
	best("memcpy_1m", run_memcpy, N(1000), BUF, BUF);
	best("memmove_back_64k", run_memmove, N(20000), 65536, 65536);
	best("memset_64k", run_memset, N(20000), 65536, 65536);

	set_strings(16);
	best("strlen_16", run_strlen, N(2000000), 16, 16);
	best("strcmp_16", run_strcmp, N(2000000), 16, 16);
	set_strings(4096);
	best("strlen_4k", run_strlen, N(100000), 4096, 4096);
	best("strcmp_4k", run_strcmp, N(100000), 4096, 4096);
	best("memcmp_4k", run_memcmp, N(100000), 4096, 4096);
	free(bufa);
	free(bufb);
	return 0;
}
