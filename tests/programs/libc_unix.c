/* libc_unix: alloca.h, sys/param.h, paths.h, sys/times.h, utime.h,
 * syslog.h, dlfcn.h, the unlocked stdio calls, tmpfile, wait3/wait4,
 * getrusage, and (with "--system", inside the OS where event: exists)
 * poll and select on pipes, files and timeouts, and getcwd's POSIX
 * paths on file:.  It spawns itself for
 * the wait tests: argv[1] "exit N" makes the child exit with N, "write"
 * makes it sleep and then write to stdout. */
#define NAME "libc_unix"
#include <alloca.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <paths.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <sys/param.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>

#include "check.h"

static char self[512];

static void test_small(int sys)
{
	char *p = alloca(100);
	struct tms t;
	clock_t a, b;
	struct timespec ts = { 0, 30 * 1000000 };

	memset(p, 'x', 100);
	CHECK(p[99] == 'x');
	CHECK_INT(MAXPATHLEN, 4096);
	CHECK_INT(howmany(10, 4), 3);
	CHECK_INT(MIN(3, 4), 3);
	CHECK_INT(roundup(10, 8), 16);
	if (sys)	/* the shell paths.h names is there */
		CHECK(access(_PATH_BSHELL, X_OK) == 0);
	a = times(&t);
	CHECK(a != (clock_t)-1);
	CHECK(t.tms_utime >= 0 && t.tms_utime < 100);	/* under a second of CPU so far */
	nanosleep(&ts, NULL);
	b = times(NULL);
	CHECK(b - a >= 2 && b - a < 100);	/* 30 ms at 100 ticks a second */
	CHECK(dlopen("libm.so", RTLD_NOW) == NULL);
	p = dlerror();
	CHECK(p != NULL && strstr(p, "libm.so") && strstr(p, "not supported"));
	CHECK(dlerror() == NULL);
	CHECK(dlsym(RTLD_DEFAULT, "printf") == NULL && dlerror() != NULL);
}

static void test_utime(const char *dir)
{
	char path[512];
	struct utimbuf u = { 1000000000, 1234567890 };
	struct timeval tv[2] = { { 1500000000, 0 }, { 1600000000, 500000 } };
	struct stat st;
	FILE *f;

	snprintf(path, sizeof(path), "%s/libc_unix.utime", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	fclose(f);
	CHECK_INT(utime(path, &u), 0);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mtime, 1234567890);
	CHECK_INT(st.st_atime, 1000000000);
	CHECK_INT(utimes(path, tv), 0);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mtime, 1600000000);
	tv[0].tv_usec = 1000000;
	errno = 0;
	CHECK(utimes(path, tv) == -1 && errno == EINVAL);
	CHECK_INT(utime(path, NULL), 0);
	CHECK_INT(stat(path, &st), 0);
	CHECK(st.st_mtime > 1600000000);
	remove(path);
	errno = 0;
	CHECK(utime(path, &u) == -1 && errno == ENOENT);
}

static void test_syslog(void)
{
	int p[2], saved;
	char buf[256];
	ssize_t n;

	CHECK_INT(pipe(p), 0);
	saved = dup(2);
	CHECK(saved >= 0 && dup2(p[1], 2) == 2);
	openlog("unixtest", LOG_PID | LOG_PERROR, LOG_USER);
	errno = ENOENT;
	syslog(LOG_ERR, "open %s: %m (%d%%)", "x", 5);
	setlogmask(LOG_UPTO(LOG_WARNING));
	syslog(LOG_DEBUG, "hidden");
	closelog();
	dup2(saved, 2);
	close(saved);
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	CHECK(n > 0);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(self + 400, 100, "unixtest[%d]: open x: ", (int)getpid());
	CHECK(strncmp(buf, self + 400, strlen(self + 400)) == 0);
	CHECK(strstr(buf, "No such file or directory (5%)\n") != NULL);
	CHECK(strstr(buf, "hidden") == NULL);
	self[400] = '\0';
}

