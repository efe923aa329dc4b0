/*
 * meminfo.h - one figure of sys:meminfo ("PagesUsed:", "KernelHeap:",
 * ...), or -1, for the test programs that check memory comes back.
 */
#ifndef TESTS_PROGRAMS_MEMINFO_H
#define TESTS_PROGRAMS_MEMINFO_H

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long
meminfo(const char *key)
{
	char buf[512];
	int fd = open("sys:meminfo", O_RDONLY);
	ssize_t n;
	char *p;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, key);
	return p ? strtol(p + strlen(key) + 1, NULL, 10) : -1;
}

#endif
