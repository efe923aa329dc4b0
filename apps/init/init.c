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
 *   notify -r CMD ARGS...  the same, and start it again whenever it dies
 *   CMD ARGS... &          start CMD and go on
 *   CMD ARGS...            run CMD and wait for it
 * A line that fails is logged and the rest still runs.  SIGTERM (what
 * `shutdown` sends) ends every process and then init, with status 0,
 * which powers the machine off; SIGINT (`reboot`, `shutdown -r`, as
 * Ctrl-Alt-Del on Linux) does the same and then restarts the machine.
 *
 * Restarting (`notify -r`): a supervisor thread watches those daemons.
 * When one dies init logs `init: NAME exited (status N), restarting in M
 * ms` and starts it again after M ms: 100 ms, doubling up to 5 s for a
 * daemon that keeps dying, back to 100 ms once it has run for 10 s.  The
 * restarted daemon gets the environment the line had.
 *
 * `init -s` is the stand-in shell login runs until a real one exists: no
 * script, lines from stdin, exit (not shutdown) at the end of input.
 * The console is read a byte at a time, so what a program run from a
 * line reads from it (a password, say) is not swallowed by init.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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
#define MAX_SUP 16
#define BACKOFF_MIN_MS 100
#define BACKOFF_MAX_MS 5000
#define STABLE_MS 10000

extern char **environ;

/* A restartable daemon.  argv and envp never change once registered;
 * pid, dead, status, started, backoff and due are under lock. */
struct sup {
	char *argv[MAX_WORDS];
	char **envp;
	pid_t pid;
	int dead, status;
	long long started, due, backoff;
};

static struct sup sups[MAX_SUP];
static int nsup;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int sup_thread_up;
static volatile sig_atomic_t stopping;

static long long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Records a supervised daemon's end that reap() collected. */
static void
sup_note(pid_t pid, int st)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nsup; i++)
		if (sups[i].pid == pid && !sups[i].dead) {
			sups[i].dead = 1;
			sups[i].status = st;
		}
	pthread_mutex_unlock(&lock);
}

static void
reap(void)
{
	int st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		sup_note(pid, st);
}

/*
 * Ends everything else, then init itself: the core powers off, or, for a
 * reboot, init asks the core through sys:kstop.  Only async-signal-safe
 * calls, so the signal handlers can run it directly wherever init happens
 * to be blocked.
 */
static _Noreturn void
shutdown_now(int reboot)
{
	static const char msg[] = "init: shutting down\n";
	static const char rmsg[] = "init: rebooting\n";
	stopping = 1;
	if (reboot)
		write(1, rmsg, sizeof rmsg - 1);
	else
		write(1, msg, sizeof msg - 1);
	kill(-1, SIGTERM);
	struct timespec ts = { 0, 1000 * 1000 };
	/* Plain waitpid, not reap(): the lock sup_note takes may be held by
	 * the very code this handler interrupted. */
	for (int i = 0; i < 500; i++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
			break;
		nanosleep(&ts, NULL);
	}
	kill(-1, SIGKILL);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	if (reboot) {
		static const char fail[] = "init: sys:kstop refused the reboot; powering off\n";
		int fd = open("sys:kstop", O_WRONLY);
		if (fd >= 0)
			write(fd, "reset", 5);	/* returns only on failure */
		write(2, fail, sizeof fail - 1);
	}
	_exit(0);
}

/* SIGTERM powers off (shutdown), SIGINT reboots (reboot, shutdown -r). */
static void
on_term(int sig)
{
	shutdown_now(sig == SIGINT);
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
 * fd 3 and INIT_NOTIFY=3 in its environment.  envp NULL: init's own
 * environment.  The lock keeps the supervisor's spawns (which read PATH)
 * away from the main thread's setenv. */
static pid_t
start_env(char **argv, int notify_fd, char **envp, struct sup *sup)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	posix_spawn_file_actions_init(&fa);
	pthread_mutex_lock(&lock);
	if (notify_fd >= 0) {
		posix_spawn_file_actions_adddup2(&fa, notify_fd, 3);
		if (!envp)
			setenv("INIT_NOTIFY", "3", 1);
	}
	int e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, envp ? envp : environ);
	if (notify_fd >= 0 && !envp)
		unsetenv("INIT_NOTIFY");
	if (sup && !e) {
		/* Under the lock, so reap() can already tell it is ours. */
		sup->pid = pid;
		sup->dead = 0;
		sup->due = 0;
		sup->started = now_ms();
	}
	pthread_mutex_unlock(&lock);
	posix_spawn_file_actions_destroy(&fa);
	if (e) {
		fprintf(stderr, "init: %s: %s\n", argv[0], strerror(e));
		return -1;
	}
	return pid;
}

