/* sleep, sysconf, hostname and other small unistd calls. */
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <limits.h>
#include <sys/resource.h>
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
	case _SC_NGROUPS_MAX: return NGROUPS_MAX;
	case _SC_LINE_MAX: return LINE_MAX;
	case _SC_IOV_MAX: return IOV_MAX;
	case _SC_GETPW_R_SIZE_MAX: return 1024;
	case _SC_GETGR_R_SIZE_MAX: return 1024;
	case _SC_TTY_NAME_MAX: return 32;
	case _SC_SYMLOOP_MAX: return 40;
	case _SC_VERSION: return 200809L;
	case _SC_RE_DUP_MAX: return 255;
	case _SC_CHILD_MAX: {
		struct rlimit rl;
		if (getrlimit(RLIMIT_NPROC, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
			return -1;	/* no limit: -1 without errno */
		return (long)rl.rlim_cur;
	}
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
		memcpy(buf, "redox", 6);
		r = 5;
	}
	buf[r] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (strlen(buf) >= n) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, buf, strlen(buf) + 1);
	return 0;
}

/* getlogin and getlogin_r are in src/pwd/pwd.c: they fall back to
 * /etc/passwd. */

/* tcgetpgrp and tcsetpgrp are in src/termios/termios.c. */

int sched_yield(void)
{
	return (int)__syscall_ret(__syscall0(SYS_YIELD));
}
