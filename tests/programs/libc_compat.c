/* libc_compat: the smaller compatibility calls ports look for:
 * strcasestr, strverscmp (glibc's answers), index/rindex, ffsl/ffsll,
 * the drand48 family (glibc's sequence), mkostemp/mkstemps, pathconf,
 * confstr, sysconf, psignal, at_quick_exit, and (with "--system")
 * getentropy from rand:; fmemopen, open_memstream and fopencookie;
 * fscanf on a stream.
 * argv[1] "quick" exits through quick_exit. */
#define NAME "libc_compat"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "check.h"

static const struct {
	const char *a, *b;
	int want;
} vers[] = {
	{"a9","a10",-1}, {"a10","a9",1}, {"000","00",-1}, {"00","0",-1}, {"0","1",-1},
	{"1.01","1.001",1}, {"foo","foo",0}, {"item#99","item#100",-1}, {"a","b",-1},
	{"abc2","abc02",1}, {"09","10",-1}, {"1.2.10","1.2.9",1},
};

static void test_strings(void)
{
	const char *h = "Hello World";
	size_t i;

	CHECK(strcasestr(h, "WORLD") == h + 6);
	CHECK(strcasestr(h, "") == h);
	CHECK(strcasestr(h, "xyz") == NULL);
	for (i = 0; i < sizeof(vers) / sizeof(vers[0]); i++) {
		int r = strverscmp(vers[i].a, vers[i].b);
		r = r < 0 ? -1 : r > 0;
		if (r != vers[i].want)
			printf("%s: strverscmp(%s, %s) = %d\n", NAME, vers[i].a, vers[i].b, r);
		CHECK_INT(r, vers[i].want);
	}
	CHECK(index(h, 'o') == h + 4 && rindex(h, 'o') == h + 7);
	CHECK_INT(ffsl(0), 0);
	CHECK_INT(ffsl(1L << 40), 41);
	CHECK_INT(ffsll(1LL << 63), 64);
}

static void test_rand48(void)
{
	unsigned short x[3] = { 1, 2, 3 };

	srand48(42);
	CHECK_INT(lrand48(), 1598855263);
	CHECK_INT(lrand48(), 735945821);
	CHECK(drand48() == 0.11108528244416149);
	CHECK_INT(mrand48(), 1813932012);
	CHECK(erand48(x) == 0.44199632268870914);
	CHECK_INT(nrand48(x), 565063343);
	CHECK_INT(jrand48(x), -1485464893);
	CHECK(x[0] == 7666 && x[1] == 39619 && x[2] == 42869);
}

static void test_files(const char *dir)
{
	char t[256], buf[64];
	struct stat st;
	int fd;

	snprintf(t, sizeof(t), "%s/cmpXXXXXX.txt", dir);
	fd = mkstemps(t, 4);
	CHECK(fd >= 0);
	CHECK(strlen(t) > 4 && strcmp(t + strlen(t) - 4, ".txt") == 0 && strstr(t, "XXXXXX") == NULL);
	if (fd >= 0) {
		close(fd);
		CHECK(stat(t, &st) == 0 && (st.st_mode & 0777) == 0600);
		remove(t);
	}
	snprintf(t, sizeof(t), "%s/cmpXXXXXX", dir);
	fd = mkostemp(t, O_CLOEXEC);
	CHECK(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC));
	if (fd >= 0) {
		close(fd);
		remove(t);
	}
	snprintf(t, sizeof(t), "%s/cmpXXXXX", dir);
	errno = 0;
	CHECK(mkstemp(t) == -1 && errno == EINVAL);
	CHECK_INT(pathconf(dir, _PC_NAME_MAX), 255);
	CHECK_INT(pathconf(dir, _PC_PATH_MAX), 4096);
	errno = 0;
	CHECK(pathconf("/no/such/path", _PC_NAME_MAX) == -1 && errno == ENOENT);
	CHECK(fpathconf(0, 9999) == -1 && errno == EINVAL);
	CHECK_INT(confstr(_CS_PATH, buf, sizeof(buf)), strlen(buf) + 1);
	CHECK(strstr(buf, "/bin") != NULL);
	{
		int p[2];
		CHECK_INT(pipe(p), 0);
		CHECK_INT(ttyname_r(p[0], buf, sizeof(buf)), ENOTTY);
		close(p[0]);
		close(p[1]);
		CHECK(ttyname_r(999, buf, sizeof(buf)) != 0);	/* EBADF (ENOTTY on rxrun) */
	}
	CHECK_INT(sysconf(_SC_VERSION), 200809L);
	CHECK_INT(sysconf(_SC_NGROUPS_MAX), 32);
	CHECK(getdtablesize() >= 256);
}

