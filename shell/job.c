/* job.c - the job table.  On a terminal each pipeline has its own process
 * group that gets the terminal while it runs in the foreground. */
#include "shell/job.h"
#include "shell/exec.h"
#include "shell/str.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

struct job {
	int id;
	pid_t pid, pg;
	char *name;
	int stopped;
};

static struct job *jobs;
static size_t njobs;
static int next_id = 1;
static int drain_fd = -1;
static struct sbuf *drain_buf;

int job_set_drain(int fd, struct sbuf *buf, struct sbuf **old_buf)
{
	int old = drain_fd;
	*old_buf = drain_buf;
	drain_fd = fd;
	drain_buf = buf;
	return old;
}

/* Reads what is in the capture pipe now; 1 if anything came. */
static int drain_some(void)
{
	char b[4096];
	ssize_t k;
	int got = 0;
	while (drain_fd >= 0 && (k = read(drain_fd, b, sizeof b)) > 0) {
		sbuf_putn(drain_buf, b, (size_t)k);
		got = 1;
	}
	return got;
}

void job_drain(void)
{
	drain_some();
}

static int status_of(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	return 1;
}

static void job_remove(size_t i)
{
	free(jobs[i].name);
	jobs[i] = jobs[--njobs];
	if (!njobs)
		next_id = 1;
}

void job_add(pid_t pid, pid_t pg, const char *name, int announce)
{
	jobs = str_realloc(jobs, (njobs + 1) * sizeof *jobs);
	struct job *j = &jobs[njobs++];
	j->id = next_id++;
	j->pid = pid;
	j->pg = pg;
	j->name = str_dup(name);
	j->stopped = 0;
	if (announce && exec_interactive())
		fprintf(stderr, "[%d] %d\n", j->id, (int)pid);
}

int job_wait_fg(pid_t pid, pid_t pg, const char *name)
{
	int ws, inter = exec_interactive() && pg > 0;
	if (inter)
		tcsetpgrp(0, pg);
	pid_t r;
	if (drain_fd >= 0) {
		/* poll: the program may need the pipe emptied to finish */
		struct timespec nap = {0, 200000};
		while ((r = waitpid(pid, &ws, WNOHANG | (inter ? WUNTRACED : 0))) == 0 ||
		    (r < 0 && errno == EINTR))
			if (!drain_some())
				nanosleep(&nap, NULL);
		drain_some();
	} else {
		do
			r = waitpid(pid, &ws, inter ? WUNTRACED : 0);
		while (r < 0 && errno == EINTR);
	}
	if (inter)
		tcsetpgrp(0, getpgrp());
	if (r < 0)
		return 1;
	if (WIFSTOPPED(ws)) {
		job_add(pid, pg, name, 0);
		jobs[njobs - 1].stopped = 1;
		fprintf(stderr, "[%d] Stopped %s\n", jobs[njobs - 1].id, name);
		return 128 + WSTOPSIG(ws);
	}
	return status_of(ws);
}

void job_list(void)
{
	job_reap();
	for (size_t i = 0; i < njobs; i++)
		printf("[%d] %d %s\t%s\n", jobs[i].id, (int)jobs[i].pid,
		    jobs[i].stopped ? "Stopped" : "Running", jobs[i].name);
}

static int find(int id)
{
	for (size_t i = 0; i < njobs; i++)
		if (id < 0 ? i + 1 == njobs : jobs[i].id == id)
			return (int)i;
	return -1;
}

int job_fg(int id)
{
	int i = find(id);
	if (i < 0) {
		fprintf(stderr, "ion: fg: no such job\n");
		return 1;
	}
	struct job j = jobs[i];
	jobs[i].name = NULL;
	job_remove((size_t)i);
	if (j.stopped)
		kill(j.pg > 0 ? -j.pg : j.pid, SIGCONT);
	int st = job_wait_fg(j.pid, j.pg, j.name);
	free(j.name);
	return st;
}

int job_bg(int id)
{
	int i = find(id);
	if (i < 0) {
		fprintf(stderr, "ion: bg: no such job\n");
		return 1;
	}
	jobs[i].stopped = 0;
	kill(jobs[i].pg > 0 ? -jobs[i].pg : jobs[i].pid, SIGCONT);
	return 0;
}

int job_wait_all(void)
{
	int st = 0;
	while (njobs) {
		int ws;
		pid_t r = waitpid(jobs[0].pid, &ws, 0);
		if (r < 0 && errno == EINTR)
			continue;
		st = r < 0 ? 1 : status_of(ws);
		job_remove(0);
	}
	return st;
}

int job_disown(int id)
{
	int i = find(id);
	if (i < 0) {
		fprintf(stderr, "ion: disown: no such job\n");
		return 1;
	}
	job_remove((size_t)i);
	return 0;
}

void job_reap(void)
{
	for (size_t i = 0; i < njobs;) {
		int ws;
		pid_t r = waitpid(jobs[i].pid, &ws, WNOHANG);
		if (r == jobs[i].pid) {
			if (exec_interactive())
				fprintf(stderr, "[%d] Done %s\n", jobs[i].id, jobs[i].name);
			job_remove(i);
			continue;
		}
		i++;
	}
}
