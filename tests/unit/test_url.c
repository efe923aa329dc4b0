/* test_url.c - URL resolution against a cwd, and splitting. */
#include "core/abi.h"
#include "core/url.h"

#include <check.h>
#include <string.h>

static char out[URL_MAX];

/* Resolves path against cwd with room for cap bytes (0: all of out). */
static long
res(const char *cwd, const char *path, size_t cap)
{
	memset(out, 'X', sizeof out);
	return url_resolve(cwd, strlen(cwd), path, strlen(path), out,
	    cap ? cap : sizeof out);
}

static const struct {
	const char *cwd, *path, *want;
} cases[] = {
	/* absolute scheme URLs stand alone */
	{ "file:/home/user", "disk:0", "disk:0" },
	{ "file:/home/user", "event:", "event:" },
	{ "file:/home/user", "tcp:1.2.3.4:80", "tcp:1.2.3.4:80" },
	{ "file:/home/user", "initfs:/bin/init", "initfs:/bin/init" },
	{ "file:/home/user", "file:/a/./b/../c/", "file:/a/c" },
	{ "file:/home/user", ":", ":" },
	{ "file:/home/user", ":name", ":name" },
	{ "file:/", "disk:a/..", "disk:" },
	{ "file:/", "sys:a//b", "sys:a/b" },
	{ "file:/", "file:/..", "file:/" },
	{ "file:/", "file://x", "file:/x" },
	/* "/x" takes the cwd's scheme */
	{ "file:/home/user", "/etc/passwd", "file:/etc/passwd" },
	{ "initfs:/bin", "/etc/init.rc", "initfs:/etc/init.rc" },
	{ "disk:0", "/", "disk:/" },
	{ "file:/home", "/", "file:/" },
	{ "file:/home", "//a///b//", "file:/a/b" },
	/* relative paths join the cwd */
	{ "file:/home/user", "docs/a.txt", "file:/home/user/docs/a.txt" },
	{ "file:/home/user", ".", "file:/home/user" },
	{ "file:/home/user", "./", "file:/home/user" },
	{ "file:/home/user", "./.hidden", "file:/home/user/.hidden" },
	{ "file:/home/user", "..", "file:/home" },
	{ "file:/home/user", "../..", "file:/" },
	{ "file:/home/user", "../../../..", "file:/" },
	{ "file:/home/user", "../../../../etc", "file:/etc" },
	{ "file:/a/b", "../../x/../y", "file:/y" },
	{ "file:/", "a//b///c", "file:/a/b/c" },
	{ "file:/", "..", "file:/" },
	{ "file:/a", "..", "file:/" },
	{ "file:/a", "...", "file:/a/..." },
	{ "file:/a", "..b", "file:/a/..b" },
	{ "file:/", "a/./././b/.", "file:/a/b" },
	/* a cwd whose reference has no leading '/' */
	{ "disk:0", "x", "disk:0/x" },
	{ "disk:0", "..", "disk:" },
	{ "initfs:", "bin/init", "initfs:bin/init" },
	{ "initfs:", "../bin", "initfs:bin" },
	{ "event:", ".", "event:" },
	/* a cwd with a trailing slash */
	{ "file:/home/", "x", "file:/home/x" },
};

START_TEST(test_resolve_table)
{
	long n = res(cases[_i].cwd, cases[_i].path, 0);
	ck_assert_msg(n == (long)strlen(cases[_i].want),
	    "%s + %s: got %ld \"%s\", want \"%s\"", cases[_i].cwd,
	    cases[_i].path, n, n >= 0 ? out : "", cases[_i].want);
	ck_assert_str_eq(out, cases[_i].want);
}
END_TEST

START_TEST(test_resolve_einval)
{
	/* empty path */
	ck_assert_int_eq(res("file:/", "", 0), -EINVAL);
	/* a NUL inside the path */
	ck_assert_int_eq(url_resolve("file:/", 6, "a\0b", 3, out, sizeof out), -EINVAL);
	ck_assert_int_eq(url_resolve("file:/", 6, "file:/a\0", 8, out, sizeof out), -EINVAL);
	/* a relative path against a cwd that is no URL */
	ck_assert_int_eq(res("home", "x", 0), -EINVAL);
	ck_assert_int_eq(res("home", "/x", 0), -EINVAL);
	ck_assert_int_eq(res("", "x", 0), -EINVAL);
	/* ...but an absolute URL does not need the cwd */
	ck_assert_int_eq(res("home", "file:/x", 0), 7);
	ck_assert_str_eq(out, "file:/x");
}
END_TEST

