/* libc_misc: libgen.h, sys/utsname.h, getopt_long, strtoll and friends,
 * localtime.  With "--system" (inside the OS) uname must read sys:uname. */
#define NAME "libc_misc"
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <sys/utsname.h>
#include <time.h>

#include "check.h"

static const char *base(const char *p)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s", p);
	return basename(buf);
}

static const char *dir(const char *p)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s", p);
	return dirname(buf);
}

static void test_libgen(void)
{
	CHECK_STR(base("/usr/lib"), "lib");
	CHECK_STR(base("/usr/"), "usr");
	CHECK_STR(base("usr"), "usr");
	CHECK_STR(base("/"), "/");
	CHECK_STR(base("//"), "/");
	CHECK_STR(base(""), ".");
	CHECK_STR(base("a//"), "a");
	CHECK_STR(base("file:/bin/ls"), "ls");
	CHECK_STR(basename(NULL), ".");
	CHECK_STR(dir("/usr/lib"), "/usr");
	CHECK_STR(dir("/usr/"), "/");
	CHECK_STR(dir("usr"), ".");
	CHECK_STR(dir("/"), "/");
	CHECK_STR(dir("//"), "/");
	CHECK_STR(dir(""), ".");
	CHECK_STR(dir("a/b//c//"), "a/b");
	CHECK_STR(dir("/usr//lib"), "/usr");
	CHECK_STR(dir("file:/bin/ls"), "file:/bin");
	CHECK_STR(dir("."), ".");
	CHECK_STR(dir(".."), ".");
	CHECK_STR(dirname(NULL), ".");
}

static void test_getopt_long(void)
{
	static int verbose;
	static const struct option lo[] = {
		{ "verbose", no_argument, &verbose, 1 },
		{ "name", required_argument, NULL, 'n' },
		{ "color", optional_argument, NULL, 'c' },
		{ "colour", optional_argument, NULL, 'c' },	/* same: not ambiguous */
		{ "count", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	char *argv[] = { "prog", "--verbose", "-a", "--name", "bob", "--name=al",
	    "--col=red", "--colo", "-n", "x", "--cou", "3", "--", "--name", NULL };
	int argc = 14, idx = -1;
	char *bad1[] = { "prog", "--nosuch", "--co", "--verbose=1", "--name", NULL };
	char *stop[] = { "prog", "-a", "file", "--name", "z", NULL };

	optind = 0;
	opterr = 0;
	CHECK_INT(getopt_long(argc, argv, "an:", lo, &idx), 0);
	CHECK_INT(verbose, 1);
	CHECK_INT(idx, 0);
	CHECK_INT(getopt_long(argc, argv, "an:", lo, &idx), 'a');
	CHECK_INT(getopt_long(argc, argv, "an:", lo, &idx), 'n');
	CHECK_STR(optarg, "bob");
	CHECK_INT(idx, 1);
	CHECK_INT(getopt_long(argc, argv, "an:", lo, &idx), 'n');
	CHECK_STR(optarg, "al");
	CHECK_INT(getopt_long(argc, argv, "an:", lo, &idx), 'c');
	CHECK_STR(optarg, "red");
	CHECK_INT(getopt_long(argc, argv, "an:", lo, &idx), 'c');
	CHECK(optarg == NULL);
	CHECK_INT(getopt_long(argc, argv, "an:", lo, &idx), 'n');
	CHECK_STR(optarg, "x");
	CHECK_INT(getopt_long(argc, argv, "an:", lo, &idx), 'k');
	CHECK_STR(optarg, "3");
	CHECK_INT(getopt_long(argc, argv, "an:", lo, &idx), -1);
	CHECK_INT(optind, 13);
	CHECK_STR(argv[optind], "--name");

	optind = 0;
	CHECK_INT(getopt_long(5, bad1, "a", lo, NULL), '?');	/* unknown */
	CHECK_INT(getopt_long(5, bad1, "a", lo, NULL), '?');	/* ambiguous */
	CHECK_INT(getopt_long(5, bad1, "a", lo, NULL), '?');	/* takes none */
	CHECK_INT(getopt_long(5, bad1, ":a", lo, NULL), ':');	/* missing */
	CHECK_INT(optopt, 'n');
	CHECK_INT(getopt_long(5, bad1, "a", lo, NULL), -1);

	optind = 0;
	CHECK_INT(getopt_long(5, stop, "a", lo, NULL), 'a');
	CHECK_INT(getopt_long(5, stop, "a", lo, NULL), -1);	/* no permuting */
	CHECK_INT(optind, 2);
	opterr = 1;
	optind = 0;
}

static void test_strto(void)
{
	char *end;

	CHECK_INT(strtoll("-9223372036854775808", &end, 10), LLONG_MIN);
	CHECK(*end == '\0');
	errno = 0;
	CHECK_INT(strtoll("9223372036854775808", NULL, 10), LLONG_MAX);
	CHECK_INT(errno, ERANGE);
	CHECK(strtoull("0xffffffffffffffff", NULL, 16) == ULLONG_MAX);
	CHECK_INT(strtoimax("  -42z", &end, 0), -42);
	CHECK_STR(end, "z");
	CHECK(strtoumax("0777", NULL, 0) == 0777);
}

static void test_time(void)
{
	time_t t = 86400 * 365 + 3600;		/* 1971-01-01 01:00 UTC */
	struct tm tm, *p;

	p = localtime_r(&t, &tm);
	CHECK(p == &tm);
	CHECK_INT(tm.tm_year, 71);
	CHECK_INT(tm.tm_mon, 0);
	CHECK_INT(tm.tm_mday, 1);
	CHECK_INT(tm.tm_hour, 1);
	p = localtime(&t);
	CHECK(p != NULL && p->tm_hour == 1);
}

static void test_uname(int system)
{
	struct utsname u;
	int rc;

	memset(&u, 'x', sizeof(u));
	rc = uname(&u);
	if (!system && rc < 0) {
		printf("%s: no sys:uname here (%s): uname checks skipped\n", NAME,
		    strerror(errno));
		return;
	}
	CHECK_INT(rc, 0);
	CHECK_STR(u.sysname, "Redox-C");
	CHECK(u.release[0] >= '0' && u.release[0] <= '9');
	CHECK(strncmp(u.machine, "x86_64", 6) == 0);
	CHECK(u.nodename[0] != '\0');
	CHECK(memchr(u.version, '\0', sizeof(u.version)) != NULL);
	CHECK(memchr(u.domainname, '\0', sizeof(u.domainname)) != NULL);
	printf("%s: uname: %s %s %s %s\n", NAME, u.sysname, u.nodename,
	    u.release, u.machine);
}

int main(int argc, char **argv)
{
	test_libgen();
	test_getopt_long();
	test_strto();
	test_time();
	test_uname(argc > 1 && strcmp(argv[1], "--system") == 0);
	return finish();
}