static void test_stdio(const char *dir)
{
	char path[512], line[64];
	FILE *f;
	int c, i, bad = 0;

	snprintf(path, sizeof(path), "%s/libc_unix.txt", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	flockfile(f);
	for (i = 0; i < 5000; i++)
		if (putc_unlocked('a' + i % 26, f) != 'a' + i % 26)
			bad++;
	CHECK_INT(bad, 0);
	CHECK_INT(fputs_unlocked("\nend\n", f), 0);
	funlockfile(f);
	CHECK_INT(ftrylockfile(f), 0);
	funlockfile(f);
	CHECK_INT(fclose(f), 0);
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	for (i = 0; i < 5000; i++) {
		c = getc_unlocked(f);
		if (c != 'a' + i % 26)
			break;
	}
	CHECK_INT(i, 5000);
	CHECK_INT(getc_unlocked(f), '\n');
	CHECK(fgets_unlocked(line, sizeof(line), f) && strcmp(line, "end\n") == 0);
	CHECK_INT(getc_unlocked(f), EOF);
	CHECK(feof_unlocked(f) && !ferror_unlocked(f));
	fclose(f);
	remove(path);

	f = tmpfile();
	CHECK(f != NULL);
	if (f != NULL) {
		CHECK_INT(fputs("scratch\n", f), 0);
		rewind(f);
		CHECK(fgets(line, sizeof(line), f) && strcmp(line, "scratch\n") == 0);
		fclose(f);
	}
	CHECK(tmpnam(line) != NULL && access(line, F_OK) != 0);
}

static pid_t spawn_self(const char *a1, const char *a2, int out_fd)
{
	char *argv[] = { self, (char *)a1, (char *)a2, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int e;

	posix_spawn_file_actions_init(&fa);
	if (out_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	e = posix_spawn(&pid, self, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return e == 0 ? pid : -1;
}

static void test_wait(void)
{
	struct rusage ru;
	pid_t pid;
	int st = 0;

	memset(&ru, 0xff, sizeof(ru));
	pid = spawn_self("exit", "3", -1);
	CHECK(pid > 0);
	CHECK_INT(wait4(pid, &st, 0, &ru), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	CHECK(ru.ru_utime.tv_sec == 0 && ru.ru_maxrss > 0 && ru.ru_ixrss == 0);
	pid = spawn_self("exit", "4", -1);
	CHECK_INT(wait3(&st, 0, NULL), pid);
	CHECK_INT(WEXITSTATUS(st), 4);
	errno = 0;
	CHECK(wait3(&st, WNOHANG, &ru) == -1 && errno == ECHILD);
	CHECK_INT(getrusage(RUSAGE_SELF, &ru), 0);
	errno = 0;
	CHECK(getrusage(42, &ru) == -1 && errno == EINVAL);
}

static long ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

static void test_poll(const char *dir)
{
	struct pollfd pf[3];
	struct timespec t0;
	struct timeval tv;
	fd_set rs, ws;
	char path[512], c;
	int p[2], fd, st;
	pid_t pid;

	CHECK_INT(pipe(p), 0);
	/* an empty pipe: not readable, writable; timeout honoured */
	pf[0].fd = p[0]; pf[0].events = POLLIN;
	pf[1].fd = p[1]; pf[1].events = POLLOUT;
	CHECK_INT(poll(pf, 2, 0), 1);
	CHECK(pf[0].revents == 0 && pf[1].revents == POLLOUT);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(poll(pf, 1, 150), 0);
	CHECK(ms_since(&t0) >= 140);
	CHECK(ms_since(&t0) < 2000);
	CHECK_INT(write(p[1], "x", 1), 1);
	CHECK_INT(poll(pf, 1, 1000), 1);
	CHECK_INT(pf[0].revents, POLLIN);
	CHECK_INT(read(p[0], &c, 1), 1);
	/* a child writes after 200 ms: poll with no timeout wakes for it */
	pid = spawn_self("write", "200", p[1]);
	CHECK(pid > 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(poll(pf, 1, -1), 1);
	CHECK(ms_since(&t0) >= 150);
	CHECK_INT(pf[0].revents, POLLIN);
	CHECK_INT(read(p[0], &c, 1), 1);
	CHECK_INT(waitpid(pid, &st, 0), pid);
	/* bad and negative fds */
	pf[0].fd = 999; pf[0].events = POLLIN;
	pf[1].fd = -1; pf[1].events = POLLIN;
	CHECK_INT(poll(pf, 2, 0), 1);
	CHECK(pf[0].revents == POLLNVAL && pf[1].revents == 0);
	/* a regular file is always ready */
	snprintf(path, sizeof(path), "%s/libc_unix.poll", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	pf[0].fd = fd; pf[0].events = POLLIN | POLLOUT;
	CHECK_INT(poll(pf, 1, -1), 1);
	CHECK_INT(pf[0].revents, POLLIN | POLLOUT);
	/* so is a file on a scheme that reports no readiness (initfs:) */
	pf[1].fd = open("initfs:/bin/ion", O_RDONLY);
	pf[1].events = POLLIN;
	CHECK(pf[1].fd >= 0);
	CHECK_INT(poll(pf + 1, 1, -1), 1);
	CHECK_INT(pf[1].revents, POLLIN);
	if (pf[1].fd >= 0)
		close(pf[1].fd);
	/* writer closed: the read end is readable (read gives 0) */
	close(p[1]);
	pf[0].fd = p[0]; pf[0].events = POLLIN;
	CHECK_INT(poll(pf, 1, 1000), 1);
	CHECK(pf[0].revents & (POLLIN | POLLHUP));
	CHECK_INT(read(p[0], &c, 1), 0);
	close(p[0]);

	/* select */
	CHECK_INT(pipe(p), 0);
	FD_ZERO(&rs);
	FD_ZERO(&ws);
	FD_SET(p[0], &rs);
	FD_SET(p[1], &ws);
	FD_SET(fd, &rs);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	CHECK_INT(select(MAX(fd, MAX(p[0], p[1])) + 1, &rs, &ws, NULL, &tv), 2);
	CHECK(!FD_ISSET(p[0], &rs) && FD_ISSET(p[1], &ws) && FD_ISSET(fd, &rs));
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	tv.tv_sec = 0;
	tv.tv_usec = 100000;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(select(p[0] + 1, &rs, NULL, NULL, &tv), 0);
	CHECK(ms_since(&t0) >= 90);
	CHECK(!FD_ISSET(p[0], &rs));
	CHECK_INT(write(p[1], "y", 1), 1);
	FD_SET(p[0], &rs);
	CHECK_INT(select(p[0] + 1, &rs, NULL, NULL, NULL), 1);
	CHECK(FD_ISSET(p[0], &rs));
	FD_ZERO(&rs);
	FD_SET(900, &rs);
	errno = 0;
	CHECK(select(901, &rs, NULL, NULL, NULL) == -1 && errno == EBADF);
	close(p[0]);
	close(p[1]);
	close(fd);
	remove(path);
}

/* The *at() calls relative to a directory fd. */
static void test_at(const char *dir, int sys)
{
	char path[512], link[64];
	struct stat st;
	int dfd, fd;

	snprintf(path, sizeof(path), "%s/libc_unix.at", dir);
	CHECK_INT(mkdir(path, 0755), 0);
	dfd = open(path, O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	if (dfd < 0)
		return;
	fd = openat(dfd, "f", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0 && write(fd, "hello", 5) == 5);
	if (fd >= 0)
		close(fd);
	CHECK(fstatat(dfd, "f", &st, 0) == 0 && st.st_size == 5);
	CHECK_INT(faccessat(dfd, "f", R_OK, 0), 0);
	CHECK_INT(mkdirat(dfd, "sub", 0755), 0);
	CHECK_INT(renameat(dfd, "f", dfd, "sub/g"), 0);
	CHECK(fstatat(dfd, "f", &st, 0) == -1 && errno == ENOENT);
	snprintf(path + strlen(path), sizeof(path) - strlen(path), "/sub/g");
	CHECK(stat(path, &st) == 0 && st.st_size == 5);
	/* an absolute path ignores the directory */
	CHECK(fstatat(dfd, path, &st, 0) == 0 && st.st_size == 5);
	if (sys) {	/* symlinks need the OS's file system */
		CHECK_INT(symlinkat("sub/g", dfd, "ln"), 0);
		CHECK_INT(readlinkat(dfd, "ln", link, sizeof(link)), 5);
		CHECK(memcmp(link, "sub/g", 5) == 0);
		CHECK_INT(unlinkat(dfd, "ln", 0), 0);
	}
	fd = openat(dfd, "sub/g", O_RDONLY);
	CHECK(fd >= 0);
	errno = 0;
	CHECK(openat(fd, "x", O_RDONLY) == -1 && errno == ENOTDIR);
	if (fd >= 0)
		close(fd);
	errno = 0;
	CHECK(openat(999, "x", O_RDONLY) == -1 && errno == EBADF);
	errno = 0;
	CHECK(openat(dfd, "", O_RDONLY) == -1 && errno == ENOENT);
	CHECK_INT(unlinkat(dfd, "sub/g", 0), 0);
	CHECK(unlinkat(dfd, "sub", 0) == -1);
	CHECK_INT(unlinkat(dfd, "sub", AT_REMOVEDIR), 0);
	close(dfd);
	path[strlen(path) - strlen("/sub/g")] = '\0';
	CHECK_INT(rmdir(path), 0);
}

/* The /dev paths Unix programs use reach the schemes. */
static void test_dev(void)
{
	unsigned char b[16];
	struct stat st;
	FILE *f;
	int fd, i, zeros = 1;

	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0);
	CHECK_INT(write(fd, "gone", 4), 4);
	CHECK_INT(read(fd, b, sizeof(b)), 0);
	close(fd);
	CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
	CHECK_INT(access("/dev/null", F_OK), 0);
	f = fopen("/dev/null", "w");
	CHECK(f != NULL && fprintf(f, "x") == 1 && fclose(f) == 0);
	fd = open("/dev/zero", O_RDONLY);
	memset(b, 1, sizeof(b));
	CHECK(fd >= 0 && read(fd, b, sizeof(b)) == (ssize_t)sizeof(b));
	for (i = 0; i < (int)sizeof(b); i++)
		zeros &= b[i] == 0;
	CHECK(zeros);
	if (fd >= 0)
		close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	CHECK(fd >= 0 && read(fd, b, sizeof(b)) == (ssize_t)sizeof(b));
	if (fd >= 0)
		close(fd);
	fd = open("/dev/fd/1", O_WRONLY);
	CHECK(fd > 2 && fcntl(fd, F_GETFD) == 0);
	if (fd >= 0)
		close(fd);
	fd = open("/dev/stdin", O_RDONLY | O_CLOEXEC);
	CHECK(fd > 2 && (fcntl(fd, F_GETFD) & FD_CLOEXEC));
	if (fd >= 0)
		close(fd);
	errno = 0;
	CHECK(open("/dev/fd/999", O_RDONLY) == -1 && errno == EBADF);
	CHECK(open("/dev/nosuch", O_RDONLY) == -1 && errno == ENOENT);
}

/* system and popen run the shell paths.h names (no /bin/sh here). */
static void test_shell(void)
{
	char line[64];
	FILE *f;
	int st;

	CHECK(system(NULL) != 0);
	st = system("exit 3");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	f = popen("echo from the shell", "r");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "from the shell\n") == 0);
	CHECK_INT(pclose(f), 0);
}

/* getcwd and realpath give a POSIX path on file: and the URL elsewhere. */
static void test_getcwd(void)
{
	char old[512], buf[512];
	int fd;

	CHECK(getcwd(old, sizeof(old)) != NULL);
	CHECK(old[0] == '/' || strchr(old, ':') != NULL);
	CHECK_INT(chdir("/tmp"), 0);
	CHECK_STR(getcwd(buf, sizeof(buf)), "/tmp");
	CHECK(getcwd(buf, 4) == NULL && errno == ERANGE);
	CHECK_STR(getcwd(buf, 5), "/tmp");
	CHECK_INT(chdir("file:/"), 0);
	CHECK_STR(getcwd(buf, sizeof(buf)), "/");
	CHECK_INT(chdir("file:/tmp"), 0);
	CHECK_STR(getcwd(buf, sizeof(buf)), "/tmp");
	CHECK_INT(chdir("initfs:/bin"), 0);
	CHECK_STR(getcwd(buf, sizeof(buf)), "initfs:/bin");
	/* '/' paths resolve on the cwd's scheme: back to file: by URL */
	fd = open("file:/tmp", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0 && fchdir(fd) == 0);
	CHECK_STR(getcwd(buf, sizeof(buf)), "/tmp");
	if (fd >= 0)
		close(fd);
	{
		char *dyn = getcwd(NULL, 0);
		CHECK(dyn != NULL && strcmp(dyn, "/tmp") == 0);
		free(dyn);
	}
	/* realpath gives the same kind of path */
	CHECK_STR(realpath("/tmp", buf), "/tmp");
	CHECK_STR(realpath("file:/tmp/../tmp", buf), "/tmp");
	CHECK_STR(realpath("initfs:/bin/ion", buf), "initfs:/bin/ion");
	CHECK(realpath("/no/such/file", buf) == NULL && errno == ENOENT);
	CHECK_INT(chdir(old), 0);
}

int main(int argc, char **argv)
{
	const char *dir;
	int sys = argc > 1 && strcmp(argv[1], "--system") == 0;

	if (argc > 2 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	if (argc > 2 && strcmp(argv[1], "write") == 0) {
		usleep((useconds_t)atoi(argv[2]) * 1000);
		return write(1, "w", 1) == 1 ? 0 : 1;
	}
	self_path(argv[0], self, sizeof(self));
	dir = scratch_dir();
	test_small(sys);
	test_syslog();
	test_wait();
	if (dir) {
		test_utime(dir);
		test_stdio(dir);
		test_at(dir, sys);
		if (sys) {
			test_poll(dir);
			test_getcwd();
			test_shell();
			test_dev();
		}
	} else {
		printf("%s: no scratch directory: file checks skipped\n", NAME);
	}
	return finish();
}
