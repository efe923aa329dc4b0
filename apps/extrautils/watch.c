/*
 * watch - runs a command again and again: clears the screen, prints a
 * title and the command's output, sleeps -n seconds (default 2).
 * -c COUNT stops after COUNT runs (for scripts and tests; the status is
 * then the last run's), -t leaves out the title.  There is no shell yet,
 * so the command is a program and its arguments, found through PATH.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void
usage(FILE *f)
{
	fprintf(f, "usage: watch [-t] [-n SECONDS] [-c COUNT] COMMAND [ARG...]\n"
	    "  -n SECONDS  wait between runs (default 2, fractions allowed)\n"
	    "  -c COUNT    stop after COUNT runs\n"
	    "  -t          no title line\n"
	    "  --help      show this help\n");
}

/* Parses "2", "0.5", ".25" into nanoseconds without floats. */
static int
parse_interval(const char *s, long long *ns)
{
	long long whole = 0, frac = 0, scale = 100000000;
	const char *p = s;
	if (!*p)
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > 1000000)
			return -ERANGE;
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++) {
			frac += (*p - '0') * scale;
			scale /= 10;
		}
	if (*p || p == s || (p == s + 1 && s[0] == '.'))
		return -EINVAL;
	*ns = whole * 1000000000LL + frac;
	return 0;
}

/* Runs the command once; returns its status or -1 if it could not run. */
static int
run_once(char **cmd)
{
	pid_t pid;
	int st, rc = posix_spawnp(&pid, cmd[0], NULL, NULL, cmd, environ);
	if (rc != 0) {
		fprintf(stderr, "watch: %s: %s\n", cmd[0], strerror(rc));
		return -1;
	}
	while ((rc = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (rc < 0) {
		fprintf(stderr, "watch: waitpid: %s\n", strerror(errno));
		return -1;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int
main(int argc, char **argv)
{
	long long ns = 2000000000LL;
	long count = -1;
	int ch, title = 1, status = 0;
	char *end;
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	/* '+': options end at the command, whose own flags are its own. */
	while ((ch = getopt(argc, argv, "+tn:c:")) != -1) {
		switch (ch) {
		case 't': title = 0; break;
		case 'n':
			if (parse_interval(optarg, &ns) < 0) {
				fprintf(stderr, "watch: failed to parse argument: '%s'\n", optarg);
				return 1;
			}
			break;
		case 'c':
			errno = 0;
			count = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || count < 1) {
				fprintf(stderr, "watch: invalid count '%s'\n", optarg);
				return 1;
			}
			break;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 1;
	}
	char **cmd = argv + optind;
	for (long i = 0; count < 0 || i < count; i++) {
		fputs("\033[H\033[2J", stdout);
		if (title) {
			printf("Every %lld.%01llds:", ns / 1000000000LL, ns % 1000000000LL / 100000000LL);
			for (char **a = cmd; *a; a++)
				printf(" %s", *a);
			printf("\n\n");
		}
		if (fflush(stdout) != 0) {
			fprintf(stderr, "watch: write error: %s\n", strerror(errno));
			return 1;
		}
		status = run_once(cmd);
		if (status < 0)
			return 1;
		if (count >= 0 && i + 1 >= count)
			break;
		struct timespec ts = { (time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL) }, rem;
		while (nanosleep(&ts, &rem) < 0 && errno == EINTR)
			ts = rem;
	}
	return status;
}
