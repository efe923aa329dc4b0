/*
 * mount: lists the mounted file systems.  A file system daemon (redoxfsd)
 * answers dup(fd, "fsinfo") with a line "DEVICE SCHEME: TYPE MODE ...";
 * other schemes that answer fstatvfs are listed by name only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <redox.h>
#include "lib/cu.h"

/*
 * Prints the fsinfo line of scheme `name:`; returns 0 if it had one.
 * Opened for reading: a dup'd fd keeps the access of the original.
 */
static int
fsinfo(const char *url)
{
	char buf[512];
	long nfd;
	ssize_t n;
	int fd = open(url, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	nfd = __syscall6(SYS_DUP, fd, (long)"fsinfo", 6, 0, 0, 0);
	close(fd);
	if (nfd < 0)
		return -1;
	n = read((int)nfd, buf, sizeof buf - 1);
	close((int)nfd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	fputs(buf, stdout);
	if (buf[n - 1] != '\n')
		putchar('\n');
	return 0;
}

int
main(int argc, char **argv)
{
	char line[256];
	FILE *f;

	struct cu_opt o;

	cu_init("mount", "\nList the mounted file systems (redoxfsd DISK [SCHEME] mounts one).\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "") != -1)
		;
	if (o.ind < argc) {
		cu_msg("extra operand '%s' (redoxfsd DISK [SCHEME] mounts a file system)", argv[o.ind]);
		cu_usage(1);
	}
	if ((f = fopen("sys:scheme", "r")) == NULL) {
		perror("mount: sys:scheme");
		return 1;
	}
	while (fgets(line, sizeof line, f)) {
		struct statvfs sv;
		line[strcspn(line, "\n")] = 0;
		if (!line[0] || strlen(line) + 2 > sizeof line)
			continue;
		memcpy(line + strlen(line), ":", 2);
		/* Only file systems answer statvfs; then ask for details. */
		if (statvfs(line, &sv) == 0 && fsinfo(line) != 0)
			printf("%s %s\n", line, line);
	}
	fclose(f);
	return 0;
}
