/*
 * strtod: decimal (with exponent), hex integers, inf and nan.  It adds
 * digits in a uint64 and scales once by a power of ten, so the last bit
 * may be off; exact conversion (Clinger) is not needed by our programs.
 */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <stdint.h>

static double pow10i(int e)
{
	double r = 1, b = 10;
	int neg = e < 0;

	if (neg)
		e = -e;
	for (; e; e >>= 1, b *= b)
		if (e & 1)
			r *= b;
	return neg ? 1 / r : r;
}

double strtod(const char *restrict s, char **restrict end)
{
	const char *p = s;
	int neg = 0, any = 0, exp10 = 0;
	uint64_t m = 0;
	double v;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (strncasecmp(p, "inf", 3) == 0) {
		p += strncasecmp(p, "infinity", 8) == 0 ? 8 : 3;
		if (end)
			*end = (char *)p;
		return neg ? -__builtin_inf() : __builtin_inf();
	}
	if (strncasecmp(p, "nan", 3) == 0) {
		if (end)
			*end = (char *)p + 3;
		return __builtin_nan("");
	}
	if (p[0] == '0' && (p[1] | 32) == 'x') {
		char *e;
		v = (double)strtoull(p, &e, 16);
		if (end)
			*end = e;
		return neg ? -v : v;
	}
	for (; isdigit((unsigned char)*p); p++, any = 1) {
		if (m < UINT64_MAX / 10 - 10)
			m = m * 10 + (uint64_t)(*p - '0');
		else
			exp10++;	/* digits beyond 19 only scale */
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++, any = 1) {
			if (m < UINT64_MAX / 10 - 10) {
				m = m * 10 + (uint64_t)(*p - '0');
				exp10--;
			}
		}
	}
	if (!any) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	if ((*p | 32) == 'e') {
		const char *q = p + 1;
		int eneg = 0, e = 0;
		if (*q == '+' || *q == '-')
			eneg = *q++ == '-';
		if (isdigit((unsigned char)*q)) {
			for (; isdigit((unsigned char)*q); q++)
				if (e < 100000)
					e = e * 10 + (*q - '0');
			exp10 += eneg ? -e : e;
			p = q;
		}
	}
	if (end)
		*end = (char *)p;
	v = (double)m;
	if (exp10 < -300) {	/* two steps keep the power of ten finite */
		v *= pow10i(-300);
		exp10 += 300;
	}
	v *= pow10i(exp10);
	if (v == __builtin_inf() || (v == 0 && m != 0))
		errno = ERANGE;
	return neg ? -v : v;
}

float strtof(const char *restrict s, char **restrict end)
{
	return (float)strtod(s, end);
}

long double strtold(const char *restrict s, char **restrict end)
{
	return strtod(s, end);
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
