/*
 * rem - a count-down with a progress bar, as Redox's extrautils rem: the
 * durations given (-H hours, -m minutes, -s seconds, -M milliseconds)
 * add up; a bar of -n characters (20) fills with '#' as the time passes.
 * -b blinks a red banner when done.  The book's example is
 * `rem -s 10 -b`.  With no duration it prints its help, as the original.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_MS (100LL * 24 * 3600 * 1000)	/* 100 days */
#define BLINKS 13
#define BLINK_MS 200

static void
usage(FILE *f)
{
	fprintf(f, "usage: rem [-b] [-n LEN] [-H N] [-m N] [-s N] [-M N]\n"
	    "  counts down the sum of the durations with a progress bar\n"
	    "  -H N     N hours\n"
	    "  -m N     N minutes\n"
	    "  -s N     N seconds\n"
	    "  -M N     N milliseconds\n"
	    "  -n LEN   a progress bar of LEN characters (default 20)\n"
	    "  -b       blink a red banner when done\n"
	    "  -h, --help  show this help\n");
}

static void
sleep_ms(long long ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L }, rem;
	while (nanosleep(&ts, &rem) < 0 && errno == EINTR)
		ts = rem;
}

static int
parse_count(const char *s, long long max, long long *v)
{
	char *end;
	if (!s)
		return -EINVAL;
	errno = 0;
	long long x = strtoll(s, &end, 10);
	if (errno || end == s || *end || x < 0 || x > max)
		return -EINVAL;
	*v = x;
	return 0;
}

int
main(int argc, char **argv)
{
	long long ms = 0, len = 20, v;
	int blink = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		long long unit = 0;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(a, "-b") || !strcmp(a, "--blink")) {
			blink = 1;
			continue;
		}
		if (!strcmp(a, "-n") || !strcmp(a, "--len")) {
			if (parse_count(argv[i + 1], 1000, &len) < 0 || len < 1) {
				fprintf(stderr, "rem: -n needs a bar length from 1 to 1000\n");
				return 1;
			}
			i++;
			continue;
		}
		if (!strcmp(a, "-H") || !strcmp(a, "--hours"))
			unit = 3600000;
		else if (!strcmp(a, "-m") || !strcmp(a, "--minutes"))
			unit = 60000;
		else if (!strcmp(a, "-s") || !strcmp(a, "--seconds"))
			unit = 1000;
		else if (!strcmp(a, "-M") || !strcmp(a, "--milliseconds"))
			unit = 1;
		if (!unit) {
			fprintf(stderr, "rem: unknown argument '%s'\n", a);
			usage(stderr);
			return 1;
		}
		if (parse_count(argv[i + 1], MAX_MS / unit, &v) < 0) {
			fprintf(stderr, "rem: %s needs a whole number%s%s\n", a,
			    argv[i + 1] ? ", not " : "", argv[i + 1] ? argv[i + 1] : "");
			return 1;
		}
		i++;
		ms += v * unit;
		if (ms > MAX_MS) {
			fprintf(stderr, "rem: at most 100 days\n");
			return 1;
		}
	}
	if (ms == 0) {
		usage(stdout);
		return 0;
	}
	/* Hide the cursor, draw "[   ...   ]", go back and fill it in. */
	printf("\033[?25l[%*s]\r[", (int)len, "");
	fflush(stdout);
	for (long long i = 0; i < len; i++) {
		/* Spread the remainder so the steps add up to ms exactly. */
		sleep_ms(ms * (i + 1) / len - ms * i / len);
		putchar('#');
		fflush(stdout);
	}
	if (blink) {
		for (int i = 0; i < BLINKS; i++) {
			fputs("\033[41m\033[2K", stdout);
			fflush(stdout);
			sleep_ms(BLINK_MS);
			fputs("\033[0m\033[2K", stdout);
			fflush(stdout);
			sleep_ms(BLINK_MS);
		}
	}
	fputs("\033[?25h\n", stdout);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "rem: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
