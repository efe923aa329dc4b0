/* libc_string: string.h, strings.h, ctype.h and strerror. */
#define NAME "libc_string"
#include "check.h"
#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <stdint.h>
#include <limits.h>

static void test_mem(void)
{
	char a[64], b[64];
	int i;

	memset(a, 'x', sizeof(a));
	CHECK(a[0] == 'x' && a[63] == 'x');
	for (i = 0; i < 64; i++)
		b[i] = (char)i;
	CHECK(memcpy(a, b, 64) == a);
	CHECK(memcmp(a, b, 64) == 0);
	a[10] = 100;
	CHECK(memcmp(a, b, 64) > 0);
	CHECK(memcmp(b, a, 64) < 0);
	CHECK(memcmp(a, b, 10) == 0);
	CHECK(memcmp("\x80", "\x01", 1) > 0);	/* compares unsigned */
	/* overlapping moves both ways */
	for (i = 0; i < 64; i++)
		a[i] = (char)i;
	memmove(a + 1, a, 10);
	CHECK(a[1] == 0 && a[10] == 9 && a[11] == 11);
	for (i = 0; i < 64; i++)
		a[i] = (char)i;
	memmove(a, a + 1, 10);
	CHECK(a[0] == 1 && a[9] == 10 && a[10] == 10);
	CHECK(memchr(b, 5, 64) == b + 5);
	CHECK(memchr(b, 100, 64) == NULL);
	CHECK(memrchr("abcabc", 'b', 6) == (void *)((const char *)"abcabc" + 4) ||
	    *(const char *)memrchr("abcabc", 'b', 6) == 'b');
	{
		const char *h = "hello world";
		CHECK(memmem(h, 11, "o w", 3) == h + 4);
		CHECK(memmem(h, 11, "xyz", 3) == NULL);
	}
	/* an unaligned, long copy */
	{
		static char big1[10000], big2[10000];
		for (i = 0; i < 10000; i++)
			big1[i] = (char)(i * 7);
		memcpy(big2 + 3, big1 + 1, 9990);
		CHECK(memcmp(big2 + 3, big1 + 1, 9990) == 0);
		memset(big2, 0, sizeof(big2));
		CHECK(big2[5000] == 0 && big2[9999] == 0);
	}
}

static void test_str(void)
{
	char buf[64], *p, *save;
	const char *s = "hello, world";

	CHECK_INT(strlen(""), 0);
	CHECK_INT(strlen(s), 12);
	CHECK_INT(strnlen(s, 5), 5);
	CHECK_INT(strnlen(s, 50), 12);
	CHECK_STR(strcpy(buf, "abc"), "abc");
	CHECK_STR(strcat(buf, "def"), "abcdef");
	CHECK_STR(strncat(buf, "ghijk", 2), "abcdefgh");
	CHECK(stpcpy(buf, "xyz") == buf + 3);
	memset(buf, 'Z', sizeof(buf));
	strncpy(buf, "ab", 5);
	CHECK(buf[0] == 'a' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'Z');
	CHECK_INT(strlcpy(buf, "truncate me", 5), 11);
	CHECK_STR(buf, "trun");
	CHECK_INT(strlcat(buf, "XYZ", 6), 7);
	CHECK_STR(buf, "trunX");
	CHECK(strcmp("abc", "abc") == 0);
	CHECK(strcmp("abc", "abd") < 0);
	CHECK(strcmp("abd", "abc") > 0);
	CHECK(strcmp("ab", "abc") < 0);
	CHECK(strcmp("\xff", "a") > 0);
	CHECK(strncmp("abcX", "abcY", 3) == 0);
	CHECK(strncmp("abcX", "abcY", 4) < 0);
	CHECK(strcasecmp("HeLLo", "hello") == 0);
	CHECK(strncasecmp("HELLO there", "hello world", 5) == 0);
	CHECK(strcasecmp("a", "B") < 0);
	CHECK(strchr(s, 'o') == s + 4);
	CHECK(strchr(s, '\0') == s + 12);
	CHECK(strchr(s, 'z') == NULL);
	CHECK(strrchr(s, 'o') == s + 8);
	CHECK(strchrnul(s, 'z') == s + 12);
	CHECK(strstr(s, "world") == s + 7);
	CHECK(strstr(s, "") == s);
	CHECK(strstr(s, "worlds") == NULL);
	CHECK_INT(strspn("aabbcx", "abc"), 5);
	CHECK_INT(strcspn("hello", "lo"), 2);
	CHECK(strpbrk(s, ",w") == s + 5);
	CHECK(strpbrk(s, "qz") == NULL);

	strcpy(buf, "  a,b,,c  ");
	p = strtok(buf, " ,");
	CHECK_STR(p, "a");
	CHECK_STR(strtok(NULL, " ,"), "b");
	CHECK_STR(strtok(NULL, " ,"), "c");
	CHECK(strtok(NULL, " ,") == NULL);
	strcpy(buf, "x:y");
	CHECK_STR(strtok_r(buf, ":", &save), "x");
	CHECK_STR(strtok_r(NULL, ":", &save), "y");
	CHECK(strtok_r(NULL, ":", &save) == NULL);
	strcpy(buf, "a,,b");
	p = buf;
	CHECK_STR(strsep(&p, ","), "a");
	CHECK_STR(strsep(&p, ","), "");
	CHECK_STR(strsep(&p, ","), "b");
	CHECK(p == NULL);

	p = strdup(s);
	CHECK_STR(p, s);
	CHECK(p != s);
	free(p);
	p = strndup(s, 5);
	CHECK_STR(p, "hello");
	free(p);
}

static void test_ctype(void)
{
	int c, n = 0;

	CHECK(isalpha('a') && isalpha('Z') && !isalpha('1') && !isalpha('@'));
	CHECK(isdigit('0') && isdigit('9') && !isdigit('a'));
	CHECK(isxdigit('f') && isxdigit('F') && !isxdigit('g'));
	CHECK(isspace(' ') && isspace('\n') && isspace('\t') && isspace('\v') && !isspace('x'));
	CHECK(isupper('Q') && !isupper('q') && islower('q'));
	CHECK(isalnum('5') && !isalnum('-'));
	CHECK(ispunct('!') && !ispunct('a') && !ispunct(' '));
	CHECK(isprint(' ') && !isprint('\n') && isgraph('~') && !isgraph(' '));
	CHECK(iscntrl(0) && iscntrl(127) && !iscntrl('a'));
	CHECK(toupper('a') == 'A' && toupper('1') == '1' && tolower('Q') == 'q');
	CHECK(!isalpha(EOF) && !isdigit(200));
	for (c = 0; c < 128; c++)
		n += isalpha(c) != 0;
	CHECK_INT(n, 52);
}

static void test_errors(void)
{
	char buf[64];

	CHECK_STR(strerror(ENOENT), "No such file or directory");
	CHECK_STR(strerror(0), "Success");
	CHECK(strncmp(strerror(9999), "Unknown error", 13) == 0);
	CHECK(strerror_r(EINVAL, buf, sizeof(buf)) == 0 && strcmp(buf, "Invalid argument") == 0);
	CHECK(EWOULDBLOCK == EAGAIN);
	CHECK_INT(ENOENT, 2);
	errno = 0;
	CHECK(errno == 0);
	errno = ERANGE;
	CHECK(errno == ERANGE);
	CHECK_STR(strsignal(9), "Killed");
}

int main(void)
{
	test_mem();
	test_str();
	test_ctype();
	test_errors();
	return finish();
}