static void test_psignal(void)
{
	int p[2], saved;
	char buf[128];
	ssize_t n;

	CHECK_INT(pipe(p), 0);
	saved = dup(2);
	CHECK_INT(dup2(p[1], 2), 2);
	psignal(SIGTERM, "child");
	dup2(saved, 2);
	close(saved);
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(strncmp(buf, "child: ", 7) == 0 && buf[n - 1] == '\n' && n > 9);
}

static ssize_t count_write(void *c, const char *buf, size_t n)
{
	(void)buf;
	*(size_t *)c += n;
	return (ssize_t)n;
}

static void test_memstreams(void)
{
	static const char src[] = "line1\nline2\n";
	char buf[16], line[32], *p = NULL, big[1000];
	cookie_io_functions_t io = { NULL, count_write, NULL, NULL };
	size_t n = 99, counted = 0;
	FILE *f;
	int i;

	f = fmemopen(buf, sizeof(buf), "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	CHECK_INT(fprintf(f, "hello %d", 42), 8);
	CHECK_INT(fflush(f), 0);
	CHECK_STR(buf, "hello 42");
	CHECK_INT(ftell(f), 8);
	CHECK_INT(fseek(f, 0, SEEK_SET), 0);
	CHECK_INT(fputc('J', f), 'J');
	CHECK_STR(buf, "Jello 42");
	CHECK_INT(fseek(f, 0, SEEK_END), 0);
	CHECK_INT(fwrite("0123456789", 1, 10, f), 8);	/* 16 bytes hold 8 more */
	CHECK(ferror(f));
	CHECK(memcmp(buf, "Jello 4201234567", 16) == 0);
	errno = 0;
	CHECK(fseek(f, 17, SEEK_SET) == -1 && errno == EINVAL);
	CHECK(fileno(f) == -1);
	CHECK_INT(fclose(f), 0);

	f = fmemopen((void *)src, strlen(src), "r");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	CHECK_STR(fgets(line, sizeof(line), f), "line1\n");
	CHECK_STR(fgets(line, sizeof(line), f), "line2\n");
	CHECK(fgets(line, sizeof(line), f) == NULL && feof(f));
	CHECK_INT(fseek(f, -6, SEEK_END), 0);
	CHECK_STR(fgets(line, sizeof(line), f), "line2\n");
	CHECK(fputs("x", f) == EOF);	/* opened for reading only */
	fclose(f);

	f = fmemopen(NULL, 32, "w+");
	CHECK(f != NULL);
	if (f != NULL) {
		CHECK_INT(fputs("abc", f), 0);
		rewind(f);
		CHECK_STR(fgets(line, sizeof(line), f), "abc");
		fclose(f);
	}
	snprintf(buf, sizeof(buf), "ab");
	f = fmemopen(buf, sizeof(buf), "a");
	CHECK(f != NULL);
	if (f != NULL) {
		CHECK_INT(fputs("cd", f), 0);
		fclose(f);
		CHECK_STR(buf, "abcd");
	}
	errno = 0;
	CHECK(fmemopen(buf, 0, "r") == NULL && errno == EINVAL);

	f = open_memstream(&p, &n);
	CHECK(f != NULL && p != NULL && n == 0);
	if (f == NULL)
		return;
	CHECK_INT(fprintf(f, "%d-%s", 7, "x"), 3);
	CHECK_INT(fflush(f), 0);
	CHECK(n == 3 && strcmp(p, "7-x") == 0);
	memset(big, 'z', sizeof(big));
	for (i = 0; i < 10; i++)
		CHECK_INT(fwrite(big, 1, sizeof(big), f), sizeof(big));
	CHECK_INT(fclose(f), 0);
	CHECK_INT(n, 10003);
	CHECK(p != NULL && strncmp(p, "7-xzz", 5) == 0 && p[10003] == '\0');
	free(p);

	f = fopencookie(&counted, "w", io);
	CHECK(f != NULL);
	if (f != NULL) {
		CHECK_INT(fprintf(f, "%s", "twelve bytes"), 12);
		CHECK_INT(fclose(f), 0);
		CHECK_INT(counted, 12);
	}
}

/* fscanf reads from streams; one character of pushback as glibc. */
static void test_fscanf(void)
{
	static const char text[] = "  42 -7 0x1f 3.25 1e3 word [rest] 99 1e 12";
	char w[16], br[16];
	int a, b, c, k;
	double d;
	float e;
	long n;
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	CHECK(f != NULL);
	if (f == NULL)
		return;
	CHECK_INT(fscanf(f, "%d %d %i %lf %f %15s", &a, &b, &c, &d, &e, w), 6);
	CHECK(a == 42 && b == -7 && c == 31 && d == 3.25 && e == 1000.0f);
	CHECK_STR(w, "word");
	CHECK_INT(fscanf(f, " [%15[^]]] %ld", br, &n), 2);
	CHECK_STR(br, "rest");
	CHECK_INT(n, 99);
	/* "1e" then a space: the 'e' is consumed, 1 converted (glibc) */
	CHECK_INT(fscanf(f, "%lf", &d), 1);
	CHECK(d == 1.0);
	CHECK_INT(fscanf(f, "%d%n", &k, &a), 1);
	CHECK_INT(k, 12);
	CHECK_INT(fscanf(f, "%d", &k), EOF);
	CHECK(feof(f));
	fclose(f);
	CHECK_INT(sscanf("", "%d", &k), EOF);
	CHECK_INT(sscanf("   ", "%d", &k), EOF);
	CHECK_INT(sscanf("x", "%d", &k), 0);
	CHECK_INT(sscanf("12abc", "%d%3c", &k, w), 2);
	CHECK(k == 12 && memcmp(w, "abc", 3) == 0);
	CHECK_INT(sscanf("0.1", "%f", &e), 1);
	CHECK(e == 0.1f);
	CHECK_INT(sscanf("inf nan -0x1p-2", "%lf %f %lf", &d, &e, &d), 3);
	CHECK(d == -0.25 && e != e);
}

static void on_quick(void)
{
	(void)!write(1, "quick handler\n", 14);
}

static void test_quick_exit(const char *argv0)
{
	char self[512], *argv[] = { self, "quick", NULL }, buf[64];
	posix_spawn_file_actions_t fa;
	int p[2], st;
	pid_t pid;
	ssize_t n, got = 0;

	self_path(argv0, self, sizeof(self));
	CHECK_INT(pipe(p), 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	CHECK_INT(posix_spawn(&pid, self, &fa, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	while ((n = read(p[0], buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += n;
	close(p[0]);
	buf[got] = '\0';
	CHECK_INT(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	/* the handler ran; the buffered printf did not reach the pipe */
	CHECK_STR(buf, "quick handler\n");
}

int main(int argc, char **argv)
{
	const char *dir = scratch_dir();

	if (argc > 1 && strcmp(argv[1], "quick") == 0) {
		setvbuf(stdout, NULL, _IOFBF, 0);
		printf("buffered, never flushed\n");
		at_quick_exit(on_quick);
		quick_exit(7);
	}
	test_strings();
	test_rand48();
	test_memstreams();
	test_fscanf();
	test_psignal();
	test_quick_exit(argv[0]);
	if (dir)
		test_files(dir);
	else
		printf("%s: no scratch directory: file checks skipped\n", NAME);
	if (argc > 1 && strcmp(argv[1], "--system") == 0) {
		unsigned char a[32], b[32];
		CHECK_INT(getentropy(a, sizeof(a)), 0);
		CHECK_INT(getentropy(b, sizeof(b)), 0);
		CHECK(memcmp(a, b, sizeof(a)) != 0);
		errno = 0;
		CHECK(getentropy(a, 257) == -1 && errno == EIO);
	}
	return finish();
}