static pid_t
start(char **argv, int notify_fd)
{
	return start_env(argv, notify_fd, NULL, NULL);
}

/* Closes our copy of the write end p[1] and waits on p[0] until the
 * daemon name reports ready (0) or ends first (-1). */
static int
await_ready(int *p, const char *name)
{
	char c;
	ssize_t r;
	close(p[1]);
	while ((r = read(p[0], &c, 1)) < 0 && errno == EINTR)
		;
	close(p[0]);
	if (r != 1) {
		fprintf(stderr, "init: %s exited before it was ready\n", name);
		return -1;
	}
	return 0;
}

/* A copy of the environment with INIT_NOTIFY=3 for a restartable daemon. */
static char **
env_copy(void)
{
	size_t n = 0;
	while (environ[n])
		n++;
	char **e = calloc(n + 2, sizeof *e);
	if (e == NULL)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "INIT_NOTIFY=", 12) &&
		    (e[k] = strdup(environ[i])) != NULL)
			k++;
	e[k] = strdup("INIT_NOTIFY=3");
	return e[k] ? e : NULL;
}

static void
sup_log(struct sup *s, long long ms)
{
	if (WIFSIGNALED(s->status))
		fprintf(stderr, "init: %s killed by signal %d, restarting in %lld ms\n",
		    s->argv[0], WTERMSIG(s->status), ms);
	else
		fprintf(stderr, "init: %s exited (status %d), restarting in %lld ms\n",
		    s->argv[0], WEXITSTATUS(s->status), ms);
}

/* Starts s again (lock not held); its readiness is awaited here, not in
 * the main thread. */
static void
sup_restart(struct sup *s)
{
	int p[2];
	pid_t pid = -1;
	if (pipe(p) == 0) {
		pid = start_env(s->argv, p[1], s->envp, s);
		if (pid < 0) {
			close(p[0]);
			close(p[1]);
		} else {
			/* If it dies first, sup_main's waitpid sees that. */
			(void)await_ready(p, s->argv[0]);
		}
	}
	if (pid > 0)
		return;
	/* Could not even start: try again after the next back-off. */
	pthread_mutex_lock(&lock);
	s->status = 127 << 8;
	s->started = now_ms();
	s->due = s->started + s->backoff;
	sup_log(s, s->backoff);
	s->backoff = s->backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS :
	    s->backoff * 2;
	pthread_mutex_unlock(&lock);
}

static void *
sup_main(void *arg)
{
	/* Polling (there is no wait for one of several pids): every 100 ms
	 * while all run, every 10 ms while a restart is pending. */
	struct timespec idle = { 0, 100 * 1000 * 1000 }, busy = { 0, 10 * 1000 * 1000 };
	(void)arg;
	while (!stopping) {
		struct sup *go = NULL;
		int pending = 0;
		pthread_mutex_lock(&lock);
		long long t = now_ms();
		for (int i = 0; i < nsup && !go; i++) {
			struct sup *s = &sups[i];
			int st;
			pid_t r = s->dead ? 0 : waitpid(s->pid, &st, WNOHANG);
			if (r == s->pid || (r < 0 && errno == ECHILD)) {
				/* ECHILD: reap() took it and is about to
				 * note it; its status is lost to us. */
				s->dead = 1;
				s->status = r == s->pid ? st : 0;
			}
			if (!s->dead)
				continue;
			pending = 1;
			if (s->due == 0) {
				if (t - s->started >= STABLE_MS)
					s->backoff = BACKOFF_MIN_MS;
				s->due = t + s->backoff;
				sup_log(s, s->backoff);
				s->backoff = s->backoff * 2 > BACKOFF_MAX_MS ?
				    BACKOFF_MAX_MS : s->backoff * 2;
			} else if (t >= s->due) {
				go = s;
			}
		}
		pthread_mutex_unlock(&lock);
		if (go && !stopping)
			sup_restart(go);
		else
			nanosleep(pending ? &busy : &idle, NULL);
	}
	return NULL;
}

