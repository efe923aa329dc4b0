/* system and popen: SHELL -c CMD through posix_spawn.  The shell is
 * /bin/sh when one is installed (a port may bring one), else the
 * system's shell, ion (_PATH_BSHELL in paths.h). */
#include <stdlib.h>
#include <stdio.h>
#include <spawn.h>
#include <fcntl.h>
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>
#include "../stdio/stdio_impl.h"

#include <paths.h>

static const char *shell(void)
{
	return access("/bin/sh", X_OK) == 0 ? "/bin/sh" : _PATH_BSHELL;
}

int system(const char *cmd)
{
	char *argv[] = { "sh", "-c", (char *)cmd, NULL };
	pid_t pid;
	int status, e;

	if (cmd == NULL)
		return access(shell(), X_OK) == 0;
	e = posix_spawn(&pid, shell(), NULL, NULL, argv, environ);
	if (e != 0) {
		errno = e;
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

FILE *popen(const char *cmd, const char *mode)
{
	char *argv[] = { "sh", "-c", (char *)cmd, NULL };
	posix_spawn_file_actions_t fa;
	int p[2], reading = *mode == 'r', e;
	pid_t pid;
	FILE *f;

	if ((*mode != 'r' && *mode != 'w') || (mode[1] && mode[1] != 'e')) {
		errno = EINVAL;
		return NULL;
	}
	if (pipe2(p, O_CLOEXEC) < 0)
		return NULL;
	posix_spawn_file_actions_init(&fa);
	/* the child's end becomes its stdout (for "r") or stdin (for "w") */
	posix_spawn_file_actions_adddup2(&fa, p[reading], reading ? 1 : 0);
	e = posix_spawn(&pid, shell(), &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[reading]);
	if (e != 0) {
		close(p[!reading]);
		errno = e;
		return NULL;
	}
	f = __fdopen_flags(p[!reading], reading ? F_CANREAD : F_CANWRITE);
	if (f == NULL) {
		close(p[!reading]);
		return NULL;
	}
	f->pid = pid;
	return f;
}

int pclose(FILE *f)
{
	pid_t pid = f->pid;
	int status;

	fclose(f);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}
