/*
 * cal - prints a month (or a whole year) as util-linux's cal does: the
 * title centred over 20 columns, weeks starting on Sunday, six week
 * rows per month.  `cal` is this month, `cal YEAR` the year, `cal MONTH
 * YEAR` one month.  As util-linux's, the calendar is the Julian one until
 * 2 September 1752 and the Gregorian one from the next day, 14 September
 * (Britain's reform).  Today is not highlighted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MW 20			/* width of one month */

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: cal [[MONTH] YEAR]\n"
	    "  cal             this month\n"
	    "  cal YEAR        the twelve months of YEAR (1..9999)\n"
	    "  cal MONTH YEAR  one month (MONTH 1..12 or a name)\n"
	    "  --help          show this help\n");
}

/* Britain's reform: 2 September 1752 was followed by 14 September. */
#define REFORM_YEAR 1752
#define REFORM_MONTH 8		/* September, 0-based */

static int
is_leap(long y)
{
	if (y <= REFORM_YEAR)
		return y % 4 == 0;
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in(int m, long y)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 1 && is_leap(y) ? 29 : d[m];
}

/*
 * Day of the week (0 = Sunday) of day 1 of month m (0-based), year y,
 * through the Julian day number in the calendar in force then.
 */
static int
first_weekday(int m, long y)
{
	long a = (13 - m) / 12, yy = y + 4800 - a, mm = m + 1 + 12 * a - 3;
	long jdn = 1 + (153 * mm + 2) / 5 + 365 * yy + yy / 4;
	if (y > REFORM_YEAR || (y == REFORM_YEAR && m > REFORM_MONTH))
		jdn += -yy / 100 + yy / 400 - 32045;
	else
		jdn -= 32083;
	return (int)((jdn + 1) % 7);
}

/* The day numbers of a month in order: 1..n, or September 1752's 19. */
static int
month_days(int m, long y, int *days)
{
	int n = 0;
	for (int d = 1; d <= days_in(m, y); d++)
		if (y != REFORM_YEAR || m != REFORM_MONTH || d < 3 || d > 13)
			days[n++] = d;
	return n;
}

/* Writes s centred in w columns (left gets the smaller half). */
static void
center(char *out, size_t cap, const char *s, int w)
{
	int len = (int)strlen(s), left = (w - len) / 2;
	if (left < 0)
		left = 0;
	int n = snprintf(out, cap, "%*s%s%*s", left, "", s,
	    w - len - left > 0 ? w - len - left : 0, "");
	if (n < 0 && cap)
		out[0] = 0;
}

/* Fills the 8 rows (title, day names, 6 weeks) of one month. */
static void
month_rows(char rows[8][64], int m, long y, int with_year)
{
	char title[64];
	if (with_year)
		snprintf(title, sizeof title, "%s %ld", month_names[m], y);
	else
		snprintf(title, sizeof title, "%s", month_names[m]);
	center(rows[0], sizeof rows[0], title, MW);
	snprintf(rows[1], sizeof rows[1], "Su Mo Tu We Th Fr Sa");
	int days[31], wd = first_weekday(m, y), nd = month_days(m, y, days), k = 0;
	for (int r = 0; r < 6; r++) {
		size_t n = 0;
		for (int c = 0; c < 7; c++) {
			int cell = r * 7 + c;
			const char *sep = c ? " " : "";
			if (cell < wd || k >= nd)
				n += (size_t)snprintf(rows[2 + r] + n, sizeof rows[0] - n, "%s  ", sep);
			else
				n += (size_t)snprintf(rows[2 + r] + n, sizeof rows[0] - n, "%s%2d", sep, days[k++]);
		}
	}
}

static void
print_month(int m, long y)
{
	char rows[8][64];
	month_rows(rows, m, y, 1);
	for (int i = 0; i < 8; i++)
		printf("%s\n", rows[i]);
}

static void
print_year(long y)
{
	char rows[3][8][64], title[16], line[128];
	snprintf(title, sizeof title, "%ld", y);
	center(line, sizeof line, title, 3 * MW + 4);
	printf("%s\n", line);
	for (int q = 0; q < 4; q++) {
		for (int k = 0; k < 3; k++)
			month_rows(rows[k], q * 3 + k, y, 0);
		for (int i = 0; i < 8; i++)
			printf("%s  %s  %s\n", rows[0][i], rows[1][i], rows[2][i]);
		if (q < 3)
			putchar('\n');
	}
}

static int
parse_num(const char *s, long lo, long hi, long *v)
{
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (errno || end == s || *end || x < lo || x > hi)
		return -EINVAL;
	*v = x;
	return 0;
}

static int
parse_month(const char *s, long *v)
{
	if (parse_num(s, 1, 12, v) == 0)
		return 0;
	size_t len = strlen(s);
	for (int i = 0; i < 12 && len >= 3; i++)
		if (!strncasecmp(s, month_names[i], len)) {
			*v = i + 1;
			return 0;
		}
	return -EINVAL;
}

int
main(int argc, char **argv)
{
	long m, y;
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && argv[1][0] == '-') {
		fprintf(stderr, "cal: invalid option -- '%s'\n", argv[1] + 1);
		usage(stderr);
		return 1;
	}
	if (argc > 3) {
		usage(stderr);
		return 1;
	}
	if (argc == 1) {
		time_t now = time(NULL);
		struct tm tm;
		if (now == (time_t)-1 || !gmtime_r(&now, &tm)) {
			fprintf(stderr, "cal: cannot read the clock: %s\n", strerror(errno));
			return 1;
		}
		print_month(tm.tm_mon, tm.tm_year + 1900L);
	} else if (argc == 2) {
		if (parse_num(argv[1], 1, 9999, &y) < 0) {
			fprintf(stderr, "cal: %s: invalid year value\n", argv[1]);
			return 1;
		}
		print_year(y);
	} else {
		if (parse_month(argv[1], &m) < 0) {
			fprintf(stderr, "cal: %s: invalid month value\n", argv[1]);
			return 1;
		}
		if (parse_num(argv[2], 1, 9999, &y) < 0) {
			fprintf(stderr, "cal: %s: invalid year value\n", argv[2]);
			return 1;
		}
		print_month((int)m - 1, y);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "cal: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
