/* env - runs a command in a changed environment, or prints it:
 * -i starts empty, -u NAME removes, NAME=VALUE sets. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "lib/cu.h"

extern char **environ;

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int c, i, eol = '\n';
	static char *empty[] = { NULL };

	cu_init("env", "[-i0] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]\n"
	    "Run COMMAND in a changed environment, or print the environment.\n", 125);
	cu_opt_init(&o, argc, argv);
	o.permute = 0;
	while ((c = cu_opt_next(&o, "iu:0")) != -1) {
		if (c == '0') {
			eol = 0;
		} else if (c == 'i') {
			environ = empty;
		} else if (c == 'u' && unsetenv(o.arg) != 0) {
			cu_msg("cannot unset '%s': %s", o.arg, strerror(errno));
			return 125;
		}
	}
	/* A lone "-" is the same as -i. */
	if (o.ind < argc && !strcmp(argv[o.ind], "-")) {
		environ = empty;
		o.ind++;
	}
	for (i = o.ind; i < argc && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');
		*eq = 0;
		if (setenv(argv[i], eq + 1, 1) != 0) {
			*eq = '=';
			cu_msg("cannot set '%s': %s", argv[i], strerror(errno));
			return 125;
		}
	}
	if (i >= argc) {
		for (char **e = environ; e && *e; e++)
			printf("%s%c", *e, eol);
		return fflush(stdout) != 0;
	}
	pid_t pid;
	int st, e = posix_spawnp(&pid, argv[i], NULL, NULL, argv + i, environ);
	if (e != 0) {
		fprintf(stderr, "env: '%s': %s\n", argv[i], strerror(e));
		return e == ENOENT ? 127 : 126;
	}
	if (waitpid(pid, &st, 0) != pid) {
		cu_err("waitpid", errno);
		return 125;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
