/* libc_unistd: file descriptors, pipes, fcntl, paths, stat, directories,
 * mmap, ids, clocks and calendar time, getopt. */
#define NAME "libc_unistd"
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <time.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <redox.h>

static void test_pipes(void)
{
	int fds[2], fl, d;
	char b[16];

	CHECK(pipe(fds) == 0);
	CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
	CHECK_INT(write(fds[1], "ping", 4), 4);
	CHECK_INT(read(fds[0], b, sizeof(b)), 4);
	CHECK(memcmp(b, "ping", 4) == 0);
	d = dup(fds[1]);
	CHECK(d >= 0 && d != fds[1]);
	CHECK_INT(write(d, "dup", 3), 3);
	CHECK_INT(read(fds[0], b, sizeof(b)), 3);
	CHECK(dup2(fds[1], 20) == 20);
	CHECK_INT(write(20, "d2", 2), 2);
	CHECK_INT(read(fds[0], b, 2), 2);
	CHECK(dup2(20, 20) == 20);
	CHECK(close(20) == 0);
	CHECK(close(20) == -1 && errno == EBADF);
	CHECK(write(20, "x", 1) == -1 && errno == EBADF);
	/* the read end sees EOF once every write end is closed */
	close(d);
	close(fds[1]);
	CHECK_INT(read(fds[0], b, sizeof(b)), 0);
	close(fds[0]);

	CHECK(pipe2(fds, O_CLOEXEC) == 0);
	fl = fcntl(fds[0], F_GETFD);
	CHECK(fl >= 0 && (fl & FD_CLOEXEC));
	CHECK(fcntl(fds[0], F_SETFD, 0) == 0);
	CHECK(fcntl(fds[0], F_GETFD) == 0);
	fl = fcntl(fds[1], F_GETFL);
	CHECK(fl >= 0 && (fl & O_ACCMODE) == O_WRONLY);
	d = fcntl(fds[1], F_DUPFD, 10);
	CHECK(d >= 10);
	close(d);
	CHECK(isatty(fds[0]) == 0);
	CHECK(lseek(fds[0], 0, SEEK_SET) == -1);
	close(fds[0]);
	close(fds[1]);
}

static void test_ids(void)
{
	CHECK(getpid() > 0);
	CHECK(getppid() >= 0);
	CHECK(gettid() > 0);
	CHECK(getuid() == geteuid() || 1);
	CHECK((int)getuid() >= 0 && (int)getgid() >= 0);
	/* 0 is legal on Linux (rxrun) when the group or session leader is
	 * outside the caller's pid namespace, as in CI containers. */
	CHECK(getpgrp() >= 0 && getpgid(0) == getpgrp());
	CHECK(getsid(0) >= 0 && getsid(getpid()) == getsid(0));
	{
		mode_t old = umask(022);
		CHECK(umask(old) == 022);
	}
	CHECK(sysconf(_SC_PAGESIZE) == 4096 && getpagesize() == 4096);
	{
		char h[64];
		CHECK(gethostname(h, sizeof(h)) == 0 && h[0] != '\0');
	}
}

static void test_time(void)
{
	struct timespec a, b, req = { 0, 20 * 1000 * 1000 };
	struct timeval tv;
	long ns;
	time_t t;
	struct tm tm;
	char s[64];

	CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
	CHECK(nanosleep(&req, NULL) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
	ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
	CHECK(ns >= 20 * 1000 * 1000);
	CHECK(ns < 2000L * 1000 * 1000);
	CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000L);
	CHECK(clock_gettime(CLOCK_REALTIME, &a) == 0);
	CHECK(a.tv_sec > 1500000000L);	/* after 2017: a real wall clock */
	t = time(NULL);
	CHECK(t >= a.tv_sec && t <= a.tv_sec + 5);
	CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec >= a.tv_sec);
	CHECK(usleep(1000) == 0);
	req.tv_nsec = 2000000000L;
	CHECK(nanosleep(&req, NULL) == -1 && errno == EINVAL);

	t = 0;
	gmtime_r(&t, &tm);
	CHECK(tm.tm_year == 70 && tm.tm_mon == 0 && tm.tm_mday == 1 && tm.tm_wday == 4);
	t = 951782400;		/* 2000-02-29 00:00:00, a leap day */
	gmtime_r(&t, &tm);
	CHECK(tm.tm_year == 100 && tm.tm_mon == 1 && tm.tm_mday == 29 && tm.tm_yday == 59);
	t = 1700000000;
	gmtime_r(&t, &tm);
	CHECK(strftime(s, sizeof(s), "%Y-%m-%d %H:%M:%S %a %b %j", &tm) > 0);
	CHECK_STR(s, "2023-11-14 22:13:20 Tue Nov 318");
	CHECK(timegm(&tm) == 1700000000);
	tm.tm_mday += 30;	/* normalisation carries into the next month */
	CHECK(timegm(&tm) == 1700000000 + 30 * 86400 && tm.tm_mon == 11 && tm.tm_mday == 14);
	t = -86400;
	gmtime_r(&t, &tm);
	CHECK(tm.tm_year == 69 && tm.tm_mon == 11 && tm.tm_mday == 31);
}

