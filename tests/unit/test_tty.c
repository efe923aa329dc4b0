/*
 * test_tty.c - the line discipline (core/tty.c) as a reader of a
 * terminal sees it: what typed bytes become, what is echoed, which keys
 * signal, and that nothing typed is lost while there is room.
 */
#include "core/abi.h"
#include "core/tty.h"

#include <check.h>
#include <string.h>

static struct tty t;
static char echoed[4096];
static size_t nechoed;

static void
record(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	ck_assert_uint_le(nechoed + n, sizeof echoed - 1);
	memcpy(echoed + nechoed, s, n);
	nechoed += n;
	echoed[nechoed] = '\0';
}

static void
setup(void)
{
	tty_init(&t, true, record, NULL);
	nechoed = 0;
	echoed[0] = '\0';
}

static int
type(const char *s)
{
	int sig = 0;
	for (; *s; s++) {
		int r = tty_input(&t, *s);
		if (r)
			sig = r;
	}
	return sig;
}

/* Reads once into a string; returns tty_read's answer. */
static long
get(char *buf, size_t len)
{
	long n = tty_read(&t, buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static void
set_raw(int vmin)
{
	struct redox_termios tio = t.tio;
	tio.c_lflag &= ~(uint32_t)(TC_ICANON | TC_ECHO | TC_ISIG);
	tio.c_cc[TC_VMIN] = (uint8_t)vmin;
	ck_assert_int_eq(tty_set_termios(&t, &tio), 0);
}

START_TEST(test_whole_lines)
{
	char b[64];
	type("ab");
	ck_assert(!tty_readable(&t));
	ck_assert_int_eq(get(b, sizeof b), -EAGAIN);
	type("c\r");			/* Enter sends CR: ICRNL makes it \n */
	ck_assert_int_eq(get(b, sizeof b), 4);
	ck_assert_str_eq(b, "abc\n");
	ck_assert_str_eq(echoed, "abc\n");
	type("one\ntwo\n");
	ck_assert_int_eq(get(b, sizeof b), 4);	/* one line per read */
	ck_assert_str_eq(b, "one\n");
	ck_assert_int_eq(get(b, 3), 2);		/* a short buffer: the rest later */
	ck_assert_str_eq(b, "tw");
	ck_assert_int_eq(get(b, sizeof b), 2);
	ck_assert_str_eq(b, "o\n");
	ck_assert_int_eq(get(b, sizeof b), -EAGAIN);
}
END_TEST

START_TEST(test_editing)
{
	char b[64];
	type("abx\x7f" "c\n");
	get(b, sizeof b);
	ck_assert_str_eq(b, "abc\n");
	ck_assert_str_eq(echoed, "abx\b \bc\n");
	type("junk\x15ok\n");		/* ^U kills the line */
	get(b, sizeof b);
	ck_assert_str_eq(b, "ok\n");
	type("cat some files\x17\x17" "dog\n");	/* ^W twice: two words */
	get(b, sizeof b);
	ck_assert_str_eq(b, "cat dog\n");
	type("\x7f\x7f\n");		/* erasing nothing is harmless */
	get(b, sizeof b);
	ck_assert_str_eq(b, "\n");
}
END_TEST

START_TEST(test_eof_key)
{
	char b[64];
	type("\x04");			/* ^D on an empty line: end of input once */
	ck_assert(tty_readable(&t));
	ck_assert_int_eq(get(b, sizeof b), 0);
	ck_assert_int_eq(get(b, sizeof b), -EAGAIN);
	type("ab\x04");			/* ^D after text: the text, no newline */
	ck_assert_int_eq(get(b, sizeof b), 2);
	ck_assert_str_eq(b, "ab");
	type("x");
	tty_flush_line(&t);		/* the host's input ended */
	ck_assert_int_eq(get(b, sizeof b), 1);
	ck_assert_str_eq(b, "x");
}
END_TEST

START_TEST(test_signal_keys)
{
	char b[64];
	ck_assert_int_eq(type("half\x03"), SIGINT);
	ck_assert_str_eq(echoed, "half^C");
	type("\n");			/* the half line was thrown away */
	get(b, sizeof b);
	ck_assert_str_eq(b, "\n");
	ck_assert_int_eq(type("\x1a"), SIGTSTP);
	ck_assert_int_eq(type("\x1c"), SIGQUIT);
	struct redox_termios tio = t.tio;
	tio.c_lflag &= ~(uint32_t)TC_ISIG;	/* without ISIG, ^C is data */
	tty_set_termios(&t, &tio);
	ck_assert_int_eq(type("\x03\n"), 0);
	get(b, sizeof b);
	ck_assert_str_eq(b, "\x03\n");
}
END_TEST

START_TEST(test_no_echo)
{
	char b[64];
	struct redox_termios tio = t.tio;
	tio.c_lflag &= ~(uint32_t)TC_ECHO;	/* a password prompt */
	tty_set_termios(&t, &tio);
	type("secret\n");
	get(b, sizeof b);
	ck_assert_str_eq(b, "secret\n");
	ck_assert_str_eq(echoed, "");
}
END_TEST

START_TEST(test_raw)
{
	char b[64];
	type("half");
	set_raw(1);			/* the half line is handed over */
	ck_assert_int_eq(get(b, sizeof b), 4);
	ck_assert_str_eq(b, "half");
	ck_assert_int_eq(get(b, sizeof b), -EAGAIN);
	ck_assert_int_eq(type("\x03\x1b[A\x7f"), 0);	/* every byte as typed */
	ck_assert_int_eq(get(b, sizeof b), 5);
	ck_assert_int_eq(memcmp(b, "\x03\x1b[A\x7f", 5), 0);
	set_raw(0);			/* VMIN 0: a read never waits */
	ck_assert_int_eq(get(b, sizeof b), 0);
}
END_TEST

START_TEST(test_room)
{
	char b[256];
	tty_init(&t, false, NULL, NULL);
	size_t typed = 0;
	while (tty_room(&t) > 0) {	/* short lines, as a pasted file */
		tty_input(&t, typed % 3 == 2 ? '\n' : 'a');
		typed++;
	}
	ck_assert_uint_eq(typed, TTY_RING);
	size_t got = 0;
	long n;
	while ((n = tty_read(&t, b, sizeof b)) > 0)
		got += (size_t)n;
	ck_assert_int_eq(n, -EAGAIN);
	ck_assert_uint_eq(got, typed - typed % 3);	/* all but the unfinished line */
	ck_assert_uint_gt(tty_room(&t), 0);
}
END_TEST

START_TEST(test_long_line)
{
	char b[TTY_LINE + 8];
	tty_init(&t, false, NULL, NULL);
	for (int i = 0; i < TTY_LINE + 100; i++)
		tty_input(&t, 'x');	/* past the limit: dropped, as Linux */
	tty_input(&t, '\n');
	long n = tty_read(&t, b, sizeof b);
	ck_assert_int_eq(n, TTY_LINE);
	ck_assert_int_eq(b[n - 1], '\n');
}
END_TEST

Suite *
tty_suite(void)
{
	Suite *s = suite_create("tty");
	TCase *tc = tcase_create("discipline");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_whole_lines);
	tcase_add_test(tc, test_editing);
	tcase_add_test(tc, test_eof_key);
	tcase_add_test(tc, test_signal_keys);
	tcase_add_test(tc, test_no_echo);
	tcase_add_test(tc, test_raw);
	tcase_add_test(tc, test_room);
	tcase_add_test(tc, test_long_line);
	suite_add_tcase(s, tc);
	return s;
}
