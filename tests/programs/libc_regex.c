/* libc_regex: regex.h (libc/src/regex/).  The big table is compared with
 * glibc on the host (libc/tests/regex_glibc.c); this checks the public
 * API inside the OS. */
#define NAME "libc_regex"
#include <regex.h>

#include "check.h"

/* Whole match of pat in s as "so,eo", "nomatch", or "comp=N". */
static const char *m(const char *pat, int cflags, const char *s, int eflags)
{
	static char buf[64];
	regex_t re;
	regmatch_t pm[1];
	int rc;

	rc = regcomp(&re, pat, cflags);
	if (rc != 0) {
		snprintf(buf, sizeof(buf), "comp=%d", rc);
		return buf;
	}
	rc = regexec(&re, s, 1, pm, eflags);
	if (rc == REG_NOMATCH)
		snprintf(buf, sizeof(buf), "nomatch");
	else if (rc != 0)
		snprintf(buf, sizeof(buf), "exec=%d", rc);
	else
		snprintf(buf, sizeof(buf), "%ld,%ld", (long)pm[0].rm_so, (long)pm[0].rm_eo);
	regfree(&re);
	return buf;
}

/* Submatch n as "so,eo". */
static const char *sub(const char *pat, int cflags, const char *s, int n)
{
	static char buf[64];
	regex_t re;
	regmatch_t pm[10];

	if (regcomp(&re, pat, cflags) != 0)
		return "comp";
	if (regexec(&re, s, 10, pm, 0) != 0) {
		regfree(&re);
		return "nomatch";
	}
	snprintf(buf, sizeof(buf), "%ld,%ld", (long)pm[n].rm_so, (long)pm[n].rm_eo);
	regfree(&re);
	return buf;
}

