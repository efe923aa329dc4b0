/*
 * df [SCHEME:|PATH]...: space on file systems.  Without arguments, every
 * scheme listed in sys:scheme that answers fstatvfs (the mounted ones).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "lib/cu.h"

static int human;

static void
size(char *buf, size_t cap, unsigned long long bytes)
{
	if (!human)
		snprintf(buf, cap, "%llu", bytes / 1024);
	else if (bytes >= 10ull << 30)
		snprintf(buf, cap, "%lluG", bytes >> 30);
	else if (bytes >= 10ull << 20)
		snprintf(buf, cap, "%lluM", bytes >> 20);
	else
		snprintf(buf, cap, "%lluK", bytes >> 10);
}

/* Prints one line; returns 0, or -1 if path has no statistics. */
static int
show(const char *path, int quiet)
{
	struct statvfs sv;
	unsigned long long total, freeb, avail, used;
	char t[32], u[32], a[32];

	if (statvfs(path, &sv) != 0) {
		if (!quiet)
			fprintf(stderr, "df: %s: %s\n", path, strerror(errno));
		return -1;
	}
	total = (unsigned long long)sv.f_blocks * sv.f_bsize;
	freeb = (unsigned long long)sv.f_bfree * sv.f_bsize;
	avail = (unsigned long long)sv.f_bavail * sv.f_bsize;
	used = total - freeb;
	size(t, sizeof t, total);
	size(u, sizeof u, used);
	size(a, sizeof a, avail);
	printf("%-12s %10s %10s %10s %3llu%%\n", path, t, u, a,
	    total ? (used * 100 + total - 1) / total : 0);
	return 0;
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	int i, ret = 0;

	cu_init("df", "[-h] [SCHEME:|PATH]...\nShow the size, use and free space of file systems\n"
	    "(-h: in K, M or G).\n", 1);
	cu_opt_init(&o, argc, argv);
	while (cu_opt_next(&o, "h") != -1)
		human = 1;
	i = o.ind;
	printf("%-12s %10s %10s %10s %4s\n", "Filesystem",
	    human ? "Size" : "1K-blocks", "Used", "Available", "Use%");
	if (i < argc) {
		for (; i < argc; i++)
			if (show(argv[i], 0) != 0)
				ret = 1;
		return ret;
	}
	FILE *f = fopen("sys:scheme", "r");
	char line[256];
	if (f == NULL) {
		perror("df: sys:scheme");
		return 1;
	}
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0] || strlen(line) + 2 > sizeof line)
			continue;
		memcpy(line + strlen(line), ":", 2);
		show(line, 1);
	}
	fclose(f);
	return 0;
}
