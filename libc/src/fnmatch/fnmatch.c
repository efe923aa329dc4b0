/*
 * fnmatch.c - shell wildcards: * ? [...] and \ escapes.
 *
 * One pass with a single backtrack point, the last '*': extending the last
 * star is always at least as good as extending an earlier one, so no
 * deeper search is needed and the work is O(len(pattern) * len(string)).
 * Under FNM_PATHNAME a star cannot cross '/', so a matched '/' drops the
 * backtrack point.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>

struct fnm_class {
	const char *name;
	int (*fn)(int);
};

static const struct fnm_class fnm_classes[] = {
	{ "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum },
	{ "upper", isupper }, { "lower", islower }, { "space", isspace },
	{ "blank", isblank }, { "punct", ispunct }, { "print", isprint },
	{ "graph", isgraph }, { "cntrl", iscntrl }, { "xdigit", isxdigit },
};

static int fnm_fold(int c, int flags)
{
	return (flags & FNM_CASEFOLD) ? tolower(c) : c;
}

/*
 * The bracket expression at *pp (just after '[') against c.  1 match,
 * 0 no match, and *pp moves past the ']'; -1 if there is no closing ']'
 * (then '[' is an ordinary character).
 */
static int fnm_bracket(const char **pp, int c, int flags)
{
	const unsigned char *p = (const unsigned char *)*pp;
	int neg = 0, hit = 0, first = 1, lo, hi, raw = c;

	if (*p == '!' || *p == '^') {
		neg = 1;
		p++;
	}
	c = fnm_fold(c, flags);
	for (;;) {
		if (*p == '\0')
			return -1;
		if (*p == ']' && !first)
			break;
		first = 0;
		if (p[0] == '[' && p[1] == ':') {
			const unsigned char *q = p + 2;
			size_t len, i;

			while (*q && !(q[0] == ':' && q[1] == ']'))
				q++;
			if (*q == '\0')
				return -1;
			len = (size_t)(q - (p + 2));
			for (i = 0; i < sizeof(fnm_classes) / sizeof(fnm_classes[0]); i++)
				if (strlen(fnm_classes[i].name) == len &&
				    memcmp(fnm_classes[i].name, p + 2, len) == 0)
					break;
			/* An unknown class matches nothing. */
			if (i < sizeof(fnm_classes) / sizeof(fnm_classes[0]) &&
			    fnm_classes[i].fn(raw))
				hit = 1;
			p = q + 2;
			continue;
		}
		if (p[0] == '[' && (p[1] == '.' || p[1] == '=')) {
			/* [.x.] and [=x=]: one character in the C locale;
			 * anything else makes the bracket invalid. */
			if (p[2] == '\0' || p[3] != p[1] || p[4] != ']')
				return -1;
			lo = p[2];
			p += 5;
		} else {
			if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1] != '\0')
				p++;
			lo = *p++;
		}
		/* a range, unless '-' is last */
		if (p[0] == '-' && p[1] != ']' && p[1] != '\0') {
			p++;
			if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1] != '\0')
				p++;
			hi = *p++;
			/* c is folded; so are the ends (glibc's rule) */
			if (fnm_fold(lo, flags) <= c && c <= fnm_fold(hi, flags))
				hit = 1;
		} else if (fnm_fold(lo, flags) == c) {
			hit = 1;
		}
	}
	*pp = (const char *)p + 1;
	return hit != neg;
}

/* A '.' that FNM_PERIOD protects: at the start, or after '/' with
 * FNM_PATHNAME. */
static int fnm_leading_dot(const char *str, const char *s, int flags)
{
	if (!(flags & FNM_PERIOD) || *s != '.')
		return 0;
	return s == str || ((flags & FNM_PATHNAME) && s[-1] == '/');
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	const char *p = pattern, *s = string;
	const char *star_p = NULL, *star_s = NULL;
	int c, r;

	for (;;) {
		c = (unsigned char)*p;
		if (c == '\0') {
			if (*s == '\0')
				return 0;
			if ((flags & FNM_LEADING_DIR) && *s == '/')
				return 0;
			goto backtrack;
		}
		if (c == '*') {
			while (*p == '*')
				p++;
			/* A protected '.' must be the pattern's next character,
			 * not even after an empty star; no earlier star can
			 * reach it either. */
			if (fnm_leading_dot(string, s, flags))
				return FNM_NOMATCH;
			star_p = p;
			star_s = s;
			continue;
		}
		if (*s == '\0')
			goto backtrack;
		if ((flags & FNM_PATHNAME) && *s == '/') {
			if (c == '\\' && !(flags & FNM_NOESCAPE) && p[1] == '/')
				c = *++p;	/* "\/" is a slash too */
			if (c == '/') {
				p++, s++;
				star_p = NULL;
				continue;
			}
			if ((flags & FNM_LEADING_DIR) && *p == '\0')
				return 0;
			goto backtrack;
		}
		if (c == '?') {
			if (fnm_leading_dot(string, s, flags))
				goto backtrack;
			p++, s++;
			continue;
		}
		if (c == '[') {
			const char *q = p + 1;

			if (fnm_leading_dot(string, s, flags))
				goto backtrack;
			r = fnm_bracket(&q, (unsigned char)*s, flags);
			if (r >= 0) {
				if (r == 0)
					goto backtrack;
				p = q, s++;
				continue;
			}
			/* no closing ']': an ordinary '[' */
		}
		if (c == '\\' && !(flags & FNM_NOESCAPE)) {
			if (p[1] == '\0')
				return FNM_NOMATCH;	/* a dangling escape */
			c = (unsigned char)*++p;
		}
		if (fnm_fold(c, flags) == fnm_fold((unsigned char)*s, flags)) {
			p++, s++;
			continue;
		}
backtrack:
		if (star_p == NULL || *star_s == '\0')
			return FNM_NOMATCH;
		if ((flags & FNM_PATHNAME) && *star_s == '/')
			return FNM_NOMATCH;
		p = star_p;
		s = ++star_s;
	}
}
