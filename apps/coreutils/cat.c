/* cat - concatenates files ("-" is stdin); -n numbers the lines. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/cu.h"

/* Line numbering carries across files, as in GNU cat. */
struct numstate {
	unsigned long line;
	int at_start;
};

static int
cat_numbered(int fd, struct numstate *ns)
{
	char buf[8192];
	ssize_t r;
	while ((r = read(fd, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < r; i++) {
			if (ns->at_start) {
				printf("%6lu\t", ++ns->line);
				ns->at_start = 0;
			}
			putchar(buf[i]);
			if (buf[i] == '\n')
				ns->at_start = 1;
		}
	}
	return r < 0 ? -errno : 0;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct numstate ns = { 0, 1 };
	int number = 0, status = 0, c;

	cu_init("cat", "[-n] [FILE]...\nConcatenate FILEs (or stdin) to stdout; -n numbers lines.\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "nu")) != -1)
		if (c == 'n')
			number = 1;
	char *dash[] = { "-", NULL };
	char **files = o.ind < argc ? argv + o.ind : dash;
	for (; *files; files++) {
		const char *name = *files;
		int fd = strcmp(name, "-") ? open(name, O_RDONLY) : 0;
		int e, which = 0;
		if (fd < 0) {
			cu_err(name, errno);
			status = 1;
			continue;
		}
		if (number) {
			e = cat_numbered(fd, &ns);
		} else {
			e = cu_copy_fd(fd, 1, &which);
		}
		if (e) {
			cu_err(which ? "write error" : name, -e);
			status = 1;
		}
		if (fd != 0)
			close(fd);
	}
	if (fflush(stdout) != 0) {
		cu_err("write error", errno);
		status = 1;
	}
	return status;
}
