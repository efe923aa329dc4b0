/*
 * libgen.c - basename and dirname with POSIX's rules: trailing slashes do
 * not count, "" and NULL give ".", a path of only slashes gives "/".
 * Redox URLs work as paths: dirname("file:/bin/ls") is "file:/bin".
 */
#include <libgen.h>
#include <string.h>

char *basename(char *path)
{
	static char dot[] = ".";
	size_t n;
	char *p;

	if (path == NULL || *path == '\0')
		return dot;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';	/* "usr/" -> "usr"; "/" stays */
	if (n == 1)
		return path;
	p = strrchr(path, '/');
	return p ? p + 1 : path;
}

char *dirname(char *path)
{
	static char dot[] = ".";
	size_t n;

	if (path == NULL || *path == '\0')
		return dot;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')	/* trailing slashes */
		n--;
	while (n > 0 && path[n - 1] != '/')	/* the last component */
		n--;
	if (n == 0)
		return dot;			/* no slash: "." */
	while (n > 1 && path[n - 1] == '/')	/* the slashes before it */
		n--;
	path[n] = '\0';
	return path;
}
