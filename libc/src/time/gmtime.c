/* Calendar time.  Everything is UTC: there is no time zone database. */
#include <time.h>
#include <stdio.h>
#include <string.h>

static const char *const wday_name[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const mon_name[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const char *const wday_full[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};
static const char *const mon_full[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long days = *t / 86400, secs = *t % 86400, era, y;
	unsigned doe, yoe, doy, mp, d, m;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7);	/* 1970-01-01 was a Thursday */
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = (unsigned)(days - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = (int)m - 1;
	tm->tm_mday = (int)d;
	tm->tm_yday = (int)(days_from_civil(y, m, d) - days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
	return gmtime(t);
}

/* Normalises tm (fields may be out of range) and returns seconds. */
time_t timegm(struct tm *tm)
{
	long y = tm->tm_year + 1900L, mon = tm->tm_mon;
	time_t t;

	y += mon / 12;
	mon %= 12;
	if (mon < 0) {
		mon += 12;
		y--;
	}
	t = (time_t)days_from_civil(y, (unsigned)mon + 1, 1) + tm->tm_mday - 1;
	t = t * 86400 + tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
	gmtime_r(&t, tm);
	return t;
}

time_t mktime(struct tm *tm)
{
	return timegm(tm);
}

void tzset(void)
{
}

char *asctime(const struct tm *tm)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n",
	    wday_name[tm->tm_wday % 7], mon_name[tm->tm_mon % 12], tm->tm_mday,
	    tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
	return buf;
}

char *ctime(const time_t *t)
{
	return asctime(gmtime(t));
}

/* ISO 8601 week number (1..53) of tm; *year gets the ISO year it
 * belongs to.  Week 1 holds the year's first Thursday. */
static int iso_week(const struct tm *tm, int *year)
{
	int y = 1900 + tm->tm_year;
	int wday = (tm->tm_wday + 6) % 7;		/* Monday = 0 */
	int w = (tm->tm_yday - wday + 10) / 7;
	int leap, days;

	if (w < 1) {		/* the last week of the year before */
		y--;
		leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		days = tm->tm_yday + 365 + leap;
		w = (days - wday + 10) / 7;
	} else if (w == 53) {	/* week 1 of the next year unless Jan 1 is past Thursday */
		leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (tm->tm_yday - wday + 3 >= 365 + leap) {
			y++;
			w = 1;
		}
	}
	*year = y;
	return w;
}

/* strftime: the C99 conversions for the one locale (a A b B c C d D e F g
 * G H I j m M n p r R S t T u U V w W x X y Y z Z %; E and O modifiers
 * are accepted and ignored). */
size_t strftime(char *restrict s, size_t n, const char *restrict fmt,
    const struct tm *restrict tm)
{
	size_t len = 0;
	char tmp[64];

	for (; *fmt; fmt++) {
		const char *add = tmp;
		if (*fmt != '%') {
			tmp[0] = *fmt;
			tmp[1] = '\0';
		} else {
			int iy;

			if (fmt[1] == 'E' || fmt[1] == 'O')
				fmt++;		/* alternative forms: the C locale has none */
			switch (*++fmt) {
			case 'a': add = wday_name[tm->tm_wday % 7]; break;
			case 'A': add = wday_full[tm->tm_wday % 7]; break;
			case 'b': case 'h': add = mon_name[tm->tm_mon % 12]; break;
			case 'B': add = mon_full[tm->tm_mon % 12]; break;
			case 'c':
				snprintf(tmp, sizeof(tmp), "%s %s %2d %02d:%02d:%02d %d",
				    wday_name[tm->tm_wday % 7], mon_name[tm->tm_mon % 12],
				    tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
				    1900 + tm->tm_year);
				break;
			case 'C': snprintf(tmp, sizeof(tmp), "%02d", (1900 + tm->tm_year) / 100); break;
			case 'd': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_mday); break;
			case 'e': snprintf(tmp, sizeof(tmp), "%2d", tm->tm_mday); break;
			case 'D': case 'x':
				snprintf(tmp, sizeof(tmp), "%02d/%02d/%02d", tm->tm_mon + 1,
				    tm->tm_mday, tm->tm_year % 100);
				break;
			case 'F':
				snprintf(tmp, sizeof(tmp), "%d-%02d-%02d", 1900 + tm->tm_year,
				    tm->tm_mon + 1, tm->tm_mday);
				break;
			case 'g': case 'G': case 'V': {
				int w = iso_week(tm, &iy);
				if (*fmt == 'V')
					snprintf(tmp, sizeof(tmp), "%02d", w);
				else
					snprintf(tmp, sizeof(tmp), *fmt == 'G' ? "%d" : "%02d",
					    *fmt == 'G' ? iy : iy % 100);
				break;
			}
			case 'H': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_hour); break;
			case 'I': snprintf(tmp, sizeof(tmp), "%02d", (tm->tm_hour + 11) % 12 + 1); break;
			case 'j': snprintf(tmp, sizeof(tmp), "%03d", tm->tm_yday + 1); break;
			case 'm': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_mon + 1); break;
			case 'M': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_min); break;
			case 'n': add = "\n"; break;
			case 'p': add = tm->tm_hour < 12 ? "AM" : "PM"; break;
			case 'r':
				snprintf(tmp, sizeof(tmp), "%02d:%02d:%02d %s", (tm->tm_hour + 11) % 12 + 1,
				    tm->tm_min, tm->tm_sec, tm->tm_hour < 12 ? "AM" : "PM");
				break;
			case 'R': snprintf(tmp, sizeof(tmp), "%02d:%02d", tm->tm_hour, tm->tm_min); break;
			case 'S': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_sec); break;
			case 's': snprintf(tmp, sizeof(tmp), "%ld", (long)timegm(&(struct tm){
				.tm_year = tm->tm_year, .tm_mon = tm->tm_mon, .tm_mday = tm->tm_mday,
				.tm_hour = tm->tm_hour, .tm_min = tm->tm_min, .tm_sec = tm->tm_sec }));
				break;
			case 't': add = "\t"; break;
			case 'T': case 'X':
				snprintf(tmp, sizeof(tmp), "%02d:%02d:%02d", tm->tm_hour,
				    tm->tm_min, tm->tm_sec);
				break;
			case 'u': snprintf(tmp, sizeof(tmp), "%d", tm->tm_wday ? tm->tm_wday : 7); break;
			case 'U':	/* weeks starting on Sunday; days before the first are week 0 */
				snprintf(tmp, sizeof(tmp), "%02d", (tm->tm_yday + 7 - tm->tm_wday) / 7);
				break;
			case 'W':	/* the same with Monday */
				snprintf(tmp, sizeof(tmp), "%02d", (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7);
				break;
			case 'w': snprintf(tmp, sizeof(tmp), "%d", tm->tm_wday); break;
			case 'y': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_year % 100); break;
			case 'Y': snprintf(tmp, sizeof(tmp), "%d", 1900 + tm->tm_year); break;
			case 'z': add = "+0000"; break;
			case 'Z': add = "UTC"; break;
			case '%': add = "%"; break;
			case '\0': fmt--; add = ""; break;
			default: snprintf(tmp, sizeof(tmp), "%%%c", *fmt); break;
			}
		}
		{
			size_t k = strlen(add);
			if (len + k >= n)
				return 0;
			memcpy(s + len, add, k);
			len += k;
		}
	}
	if (len >= n)
		return 0;
	s[len] = '\0';
	return len;
}
