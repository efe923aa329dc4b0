/*
 * test_fmt.c - fmt_format, the core's snprintf.  Where the C standard
 * defines the output, glibc's snprintf is the oracle; the rest (NULL
 * strings, %p) is checked against what fmt.h promises.
 */
#include "core/fmt.h"

#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char got[256], want[256];

/* Same output and same return value as glibc for the same arguments. */
#define SAME(...) do { \
	memset(got, 'X', sizeof got); \
	size_t n_ = fmt_format(got, sizeof got, __VA_ARGS__); \
	int m_ = snprintf(want, sizeof want, __VA_ARGS__); \
	ck_assert_msg(strcmp(got, want) == 0 && n_ == (size_t)m_, \
	    "%s: got \"%s\" (%zu), want \"%s\" (%d)", #__VA_ARGS__, got, n_, want, m_); \
} while (0)

#define IS(expect, ...) do { \
	size_t n_ = fmt_format(got, sizeof got, __VA_ARGS__); \
	ck_assert_str_eq(got, expect); \
	ck_assert_uint_eq(n_, strlen(expect)); \
} while (0)

START_TEST(test_integers)
{
	SAME("%d", 0);
	SAME("%d", 42);
	SAME("%d", -42);
	SAME("%i", INT_MAX);
	SAME("%d", INT_MIN);
	SAME("%ld", LONG_MIN);
	SAME("%ld", LONG_MAX);
	SAME("%lld", -1234567890123ll);
	SAME("%u", 3000000000u);
	SAME("%lu", ULONG_MAX);
	SAME("%zu", (size_t)123456789);
	SAME("%x", 0xdeadbeefu);
	SAME("%X", 0xdeadbeefu);
	SAME("%lx", 0x123456789abcdefUL);
	SAME("%o", 8u);
	SAME("%x", (unsigned)-1);
	SAME("%x", -1);
}
END_TEST

START_TEST(test_width_flags_precision)
{
	SAME("[%5d]", 42);
	SAME("[%-5d]", 42);
	SAME("[%05d]", 42);
	SAME("[%05d]", -42);
	SAME("[%2d]", 12345);
	SAME("[%.3d]", 7);
	SAME("[%.3d]", -7);
	SAME("[%8.3d]", -7);
	SAME("[%-8.3d]", -7);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
	SAME("[%08.3d]", 7);	/* '0' is ignored with a precision */
	SAME("");
	SAME("[%-05d]", -42);	/* '-' wins over '0' */
#pragma GCC diagnostic pop
	SAME("[%.0d]", 0);
	SAME("[%5.0d]", 0);
	SAME("[%.0x]", 0u);
	SAME("[%*d]", 6, 5);
	SAME("[%*d]", -6, 5);
	SAME("[%-*d]", 6, 5);
	SAME("[%.*d]", 4, 5);
	SAME("[%.*d]", -1, 5);	/* negative precision: as if none */
	SAME("[%08x]", 0xbeefu);
	SAME("[%-8X]", 0xbeefu);
	SAME("[%5s]", "ab");
	SAME("[%-5s]", "ab");
	SAME("[%.2s]", "abcdef");
	SAME("[%5.1s]", "xyz");
	SAME("[%.*s]", 3, "abcdef");
	SAME("[%.10s]", "abc");
	SAME("[%3c]", 'x');
	SAME("[%-3c]", 'y');
	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("100%%");
	/* '#' */
	SAME("%#x", 0xbeefu);
	SAME("%#X", 0xbeefu);
	SAME("%#x", 0u);
	SAME("%#o", 8u);
	SAME("%#o", 0u);
	SAME("[%#08x]", 0xbeefu);
	SAME("[%#8x]", 0xbeefu);
	SAME("[%-#8x]", 0xbeefu);
	SAME("[%#.6x]", 0xbeefu);
	SAME("%#lx", 0x123456789abcUL);
	SAME("%s=%d, %s=%x.", "a", 1, "b", 255u);
	SAME("no conversions at all");
}
END_TEST

/* C: '#' with 'o' raises the precision just enough for a leading 0,
 * so the 0 is never doubled and a zero value still prints "0". */
START_TEST(test_alt_octal_precision)
{
	SAME("%#.3o", 8u);
	SAME("%#.0o", 0u);
	SAME("[%#5.3o]", 8u);
}
END_TEST

START_TEST(test_pointers_and_null)
{
	const char *volatile nul = NULL;
	IS("(null)", "%s", nul);
	IS("[(nu]", "[%.3s]", nul);
	IS("0x1234", "%p", (void *)0x1234);
	IS("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	IS("0x0", "%p", (void *)0);
	IS("[  0xab]", "[%6p]", (void *)0xab);
	IS("[0xab  ]", "[%-6p]", (void *)0xab);
}
END_TEST

START_TEST(test_truncation)
{
	char b[8];
	memset(b, 'X', sizeof b);
	ck_assert_uint_eq(fmt_format(b, 5, "%d", 123456), 6);
	ck_assert_str_eq(b, "1234");
	ck_assert_int_eq(b[5], 'X');		/* nothing past cap */
	ck_assert_uint_eq(fmt_format(b, 1, "hello"), 5);
	ck_assert_int_eq(b[0], 0);
	b[0] = 'Q';
	ck_assert_uint_eq(fmt_format(b, 0, "hello"), 5);
	ck_assert_int_eq(b[0], 'Q');		/* cap 0: untouched */
	ck_assert_uint_eq(fmt_format(NULL, 0, "%s-%d", "abc", 12), 6);
	ck_assert_uint_eq(fmt_format(b, sizeof b, "%s", "exactly"), 7);
	ck_assert_str_eq(b, "exactly");
	ck_assert_uint_eq(fmt_format(b, sizeof b, "%s", "exactly8"), 8);
	ck_assert_str_eq(b, "exactly");
	/* padding counts too */
	ck_assert_uint_eq(fmt_format(b, sizeof b, "%20d", 1), 20);
	ck_assert_str_eq(b, "       ");
}
END_TEST

START_TEST(test_unknown)
{
	/* an unknown conversion prints as it stands; a lone % at the end too */
	const char *volatile unknown = "a%qb";
	size_t n = fmt_format(got, sizeof got, unknown);
	ck_assert_str_eq(got, "a%qb");
	ck_assert_uint_eq(n, 4);
	const char *volatile lone = "x%";
	n = fmt_format(got, sizeof got, lone);
	ck_assert_str_eq(got, "x%");
	ck_assert_uint_eq(n, 2);
}
END_TEST

Suite *
fmt_suite(void)
{
	Suite *s = suite_create("fmt");
	TCase *tc = tcase_create("format");
	tcase_add_test(tc, test_integers);
	tcase_add_test(tc, test_width_flags_precision);
	tcase_add_test(tc, test_alt_octal_precision);
	tcase_add_test(tc, test_pointers_and_null);
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_unknown);
	suite_add_tcase(s, tc);
	return s;
}