START_TEST(test_resolve_lengths)
{
	/* "file:/abc" is 9 bytes: it needs 10 with its NUL */
	ck_assert_int_eq(res("file:/", "abc", 10), 9);
	ck_assert_str_eq(out, "file:/abc");
	ck_assert_int_eq(res("file:/", "abc", 9), -ENAMETOOLONG);
	ck_assert_int_eq(res("file:/", "abc", 1), -ENAMETOOLONG);
	ck_assert_int_eq(url_resolve("file:/", 6, "abc", 3, out, 0), -ENAMETOOLONG);
	/* parts dropped by ".." still had to fit on the way (ref is built
	 * in place), so this is too long although "file:/b" would fit */
	ck_assert_int_eq(res("file:/", "aaaaaaaaaaaa/../b", 8), -ENAMETOOLONG);
	ck_assert_int_eq(res("file:/", "aaaaaaaaaaaa/../b", 32), 7);
	ck_assert_str_eq(out, "file:/b");

	/* overlong paths, absolute and relative */
	static char big[URL_MAX + 64];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = 0;
	ck_assert_int_eq(res("file:/", big, 0), -ENAMETOOLONG);
	memcpy(big, "file:/", 6);
	ck_assert_int_eq(res("file:/", big, 0), -ENAMETOOLONG);
	/* exactly URL_MAX - 1 bytes fits */
	memset(big, 'b', sizeof big);
	memcpy(big, "file:/", 6);
	big[URL_MAX - 1] = 0;
	ck_assert_int_eq(res("file:/", big, URL_MAX), URL_MAX - 1);
	big[URL_MAX - 1] = 'b';
	big[URL_MAX] = 0;
	ck_assert_int_eq(res("file:/", big, URL_MAX), -ENAMETOOLONG);
}
END_TEST

START_TEST(test_resolve_no_overrun)
{
	/* the output never runs past cap, even when it fails */
	char small[16];
	memset(small, 'Z', sizeof small);
	long n = url_resolve("file:/", 6, "abcdefghijklmnop", 16, small, 8);
	ck_assert_int_eq(n, -ENAMETOOLONG);
	for (size_t i = 8; i < sizeof small; i++)
		ck_assert_int_eq(small[i], 'Z');
}
END_TEST

START_TEST(test_resolve_len_bounded)
{
	/* only len bytes of path and cwd_len bytes of cwd are read */
	ck_assert_int_eq(url_resolve("file:/homeXXX", 10, "docsYYY", 4, out, sizeof out), 15);
	ck_assert_str_eq(out, "file:/home/docs");
}
END_TEST

START_TEST(test_split)
{
	const char *ref;
	size_t rl;

	ck_assert_int_eq(url_split("file:/a", 7, &ref, &rl), 4);
	ck_assert_int_eq(rl, 2);
	ck_assert(memcmp(ref, "/a", 2) == 0);
	ck_assert_int_eq(url_split("tcp:1.2.3.4:80", 14, &ref, &rl), 3);
	ck_assert_int_eq(rl, 10);
	ck_assert(memcmp(ref, "1.2.3.4:80", 10) == 0);
	ck_assert_int_eq(url_split("event:", 6, &ref, &rl), 5);
	ck_assert_int_eq(rl, 0);
	ck_assert_int_eq(url_split(":", 1, &ref, &rl), 0);
	ck_assert_int_eq(rl, 0);
	ck_assert_int_eq(url_split("plain", 5, &ref, &rl), -EINVAL);
	ck_assert_int_eq(url_split("", 0, &ref, &rl), -EINVAL);
	/* a ':' past len does not count */
	ck_assert_int_eq(url_split("abc:def", 3, &ref, &rl), -EINVAL);
}
END_TEST

Suite *
url_suite(void)
{
	Suite *s = suite_create("url");
	TCase *tc = tcase_create("resolve");
	tcase_add_loop_test(tc, test_resolve_table, 0, sizeof cases / sizeof cases[0]);
	tcase_add_test(tc, test_resolve_einval);
	tcase_add_test(tc, test_resolve_lengths);
	tcase_add_test(tc, test_resolve_no_overrun);
	tcase_add_test(tc, test_resolve_len_bounded);
	suite_add_tcase(s, tc);
	tc = tcase_create("split");
	tcase_add_test(tc, test_split);
	suite_add_tcase(s, tc);
	return s;
}
