/* daemon_ready: tell init we are serving (ARCHITECTURE.md, "Readiness"). */
#include <redox.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>

int daemon_ready(void)
{
	const char *s = getenv("INIT_NOTIFY");
	char *end;
	long fd;
	ssize_t r;

	if (s == NULL || *s == '\0')
		return 0;
	fd = strtol(s, &end, 10);
	if (*end != '\0' || fd < 0 || fd > 0x7fffffff) {
		errno = EBADF;
		return -1;
	}
	r = write((int)fd, "R", 1);
	close((int)fd);
	/* only once: a second call must not write to a reused fd number */
	unsetenv("INIT_NOTIFY");
	return r == 1 ? 0 : -1;
}
