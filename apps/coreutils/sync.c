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
	int ret = 0;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: sync [SCHEME:|PATH]...\n"
		    "Commit and flush file systems (default file:).\n");
		return 0;
	}
	if (argc == 1)
		return sync_one("file:");
	for (int i = 1; i < argc; i++)
		ret |= sync_one(argv[i]);
	return ret;
}
