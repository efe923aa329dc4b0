/* getopt: POSIX short options, with "--" and a leading ':' in opts;
 * getopt_long adds "--name", "--name=value" and unique prefixes. */
#include <getopt.h>
#include <unistd.h>
#include <string.h>
#include <stdio.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int pos = 1;		/* index into argv[optind] */

int getopt(int argc, char *const argv[], const char *opts)
{
	const char *o;
	int c;

	if (optind == 0) {	/* GNU-style reset */
		optind = 1;
		pos = 1;
	}
	if (optind >= argc || argv[optind] == NULL || argv[optind][0] != '-' ||
	    argv[optind][1] == '\0')
		return -1;
	if (strcmp(argv[optind], "--") == 0) {
		optind++;
		return -1;
	}
	c = argv[optind][pos++];
	o = c == ':' ? NULL : strchr(opts, c);
	if (o == NULL) {
		optopt = c;
		if (opterr && *opts != ':')
			fprintf(stderr, "%s: unknown option -%c\n", argv[0], c);
		if (argv[optind][pos] == '\0')
			optind++, pos = 1;
		return '?';
	}
	if (o[1] == ':') {
		if (argv[optind][pos] != '\0') {
			optarg = &argv[optind][pos];
			optind++;
		} else if (optind + 1 < argc) {
			optarg = argv[optind + 1];
			optind += 2;
		} else {
			optopt = c;
			optind++;
			pos = 1;
			if (*opts == ':')
				return ':';
			if (opterr)
				fprintf(stderr, "%s: option -%c needs an argument\n", argv[0], c);
			return '?';
		}
		pos = 1;
		return c;
	}
	if (argv[optind][pos] == '\0')
		optind++, pos = 1;
	return c;
}

/* "--name[=value]" at argv[optind] (the "--" already checked). */
static int getopt_long1(int argc, char *const argv[], const char *opts,
    const struct option *lo, int *longindex)
{
	const char *arg = argv[optind] + 2, *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	int i, found = -1, ambiguous = 0;
	const struct option *o;

	for (i = 0; lo[i].name != NULL; i++) {
		if (strncmp(lo[i].name, arg, len) != 0)
			continue;
		if (strlen(lo[i].name) == len) {	/* exact beats prefixes */
			found = i;
			ambiguous = 0;
			break;
		}
		if (found < 0)
			found = i;
		else if (lo[found].has_arg != lo[i].has_arg ||
		    lo[found].flag != lo[i].flag || lo[found].val != lo[i].val)
			ambiguous = 1;
	}
	optind++;
	optopt = 0;
	if (found < 0 || ambiguous) {
		if (opterr && *opts != ':')
			fprintf(stderr, "%s: %s option --%.*s\n", argv[0],
			    ambiguous ? "ambiguous" : "unknown", (int)len, arg);
		return '?';
	}
	o = &lo[found];
	optarg = NULL;
	if (o->has_arg == no_argument && eq != NULL) {
		optopt = o->val;
		if (opterr && *opts != ':')
			fprintf(stderr, "%s: option --%s takes no argument\n",
			    argv[0], o->name);
		return '?';
	}
	if (eq != NULL) {
		optarg = (char *)eq + 1;
	} else if (o->has_arg == required_argument) {
		if (optind >= argc) {
			optopt = o->val;
			if (*opts == ':')
				return ':';
			if (opterr)
				fprintf(stderr, "%s: option --%s needs an argument\n",
				    argv[0], o->name);
			return '?';
		}
		optarg = argv[optind++];
	}
	if (longindex != NULL)
		*longindex = found;
	if (o->flag != NULL) {
		*o->flag = o->val;
		return 0;
	}
	return o->val;
}

int getopt_long(int argc, char *const argv[], const char *opts,
    const struct option *longopts, int *longindex)
{
	if (optind == 0) {
		optind = 1;
		pos = 1;
	}
	/* A long option only starts a fresh argument. */
	if (pos == 1 && optind < argc && argv[optind] != NULL &&
	    argv[optind][0] == '-' && argv[optind][1] == '-' &&
	    argv[optind][2] != '\0')
		return getopt_long1(argc, argv, opts, longopts, longindex);
	return getopt(argc, argv, opts);
}
