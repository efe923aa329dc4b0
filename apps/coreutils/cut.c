/* cut - prints selected parts of lines: -f fields (split on -d, TAB by
 * default; -s drops lines without one), -c or -b characters (bytes). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include "lib/cu.h"

#define CUT_MAX 4096	/* positions past this count as "to the end" */

struct cut_list {
	unsigned char pick[CUT_MAX + 2];	/* pick[i]: position i selected */
	int open_from;				/* N- : everything from N on */
};

static int
cut_parse(const char *s, struct cut_list *l)
{
	l->open_from = 0;
	memset(l->pick, 0, sizeof l->pick);
	while (*s) {
		char *end;
		long a = 1, b;
		if (*s != '-') {
			a = strtol(s, &end, 10);
			if (end == s || a < 1)
				return -1;
			s = end;
		}
		b = a;
		if (*s == '-') {
			s++;
			if (*s >= '0' && *s <= '9') {
				b = strtol(s, &end, 10);
				if (b < a)
					return -1;
				s = end;
			} else {
				b = -1;
			}
		}
		if (b < 0) {
			if (!l->open_from || a < l->open_from)
				l->open_from = (int)a;
		} else {
			for (long i = a; i <= b && i <= CUT_MAX; i++)
				l->pick[i] = 1;
		}
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return 0;
}

static int
cut_on(const struct cut_list *l, long i)
{
	return (l->open_from && i >= l->open_from) || (i <= CUT_MAX && l->pick[i]);
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct cut_list *l = calloc(1, sizeof *l);
	const char *list = NULL;
	int mode = 0, delim = '\t', only = 0, status = 0, c;

	cu_init("cut", "-f LIST [-d DELIM] [-s] [FILE]...\n   or: cut -c LIST [FILE]...\n"
	    "Print the selected fields or characters of each line.\n", 1);
	if (l == NULL) {
		cu_err("memory", ENOMEM);
		return 1;
	}
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "f:c:b:d:s")) != -1) {
		if (c == 'd') {
			if (strlen(o.arg) != 1) {
				cu_msg("the delimiter must be a single character");
				cu_usage(1);
			}
			delim = (unsigned char)o.arg[0];
		} else if (c == 's') {
			only = 1;
		} else {
			if (mode) {
				cu_msg("only one type of list may be specified");
				cu_usage(1);
			}
			mode = c == 'b' ? 'c' : c;
			list = o.arg;
		}
	}
	if (!mode) {
		cu_msg("you must specify a list of bytes, characters, or fields");
		cu_usage(1);
	}
	if (cut_parse(list, l) != 0) {
		cu_msg("invalid field range");
		cu_usage(1);
	}
	char *dash[] = { "-", NULL };
	char **files = o.ind < argc ? argv + o.ind : dash;
	char *line = NULL;
	size_t cap = 0;
	for (; *files; files++) {
		FILE *f = strcmp(*files, "-") ? fopen(*files, "r") : stdin;
		ssize_t n;
		if (f == NULL) {
			cu_err(*files, errno);
			status = 1;
			continue;
		}
		while ((n = getline(&line, &cap, f)) > 0) {
			if (line[n - 1] == '\n')
				line[--n] = 0;
			if (mode == 'c') {
				for (ssize_t i = 0; i < n; i++)
					if (cut_on(l, i + 1))
						putchar(line[i]);
			} else if (!memchr(line, delim, (size_t)n)) {
				if (only)
					continue;
				fwrite(line, 1, (size_t)n, stdout);
			} else {
				long field = 1;
				int first = 1;
				for (ssize_t i = 0, s = 0; i <= n; i++) {
					if (i < n && line[i] != delim)
						continue;
					if (cut_on(l, field)) {
						if (!first)
							putchar(delim);
						fwrite(line + s, 1, (size_t)(i - s), stdout);
						first = 0;
					}
					field++;
					s = i + 1;
				}
			}
			putchar('\n');
		}
		if (ferror(f)) {
			cu_err(*files, errno);
			status = 1;
		}
		if (f != stdin)
			fclose(f);
	}
	free(line);
	free(l);
	if (fflush(stdout) != 0) {
		cu_err("write error", errno);
		return 1;
	}
	return status;
}
