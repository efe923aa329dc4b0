/*
 * sync [SCHEME:|PATH]...: makes everything written to file systems
 * durable: fsync on each (default file:), which redoxfsd answers by
 * committing its open transaction and flushing the disk.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lib/cu.h"

static int
sync_one(const char *path)
{
	int fd = open(path, O_STAT | O_CLOEXEC), r;

	if (fd < 0) {
		fprintf(stderr, "sync: %s: %s\n", path, strerror(errno));
		return 1;
	}
	r = fsync(fd);
	if (r != 0)
		fprintf(stderr, "sync: %s: %s\n", path, strerror(errno));
	close(fd);
	return r != 0;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int ret = 0;

	cu_init("sync", "[SCHEME:|PATH]...\nCommit and flush file systems (default file:).\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "") != -1)
		;
	if (o.ind >= argc)
		return sync_one("file:");
	for (int i = o.ind; i < argc; i++)
		ret |= sync_one(argv[i]);
	return ret;
}
