/* touch - sets files' times to now, creating them unless -c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/cu.h"

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int nocreate = 0, status = 0, c;

	cu_init("touch", "[-c] FILE...\nSet FILEs' times to now, creating them unless -c.\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "c")) != -1)
		if (c == 'c')
			nocreate = 1;
	if (o.ind >= argc) {
		cu_msg("missing file operand");
		cu_usage(1);
	}
	for (int i = o.ind; i < argc; i++) {
		if (utimensat(AT_FDCWD, argv[i], NULL, 0) == 0)
			continue;
		if (errno == ENOENT && nocreate)
			continue;
		if (errno == ENOENT) {
			int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
			if (fd >= 0) {
				close(fd);
				continue;
			}
		}
		fprintf(stderr, "touch: cannot touch '%s': %s\n", argv[i], strerror(errno));
		status = 1;
	}
	return status;
}
