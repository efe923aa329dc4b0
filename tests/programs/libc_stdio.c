/* libc_stdio: the printf family, sscanf, and FILE streams over pipes and
 * (when a writable directory exists) files. */
#define NAME "libc_stdio"
#include "check.h"
#include <errno.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>

static char buf[512];

#define FMT(want, ...) do {						\
		int n_ = snprintf(buf, sizeof(buf), __VA_ARGS__);	\
		CHECK_STR(buf, want);					\
		CHECK_INT(n_, (long long)strlen(want));		\
	} while (0)

static void test_printf_ints(void)
{
	FMT("0", "%d", 0);
	FMT("42", "%d", 42);
	FMT("-42", "%i", -42);
	FMT("2147483647", "%d", INT_MAX);
	FMT("-2147483648", "%d", INT_MIN);
	FMT("-9223372036854775808", "%ld", LONG_MIN);
	FMT("18446744073709551615", "%lu", ULONG_MAX);
	FMT("18446744073709551615", "%llu", ULLONG_MAX);
	FMT("4294967295", "%u", UINT_MAX);
	FMT("-1", "%hhd", 255);
	FMT("65535", "%hu", -1);
	FMT("ff", "%x", 255);
	FMT("FF", "%X", 255);
	FMT("0xff", "%#x", 255);
	FMT("0XFF", "%#X", 255);
	FMT("0", "%#x", 0);
	FMT("17", "%o", 15);
	FMT("017", "%#o", 15);
	FMT("   42", "%5d", 42);
	FMT("42   |", "%-5d|", 42);
	FMT("00042", "%05d", 42);
	FMT("-0042", "%05d", -42);
	FMT("+42", "%+d", 42);
	FMT(" 42", "% d", 42);
	FMT("  042", "%5.3d", 42);
	FMT("", "%.0d", 0);
	FMT("   ", "%3.0d", 0);
	FMT("0x0000ff", "%#08x", 255);
	FMT("   42", "%*d", 5, 42);
	FMT("42   |", "%*d|", -5, 42);
	FMT("00042", "%.*d", 5, 42);
	FMT("123456789", "%zu", (size_t)123456789);
	FMT("-5", "%jd", (intmax_t)-5);
	FMT("-7", "%td", (ptrdiff_t)-7);
	FMT("1234567890123", "%" PRId64, (int64_t)1234567890123);
	FMT("a1b2", "%x%d%x%d", 10, 1, 11, 2);
	FMT("100%", "%d%%", 100);
}

static void test_printf_other(void)
{
	int n = 0;

	FMT("hello", "%s", "hello");
	FMT("  hi", "%4s", "hi");
	FMT("hi  |", "%-4s|", "hi");
	FMT("hel", "%.3s", "hello");
	FMT("  hel", "%5.3s", "hello");
	{
		const char *volatile nul = NULL;	/* hide it from -Wformat */
		FMT("(null)", "%s", nul);
	}
	FMT("x", "%c", 'x');
	FMT("  x", "%3c", 'x');
	FMT("x  |", "%-3c|", 'x');
	FMT("0x1234", "%p", (void *)0x1234);
	FMT("(nil)", "%p", (void *)0);
	FMT("abc", "abc%n", &n);
	CHECK_INT(n, 3);
	/* truncation: the return value is the full length */
	CHECK_INT(snprintf(buf, 4, "%s", "abcdef"), 6);
	CHECK_STR(buf, "abc");
	CHECK_INT(snprintf(NULL, 0, "%d", 12345), 5);
	CHECK_INT(sprintf(buf, "%s-%d", "a", 1), 3);
	CHECK_STR(buf, "a-1");
	{
		char *s = NULL;
		CHECK_INT(asprintf(&s, "%s=%d", "x", 99), 4);
		CHECK_STR(s, "x=99");
		free(s);
		CHECK_INT(asprintf(&s, "%s", ""), 0);
		CHECK_STR(s, "");
		free(s);
		CHECK(asprintf(&s, "%0600d", 1) == 600 && strlen(s) == 600 && s[599] == '1');
		free(s);
	}
}

