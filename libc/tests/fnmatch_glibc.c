/*
 * fnmatch_glibc.c - a host program: runs a table of (pattern, string,
 * flags) through our fnmatch (libc/src/fnmatch/fnmatch.c compiled for
 * Linux as our_fnmatch) and glibc's, and prints every difference.
 */
#include <fnmatch.h>
#include <stdio.h>

int our_fnmatch(const char *pattern, const char *string, int flags);

#define P	FNM_PATHNAME
#define D	FNM_PERIOD
#define N	FNM_NOESCAPE
#define C	FNM_CASEFOLD
#define L	FNM_LEADING_DIR

struct row {
	const char *pat, *str;
};

static const struct row rows[] = {
	{ "abc", "abc" }, { "abc", "abd" }, { "abc", "ab" }, { "", "" },
	{ "", "a" }, { "a", "" }, { "*", "" }, { "*", "abc" }, { "a*", "a" },
	{ "a*", "abc" }, { "*c", "abc" }, { "*c", "abd" }, { "a*c", "ac" },
	{ "a*c", "abbbc" }, { "a*c", "abcd" }, { "a*b*c", "aXbYc" },
	{ "a*b*c", "aXcYb" }, { "*a*a*a*", "aaa" }, { "*a*a*a*", "aa" },
	{ "?", "a" }, { "?", "" }, { "??", "a" }, { "a?c", "abc" },
	{ "a?c", "a/c" }, { "[abc]", "b" }, { "[abc]", "d" }, { "[a-c]x", "bx" },
	{ "[!a-c]", "d" }, { "[!a-c]", "b" }, { "[^a-c]", "d" }, { "[]]", "]" },
	{ "[]a]", "a" }, { "[!]]", "]" }, { "[!]]", "x" }, { "[a-]", "-" },
	{ "[-a]", "-" }, { "[", "[" }, { "[a", "[a" }, { "a[", "a[" },
	{ "[[:digit:]]", "5" }, { "[[:digit:]]", "x" }, { "[[:alpha:]]*", "x1" },
	{ "[[:upper:]]", "a" }, { "[[:lower:]]", "a" }, { "[[:space:]]", " " },
	{ "[[:alnum:]]", "_" }, { "[[:punct:]]", "!" }, { "[[:xdigit:]]", "F" },
	{ "[[:foo:]]", "a" }, { "\\*", "*" }, { "\\*", "a" }, { "\\?", "?" },
	{ "\\[a]", "[a]" }, { "a\\", "a\\" }, { "\\a", "a" }, { "[\\]]", "]" },
	{ "[\\!]", "!" }, { "*.c", "main.c" }, { "*.c", "main.h" },
	{ "*.c", ".c" }, { "*.[ch]", "x.h" }, { "*.tar.gz", "a.tar.gz" },
	{ "x*y*z", "xyz" }, { "x*y*z", "xzy" }, { "**", "abc" },
	{ "*?", "" }, { "*?", "a" }, { "?*?", "ab" }, { "?*?", "a" },
	{ "a*b", "a/b" }, { "*/b", "a/b" }, { "a/*", "a/b/c" }, { "*", "a/b" },
	{ ".*", ".hidden" }, { "*", ".hidden" }, { "?hidden", ".hidden" },
	{ "[.]hidden", ".hidden" }, { "a/.*", "a/.x" }, { "a/*", "a/.x" },
	{ "*/*", "a/b" }, { "*/*", "a/b/c" }, { "a/b", "a/b" }, { "a?b", "a.b" },
	{ "*.txt", "NOTES.TXT" }, { "[A-Z]*", "readme" }, { "ReadMe", "README" },
	{ "[!a]", "A" }, { "a", "a/b" }, { "a*", "a/b" }, { "a/b", "a/b/c" },
	{ "*a", "ba/a" }, { "*/.b", "a/.b" }, { "[a-c]", "B" }, { "*[[:digit:]]", "f1" },
	{ "f[[:digit:]]*", "f12x" }, { "[0-9][0-9]", "42" }, { "[0-9][0-9]", "4" },
	{ "*x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy" },
	{ "*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
	{ "[z-a]", "m" }, { "[a-a]", "a" }, { "[[]", "[" }, { "[*]", "*" },
	{ "[?]", "a" }, { "[[:upper:]]", "A" }, { "[[:lower:]]", "A" },
	{ "*/*.c", "d/.c" },
	{ "\\/", "/" }, { "a\\/b", "a/b" }, { "[[.a.]]", "a" }, { "[[.a.]-c]", "b" },
	{ "[[=a=]]", "a" }, { "[[.ab.]]", "a" }, { "[[.]", "[" }, { "[a-C]", "b" },
	{ "[A-c]", "B" }, { "[a-[:alpha:]]", "-" }, { "[*/-[!a]", "b" }, { ".*/x", "./x" }, { "a*", "a.b" }, { "\\", "\\" }, { "a[/]b", "a/b" }, { "a[!x]b", "a/b" },
};

static const int flagsets[] = { 0, P, D, P | D, N, C, L, P | L, P | D | C };

int main(void)
{
	size_t i, j, n = 0, diffs = 0;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		for (j = 0; j < sizeof(flagsets) / sizeof(flagsets[0]); j++) {
			int f = flagsets[j];
			int g = fnmatch(rows[i].pat, rows[i].str, f);
			int o = our_fnmatch(rows[i].pat, rows[i].str, f);

			n++;
			if ((g == 0) != (o == 0)) {
				diffs++;
				printf("DIFF fnmatch(\"%s\", \"%s\", %#x): glibc %d, ours %d\n",
				    rows[i].pat, rows[i].str, f, g, o);
			}
		}
	if (diffs) {
		printf("fnmatch_glibc: %zu of %zu rows differ from glibc\n", diffs, n);
		return 1;
	}
	printf("fnmatch_glibc: all %zu rows agree with glibc\n", n);
	return 0;
}
