/*
 * ut - small helpers the userutils system tests run inside the OS:
 *   ut cat FILE        copy FILE to stdout (errors name it and the reason)
 *   ut kill NAME       SIGKILL the first process named NAME (sys:context)
 *   ut wait PATH MS    open PATH until it works or MS milliseconds pass
 *   ut flaky           a "daemon" that reports ready and exits 3 at once
 */
#include <errno.h>
#include <fcntl.h>
#include <redox.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int
cat(const char *path)
{
	char buf[512];
	ssize_t r;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "ut: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((r = read(fd, buf, sizeof buf)) > 0)
		if (write(1, buf, (size_t)r) != r)
			return 1;
	close(fd);
	return r < 0;
}

static int
killname(const char *name)
{
	static char buf[16384];
	ssize_t n, total = 0;
	int fd = open("sys:context", O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "ut: sys:context: %s\n", strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf + total, sizeof buf - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = 0;
	for (char *l = strchr(buf, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
		int pid;
		char *nl = strchr(l + 1, '\n'), *last;
		if (nl)
			*nl = 0;
		last = strrchr(l + 1, ' ');
		if (sscanf(l + 1, "%d", &pid) == 1 && last &&
		    !strcmp(last + 1, name) && pid != getpid()) {
			if (kill(pid, SIGKILL) < 0) {
				fprintf(stderr, "ut: kill %d: %s\n", pid, strerror(errno));
				return 1;
			}
			printf("ut: killed %s (pid %d)\n", name, pid);
			return 0;
		}
		if (nl)
			*nl = '\n';
	}
	fprintf(stderr, "ut: %s: no such process\n", name);
	return 1;
}

static int
waitfor(const char *path, long ms)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	for (long t = 0; t <= ms; t += 10) {
		int fd = open(path, O_RDONLY);
		if (fd >= 0) {
			close(fd);
			printf("ut: %s opens after ~%ld ms\n", path, t);
			return 0;
		}
		nanosleep(&ts, NULL);
	}
	fprintf(stderr, "ut: %s: still failing after %ld ms\n", path, ms);
	return 1;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "cat"))
		return cat(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "kill"))
		return killname(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "flaky"))
		return daemon_ready() < 0 ? 1 : 3;
	if (argc == 4 && !strcmp(argv[1], "wait"))
		return waitfor(argv[2], atol(argv[3]));
	fputs("usage: ut cat FILE | ut kill NAME | ut wait PATH MS | ut flaky\n", stderr);
	return 2;
}
