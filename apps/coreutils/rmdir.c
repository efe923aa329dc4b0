/* rmdir - removes empty directories; -p removes their parents too. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int parents = 0, status = 0, c;

	cu_init("rmdir", "[-p] DIRECTORY...\nRemove empty directories.\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "p")) != -1)
		if (c == 'p')
			parents = 1;
	if (o.ind >= argc) {
		cu_msg("missing operand");
		cu_usage(1);
	}
	for (int i = o.ind; i < argc; i++) {
		char buf[4096];
		snprintf(buf, sizeof buf, "%s", argv[i]);
		for (;;) {
			size_t n = strlen(buf);
			while (n > 1 && buf[n - 1] == '/')
				buf[--n] = 0;
			if (rmdir(buf) != 0) {
				fprintf(stderr, "rmdir: failed to remove '%s': %s\n", buf, strerror(errno));
				status = 1;
				break;
			}
			char *s = strrchr(buf, '/');
			if (!parents || s == NULL || s == buf)
				break;
			*s = 0;
		}
	}
	return status;
}
