/*
 * kt_runaway - a runaway unprivileged program, one resource per mode, and
 * root's side of the test (tests/system/cases/20-runaway.sh).
 *
 *   kt_runaway spawn|mem|fds|pipe [LIMIT]
 *	drops to uid 1000, lowers the limit to LIMIT if given (processes,
 *	MiB of address space, descriptors), runs away until the kernel says
 *	no, prints the errno and the count reached, then holds what it got
 *	until SIGUSR1 (it marks "holding" by making itself a process group
 *	leader, which root sees in sys:context), frees it and exits 0.
 *   kt_runaway root
 *	as root, while a runaway holds: spawns kt_true, reads zero:, then
 *	sends the runaway SIGUSR1 and waits until it has exited.
 *   kt_runaway meminfo LABEL
 *	prints sys:meminfo's figures on one line.
 *   kt_runaway child
 *	(spawn mode's children) reads stdin until it ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "meminfo.h"

#define SELF "initfs:/bin/kt_runaway"
#define USER 1000
#define SPAWN_TRIES 5000	/* give up (a broken limit) after this many */
#define MEM_TRIES (64 * 1024)	/* MiB */
#define FD_TRIES 5000
#define HOLD_SECONDS 30

extern char **environ;

static volatile sig_atomic_t released;

static void
on_usr1(int sig)
{
	(void)sig;
	released = 1;
}

static const char *
errname(int e)
{
	switch (e) {
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EMFILE: return "EMFILE";
	case EINTR: return "EINTR";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case 0: return "none";
	default: return "other";
	}
}

static void
nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* Marks "holding" for root and waits for SIGUSR1 (or gives up). */
static void
hold(const char *mode)
{
	printf("kt_runaway: %s: holding\n", mode);
	fflush(stdout);
	setpgid(0, 0);
	for (int i = 0; i < HOLD_SECONDS * 100 && !released; i++)
		nap(10);
	if (!released)
		printf("kt_runaway: %s: never released\n", mode);
}

static void
set_limit(int res, rlim_t v)
{
	struct rlimit rl;
	getrlimit(res, &rl);
	rl.rlim_cur = v;
	if (setrlimit(res, &rl) != 0)
		printf("kt_runaway: setrlimit(%d, %llu): %s\n", res, (unsigned long long)v,
		    errname(errno));
}

static void
print_limit(const char *mode, int res)
{
	struct rlimit rl;
	if (getrlimit(res, &rl) != 0) {
		printf("kt_runaway: %s: getrlimit: %s\n", mode, errname(errno));
		return;
	}
	if (rl.rlim_cur == RLIM_INFINITY)
		printf("kt_runaway: %s: limit unlimited\n", mode);
	else
		printf("kt_runaway: %s: limit %llu\n", mode, (unsigned long long)rl.rlim_cur);
}

static int
run_spawn(void)
{
	static pid_t kids[SPAWN_TRIES];
	int p[2], n = 0, err = 0;
	if (pipe2(p, O_CLOEXEC) != 0)	/* only the dup2'd read end passes */
		return 1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0], 0);
	char *args[] = { SELF, "child", NULL };
	while (n < SPAWN_TRIES) {
		err = posix_spawn(&kids[n], SELF, &fa, NULL, args, environ);
		if (err)
			break;
		n++;
	}
	posix_spawn_file_actions_destroy(&fa);
	printf("kt_runaway: spawn: %s after %d processes\n", errname(err), n);
	hold("spawn");
	close(p[1]);	/* the children read EOF and exit */
	close(p[0]);
	int reaped = 0, st;
	for (int i = 0; i < n; i++)
		reaped += waitpid(kids[i], &st, 0) == kids[i];
	printf("kt_runaway: spawn: reaped %d\n", reaped);
	return 0;
}

static int
run_mem(void)
{
	const size_t mib = 1024 * 1024;
	int n = 0, err = 0;
	while (n < MEM_TRIES) {
		char *m = mmap(NULL, mib, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED) {
			err = errno;
			break;
		}
		m[0] = 1;	/* use it */
		n++;
	}
	printf("kt_runaway: mem: %s after %d MiB\n", errname(err), n);
	/* Reserving address space is not committing memory; opening it is. */
	char *r = mmap(NULL, mib, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r == MAP_FAILED)
		printf("kt_runaway: mem: a reserved MiB: %s\n", errname(errno));
	else
		printf("kt_runaway: mem: a reserved MiB, made writable: %s\n",
		    mprotect(r, mib, PROT_READ | PROT_WRITE) ? errname(errno) : "allowed");
	/* Small kernel allocations still succeed (sys:meminfo's text); a
	 * pipe's ring fails once the pages left are the reserve's. */
	int p[2];
	long used = meminfo("PagesUsed:"), total = meminfo("Pages:");
	int e = pipe(p) == 0 ? 0 : errno;
	printf("kt_runaway: mem: sys:meminfo %s (pages used %ld of %ld); a pipe: %s\n",
	    used > 0 ? "readable" : "unreadable", used, total, errname(e));
	hold("mem");
	return 0;
}

static int
run_fds(void)
{
	int n = 0, err = 0, fd, top = -1;
	while (n < FD_TRIES) {
		if ((fd = open("sys:cpu", O_RDONLY)) < 0) {
			err = errno;
			break;
		}
		top = fd > top ? fd : top;
		n++;
	}
	printf("kt_runaway: fds: %s after %d opens; highest fd %d\n", errname(err), n, top);
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_max++;
	int r = setrlimit(RLIMIT_NOFILE, &rl);
	printf("kt_runaway: fds: raising the hard limit: %s\n", r ? errname(errno) : "allowed");
	hold("fds");
	return 0;
}

