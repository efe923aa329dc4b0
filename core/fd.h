/* fd.h - per-process file descriptor tables. */
#ifndef CORE_FD_H
#define CORE_FD_H

#include <stdbool.h>
#include <stdint.h>

#define FD_MAX 1024

struct file;

struct fdent {
	struct file *file;
	bool cloexec;
};

struct fdtable {
	unsigned cap;
	unsigned max;		/* RLIMIT_NOFILE: fds are below it */
	struct fdent *ents;
	/* The process has set a record lock: closing any of its fds then
	 * drops its locks on that file (POSIX), so each close tells the
	 * file's scheme (vfs_lock_release). */
	bool locks;
};

struct fdtable *fdtable_new(void);
/* Closes every descriptor and frees the table. */
void fdtable_free(struct fdtable *t);
/* Installs f (taking over one reference) at the lowest free fd >= min. */
int fd_alloc(struct fdtable *t, struct file *f, bool cloexec, int min);
/* The file at fd, or NULL; no reference is taken. */
struct file *fd_get(struct fdtable *t, int fd);
int fd_close(struct fdtable *t, int fd);
/* Makes newfd refer to oldfd's file (closing what newfd had). */
int fd_dup2(struct fdtable *t, int oldfd, int newfd);
/* Installs f at exactly fd (taking a reference), for spawn's fd map. */
int fd_install(struct fdtable *t, int fd, struct file *f);
int fd_set_cloexec(struct fdtable *t, int fd, bool on);
int fd_get_cloexec(struct fdtable *t, int fd);
void fd_close_cloexec(struct fdtable *t);
/* Sets RLIMIT_NOFILE (clamped to FD_MAX); open fds above it stay. */
void fd_set_limit(struct fdtable *t, uint64_t max);
/* Number of open descriptors. */
int fd_count(struct fdtable *t);

#endif
