/* libc_string: string.h, strings.h, ctype.h and strerror. */
#define NAME "libc_string"
#include "check.h"
#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <stdint.h>
#include <limits.h>
#include <sys/mman.h>

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

/* The block-at-a-time string functions against plain byte loops: every
 * length and alignment up to 300, and strings ending just before a page
 * that is not mapped (a read past the end would crash). */
static size_t ref_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static int ref_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

static int ref_memcmp(const unsigned char *a, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] - b[i];
	return 0;
}

static void test_blocks(void)
{
	static unsigned char src[700], dst[700], want[700];
	int bad_cpy = 0, bad_move = 0, bad_set = 0, bad_len = 0, bad_cmp = 0;
	int bad_mcmp = 0, bad_chr = 0;

	for (size_t i = 0; i < sizeof src; i++)
		src[i] = (unsigned char)(i * 7 + 1);
	for (size_t n = 0; n <= 300; n++)
		for (size_t off = 0; off < 16; off++) {
			size_t doff = (off * 5) & 15;
			memset(dst, 0xee, sizeof dst);
			memcpy(dst + doff, src + off, n);
			memset(want, 0xee, sizeof want);
			for (size_t i = 0; i < n; i++)
				want[doff + i] = src[off + i];
			bad_cpy += memcmp(dst, want, sizeof dst) != 0;
			/* overlapping both ways, within one buffer */
			for (int dir = -1; dir <= 1; dir += 2) {
				size_t from = 200, to = (size_t)((long)from + dir * (long)(off + 1));
				memcpy(dst, src, sizeof dst);
				memcpy(want, src, sizeof want);
				for (size_t i = 0; i < n; i++)
					want[to + i] = src[from + i];
				memmove(dst + to, dst + from, n);
				bad_move += memcmp(dst, want, sizeof dst) != 0;
			}
			memset(dst, 0xee, sizeof dst);
			memset(dst + off, (int)(n & 0xff), n);
			for (size_t i = 0; i < sizeof dst; i++)
				bad_set += dst[i] != (i >= off && i < off + n ? (n & 0xff) : 0xee);
			/* strings of n bytes, a difference at each place */
			char *a = (char *)dst + off, *b = (char *)want + doff;
			memset(a, 'q', n);
			a[n] = '\0';
			memcpy(b, a, n + 1);
			bad_len += strlen(a) != n || ref_strlen(a) != n;
			bad_len += strnlen(a, n / 2) != n / 2 || strnlen(a, n + 5) != n;
			bad_cmp += strcmp(a, b) != 0;
			bad_mcmp += memcmp(a, b, n + 1) != 0;
			if (n > 0) {
				size_t at = (n * 3 + off) % n;
				b[at] = (char)0xf0;
				bad_cmp += sign(strcmp(a, b)) != sign(ref_strcmp(a, b)) ||
				    strcmp(a, b) >= 0;
				bad_mcmp += sign(memcmp(a, b, n)) != sign(ref_memcmp(
				    (unsigned char *)a, (unsigned char *)b, n));
				b[at] = '\0';		/* b ends early */
				bad_cmp += strcmp(a, b) <= 0 || strcmp(b, a) >= 0;
				a[at] = 'z';
				bad_chr += memchr(a, 'z', n) != a + at ||
				    memchr(a, 'z', at) != NULL;
			}
		}
	CHECK_INT(bad_cpy, 0);
	CHECK_INT(bad_move, 0);
	CHECK_INT(bad_set, 0);
	CHECK_INT(bad_len, 0);
	CHECK_INT(bad_cmp, 0);
	CHECK_INT(bad_mcmp, 0);
	CHECK_INT(bad_chr, 0);

	/* Strings that end at a page whose next page is not readable. */
	unsigned char *pg = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(pg != MAP_FAILED);
	if (pg == MAP_FAILED)
		return;
	CHECK(mprotect(pg + 4096, 4096, PROT_NONE) == 0);
	int bad_edge = 0;
	for (size_t n = 0; n < 200; n++) {
		char *a = (char *)pg + 4096 - n - 1, *b = (char *)pg + 2048 - n - 1;
		memset(a, 'e', n);
		a[n] = '\0';
		memcpy(b, a, n + 1);
		bad_edge += strlen(a) != n || strnlen(a, 300) != n;
		bad_edge += strcmp(a, b) != 0 || strcmp(b, a) != 0;
		bad_edge += memchr(a, 'x', n + 1) != NULL;
		bad_edge += memcmp(a, b, n + 1) != 0;
		/* b misaligned against a, ending on the page edge */
		char *c = (char *)pg + 4096 - n - 1;
		char *d = (char *)pg + 1024 + (n & 15);
		memcpy(d, c, n + 1);
		bad_edge += strcmp(d, c) != 0 || strcmp(c, d) != 0;
	}
	CHECK_INT(bad_edge, 0);
	munmap(pg, 8192);
}

/* libc's choice between its AVX2 and SSE2 string functions (private to
 * libc; 1 forces SSE2): both are checked whatever this CPU has. */
extern int __avx2_level;

int main(void)
{
	test_mem();
	test_blocks();
	if (__avx2_level == 2) {
		__avx2_level = 1;
		test_blocks();
		__avx2_level = 2;
	}
	test_str();
	test_ctype();
	test_errors();
	return finish();
}