static int
run_pipe(void)
{
	static char chunk[4096];
	int p[2];
	nap(300);	/* until root has started and found us (it allocates) */
	/* Warm up: a thread's first big write allocates its bounce buffer. */
	if (pipe(p) != 0 || write(p[1], chunk, sizeof chunk) != sizeof chunk)
		return 1;
	close(p[0]);
	close(p[1]);
	long heap0 = meminfo("KernelHeap:");
	if (pipe2(p, O_NONBLOCK) != 0)
		return 1;
	long total = 0, r;
	int err = 0;
	for (int i = 0; i < 1000; i++) {
		if ((r = write(p[1], chunk, sizeof chunk)) < 0) {
			err = errno;
			break;
		}
		total += r;
	}
	long heap1 = meminfo("KernelHeap:");
	printf("kt_runaway: pipe: %s after %ld bytes; kernel heap +%ld bytes\n",
	    errname(err), total, heap1 - heap0);
	fcntl(p[1], F_SETFL, 0);
	/* Blocks (the pipe is full and nobody reads) until root's SIGUSR1. */
	printf("kt_runaway: pipe: holding\n");
	fflush(stdout);
	setpgid(0, 0);
	r = write(p[1], chunk, 1);
	printf("kt_runaway: pipe: blocking write: %s\n", r < 0 ? errname(errno) : "returned");
	return 0;
}

static int
drop_and_run(const char *mode, const char *limit)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;	/* no SA_RESTART: a blocked write ends */
	sigaction(SIGUSR1, &sa, NULL);
	if (setreuid(USER, USER) != 0 || getuid() != USER) {
		printf("kt_runaway: cannot become uid %d\n", USER);
		return 1;
	}
	rlim_t v = limit ? strtoull(limit, NULL, 10) : 0;
	if (!strcmp(mode, "spawn")) {
		if (limit)
			set_limit(RLIMIT_NPROC, v);
		print_limit(mode, RLIMIT_NPROC);
		return run_spawn();
	}
	if (!strcmp(mode, "mem")) {
		if (limit)
			set_limit(RLIMIT_AS, v * 1024 * 1024);
		print_limit(mode, RLIMIT_AS);
		return run_mem();
	}
	if (!strcmp(mode, "fds")) {
		if (limit)
			set_limit(RLIMIT_NOFILE, v);
		print_limit(mode, RLIMIT_NOFILE);
		return run_fds();
	}
	if (!strcmp(mode, "pipe"))
		return run_pipe();
	return 2;
}

/* The runaway: uid USER, parent init, a group leader once holding. */
static pid_t
find_runaway(int *holding, char *state)
{
	char buf[16384];
	int fd = open("sys:context", O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	for (char *l = strchr(buf, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
		int pid, pgid, ppid, ruid;
		char st;
		if (sscanf(l + 1, "%d %d %d %d %*d %*d %*d %c", &pid, &pgid, &ppid, &ruid, &st) != 5)
			continue;
		if (ruid == USER && ppid == 1) {
			*holding = pgid == pid;
			*state = st;
			return pid;
		}
	}
	return 0;
}

static int
run_root(void)
{
	int holding = 0;
	char st = 0;
	pid_t pid = 0;
	for (int i = 0; i < 500 && pid <= 0; i++)
		if ((pid = find_runaway(&holding, &st)) <= 0)
			nap(10);
	/* Then poll without making the kernel allocate (pipe mode measures
	 * the kernel heap meanwhile). */
	for (int i = 0; i < 6000 && pid > 0 && !holding; i++) {
		holding = getpgid(pid) == pid;
		if (!holding)
			nap(10);
	}
	if (pid <= 0 || !holding) {
		printf("kt_runaway: root: no runaway holding\n");
		return 1;
	}
	char *args[] = { "initfs:/bin/kt_true", NULL };
	pid_t c;
	int status = -1, e = posix_spawn(&c, args[0], NULL, NULL, args, environ);
	if (!e)
		waitpid(c, &status, 0);
	char z[16];
	memset(z, 1, sizeof z);
	int fd = open("zero:", O_RDONLY);
	ssize_t got = fd >= 0 ? read(fd, z, sizeof z) : -1;
	if (fd >= 0)
		close(fd);
	int zeros = got == (ssize_t)sizeof z && !memcmp(z, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	printf("kt_runaway: root: spawn %s, kt_true status %d, zero: %s\n", errname(e), status,
	    zeros ? "answers" : "does not answer");
	kill(pid, SIGUSR1);
	/* Wait until it is a zombie (init reaps it before the next line). */
	for (int i = 0; i < 6000; i++) {
		if (find_runaway(&holding, &st) <= 0 || st == 'Z')
			return 0;
		nap(10);
	}
	printf("kt_runaway: root: the runaway did not exit\n");
	return 1;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "child")) {
		char c;
		ssize_t r;
		while ((r = read(0, &c, 1)) > 0 || (r < 0 && errno == EINTR))
			;
		return 0;
	}
	if (!strcmp(argv[1], "root"))
		return run_root();
	if (!strcmp(argv[1], "meminfo")) {
		printf("kt_runaway: meminfo %s: pages %ld heap %ld processes %ld user %ld\n",
		    argc > 2 ? argv[2] : "", meminfo("PagesUsed:"), meminfo("KernelHeap:"),
		    meminfo("Processes:"), meminfo("UserPages:"));
		return 0;
	}
	return drop_and_run(argv[1], argc > 2 ? argv[2] : NULL);
}
