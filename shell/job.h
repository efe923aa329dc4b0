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

#endif