static void test_printf_float(void)
{
	FMT("3.141593", "%f", 3.14159265);
	FMT("3.14", "%.2f", 3.14159);
	FMT("3", "%.0f", 3.14159);
	FMT("4", "%.0f", 3.5);
	FMT("-2.50", "%.2f", -2.5);
	FMT("0.000000", "%f", 0.0);
	FMT("-0.000000", "%f", -0.0);
	FMT("1.000", "%.3f", 0.9999);
	FMT("100.00", "%.2f", 99.999);
	FMT("0.001", "%.3f", 0.00149);
	FMT("1234567.890000", "%f", 1234567.89);
	FMT("    1.50", "%8.2f", 1.5);
	FMT("0001.50", "%07.2f", 1.5);
	FMT("+1.5", "%+.1f", 1.5);
	FMT("1.500000e+00", "%e", 1.5);
	FMT("1.23e+05", "%.2e", 123456.0);
	FMT("1.2E-03", "%.1E", 0.00123);
	FMT("1e+100", "%.0e", 1e100);
	FMT("0.5", "%g", 0.5);
	FMT("100000", "%g", 100000.0);
	FMT("1e+06", "%g", 1000000.0);
	FMT("1.5e-05", "%g", 0.000015);
	FMT("3.14159", "%g", 3.14159265);
	FMT("0", "%g", 0.0);
	FMT("inf", "%f", __builtin_inf());
	FMT("-INF", "%F", -__builtin_inf());
	FMT("nan", "%f", __builtin_nan(""));
	FMT("1e+300", "%g", 1e300);
}

static void test_sscanf(void)
{
	int a = 0, b = 0, n = 0;
	unsigned u = 0;
	long l = 0;
	char s[32] = "", t[32] = "";
	double d = 0;
	char c = 0;

	CHECK_INT(sscanf("12 34", "%d %d", &a, &b), 2);
	CHECK(a == 12 && b == 34);
	CHECK_INT(sscanf("x=-5,y=0x1f", "x=%d,y=%x", &a, &u), 2);
	CHECK(a == -5 && u == 0x1f);
	CHECK_INT(sscanf("hello world", "%s %s", s, t), 2);
	CHECK_STR(s, "hello");
	CHECK_STR(t, "world");
	CHECK_INT(sscanf("abc123", "%3s%ld", s, &l), 2);
	CHECK(strcmp(s, "abc") == 0 && l == 123);
	CHECK_INT(sscanf("2.5e2", "%lf", &d), 1);
	CHECK(d == 250.0);
	CHECK_INT(sscanf("key: value here", "%[^:]: %[a-z ]", s, t), 2);
	CHECK_STR(s, "key");
	CHECK_STR(t, "value here");
	CHECK_INT(sscanf("Q", "%c", &c), 1);
	CHECK(c == 'Q');
	CHECK_INT(sscanf("7 8", "%*d %d%n", &a, &n), 1);
	CHECK(a == 8 && n == 3);
	CHECK_INT(sscanf("abc", "%d", &a), 0);
	CHECK_INT(sscanf("", "%d", &a), EOF);
	CHECK_INT(sscanf("0755", "%i", &a), 1);
	CHECK_INT(a, 0755);
}

