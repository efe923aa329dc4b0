/* sleep, sysconf, hostname and other small unistd calls. */
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <limits.h>
#include "../internal/libc.h"

unsigned sleep(unsigned sec)
{
	struct timespec ts = { (time_t)sec, 0 };

	if (nanosleep(&ts, &ts) < 0)
		return (unsigned)ts.tv_sec + (ts.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = { (time_t)(usec / 1000000), (long)(usec % 1000000) * 1000 };

	return nanosleep(&ts, NULL);
}

/* No sigsuspend in the ABI: sleep until a signal interrupts us. */
int pause(void)
{
	struct timespec ts = { 1L << 30, 0 };

	while (nanosleep(&ts, NULL) == 0)
		;
	return -1;
}

long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE: return (long)__libc.pagesz;
	case _SC_OPEN_MAX: return OPEN_MAX;
	case _SC_NPROCESSORS_ONLN:
	case _SC_NPROCESSORS_CONF: return 1;
	case _SC_CLK_TCK: return 100;
	case _SC_ARG_MAX: return ARG_MAX;
	case _SC_HOST_NAME_MAX: return HOST_NAME_MAX;
	case _SC_LOGIN_NAME_MAX: return LOGIN_NAME_MAX;
	}
	errno = EINVAL;
	return -1;
}

int getpagesize(void)
{
	return (int)__libc.pagesz;
}

/* The host name is the first line of /etc/hostname; "redox" without one. */
int gethostname(char *name, size_t n)
{
	char buf[HOST_NAME_MAX + 1];
	int fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);
	ssize_t r = 0;

	if (fd >= 0) {
		r = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	if (r <= 0) {
		strcpy(buf, "redox");
		r = 5;
	}
	buf[r] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (strlen(buf) >= n) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(name, buf);
	return 0;
}

/* getlogin and getlogin_r are in src/pwd/pwd.c: they fall back to
 * /etc/passwd. */

/* tcgetpgrp and tcsetpgrp are in src/termios/termios.c. */

int sched_yield(void)
{
	return (int)__syscall_ret(__syscall0(SYS_YIELD));
}
