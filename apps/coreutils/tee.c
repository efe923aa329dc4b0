/* tee - copies stdin to stdout and to each FILE (-a appends). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int append = 0, status = 0, c, n = 0;
	char buf[8192];
	ssize_t r;

	cu_init("tee", "[-ai] [FILE]...\nCopy stdin to stdout and to each FILE (-a: append, -i: ignore SIGINT).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "ai")) != -1)
		if (c == 'a')
			append = 1;
		else if (signal(SIGINT, SIG_IGN) == SIG_ERR)
			cu_err("ignoring SIGINT", errno);
	int fds[argc + 1];
	const char *names[argc + 1];
	fds[n] = 1;
	names[n++] = "standard output";
	for (int i = o.ind; i < argc; i++) {
		int fd = open(argv[i], O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0666);
		if (fd < 0) {
			cu_err(argv[i], errno);
			status = 1;
			continue;
		}
		fds[n] = fd;
		names[n++] = argv[i];
	}
	while ((r = read(0, buf, sizeof buf)) > 0) {
		for (int i = 0; i < n; i++) {
			if (fds[i] < 0)
				continue;
			int e = cu_write_all(fds[i], buf, (size_t)r);
			if (e) {
				cu_err(names[i], -e);
				status = 1;
				fds[i] = -1;
			}
		}
	}
	if (r < 0) {
		cu_err("read error", errno);
		status = 1;
	}
	for (int i = 1; i < n; i++)
		if (fds[i] >= 0 && close(fds[i]) != 0) {
			cu_err(names[i], errno);
			status = 1;
		}
	return status;
}
