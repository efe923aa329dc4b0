/*
 * The environment.  environ starts as the kernel's array; the first change
 * copies it to the heap.  Strings we allocated are not freed when replaced
 * (a caller may still hold them, as with glibc), except on unsetenv.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "../internal/libc.h"

static char **owned;		/* environ, once it lives on the heap */
static size_t owned_cap;
static volatile uint32_t lock;

static size_t count(void)
{
	size_t n = 0;

	while (environ && environ[n])
		n++;
	return n;
}

/* The index of name in environ, or -1. */
static long find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; environ && environ[i]; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return (long)i;
	return -1;
}

char *getenv(const char *name)
{
	size_t len = strcspn(name, "=");
	long i = name[len] ? -1 : find(name, len);

	return i < 0 ? NULL : environ[i] + len + 1;
}

/* Puts s ("NAME=value") in slot i, or appends it when i < 0. */
static int put(char *s, long i)
{
	size_t n = count();

	if (environ != owned || n + 2 > owned_cap) {
		size_t cap = n + 16;
		char **a = malloc(cap * sizeof(*a));
		if (a == NULL)
			return -1;
		memcpy(a, environ, n * sizeof(*a));
		a[n] = NULL;
		if (environ == owned)
			free(owned);
		environ = owned = a;
		owned_cap = cap;
	}
	if (i >= 0) {
		environ[i] = s;
	} else {
		environ[n] = s;
		environ[n + 1] = NULL;
	}
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t nl = strlen(name), vl = strlen(value);
	long i;
	char *s;
	int r;

	if (nl == 0 || strchr(name, '=') != NULL) {
		errno = EINVAL;
		return -1;
	}
	__lock(&lock);
	i = find(name, nl);
	if (i >= 0 && !overwrite) {
		__unlock(&lock);
		return 0;
	}
	s = malloc(nl + vl + 2);
	if (s == NULL) {
		__unlock(&lock);
		return -1;
	}
	memcpy(s, name, nl);
	s[nl] = '=';
	memcpy(s + nl + 1, value, vl + 1);
	r = put(s, i);
	__unlock(&lock);
	if (r < 0)
		free(s);
	return r;
}

int putenv(char *s)
{
	size_t len = strcspn(s, "=");
	int r;

	if (s[len] == '\0')
		return unsetenv(s);
	__lock(&lock);
	r = put(s, find(s, len));
	__unlock(&lock);
	return r;
}

int unsetenv(const char *name)
{
	size_t len = strlen(name);
	long i;

	if (len == 0 || strchr(name, '=') != NULL) {
		errno = EINVAL;
		return -1;
	}
	__lock(&lock);
	while ((i = find(name, len)) >= 0) {
		size_t n = count();
		if (environ != owned && put(environ[i], i) < 0) {
			__unlock(&lock);
			return -1;
		}
		memmove(&environ[i], &environ[i + 1], (n - (size_t)i) * sizeof(char *));
	}
	__unlock(&lock);
	return 0;
}

int clearenv(void)
{
	static char *empty[1];

	__lock(&lock);
	free(owned);
	owned = NULL;
	owned_cap = 0;
	environ = empty;
	__unlock(&lock);
	return 0;
}
