/* The exec family and the PATH search shared with posix_spawnp. */
#include <unistd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "../internal/libc.h"

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__syscall_ret(__syscall_path(SYS_EXECVE, path, (long)argv, (long)envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/*
 * Finds file in $PATH; returns buf, or NULL with errno.  A name with '/'
 * or ':' (a URL) is used as is.  PATH elements are separated by ':', but a
 * scheme URL like "initfs:/bin" contains one too: an element without '/'
 * followed by one starting with '/' is read as "scheme:/path".
 */
char *__path_search(const char *file, char *buf, size_t n)
{
	const char *path = getenv("PATH"), *p;
	int saw_eacces = 0;

	if (*file == '\0') {
		errno = ENOENT;
		return NULL;
	}
	if (strchr(file, '/') || strchr(file, ':')) {
		if (strlen(file) >= n) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		memcpy(buf, file, strlen(file) + 1);
		return buf;
	}
	if (path == NULL)
		path = "/bin:/usr/bin";
	for (p = path; *p; ) {
		const char *end = strchrnul(p, ':');
		size_t len = (size_t)(end - p);
		if (*end == ':' && end[1] == '/' && memchr(p, '/', len) == NULL && len > 0)
			end = strchrnul(end + 1, ':'), len = (size_t)(end - p);
		if (len + 1 + strlen(file) < n) {
			memcpy(buf, p, len);
			buf[len] = '\0';
			if (len && buf[len - 1] != '/' && buf[len - 1] != ':')
				buf[len++] = '/';
			memcpy(buf + len, file, strlen(file) + 1);	/* fits: checked above */
			if (access(buf, X_OK) == 0)
				return buf;
			if (errno == EACCES)
				saw_eacces = 1;
		}
		p = *end ? end + 1 : end;
	}
	errno = saw_eacces ? EACCES : ENOENT;
	return NULL;
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	char buf[PATH_MAX];

	if (__path_search(file, buf, sizeof(buf)) == NULL)
		return -1;
	return execve(buf, argv, envp);
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* The list forms collect their arguments into an array on the stack. */
#define COLLECT(argv, arg, ap, extra)					\
	do {								\
		va_list c;						\
		int n = 1, i;						\
		va_copy(c, ap);						\
		while (va_arg(c, char *) != NULL)			\
			n++;						\
		va_end(c);						\
		argv = __builtin_alloca((size_t)(n + 1) * sizeof(char *)); \
		argv[0] = (char *)arg;					\
		for (i = 1; i <= n; i++)				\
			argv[i] = va_arg(ap, char *);			\
		extra;							\
	} while (0)

int execl(const char *path, const char *arg, ...)
{
	va_list ap;
	char **argv;

	va_start(ap, arg);
	COLLECT(argv, arg, ap, (void)0);
	va_end(ap);
	return execve(path, argv, environ);
}

int execlp(const char *file, const char *arg, ...)
{
	va_list ap;
	char **argv;

	va_start(ap, arg);
	COLLECT(argv, arg, ap, (void)0);
	va_end(ap);
	return execvp(file, argv);
}

int execle(const char *path, const char *arg, ...)
{
	va_list ap;
	char **argv, **envp;

	va_start(ap, arg);
	COLLECT(argv, arg, ap, envp = va_arg(ap, char **));
	va_end(ap);
	return execve(path, argv, envp);
}