static void test_mmap(void)
{
	unsigned char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ok = 1, i;

	CHECK(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	for (i = 0; i < 8192; i++)
		if (p[i] != 0)
			ok = 0;
	CHECK(ok);		/* anonymous memory is zeroed */
	p[0] = 1;
	p[8191] = 2;
	CHECK(p[0] == 1 && p[8191] == 2);
	CHECK(mprotect(p, 4096, PROT_READ) == 0);
	CHECK(p[0] == 1);
	CHECK(munmap(p, 8192) == 0);
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
}

static void test_files(const char *dir)
{
	char path[256], sub[256], b[64], cwd[512], cwd2[512];
	struct stat st;
	int fd, n, found = 0, dots = 0;
	DIR *d;
	struct dirent *e;

	snprintf(path, sizeof(path), "%s/unistd-file", dir);
	snprintf(sub, sizeof(sub), "%s/unistd-dir", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0640);
	CHECK(fd >= 0);
	CHECK_INT(write(fd, "0123456789", 10), 10);
	CHECK_INT(lseek(fd, 0, SEEK_CUR), 10);
	CHECK_INT(lseek(fd, 2, SEEK_SET), 2);
	CHECK_INT(read(fd, b, 3), 3);
	CHECK(memcmp(b, "234", 3) == 0);
	CHECK_INT(lseek(fd, -1, SEEK_END), 9);
	CHECK_INT(pread(fd, b, 2, 4), 2);
	CHECK(memcmp(b, "45", 2) == 0);
	CHECK_INT(lseek(fd, 0, SEEK_CUR), 9);
	CHECK(fstat(fd, &st) == 0);
	CHECK(S_ISREG(st.st_mode) && st.st_size == 10);
	CHECK((st.st_mode & 0777) == (0640 & ~022) || (st.st_mode & 0777) == 0640);
	CHECK(ftruncate(fd, 4) == 0);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 4);
	CHECK(fsync(fd) == 0);
	n = (int)redox_fpath(fd, b, sizeof(b) - 1);
	CHECK(n > 0);
	CHECK(close(fd) == 0);
	CHECK(stat(path, &st) == 0 && st.st_size == 4);
	CHECK(chmod(path, 0600) == 0);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(access(path, F_OK) == 0);
	CHECK(access(path, R_OK | W_OK) == 0);
	CHECK(open(path, O_RDONLY | O_CREAT | O_EXCL, 0600) == -1 && errno == EEXIST);

	CHECK(mkdir(sub, 0755) == 0);
	CHECK(mkdir(sub, 0755) == -1 && errno == EEXIST);
	CHECK(stat(sub, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK(chdir(sub) == 0);
	CHECK(getcwd(cwd2, sizeof(cwd2)) != NULL && strstr(cwd2, "unistd-dir") != NULL);
	fd = open("relative", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK(chdir(cwd) == 0);
	snprintf(b, sizeof(b), "%s/relative", "unistd-dir");
	d = opendir(sub);
	CHECK(d != NULL);
	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, "relative") == 0)
			found++;
		else if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			dots++;
		else
			found += 100;
	}
	CHECK_INT(found, 1);
	if (d)
		closedir(d);
	CHECK(rmdir(sub) == -1 && errno == ENOTEMPTY);
	snprintf(b, sizeof(b), "%s/relative", sub);
	CHECK(unlink(b) == 0);
	CHECK(rmdir(sub) == 0);
	CHECK(stat(sub, &st) == -1 && errno == ENOENT);
	CHECK(unlink(path) == 0);
	CHECK(open(path, O_RDONLY) == -1 && errno == ENOENT);
	CHECK(opendir(path) == NULL);
	CHECK(getcwd(cwd2, 1) == NULL && errno == ERANGE);	/* "/" needs 2 */
	{
		char *dyn = getcwd(NULL, 0);
		CHECK(dyn != NULL && strcmp(dyn, cwd) == 0);
		free(dyn);
	}
}

/* pread, pwrite, preadv, pwritev: data at the offsets asked, the file
 * position untouched, short past the end, and their errors. */
