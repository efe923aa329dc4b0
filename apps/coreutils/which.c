/* which - prints where in $PATH each command is found; exit 1 if any is not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/cu.h"

static int
which_one(const char *name, int all)
{
	const char *path = getenv("PATH");
	int found = 0;
	if (strchr(name, '/')) {
		if (access(name, X_OK) == 0) {
			puts(name);
			return 1;
		}
		return 0;
	}
	if (path == NULL)
		return 0;
	/* Entries are separated by ':' - but "file:/bin" is one entry: a
	 * ':' after a bare word and before '/' ends a scheme name. */
	for (const char *p = path; *p; ) {
		const char *end = p;
		while (*end && !(*end == ':' && (end == p || memchr(p, '/', (size_t)(end - p)) ||
		    end[1] != '/')))
			end++;
		char buf[4096];
		struct stat sb;
		snprintf(buf, sizeof buf, "%.*s/%s", (int)(end - p), end == p ? "." : p, name);
		if (end == p)
			snprintf(buf, sizeof buf, "./%s", name);
		if (stat(buf, &sb) == 0 && S_ISREG(sb.st_mode) && access(buf, X_OK) == 0) {
			puts(buf);
			found = 1;
			if (!all)
				return 1;
		}
		p = *end ? end + 1 : end;
	}
	return found;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int all = 0, status = 0, c;

	cu_init("which", "[-a] COMMAND...\nPrint where each COMMAND is found in $PATH.\n", 2);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "a")) != -1)
		all = 1;
	if (o.ind >= argc)
		return 1;
	for (int i = o.ind; i < argc; i++)
		if (!which_one(argv[i], all))
			status = 1;
	return fflush(stdout) != 0 ? 2 : status;
}
