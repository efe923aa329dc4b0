/*
 * init - the first process.  Runs initfs:/etc/init.rc (or the file named
 * by argv[1]), then reads more lines of the same language from its
 * console until the input ends, and reaps orphans.
 *
 * The language (Redox's, plus `&`): one command per line, words split on
 * spaces, `$NAME` words replaced from the environment, `#` comments.
 *   echo WORDS...          print them
 *   cd DIR                 change directory
 *   export NAME VALUE...   (or NAME=VALUE) set an environment variable
 *   unset NAME...          remove them
 *   run FILE               run another script
 *   stdio PATH             reopen fds 0, 1 and 2 on PATH
 *   notify CMD ARGS...     start a daemon and wait until it reports ready
 *   CMD ARGS... &          start CMD and go on
 *   CMD ARGS...            run CMD and wait for it
 * A line that fails is logged and the rest still runs.  SIGTERM (what
 * `shutdown` sends) ends every process and then init, with status 0,
 * which powers the machine off.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORDS 64
#define LINE_MAX_LEN 1024

extern char **environ;

static void
reap(void)
{
	int st;
	while (waitpid(-1, &st, WNOHANG) > 0)
		;
}

/*
 * Ends everything else, then init itself: the core powers off.  Only
 * async-signal-safe calls, so the SIGTERM handler can run it directly
 * wherever init happens to be blocked.
 */
static _Noreturn void
shutdown_now(void)
{
	static const char msg[] = "init: shutting down\n";
	write(1, msg, sizeof msg - 1);
	kill(-1, SIGTERM);
	struct timespec ts = { 0, 1000 * 1000 };
	for (int i = 0; i < 500; i++) {
		reap();
		if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
			break;
		nanosleep(&ts, NULL);
	}
	kill(-1, SIGKILL);
	reap();
	_exit(0);
}

static void
on_term(int sig)
{
	(void)sig;
	shutdown_now();
}

static int
split(char *line, char **w)
{
	int n = 0;
	for (char *p = strtok(line, " \t\r\n"); p && n < MAX_WORDS - 1; p = strtok(NULL, " \t\r\n")) {
		if (p[0] == '$' && p[1]) {
			const char *v = getenv(p + 1);
			p = (char *)(v ? v : "");
		}
		w[n++] = p;
	}
	w[n] = NULL;
	return n;
}

/* Starts argv; with notify_fd >= 0 the child gets the pipe's write end as
 * fd 3 and INIT_NOTIFY=3 in its environment. */
static pid_t
start(char **argv, int notify_fd)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	posix_spawn_file_actions_init(&fa);
	if (notify_fd >= 0) {
		posix_spawn_file_actions_adddup2(&fa, notify_fd, 3);
		setenv("INIT_NOTIFY", "3", 1);
	}
	int e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	if (notify_fd >= 0)
		unsetenv("INIT_NOTIFY");
	posix_spawn_file_actions_destroy(&fa);
	if (e) {
		fprintf(stderr, "init: %s: %s\n", argv[0], strerror(e));
		return -1;
	}
	return pid;
}

static int run_file(const char *path);

static int
run_line(char *line)
{
	char *w[MAX_WORDS];
	int n = split(line, w);
	if (n == 0 || w[0][0] == '#')
		return 0;
	if (!strcmp(w[0], "echo")) {
		for (int i = 1; i < n; i++)
			printf("%s%s", w[i], i + 1 < n ? " " : "");
		printf("\n");
		fflush(stdout);
		return 0;
	}
	if (!strcmp(w[0], "cd")) {
		if (n != 2 || chdir(w[1]) != 0) {
			fprintf(stderr, "init: cd %s: %s\n", n > 1 ? w[1] : "", strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!strcmp(w[0], "export")) {
		if (n == 2 && strchr(w[1], '=')) {
			char *eq = strchr(w[1], '=');
			*eq = 0;
			return setenv(w[1], eq + 1, 1);
		}
		if (n < 2) {
			fprintf(stderr, "init: export NAME VALUE\n");
			return -1;
		}
		char val[LINE_MAX_LEN] = "";
		size_t len = 0;
		for (int i = 2; i < n; i++)
			len += (size_t)snprintf(val + len, sizeof val - len, "%s%s", i > 2 ? " " : "", w[i]);
		return setenv(w[1], val, 1);
	}
	if (!strcmp(w[0], "unset")) {
		for (int i = 1; i < n; i++)
			unsetenv(w[i]);
		return 0;
	}
	if (!strcmp(w[0], "run"))
		return n == 2 ? run_file(w[1]) : -1;
	if (!strcmp(w[0], "stdio")) {
		int fd = n == 2 ? open(w[1], O_RDWR) : -1;
		if (fd < 0) {
			fprintf(stderr, "init: stdio %s: %s\n", n > 1 ? w[1] : "", strerror(errno));
			return -1;
		}
		for (int i = 0; i < 3; i++)
			dup2(fd, i);
		if (fd > 2)
			close(fd);
		return 0;
	}
	if (!strcmp(w[0], "notify")) {
		int p[2];
		if (n < 2 || pipe(p) != 0)
			return -1;
		pid_t pid = start(w + 1, p[1]);
		close(p[1]);
		if (pid < 0) {
			close(p[0]);
			return -1;
		}
		char c;
		ssize_t r;
		while ((r = read(p[0], &c, 1)) < 0 && errno == EINTR)
			;
		close(p[0]);
		if (r != 1) {
			int st;
			waitpid(pid, &st, WNOHANG);
			fprintf(stderr, "init: %s exited before it was ready\n", w[1]);
			return -1;
		}
		return 0;
	}
	if (!strcmp(w[n - 1], "&")) {
		w[--n] = NULL;
		return n && start(w, -1) > 0 ? 0 : -1;
	}
	pid_t pid = start(w, -1);
	if (pid < 0)
		return -1;
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "init: %s killed by signal %d\n", w[0], WTERMSIG(st));
		return -1;
	}
	if (WEXITSTATUS(st)) {
		fprintf(stderr, "init: %s exited with status %d\n", w[0], WEXITSTATUS(st));
		return -1;
	}
	return 0;
}

/* Runs lines from fd until its end. */
static void
run_fd(int fd)
{
	char buf[LINE_MAX_LEN];
	size_t have = 0;
	for (;;) {
		char *nl = memchr(buf, '\n', have);
		if (!nl && have == sizeof buf - 1)
			nl = buf + have;	/* an overlong line: cut it */
		if (nl) {
			size_t len = (size_t)(nl - buf);
			char line[LINE_MAX_LEN];
			memcpy(line, buf, len);
			line[len] = 0;
			size_t rest = have - len - (len < have ? 1 : 0);
			memmove(buf, buf + have - rest, rest);
			have = rest;
			run_line(line);
			fflush(stdout);
			reap();
			continue;
		}
		ssize_t r = read(fd, buf + have, sizeof buf - 1 - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (have) {
				buf[have] = 0;
				run_line(buf);
			}
			return;
		}
		have += (size_t)r;
	}
}

static int
run_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "init: %s: %s\n", path, strerror(errno));
		return -1;
	}
	run_fd(fd);
	close(fd);
	return 0;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	setenv("PATH", "initfs:/bin", 0);
	run_file(argc > 1 ? argv[1] : "initfs:/etc/init.rc");
	/* Until a shell is started, the console takes more of the same. */
	run_fd(0);
	shutdown_now();
}
