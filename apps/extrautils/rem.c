/*
 * rem - a reminder: counts down and then rings the bell and prints the
 * message.  The book's example, `rem -s 10 -b`, counts ten seconds with
 * a progress bar.  The duration is the sum of -s, -m and -H; the words
 * after the options are the message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 40

static void
usage(FILE *f)
{
	fprintf(f, "usage: rem [-b] [-s SECONDS] [-m MINUTES] [-H HOURS] [MESSAGE...]\n"
	    "  counts down the time given, then rings the bell and prints MESSAGE\n"
	    "  -b       show a progress bar\n"
	    "  -s N     N seconds\n"
	    "  -m N     N minutes\n"
	    "  -H N     N hours\n"
	    "  --help   show this help\n");
}

static int
parse_count(const char *s, long max, long *v)
{
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (errno || end == s || *end || x < 0 || x > max)
		return -EINVAL;
	*v = x;
	return 0;
}

static void
draw_bar(long done, long total)
{
	int filled = total ? (int)(done * BAR_WIDTH / total) : BAR_WIDTH;
	char bar[BAR_WIDTH + 1];
	memset(bar, '#', (size_t)filled);
	memset(bar + filled, ' ', (size_t)(BAR_WIDTH - filled));
	bar[BAR_WIDTH] = 0;
	printf("\r[%s] %lds left ", bar, total - done);
	fflush(stdout);
}

/* Sleeps whole seconds, resuming after signals that interrupt the sleep. */
static void
sleep_one(void)
{
	struct timespec ts = { 1, 0 }, rem;
	while (nanosleep(&ts, &rem) < 0 && errno == EINTR)
		ts = rem;
}

int
main(int argc, char **argv)
{
	long secs = 0, v;
	int bar = 0, ch, given = 0;
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	while ((ch = getopt(argc, argv, "bs:m:H:")) != -1) {
		switch (ch) {
		case 'b': bar = 1; break;
		case 's': case 'm': case 'H': {
			long mul = ch == 's' ? 1 : ch == 'm' ? 60 : 3600;
			if (parse_count(optarg, 100000000L / mul, &v) < 0) {
				fprintf(stderr, "rem: invalid number '%s' for -%c\n", optarg, ch);
				return 1;
			}
			secs += v * mul;
			given = 1;
			break;
		}
		default:
			usage(stderr);
			return 1;
		}
	}
	if (!given) {
		fprintf(stderr, "rem: no time given (use -s, -m or -H)\n");
		usage(stderr);
		return 1;
	}
	for (long done = 0; done < secs; done++) {
		if (bar)
			draw_bar(done, secs);
		sleep_one();
	}
	if (bar) {
		draw_bar(secs, secs);
		putchar('\n');
	}
	putchar('\a');
	if (optind < argc) {
		for (int i = optind; i < argc; i++)
			printf("%s%s", argv[i], i + 1 < argc ? " " : "\n");
	} else {
		printf("rem: time is up\n");
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "rem: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
