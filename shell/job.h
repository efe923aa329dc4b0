/* job.h - background jobs and waiting for foreground ones. */
#ifndef SHELL_JOB_H
#define SHELL_JOB_H
#include <sys/types.h>

/* Waits for pid (in process group pg when interactive) and returns
 * its status; a stopped program becomes a job. */
int job_wait_fg(pid_t pid, pid_t pg, const char *name);
void job_add(pid_t pid, pid_t pg, const char *name, int announce);
void job_list(void);
int job_fg(int id);
int job_bg(int id);
int job_wait_all(void);
int job_disown(int id);
void job_reap(void);
/* While $(...) runs, fd is its pipe (non-blocking) and buf its text:
 * waiting for a program drains the pipe so a big output cannot block
 * the program.  fd -1 ends it; returns the previous fd. */
struct sbuf;
int job_set_drain(int fd, struct sbuf *buf, struct sbuf **old_buf);
void job_drain(void);

#endif
