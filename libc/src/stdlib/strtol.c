/*
 * strtol and friends.  One unsigned worker does the digits and overflow;
 * the signed versions clamp its result.
 */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <inttypes.h>

/* Parses [space][sign][0x]digits; *neg gets the sign, *over an overflow
 * of uintmax_t. */
static uintmax_t scan(const char *s, char **end, int base, int *neg, int *over)
{
	const char *p = s, *digits_start;
	uintmax_t v = 0;

	*neg = 0;
	*over = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
	    isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	digits_start = p;
	for (;; p++) {
		int d;
		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (isalpha((unsigned char)*p))
			d = (*p | 32) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		if (v > (UINTMAX_MAX - (uintmax_t)d) / (uintmax_t)base)
			*over = 1;
		v = v * (uintmax_t)base + (uintmax_t)d;
	}
	if (end)
		*end = (char *)(p == digits_start ? s : p);
	return v;
}

static intmax_t to_signed(const char *s, char **end, int base, intmax_t min, intmax_t max)
{
	int neg, over;
	uintmax_t v = scan(s, end, base, &neg, &over);

	if (neg) {
		if (over || v > (uintmax_t)max + 1) {
			errno = ERANGE;
			return min;
		}
		return (intmax_t)(0 - v);
	}
	if (over || v > (uintmax_t)max) {
		errno = ERANGE;
		return max;
	}
	return (intmax_t)v;
}

static uintmax_t to_unsigned(const char *s, char **end, int base, uintmax_t max)
{
	int neg, over;
	uintmax_t v = scan(s, end, base, &neg, &over);

	if (over || v > max) {
		errno = ERANGE;
		return max;
	}
	return neg ? 0 - v : v;	/* as C says: "-1" is ULONG_MAX */
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return (long)to_signed(s, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	return (long long)to_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	return to_signed(s, end, base, INTMAX_MIN, INTMAX_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return (unsigned long)to_unsigned(s, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	return (unsigned long long)to_unsigned(s, end, base, ULLONG_MAX);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	return to_unsigned(s, end, base, UINTMAX_MAX);
}

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }
