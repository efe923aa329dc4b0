/* perror, psignal, remove, rename. */
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "stdio_impl.h"
#include "../internal/libc.h"

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s != NULL && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

/* psignal: "s: Terminated", or the name alone when s is empty. */
void psignal(int sig, const char *s)
{
	const char *msg = strsignal(sig);

	if (s != NULL && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

int remove(const char *path)
{
	int saved = errno;

	if (unlink(path) == 0)
		return 0;
	if (errno == EISDIR || errno == EPERM || errno == EACCES) {
		errno = saved;
		if (rmdir(path) == 0)
			return 0;
	}
	return -1;
}

/* Redox renames through an open fd: SYS_FRENAME(fd, newpath). */
int rename(const char *from, const char *to)
{
	int fd = open(from, O_STAT | O_NOFOLLOW | O_CLOEXEC);
	long r;

	if (fd < 0)
		return -1;
	r = __syscall_ret(__syscall3(SYS_FRENAME, fd, to, strlen(to)));
	close(fd);
	return (int)r;
}
