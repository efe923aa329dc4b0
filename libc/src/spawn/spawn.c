/*
 * posix_spawn over SYS_SPAWN.  The kernel takes a map: child fd i becomes
 * a copy of parent fd fds[i].  We start from the parent's fd table,
 * replay the file actions on that map (an open is done here in the parent,
 * close-on-exec, and closed after the call; dup2 and close only edit the
 * map), drop what is still close-on-exec, then spawn.
 */
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "../internal/libc.h"

enum { ACT_OPEN, ACT_DUP2, ACT_CLOSE };

struct __spawn_action {
	int kind;
	int fd, newfd;		/* OPEN: fd; DUP2: fd -> newfd; CLOSE: fd */
	char *path;
	int flags;
	mode_t mode;
};

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	fa->actions = NULL;
	fa->n = fa->cap = 0;
	return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	int i;

	for (i = 0; i < fa->n; i++)
		free(fa->actions[i].path);
	free(fa->actions);
	fa->actions = NULL;
	fa->n = fa->cap = 0;
	return 0;
}

static struct __spawn_action *add(posix_spawn_file_actions_t *fa)
{
	if (fa->n == fa->cap) {
		int cap = fa->cap ? fa->cap * 2 : 8;
		struct __spawn_action *a = realloc(fa->actions, (size_t)cap * sizeof(*a));
		if (a == NULL)
			return NULL;
		fa->actions = a;
		fa->cap = cap;
	}
	memset(&fa->actions[fa->n], 0, sizeof(fa->actions[0]));
	return &fa->actions[fa->n++];
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa,
    int fd, const char *restrict path, int flags, mode_t mode)
{
	struct __spawn_action *a;
	char *p;

	if (fd < 0 || fd >= SPAWN_FD_MAX)
		return EBADF;
	if ((p = strdup(path)) == NULL)
		return ENOMEM;
	if ((a = add(fa)) == NULL) {
		free(p);
		return ENOMEM;
	}
	a->kind = ACT_OPEN;
	a->fd = fd;
	a->path = p;
	a->flags = flags;
	a->mode = mode;
	return 0;
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	struct __spawn_action *a;

	if (fd < 0 || newfd < 0 || newfd >= SPAWN_FD_MAX)
		return EBADF;
	if ((a = add(fa)) == NULL)
		return ENOMEM;
	a->kind = ACT_DUP2;
	a->fd = fd;
	a->newfd = newfd;
	return 0;
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	struct __spawn_action *a;

	if (fd < 0 || fd >= SPAWN_FD_MAX)
		return EBADF;
	if ((a = add(fa)) == NULL)
		return ENOMEM;
	a->kind = ACT_CLOSE;
	a->fd = fd;
	return 0;
}

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	(void)attr;
	return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	attr->flags = flags;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attr, short *restrict flags)
{
	*flags = (short)attr->flags;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	attr->pgroup = pgroup;
	return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict attr, pid_t *restrict pgroup)
{
	*pgroup = attr->pgroup;
	return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict attr, const sigset_t *restrict set)
{
	attr->sigmask = *set;
	return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict attr, const sigset_t *restrict set)
{
	attr->sigdefault = *set;
	return 0;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path,
    const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *restrict attr,
    char *const argv[restrict], char *const envp[restrict])
{
	struct spawn_args sa;
	int src[SPAWN_FD_MAX];		/* parent fd that child fd i will be */
	int cloexec[SPAWN_FD_MAX];	/* ...and whether exec would close it */
	int opened[SPAWN_FD_MAX];	/* fds we opened for the child */
	int nopened = 0, i, err = 0;
	long r;

	memset(&sa, 0, sizeof(sa));
	sa.path = path;
	sa.path_len = strlen(path);
	sa.argv = (const char *const *)argv;
	sa.envp = (const char *const *)(envp ? envp : environ);
	/* File actions see the whole table, close-on-exec fds included: the
	 * flag only takes effect at the "exec", after the actions. */
	for (i = 0; i < SPAWN_FD_MAX; i++) {
		long fl = __syscall3(SYS_FCNTL, i, F_GETFD, 0);
		src[i] = fl >= 0 ? i : -1;
		cloexec[i] = fl >= 0 && (fl & FD_CLOEXEC);
	}
	for (i = 0; fa != NULL && i < fa->n; i++) {
		const struct __spawn_action *a = &fa->actions[i];
		int fd;
		switch (a->kind) {
		case ACT_OPEN:
			fd = open(a->path, a->flags | O_CLOEXEC, a->mode);
			if (fd < 0) {
				err = errno;
				goto out;
			}
			opened[nopened++] = fd;
			src[a->fd] = fd;
			cloexec[a->fd] = (a->flags & O_CLOEXEC) != 0;
			break;
		case ACT_DUP2:
			/* a->fd is the child's fd if it is in the map, else a
			 * parent fd (say, a pipe end numbered 16 or more) */
			if (a->fd < SPAWN_FD_MAX)
				fd = src[a->fd];
			else
				fd = __syscall3(SYS_FCNTL, a->fd, F_GETFD, 0) >= 0 ? a->fd : -1;
			if (fd < 0) {
				err = EBADF;
				goto out;
			}
			src[a->newfd] = fd;
			cloexec[a->newfd] = 0;
			break;
		case ACT_CLOSE:
			src[a->fd] = -1;
			break;
		}
	}
	for (i = 0; i < SPAWN_FD_MAX; i++)
		sa.fds[i] = cloexec[i] ? -1 : src[i];
	sa.nfds = SPAWN_FD_MAX;
	while (sa.nfds > 0 && sa.fds[sa.nfds - 1] < 0)
		sa.nfds--;
	if (attr != NULL && (attr->flags & POSIX_SPAWN_SETPGROUP)) {
		sa.flags |= SPAWN_SETPGID;
		sa.pgid = attr->pgroup;
	}
	if (attr != NULL && (attr->flags & POSIX_SPAWN_SETSID))
		sa.flags |= SPAWN_SETSID;
	if (attr != NULL && (attr->flags & POSIX_SPAWN_SETSIGDEF)) {
		sa.flags |= SPAWN_SETSIGDEF;
		sa.sigdefault = attr->sigdefault;
	}
	/* The child starts with the attribute's mask, or else ours (POSIX). */
	sa.flags |= SPAWN_SETSIGMASK;
	if (attr != NULL && (attr->flags & POSIX_SPAWN_SETSIGMASK))
		sa.sigmask = attr->sigmask;
	else
		sigprocmask(SIG_BLOCK, NULL, &sa.sigmask);
	r = __syscall2(SYS_SPAWN, &sa, sizeof(sa));
	if (r < 0)
		err = (int)-r;
	else if (pid != NULL)
		*pid = (pid_t)r;
out:
	for (i = 0; i < nopened; i++)
		close(opened[i]);
	return err;
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file,
    const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *restrict attr,
    char *const argv[restrict], char *const envp[restrict])
{
	char buf[PATH_MAX];

	if (__path_search(file, buf, sizeof(buf)) == NULL)
		return errno;
	return posix_spawn(pid, buf, fa, attr, argv, envp);
}
