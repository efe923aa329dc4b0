/*
 * find - walks directory trees printing paths.  Tests: -name PATTERN,
 * -type f|d|l, -maxdepth N, -mindepth N; actions -print (default).
 * All tests must hold (an implicit -a); no -o or parentheses.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/cu.h"
#include <fnmatch.h>

struct find_opts {
	const char *name;
	int type;		/* 0, 'f', 'd' or 'l' */
	long maxdepth, mindepth;
	int status;
};

static void
find_walk(const char *path, long depth, struct find_opts *f)
{
	struct stat sb;
	if (lstat(path, &sb) != 0) {
		fprintf(stderr, "find: '%s': %s\n", path, strerror(errno));
		f->status = 1;
		return;
	}
	const char *base = strrchr(path, '/');
	base = base && base[1] ? base + 1 : path;
	int ok = depth >= f->mindepth;
	if (ok && f->name && fnmatch(f->name, base, 0) != 0)
		ok = 0;
	if (ok && f->type) {
		int t = S_ISDIR(sb.st_mode) ? 'd' : S_ISLNK(sb.st_mode) ? 'l' : S_ISREG(sb.st_mode) ? 'f' : '?';
		ok = t == f->type;
	}
	if (ok)
		puts(path);
	if (!S_ISDIR(sb.st_mode) || (f->maxdepth >= 0 && depth >= f->maxdepth))
		return;
	DIR *d = opendir(path);
	struct dirent *de;
	if (d == NULL) {
		fprintf(stderr, "find: '%s': %s\n", path, strerror(errno));
		f->status = 1;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char *sub;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if ((sub = cu_join(path, de->d_name)) == NULL) {
			fprintf(stderr, "find: '%s/%s': %s\n", path, de->d_name, strerror(errno));
			f->status = 1;
			continue;
		}
		find_walk(sub, depth + 1, f);
		free(sub);
	}
	closedir(d);
}

static long
find_num(const char *opt, const char *s)
{
	char *end;
	long v = s ? strtol(s, &end, 10) : -1;
	if (s == NULL || end == s || *end || v < 0) {
		cu_msg("invalid argument '%s' to '%s'", s ? s : "", opt);
		exit(1);
	}
	return v;
}

int
main(int argc, char **argv)
{
	struct find_opts f = { NULL, 0, -1, 0, 0 };
	int i = 1, first;

	cu_init("find", "[PATH]... [-name PATTERN] [-type f|d|l] [-maxdepth N] [-mindepth N] [-print]\n"
	    "Print the paths under each PATH (default .) that pass every test.\n", 1);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		cu_usage(0);
	while (i < argc && (argv[i][0] != '-' || !argv[i][1]) && strcmp(argv[i], "!") && strcmp(argv[i], "("))
		i++;
	first = i;
	for (; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-print"))
			continue;
		if (!strcmp(a, "-name") || !strcmp(a, "-type") || !strcmp(a, "-maxdepth") ||
		    !strcmp(a, "-mindepth")) {
			if (v == NULL) {
				cu_msg("missing argument to '%s'", a);
				return 1;
			}
			i++;
			if (a[1] == 'n')
				f.name = v;
			else if (a[1] == 't') {
				if (strlen(v) != 1 || !strchr("fdl", v[0])) {
					cu_msg("Unknown argument to -type: %s", v);
					return 1;
				}
				f.type = v[0];
			} else if (a[2] == 'a')
				f.maxdepth = find_num(a, v);
			else
				f.mindepth = find_num(a, v);
			continue;
		}
		cu_msg("unknown predicate `%s'", a);
		return 1;
	}
	if (first == 1)
		find_walk(".", 0, &f);
	for (i = 1; i < first; i++)
		find_walk(argv[i], 0, &f);
	if (fflush(stdout) != 0) {
		cu_err("write error", errno);
		return 1;
	}
	return f.status;
}
