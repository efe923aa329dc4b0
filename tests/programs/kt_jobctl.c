/*
 * kt_jobctl - signals reach programs that never make a syscall, and job
 * control works: SIGSTOP and SIGTSTP stop every thread of a process,
 * waitpid(WUNTRACED) reports the stop, sys:context shows it as T, signals
 * sent meanwhile wait, SIGCONT resumes it (WCONTINUED reports that) and
 * SIGKILL ends a stopped process; init shrugs off SIGSTOP and SIGKILL.
 * It spawns itself: argv[1] is the role.
 */
#define NAME "kt_jobctl"
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

extern char **environ;
static char self[512];

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* A ticker thread: writes its letter every 5 ms. */
static void *
tick(void *arg)
{
	char c = *(const char *)arg;
	for (;;) {
		if (write(1, &c, 1) != 1)
			_exit(3);
		sleep_ms(5);
	}
	return NULL;
}

static void
on_usr1(int sig)
{
	(void)sig;
	if (write(1, "U", 1) != 1)
		_exit(4);
}

static int
child(const char *role)
{
	if (strcmp(role, "spin") == 0) {
		for (volatile unsigned long n = 0;; n++)
			;
	}
	if (strcmp(role, "tick") == 0) {
		signal(SIGUSR1, on_usr1);
		pthread_t th;
		static const char b = 'b';
		if (pthread_create(&th, NULL, tick, (void *)&b) != 0)
			return 2;
		tick((void *)"a");
	}
	return 1;
}

static pid_t
spawn(const char *role, int out)
{
	posix_spawn_file_actions_t fa;
	char *args[] = { self, (char *)role, NULL };
	pid_t pid = -1;
	posix_spawn_file_actions_init(&fa);
	if (out >= 0)
		posix_spawn_file_actions_adddup2(&fa, out, 1);
	if (posix_spawn(&pid, self, &fa, NULL, args, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

/* Reads what the ticker wrote so far (the pipe is non-blocking). */
static size_t
drain(int fd, char *seen, size_t cap)
{
	char buf[256];
	size_t total = 0;
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n && total < cap; i++)
			seen[total++] = buf[i];
	}
	return total;
}

static int
has(const char *s, size_t n, char c)
{
	return memchr(s, c, n) != NULL;
}

/* The STAT column of pid's line in sys:context, or '?'. */
static char
stat_of(pid_t pid)
{
	static char buf[8192];
	int fd = open("sys:context", O_RDONLY);
	if (fd < 0)
		return '?';
	ssize_t n, total = 0;
	while ((n = read(fd, buf + total, sizeof buf - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	char *line = buf;
	while (line && *line) {
		int fields[8];
		char st;
		if (sscanf(line, "%d %d %d %d %d %d %d %c", &fields[0], &fields[1],
		    &fields[2], &fields[3], &fields[4], &fields[5], &fields[6], &st) == 8 &&
		    fields[0] == pid)
			return st;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return '?';
}

static void
test_spinner_gets_signals(void)
{
	int st;
	pid_t pid = spawn("spin", -1);
	CHECK(pid > 0);
	sleep_ms(30);
	/* SIGTERM (default action) ends a program that makes no syscalls. */
	CHECK(kill(pid, SIGTERM) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);

	/* Stop and continue it, then kill it while stopped. */
	pid = spawn("spin", -1);
	sleep_ms(20);
	CHECK(kill(pid, SIGSTOP) == 0);
	CHECK(waitpid(pid, &st, WUNTRACED) == pid);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	CHECK(stat_of(pid) == 'T');
	CHECK(kill(pid, SIGCONT) == 0);
	CHECK(waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st));
	CHECK(stat_of(pid) == 'R');
	CHECK(kill(pid, SIGSTOP) == 0);
	CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
	CHECK(kill(pid, SIGKILL) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static void
test_threads_stop(void)
{
	int p[2], st;
	char seen[4096];
	CHECK(pipe(p) == 0);
	pid_t pid = spawn("tick", p[1]);
	close(p[1]);
	CHECK(pid > 0);
	CHECK(fcntl(p[0], F_SETFL, O_NONBLOCK) == 0);
	sleep_ms(60);
	size_t n = drain(p[0], seen, sizeof seen);
	CHECK(has(seen, n, 'a') && has(seen, n, 'b'));	/* both threads tick */

	/* SIGTSTP's default action stops the whole process. */
	CHECK(kill(pid, SIGTSTP) == 0);
	CHECK(waitpid(pid, &st, WUNTRACED) == pid);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP);
	/* Without WUNTRACED the stop is not reported (and it is reported once). */
	CHECK(waitpid(pid, &st, WNOHANG) == 0);
	CHECK(waitpid(pid, &st, WNOHANG | WUNTRACED) == 0);
	sleep_ms(15);		/* a write in flight may land */
	drain(p[0], seen, sizeof seen);
	CHECK(kill(pid, SIGUSR1) == 0);	/* waits while stopped */
	sleep_ms(80);
	n = drain(p[0], seen, sizeof seen);
	CHECK(n == 0);		/* no thread ran, and no handler */

	CHECK(kill(pid, SIGCONT) == 0);
	CHECK(waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st));
	sleep_ms(60);
	n = drain(p[0], seen, sizeof seen);
	CHECK(has(seen, n, 'a') && has(seen, n, 'b'));	/* both tick again */
	CHECK(has(seen, n, 'U'));		/* and SIGUSR1 was handled */

	CHECK(kill(pid, SIGKILL) == 0);
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	close(p[0]);
}

int
main(int argc, char **argv)
{
	self_path(argv[0], self, sizeof self);
	if (argc > 1)
		return child(argv[1]);
	test_spinner_gets_signals();
	test_threads_stop();
	/* init ignores signals it has no handler for, SIGSTOP and SIGKILL too. */
	CHECK(kill(1, SIGSTOP) == 0 && kill(1, SIGKILL) == 0);
	sleep_ms(20);
	CHECK(stat_of(1) == 'S' || stat_of(1) == 'R');
	return finish();
}
