/* Splitting strings into tokens. */
#include <string.h>

char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save)
{
	char *end;

	if (s == NULL)
		s = *save;
	s += strspn(s, sep);
	if (*s == '\0') {
		*save = s;
		return NULL;
	}
	end = s + strcspn(s, sep);
	if (*end)
		*end++ = '\0';
	*save = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict sep)
{
	static char *save;

	return strtok_r(s, sep, &save);
}

char *strsep(char **sp, const char *sep)
{
	char *s = *sp, *end;

	if (s == NULL)
		return NULL;
	end = s + strcspn(s, sep);
	if (*end)
		*end++ = '\0', *sp = end;
	else
		*sp = NULL;
	return s;
}