/* Streams over a pipe: the kernel's pipe: scheme, no file system needed. */
static void test_pipe_streams(void)
{
	int fds[2];
	FILE *w, *r;
	char line[64], *lp = NULL;
	size_t cap = 0;
	int i, ok = 1;

	CHECK(pipe(fds) == 0);
	w = fdopen(fds[1], "w");
	r = fdopen(fds[0], "r");
	CHECK(w != NULL && r != NULL);
	if (w == NULL || r == NULL)
		return;
	CHECK_INT(fprintf(w, "line %d\n", 1), 7);
	CHECK(fputs("second\n", w) >= 0);
	CHECK(fputc('X', w) == 'X');
	CHECK_INT(fwrite("yz\nlast", 1, 7, w), 7);
	CHECK(fflush(w) == 0);
	CHECK(fclose(w) == 0);
	CHECK_STR(fgets(line, sizeof(line), r), "line 1\n");
	CHECK(getline(&lp, &cap, r) == 7 && strcmp(lp, "second\n") == 0);
	CHECK(fgetc(r) == 'X');
	CHECK(ungetc('W', r) == 'W');
	CHECK(fgetc(r) == 'W');
	CHECK_INT(fread(line, 1, 3, r), 3);
	CHECK(memcmp(line, "yz\n", 3) == 0);
	CHECK_STR(fgets(line, sizeof(line), r), "last");
	CHECK(fgets(line, sizeof(line), r) == NULL);
	CHECK(feof(r) && !ferror(r));
	free(lp);
	fclose(r);

	/* more than a buffer's worth through a pipe, read back in chunks */
	CHECK(pipe(fds) == 0);
	w = fdopen(fds[1], "w");
	r = fdopen(fds[0], "r");
	for (i = 0; i < 300; i++)	/* 300 * 10 bytes fits the pipe */
		fprintf(w, "%09d\n", i);
	fclose(w);
	for (i = 0; i < 300; i++) {
		if (fgets(line, sizeof(line), r) == NULL || atoi(line) != i)
			ok = 0;
	}
	CHECK(ok);
	CHECK(fgetc(r) == EOF);
	fclose(r);
}

