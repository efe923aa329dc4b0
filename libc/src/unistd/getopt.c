/* getopt: POSIX short options, with "--" and a leading ':' in opts. */
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