int main(void)
{
	regex_t re;
	regmatch_t pm[3];
	char buf[128], *big;
	size_t n;

	/* BRE */
	CHECK_STR(m("abc", 0, "xxabcxx", 0), "2,5");
	CHECK_STR(m("a*", 0, "baaa", 0), "0,0");
	CHECK_STR(m("ba*", 0, "baaa", 0), "0,4");
	CHECK_STR(m("^ab", 0, "xab", 0), "nomatch");
	CHECK_STR(m("a\\{2,3\\}", 0, "aaaa", 0), "0,3");
	CHECK_STR(m("\\(ab\\)*c", 0, "xababc", 0), "1,6");
	CHECK_STR(m("\\(a*\\)b\\1", 0, "aabaa", 0), "0,5");
	CHECK_STR(m("a+", 0, "aa+", 0), "1,3");
	CHECK_STR(m("*a", 0, "x*a", 0), "1,3");
	/* ERE */
	CHECK_STR(m("a+", REG_EXTENDED, "baaac", 0), "1,4");
	CHECK_STR(m("colou?r", REG_EXTENDED, "color", 0), "0,5");
	CHECK_STR(m("(cat|dog)s?", REG_EXTENDED, "hotdogs", 0), "3,7");
	CHECK_STR(m("(foo|foobar)", REG_EXTENDED, "foobar", 0), "0,6");
	CHECK_STR(m("[[:digit:]]{3}", REG_EXTENDED, "ab12345", 0), "2,5");
	CHECK_STR(m("[^a-c]+", REG_EXTENDED, "abcxyza", 0), "3,6");
	CHECK_STR(m("[]x]+", REG_EXTENDED, "a]x]b", 0), "1,4");
	CHECK_STR(m("x$", REG_EXTENDED, "x\ny", 0), "nomatch");
	CHECK_STR(m("x$", REG_EXTENDED | REG_NEWLINE, "x\ny", 0), "0,1");
	CHECK_STR(m("^y", REG_EXTENDED | REG_NEWLINE, "x\ny", 0), "2,3");
	CHECK_STR(m("x.y", REG_EXTENDED | REG_NEWLINE, "x\ny", 0), "nomatch");
	CHECK_STR(m("x.y", REG_EXTENDED, "x\ny", 0), "0,3");
	CHECK_STR(m("^a", REG_EXTENDED, "a", REG_NOTBOL), "nomatch");
	CHECK_STR(m("a$", REG_EXTENDED, "a", REG_NOTEOL), "nomatch");
	CHECK_STR(m("HeLLo", REG_ICASE, "say hello", 0), "4,9");
	CHECK_STR(m("[a-c]+", REG_EXTENDED | REG_ICASE, "xAbCx", 0), "1,4");
	/* submatches */
	CHECK_STR(sub("([0-9]+)\\.([0-9]+)", REG_EXTENDED, "v1.23", 1), "1,2");
	CHECK_STR(sub("([0-9]+)\\.([0-9]+)", REG_EXTENDED, "v1.23", 2), "3,5");
	CHECK_STR(sub("(a)(b)?(c)", REG_EXTENDED, "ac", 2), "-1,-1");
	CHECK_STR(sub("\\(.\\)\\(.\\)", 0, "xy", 2), "1,2");
	/* errors */
	CHECK_STR(m("(a", REG_EXTENDED, "a", 0), "comp=8");
	CHECK_STR(m("[a", REG_EXTENDED, "a", 0), "comp=7");
	CHECK_STR(m("a{2,1}", REG_EXTENDED, "a", 0), "comp=10");
	CHECK_STR(m("*a", REG_EXTENDED, "a", 0), "comp=13");
	CHECK_STR(m("[[:nope:]]", REG_EXTENDED, "a", 0), "comp=4");
	CHECK_STR(m("[z-a]", 0, "a", 0), "comp=11");
	CHECK_STR(m("a\\", 0, "a", 0), "comp=5");
	CHECK_STR(m("\\(a\\)\\2", 0, "a", 0), "comp=6");
	/* re_nsub, NOSUB */
	CHECK_INT(regcomp(&re, "(a)(b(c))", REG_EXTENDED), 0);
	CHECK_INT(re.re_nsub, 3);
	regfree(&re);
	CHECK_INT(regcomp(&re, "(a)", REG_EXTENDED | REG_NOSUB), 0);
	CHECK_INT(regexec(&re, "a", 0, NULL, 0), 0);
	CHECK_INT(regexec(&re, "b", 0, NULL, 0), REG_NOMATCH);
	regfree(&re);
	/* nmatch beyond re_nsub gives -1 */
	CHECK_INT(regcomp(&re, "a", 0), 0);
	CHECK_INT(regexec(&re, "xa", 3, pm, 0), 0);
	CHECK_INT(pm[0].rm_so, 1);
	CHECK_INT(pm[2].rm_so, -1);
	regfree(&re);
	/* regerror: full length, truncation */
	n = regerror(REG_EBRACK, NULL, buf, sizeof(buf));
	CHECK_INT(n, strlen(buf) + 1);
	CHECK(strstr(buf, "[") != NULL);
	CHECK_INT(regerror(REG_NOMATCH, NULL, buf, 3), strlen("No match") + 1);
	CHECK_STR(buf, "No");
	/* pathological patterns finish: no hang, no stack overflow */
	big = malloc(20001);
	CHECK(big != NULL);
	if (big != NULL) {
		memset(big, 'a', 20000);
		big[20000] = '\0';
		CHECK_STR(m("(a*)*b", REG_EXTENDED, big, 0), "nomatch");
		CHECK_STR(m("(a|aa)+$", REG_EXTENDED, big, 0), "0,20000");
		CHECK_STR(m("a*", 0, big, 0), "0,20000");
		/* back-references: bounded work, REG_ESPACE rather than a hang */
		{
			const char *r = m("\\(a*\\)*\\1b", 0, big, 0);

			CHECK(strcmp(r, "exec=12") == 0 || strcmp(r, "nomatch") == 0);
		}
		free(big);
	}
	/* deep nesting is refused, not a crash */
	{
		char deep[2100];

		memset(deep, '(', 1000);
		deep[1000] = 'a';
		memset(deep + 1001, ')', 1000);
		deep[2001] = '\0';
		CHECK_STR(m(deep, REG_EXTENDED, "a", 0), "comp=12");
	}
	return finish();
}
