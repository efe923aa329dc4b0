/*
 * uname.c - uname() from sys:uname, which holds Redox's five lines:
 * system name, node name (empty), release, version (empty), machine.
 * An empty node name is filled from gethostname (/etc/hostname).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define UNAME_FILE	"sys:uname"

int uname(struct utsname *u)
{
	char buf[512], *p, *nl;
	char *fields[5] = { u->sysname, u->nodename, u->release, u->version,
	    u->machine };
	ssize_t n, got = 0;
	int fd, i;

	fd = open(UNAME_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (got < (ssize_t)sizeof(buf) - 1 &&
	    (n = read(fd, buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += n;
	close(fd);
	if (got <= 0) {
		errno = got < 0 ? errno : EIO;
		return -1;
	}
	buf[got] = '\0';
	memset(u, 0, sizeof(*u));
	p = buf;
	for (i = 0; i < 5 && *p; i++) {
		size_t len;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= _UTSNAME_LENGTH)
			len = _UTSNAME_LENGTH - 1;
		memcpy(fields[i], p, len);
		fields[i][len] = '\0';
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (u->sysname[0] == '\0') {
		errno = EIO;	/* not the format we know */
		return -1;
	}
	if (u->nodename[0] == '\0' &&
	    gethostname(u->nodename, sizeof(u->nodename)) < 0)
		u->nodename[0] = '\0';
	return 0;
}
