/*
 * sscanf: a small scanner for strings.  Conversions: d i u o x X c s [ n p
 * f e g and %%, with * (suppress), a width and lengths hh h l ll j z t L.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <inttypes.h>
#include "stdio_impl.h"

static void store_int(va_list *ap, int lmod, uintmax_t v)
{
	switch (lmod) {
	case 'H': *va_arg(*ap, char *) = (char)v; break;
	case 'h': *va_arg(*ap, short *) = (short)v; break;
	case 'l': case 'j': case 'z': case 't': *va_arg(*ap, long *) = (long)v; break;
	case 'L': *va_arg(*ap, long long *) = (long long)v; break;
	default: *va_arg(*ap, int *) = (int)v; break;
	}
}

int vsscanf(const char *str, const char *fmt, va_list ap0)
{
	const char *s = str;
	int n = 0;
	va_list ap;

	va_copy(ap, ap0);
	while (*fmt) {
		int suppress = 0, width = 0, lmod = 0;
		char conv;

		if (isspace((unsigned char)*fmt)) {
			while (isspace((unsigned char)*fmt))
				fmt++;
			while (isspace((unsigned char)*s))
				s++;
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%')
				fmt++;
			if (*s != *fmt)
				break;
			s++, fmt++;
			continue;
		}
		fmt++;
		if (*fmt == '*') {
			suppress = 1;
			fmt++;
		}
		while (isdigit((unsigned char)*fmt))
			width = width * 10 + (*fmt++ - '0');
		switch (*fmt) {
		case 'h': lmod = 'h'; if (*++fmt == 'h') { lmod = 'H'; fmt++; } break;
		case 'l': lmod = 'l'; if (*++fmt == 'l') { lmod = 'L'; fmt++; } break;
		case 'L': case 'j': case 'z': case 't': lmod = *fmt++; break;
		}
		conv = *fmt++;
		if (conv == '\0')
			break;
		if (conv != 'c' && conv != '[' && conv != 'n')
			while (isspace((unsigned char)*s))
				s++;
		if (conv == 'n') {
			if (!suppress)
				store_int(&ap, lmod, (uintmax_t)(s - str));
			continue;
		}
		if (*s == '\0')
			break;
		if (conv == 'c' || conv == 's' || conv == '[') {
			char set[256] = { 0 };
			char *d = suppress ? NULL : va_arg(ap, char *);
			int k = 0;
			if (conv == '[') {
				int neg = *fmt == '^';
				if (neg)
					fmt++;
				if (*fmt == ']')
					set[(unsigned char)*fmt++] = 1;
				for (; *fmt && *fmt != ']'; fmt++) {
					if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
						int c;
						for (c = (unsigned char)*fmt; c <= (unsigned char)fmt[2]; c++)
							set[c] = 1;
						fmt += 2;
					} else {
						set[(unsigned char)*fmt] = 1;
					}
				}
				if (*fmt == ']')
					fmt++;
				if (neg) {
					int c;
					for (c = 0; c < 256; c++)
						set[c] = !set[c];
				}
				set[0] = 0;
			}
			if (conv == 'c' && width == 0)
				width = 1;
			while (*s && (width == 0 || k < width)) {
				if (conv == 's' && isspace((unsigned char)*s))
					break;
				if (conv == '[' && !set[(unsigned char)*s])
					break;
				if (d)
					d[k] = *s;
				k++, s++;
			}
			if (k == 0)
				break;
			if (d && conv != 'c')
				d[k] = '\0';
			if (!suppress)
				n++;
			continue;
		}
		{
			/* numbers: copy at most width chars, then use strto* */
			char buf[128], *end;
			size_t len = strlen(s);
			if (width > 0 && (size_t)width < len)
				len = (size_t)width;
			if (len >= sizeof(buf))
				len = sizeof(buf) - 1;
			memcpy(buf, s, len);
			buf[len] = '\0';
			if (conv == 'f' || conv == 'e' || conv == 'g' || conv == 'E' ||
			    conv == 'G' || conv == 'a') {
				double v = strtod(buf, &end);
				if (end == buf)
					break;
				if (!suppress) {
					if (lmod == 'l')
						*va_arg(ap, double *) = v;
					else if (lmod == 'L')
						*va_arg(ap, long double *) = v;
					else
						*va_arg(ap, float *) = (float)v;
				}
			} else {
				int base = conv == 'd' || conv == 'u' ? 10 :
				    conv == 'o' ? 8 : conv == 'x' || conv == 'X' || conv == 'p' ? 16 : 0;
				uintmax_t v;
				if (conv == 'd' || conv == 'i')
					v = (uintmax_t)strtoimax(buf, &end, base);
				else
					v = strtoumax(buf, &end, base);
				if (end == buf)
					break;
				if (!suppress) {
					if (conv == 'p')
						*va_arg(ap, void **) = (void *)(uintptr_t)v;
					else
						store_int(&ap, lmod, v);
				}
			}
			s += end - buf;
			if (!suppress)
				n++;
		}
	}
	va_end(ap);
	return n == 0 && *s == '\0' && s == str ? EOF : n;
}

int sscanf(const char *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}
