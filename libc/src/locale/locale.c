/*
 * locale.c - setlocale, localeconv, nl_langinfo and the locale_t calls
 * for the one locale there is: "C", with UTF-8 as its character set.
 *
 * setlocale accepts the names that mean this locale ("C", "POSIX", "",
 * "C.UTF-8", "C.utf8", "POSIX.UTF-8") and reports it as "C" (glibc says
 * "C" for "" when LANG is unset, and programs compare against that).
 * Any other name fails with NULL, as POSIX asks, so a program that wants
 * "de_DE" learns it is not there.
 */
#include <locale.h>
#include <langinfo.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

static const char *const known[] = {
	"C", "POSIX", "", "C.UTF-8", "C.utf8", "C.utf-8", "POSIX.UTF-8", "POSIX.utf8",
};

static int locale_known(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(name, known[i]) == 0)
			return 1;
	return 0;
}

char *setlocale(int category, const char *name)
{
	if (category < LC_CTYPE || category > LC_ALL)
		return NULL;
	if (name != NULL && !locale_known(name))
		return NULL;
	return (char *)"C";
}

struct lconv *localeconv(void)
{
	/* CHAR_MAX: "not available in this locale", as C says for "C". */
	static struct lconv c = {
		".", "", "", "", "", "", "", "", "", "",
		CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
		CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
		CHAR_MAX, CHAR_MAX,
	};
	return &c;
}

static const char *const langinfo[] = {
	[CODESET] = "UTF-8",
	[RADIXCHAR] = ".",
	[THOUSEP] = "",
	[D_T_FMT] = "%a %b %e %H:%M:%S %Y",
	[D_FMT] = "%m/%d/%y",
	[T_FMT] = "%H:%M:%S",
	[T_FMT_AMPM] = "%I:%M:%S %p",
	[AM_STR] = "AM",
	[PM_STR] = "PM",
	[DAY_1] = "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
	"Friday", "Saturday",
	[ABDAY_1] = "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
	[MON_1] = "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
	[ABMON_1] = "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
	"Sep", "Oct", "Nov", "Dec",
	[YESEXPR] = "^[yY]",
	[NOEXPR] = "^[nN]",
	[CRNCYSTR] = "-",
	[ERA] = "",
	[ERA_D_FMT] = "",
	[ALT_DIGITS] = "",
	[ERA_D_T_FMT] = "",
	[ERA_T_FMT] = "",
};

char *nl_langinfo(nl_item item)
{
	/* POSIX: an invalid item gives "" */
	if (item < 0 || (size_t)item >= sizeof(langinfo) / sizeof(langinfo[0]))
		return (char *)"";
	return (char *)langinfo[item];
}

char *nl_langinfo_l(nl_item item, locale_t l)
{
	(void)l;
	return nl_langinfo(item);
}

/* The one locale's token: any non-null pointer programs can compare. */
static struct __locale {
	int unused;
} c_locale;

locale_t newlocale(int mask, const char *name, locale_t base)
{
	(void)base;
	if ((mask & ~LC_ALL_MASK) != 0 || name == NULL) {
		errno = EINVAL;
		return NULL;
	}
	if (!locale_known(name)) {
		errno = ENOENT;
		return NULL;
	}
	return &c_locale;
}

locale_t duplocale(locale_t l)
{
	(void)l;
	return &c_locale;
}

void freelocale(locale_t l)
{
	(void)l;
}

locale_t uselocale(locale_t l)
{
	(void)l;
	return LC_GLOBAL_LOCALE;
}