/* notify -r: registers a started, ready daemon for restarting. */
static int
sup_add(char **w, int n, pid_t pid)
{
	if (nsup == MAX_SUP) {
		fprintf(stderr, "init: %s: more than %d restartable daemons\n",
		    w[0], MAX_SUP);
		return -1;
	}
	struct sup *s = &sups[nsup];
	memset(s, 0, sizeof *s);
	for (int i = 0; i < n; i++)
		if ((s->argv[i] = strdup(w[i])) == NULL)
			return -1;
	if ((s->envp = env_copy()) == NULL)
		return -1;
	pthread_mutex_lock(&lock);
	s->pid = pid;
	s->started = now_ms();
	s->backoff = BACKOFF_MIN_MS;
	nsup++;
	pthread_mutex_unlock(&lock);
	if (!sup_thread_up) {
		pthread_t t;
		if (pthread_create(&t, NULL, sup_main, NULL) != 0) {
			fprintf(stderr, "init: supervisor thread: cannot start\n");
			return -1;
		}
		pthread_detach(t);
		sup_thread_up = 1;
	}
	return 0;
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
			pthread_mutex_lock(&lock);
			int r = setenv(w[1], eq + 1, 1);
			pthread_mutex_unlock(&lock);
			return r;
		}
		if (n < 2) {
			fprintf(stderr, "init: export NAME VALUE\n");
			return -1;
		}
		char val[LINE_MAX_LEN] = "";
		size_t len = 0;
		for (int i = 2; i < n; i++)
			len += (size_t)snprintf(val + len, sizeof val - len, "%s%s", i > 2 ? " " : "", w[i]);
		pthread_mutex_lock(&lock);
		int r = setenv(w[1], val, 1);
		pthread_mutex_unlock(&lock);
		return r;
	}
	if (!strcmp(w[0], "unset")) {
		pthread_mutex_lock(&lock);
		for (int i = 1; i < n; i++)
			unsetenv(w[i]);
		pthread_mutex_unlock(&lock);
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
		int p[2], re = n > 1 && !strcmp(w[1], "-r");
		if (n < 2 + re) {
			fprintf(stderr, "init: notify [-r] CMD ARGS...\n");
			return -1;
		}
		if (pipe(p) != 0)
			return -1;
		pid_t pid = start(w + 1 + re, p[1]);
		if (pid < 0) {
			close(p[0]);
			close(p[1]);
			return -1;
		}
		if (await_ready(p, w[1 + re]) != 0)
			return -1;
		return re ? sup_add(w + 2, n - 2, pid) : 0;
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

/* Runs lines from fd until its end.  The console (fd 0) is read a byte
 * at a time: the programs a line runs read the rest. */
static void
run_fd(int fd)
{
	size_t chunk = fd == 0 ? 1 : LINE_MAX_LEN;
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
		size_t room = sizeof buf - 1 - have;
		ssize_t r = read(fd, buf + have, room < chunk ? room : chunk);
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
	if (argc == 2 && !strcmp(argv[1], "-s")) {
		run_fd(0);
		return 0;
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: init [SCRIPT | -s]\n");
		return 2;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGTERM);	/* one stop at a time */
	sigaddset(&sa.sa_mask, SIGINT);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	setenv("PATH", "initfs:/bin", 0);
	run_file(argc > 1 ? argv[1] : "initfs:/etc/init.rc");
	/* Until a shell is started, the console takes more of the same. */
	run_fd(0);
	shutdown_now(0);
}
