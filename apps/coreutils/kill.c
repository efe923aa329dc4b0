/* kill - sends a signal (TERM, or -SIG / -s SIG, by name or number) to
 * processes; -l lists the names, or names the numbers given. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lib/cu.h"

/* Linux numbering, which the OS's signal.h uses too. */
static const char *const kill_names[] = {
	NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
	"SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
	"TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS",
};
#define KILL_NSIG ((int)(sizeof kill_names / sizeof kill_names[0]))

static int
kill_signum(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s && !*end)
		return v >= 0 && v < KILL_NSIG ? (int)v : -1;
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (int i = 1; i < KILL_NSIG; i++)
		if (!strcasecmp(s, kill_names[i]))
			return i;
	return -1;
}

static int
kill_list(char **args, int n)
{
	int status = 0;
	if (n == 0) {
		for (int i = 1; i < KILL_NSIG; i++)
			printf("%s%c", kill_names[i], i % 16 == 0 || i == KILL_NSIG - 1 ? '\n' : ' ');
		return 0;
	}
	for (int i = 0; i < n; i++) {
		int s = kill_signum(args[i]);
		if (s <= 0) {
			cu_msg("unknown signal name %s", args[i]);
			status = 1;
		} else if (args[i][0] >= '0' && args[i][0] <= '9') {
			puts(kill_names[s]);
		} else {
			printf("%d\n", s);
		}
	}
	return status;
}

int
main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	cu_init("kill", "[-s SIGNAL | -SIGNAL] PID...\n   or: kill -l [SIGNAL]...\n"
	    "Send SIGNAL (TERM by default) to the processes PID.\n", 1);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		cu_usage(0);
	if (argc > 1 && !strcmp(argv[1], "-l"))
		return kill_list(argv + 2, argc - 2);
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		if ((sig = kill_signum(argv[2])) < 0) {
			cu_msg("unknown signal name %s", argv[2]);
			return 1;
		}
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--")) {
		if ((sig = kill_signum(argv[1] + 1)) < 0) {
			cu_msg("unknown signal name %s", argv[1] + 1);
			return 1;
		}
		i = 2;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc) {
		cu_msg("not enough arguments");
		cu_usage(1);
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);
		if (!*argv[i] || *end) {
			cu_msg("failed to parse argument: '%s'", argv[i]);
			status = 1;
			continue;
		}
		if (kill((pid_t)pid, sig) != 0) {
			fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