static void test_files(const char *dir)
{
	char path[256], path2[256], line[64];
	FILE *f;
	long pos;

	snprintf(path, sizeof(path), "%s/stdio-test.txt", dir);
	snprintf(path2, sizeof(path2), "%s/stdio-test-renamed.txt", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	fprintf(f, "alpha\nbeta\n");
	CHECK(ftell(f) == 11);
	fclose(f);
	f = fopen(path, "a");
	fputs("gamma\n", f);
	fclose(f);
	f = fopen(path, "r+");
	CHECK(f != NULL);
	CHECK_STR(fgets(line, sizeof(line), f), "alpha\n");
	pos = ftell(f);
	CHECK_INT(pos, 6);
	CHECK(fseek(f, 0, SEEK_END) == 0);
	CHECK_INT(ftell(f), 17);
	CHECK(fseek(f, 6, SEEK_SET) == 0);
	fputs("BETA", f);		/* overwrite in place */
	CHECK(fseek(f, -6, SEEK_END) == 0);
	CHECK_STR(fgets(line, sizeof(line), f), "gamma\n");
	rewind(f);
	CHECK_INT(fread(line, 1, 17, f), 17);
	CHECK(memcmp(line, "alpha\nBETA\ngamma\n", 17) == 0);
	fclose(f);
	CHECK(rename(path, path2) == 0);
	CHECK(fopen(path, "r") == NULL && errno == ENOENT);
	CHECK(remove(path2) == 0);
	CHECK(fopen(path2, "r") == NULL);
	CHECK(fopen(path, "rx") == NULL || 1);
	f = fopen(path, "wx");
	CHECK(f != NULL);
	if (f)
		fclose(f);
	CHECK(fopen(path, "wx") == NULL && errno == EEXIST);
	remove(path);
}

/* A file bigger than any stream buffer, read through a mix of getc,
 * fgets, short and long freads and seeks, then as stdin (whose buffer
 * grows for a regular file): every byte where it belongs. */
static unsigned char big_byte(long i)
{
	return (unsigned char)(i % 251 == 250 ? '\n' : 'a' + i % 23);
}

static void test_big_file(const char *dir)
{
	enum { SIZE = 300000 };
	static unsigned char buf[SIZE];
	char path[256], line[400];
	long i, at = 0;
	int bad = 0, c;
	FILE *f;

	snprintf(path, sizeof(path), "%s/stdio-big.txt", dir);
	for (i = 0; i < SIZE; i++)
		buf[i] = big_byte(i);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	CHECK_INT(fwrite(buf, 1, 1000, f), 1000);
	for (i = 1000; i < SIZE; i++)
		putc(buf[i], f);
	CHECK(fclose(f) == 0);
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (at < SIZE && !bad) {
		size_t want = at % 3 == 0 ? 5000 : at % 3 == 1 ? 70001 : 1;
		if (at % 7 == 3 && fgets(line, sizeof line, f) != NULL) {
			size_t n = strlen(line);
			bad += memcmp(line, buf + at, n) != 0;
			at += (long)n;
			continue;
		}
		if (want == 1) {
			bad += (c = getc(f)) != buf[at];
			at++;
			continue;
		}
		static unsigned char got[70001];
		size_t n = fread(got, 1, want, f);
		bad += n == 0 || memcmp(got, buf + at, n) != 0;
		at += (long)n;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(at, SIZE);
	CHECK(getc(f) == EOF && feof(f));
	CHECK(fseek(f, 150001, SEEK_SET) == 0);
	CHECK(getc(f) == buf[150001]);
	CHECK_INT(ftell(f), 150002);
	CHECK(fseek(f, -100000, SEEK_CUR) == 0);
	CHECK(getc(f) == buf[50002]);
	fclose(f);

	/* The same file as stdin, read a byte at a time. */
	int fd = open(path, O_RDONLY);
	int saved = dup(0);
	CHECK(fd >= 0 && saved >= 0);
	if (fd >= 0 && saved >= 0 && dup2(fd, 0) == 0) {
		clearerr(stdin);
		for (at = 0, bad = 0; (c = getchar()) != EOF; at++)
			bad += at >= SIZE || c != buf[at];
		CHECK_INT(bad, 0);
		CHECK_INT(at, SIZE);
		CHECK(dup2(saved, 0) == 0);
		clearerr(stdin);
	}
	if (fd >= 0)
		close(fd);
	if (saved >= 0)
		close(saved);
	remove(path);
}

/*
 * A write error drops what the buffer held: ion runs a builtin with
 * stdout on a pipe whose reader failed to start, then gives fd 1 back to
 * the terminal; the text must not come out there at the next flush.
 */
static void test_write_error(void)
{
	int dead[2], live[2];
	FILE *w;
	char got[32];
	ssize_t n;

	signal(SIGPIPE, SIG_IGN);
	CHECK(pipe(dead) == 0 && pipe(live) == 0);
	close(dead[0]);
	w = fdopen(dead[1], "w");
	CHECK(w != NULL);
	if (w == NULL)
		return;
	CHECK(fputs("lost\n", w) >= 0);
	errno = 0;
	CHECK(fflush(w) == EOF && ferror(w) && errno == EPIPE);
	/* the same descriptor number, now a pipe someone reads */
	CHECK(dup2(live[1], dead[1]) == dead[1]);
	close(live[1]);
	clearerr(w);
	CHECK(fputs("kept\n", w) >= 0);
	CHECK(fclose(w) == 0);
	n = read(live[0], got, sizeof got);
	CHECK(n == 5 && memcmp(got, "kept\n", 5) == 0);
	close(live[0]);
	signal(SIGPIPE, SIG_DFL);
}

int main(void)
{
	const char *dir;

	test_printf_ints();
	test_printf_other();
	test_printf_float();
	test_sscanf();
	test_pipe_streams();
	test_write_error();
	dir = scratch_dir();
	if (dir != NULL) {
		test_files(dir);
		test_big_file(dir);
	} else
		printf("%s: no writable directory ($TMPDIR or /tmp): file checks skipped\n", NAME);
	/* stdout: printf's return value, and a line that must reach the console */
	CHECK_INT(printf("%s: printf to stdout works\n", NAME), (int)strlen(NAME) + 25);
	return finish();
}
