/* fmt.c - a small vsnprintf: enough for the log and the sys: files. */
#include <stdbool.h>
#include <stdint.h>

#include "core/fmt.h"
#include "core/str.h"

struct out {
	char *buf;
	size_t cap, len;
};

static void
put(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void
pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void
emit(struct out *o, const char *s, size_t n, int width, bool left, char padc)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left)
		pad(o, padc, fill);
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
	if (left)
		pad(o, ' ', fill);
}

static void
number(struct out *o, uint64_t v, bool neg, unsigned base, bool upper,
    int width, int prec, bool left, bool zero, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (prec == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	int zeros = prec > n ? prec - n : 0;
	int plen = (neg ? 1 : 0) + (int)str_len(prefix);
	int total = plen + zeros + n;
	if (zero && !left && prec < 0 && width > total) {
		zeros += width - total;
		total = width;
	}
	if (!left)
		pad(o, ' ', width - total);
	if (neg)
		put(o, '-');
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (left)
		pad(o, ' ', width - total);
}

size_t
fmt_vformat(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct out o = { buf, cap, 0 };

	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			put(&o, *p);
			continue;
		}
		bool left = false, zero = false, alt = false;
		int width = 0, prec = -1, lng = 0;
		for (p++; *p == '-' || *p == '0' || *p == '#'; p++) {
			if (*p == '-')
				left = true;
			else if (*p == '#')
				alt = true;
			else
				zero = true;
		}
		if (*p == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				left = true;
				width = -width;
			}
			p++;
		}
		for (; *p >= '0' && *p <= '9'; p++)
			width = width * 10 + (*p - '0');
		if (*p == '.') {
			prec = 0;
			p++;
			if (*p == '*') {
				prec = va_arg(ap, int);
				p++;
			}
			for (; *p >= '0' && *p <= '9'; p++)
				prec = prec * 10 + (*p - '0');
		}
		for (; *p == 'l' || *p == 'z'; p++)
			lng++;
		switch (*p) {
		case 'd':
		case 'i': {
			int64_t v = lng ? va_arg(ap, long) : va_arg(ap, int);
			uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
			number(&o, u, v < 0, 10, false, width, prec, left, zero, "");
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			uint64_t v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			unsigned base = *p == 'u' ? 10 : *p == 'o' ? 8 : 16;
			const char *pre = !alt || v == 0 || base != 16 ? "" :
			    *p == 'X' ? "0X" : "0x";
			if (alt && base == 8) {
				/* '#': the first digit is a zero. */
				int nd = 0;
				for (uint64_t t = v; t; t /= 8)
					nd++;
				if (prec <= nd)
					prec = nd + 1;
			}
			number(&o, v, false, base, *p == 'X', width, prec, left, zero, pre);
			break;
		}
		case 'p':
			number(&o, (uintptr_t)va_arg(ap, void *), false, 16, false,
			    width, prec, left, zero, "0x");
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t n = prec >= 0 ? str_nlen(s, (size_t)prec) : str_len(s);
			emit(&o, s, n, width, left, ' ');
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			emit(&o, &c, 1, width, left, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:	/* unknown: print it as it stands */
			put(&o, '%');
			if (!*p)
				goto done;
			put(&o, *p);
		}
	}
done:
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = 0;
	return o.len;
}

size_t
fmt_format(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = fmt_vformat(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}