static void test_pio(const char *dir)
{
	char path[256], b[32], c[32];
	struct iovec iov[3];
	int fd;

	snprintf(path, sizeof(path), "%s/unistd-pio", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0640);
	CHECK(fd >= 0);
	CHECK_INT(write(fd, "0123456789", 10), 10);
	CHECK_INT(lseek(fd, 3, SEEK_SET), 3);
	CHECK_INT(pwrite(fd, "ab", 2, 5), 2);
	CHECK_INT(lseek(fd, 0, SEEK_CUR), 3);
	memset(b, 0, sizeof(b));
	CHECK_INT(pread(fd, b, 4, 4), 4);
	CHECK(memcmp(b, "4ab7", 4) == 0);
	CHECK_INT(pread(fd, b, sizeof(b), 8), 2);	/* short at the end */
	CHECK(memcmp(b, "89", 2) == 0);
	CHECK_INT(pread(fd, b, sizeof(b), 10), 0);
	CHECK_INT(pread(fd, b, sizeof(b), 1000), 0);
	CHECK_INT(lseek(fd, 0, SEEK_CUR), 3);
	CHECK_INT(read(fd, b, 2), 2);		/* the position is read's own */
	CHECK(memcmp(b, "34", 2) == 0);
	/* Past the end: the file grows, the gap reads as zeros. */
	CHECK_INT(pwrite(fd, "Z", 1, 12), 1);
	CHECK_INT(lseek(fd, 0, SEEK_END), 13);
	CHECK_INT(pread(fd, b, sizeof(b), 9), 4);
	CHECK(b[0] == '9' && b[1] == 0 && b[2] == 0 && b[3] == 'Z');
	/* Vectors: one call's worth at a moving offset. */
	iov[0].iov_base = "XY";
	iov[0].iov_len = 2;
	iov[1].iov_base = "";
	iov[1].iov_len = 0;
	iov[2].iov_base = "PQR";
	iov[2].iov_len = 3;
	CHECK_INT(lseek(fd, 1, SEEK_SET), 1);
	CHECK_INT(pwritev(fd, iov, 3, 2), 5);
	CHECK_INT(lseek(fd, 0, SEEK_CUR), 1);
	memset(b, 0, sizeof(b));
	memset(c, 0, sizeof(c));
	iov[0].iov_base = b;
	iov[0].iov_len = 4;
	iov[1].iov_base = c;
	iov[1].iov_len = sizeof(c);
	CHECK_INT(preadv(fd, iov, 2, 1), 12);	/* short: 13 bytes in all */
	CHECK(memcmp(b, "1XYP", 4) == 0);
	CHECK(memcmp(c, "QR789", 5) == 0 && c[5] == 0 && c[7] == 'Z');
	CHECK_INT(lseek(fd, 0, SEEK_CUR), 1);
	CHECK(preadv(fd, iov, 2, -1) == -1 && errno == EINVAL);
	CHECK(pread(fd, b, 1, -1) == -1 && errno == EINVAL);
	CHECK(pwrite(fd, b, 1, -1) == -1 && errno == EINVAL);
	close(fd);
	CHECK(pread(fd, b, 1, 0) == -1 && errno == EBADF);
	fd = open(path, O_WRONLY);
	CHECK(fd >= 0);
	CHECK(pread(fd, b, 1, 0) == -1 && errno == EBADF);
	close(fd);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	CHECK(pwrite(fd, "x", 1, 0) == -1 && errno == EBADF);
	close(fd);
	CHECK(unlink(path) == 0);
}

/* Pipes cannot seek: pread and pwrite say so and move nothing. */
static void test_pio_pipe(void)
{
	char b[4];
	int fds[2];

	CHECK(pipe(fds) == 0);
	CHECK(pwrite(fds[1], "x", 1, 0) == -1 && errno == ESPIPE);
	CHECK_INT(write(fds[1], "y", 1), 1);
	CHECK(pread(fds[0], b, 1, 0) == -1 && errno == ESPIPE);
	CHECK_INT(read(fds[0], b, 1), 1);	/* the byte is still there */
	CHECK(b[0] == 'y');
	close(fds[0]);
	close(fds[1]);
}

/* daemon_ready writes one byte to the fd named by INIT_NOTIFY, closes it,
 * and is a no-op without it. */
static void test_daemon_ready(void)
{
	int p[2];
	char num[16], c = 0;

	unsetenv("INIT_NOTIFY");
	CHECK(daemon_ready() == 0);
	CHECK(pipe(p) == 0);
	snprintf(num, sizeof(num), "%d", p[1]);
	setenv("INIT_NOTIFY", num, 1);
	CHECK(daemon_ready() == 0);
	CHECK(read(p[0], &c, 1) == 1);
	CHECK(fcntl(p[1], F_GETFD) == -1 && errno == EBADF);	/* closed */
	CHECK(read(p[0], &c, 1) == 0);				/* only writer gone */
	CHECK(getenv("INIT_NOTIFY") == NULL);
	close(p[0]);
}

static void test_getopt(void)
{
	char *argv[] = { "prog", "-a", "-bVAL", "-c", "x", "--", "-d", NULL };
	int c, a = 0, c_seen = 0;
	char *b = NULL;

	opterr = 0;
	while ((c = getopt(7, argv, "ab:c")) != -1) {
		if (c == 'a') a = 1;
		else if (c == 'b') b = optarg;
		else if (c == 'c') c_seen = 1;
	}
	CHECK(a && c_seen && b && strcmp(b, "VAL") == 0);
	CHECK_STR(argv[optind], "x");
}

int main(void)
{
	const char *dir;

	test_pipes();
	test_ids();
	test_time();
	test_mmap();
	test_getopt();
	test_daemon_ready();
	test_pio_pipe();
	dir = scratch_dir();
	if (dir) {
		test_files(dir);
		test_pio(dir);
	} else
		printf("%s: no writable directory ($TMPDIR or /tmp): file checks skipped\n", NAME);
	return finish();
}
