/*
 * lib.c - mem* for the core and the compiler, and the HAL's printf.
 *
 * The mem* functions use the string instructions: short, correct for any
 * alignment, and fast on CPUs with ERMS; the compiler cannot turn them
 * back into calls to themselves.
 */
#include "hal/x86_64/lib.h"
#include "hal/x86_64/fbcon.h"
#include "hal/x86_64/serial.h"
#include "hal/x86_64/trap.h"

void *
memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	return dst;
}

void *
memmove(void *dst, const void *src, size_t n)
{
	if ((uintptr_t)dst <= (uintptr_t)src || (uintptr_t)dst >= (uintptr_t)src + n)
		return memcpy(dst, src, n);
	/* Overlap with dst above src: copy backwards. */
	void *d = (char *)dst + n - 1;
	const void *s = (const char *)src + n - 1;
	__asm__ volatile("std; rep movsb; cld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return dst;
}

void *
memset(void *dst, int c, size_t n)
{
	void *d = dst;
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

size_t
x86_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int
x86_strncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
		if (!a[i])
			return 0;
	}
	return 0;
}

/* The HAL's own messages go where the console's do, in the same order. */
static void
out(const char *p, size_t n)
{
	fbcon_write(p, n);
	serial_write(p, n);
}

static void
put_num(uint64_t v, unsigned base, int neg, int width, char pad)
{
	char buf[24];
	int n = 0;
	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		buf[n++] = '-';
	while (width-- > n)
		out(&pad, 1);
	while (n)
		out(&buf[--n], 1);
}

void
x86_vprintf(const char *fmt, va_list ap)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			const char *q = p;
			while (*q && *q != '%')
				q++;
			out(p, (size_t)(q - p));
			p = q - 1;
			continue;
		}
		p++;
		char pad = ' ';
		int width = 0, lng = 0;
		if (*p == '0')
			pad = '0';
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (*p++ - '0');
		while (*p == 'l' || *p == 'z') {
			lng = 1;
			p++;
		}
		switch (*p) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			s = s ? s : "(null)";
			out(s, x86_strlen(s));
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			out(&c, 1);
			break;
		}
		case 'd': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_num(v < 0 ? (uint64_t)-v : (uint64_t)v, 10, v < 0, width, pad);
			break;
		}
		case 'u':
			put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0, width, pad);
			break;
		case 'x':
			put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0, width, pad);
			break;
		case 'p':
			out("0x", 2);
			put_num((uint64_t)va_arg(ap, void *), 16, 0, 16, '0');
			break;
		case '%':
			out("%", 1);
			break;
		default:
			if (!*p)
				return;
			out(p - 1, 2);
		}
	}
}

void
x86_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	x86_vprintf(fmt, ap);
	va_end(ap);
}

_Noreturn void
x86_panic(const char *fmt, ...)
{
	va_list ap;
	__asm__ volatile("cli");
	x86_printf("\nx86 panic: ");
	va_start(ap, fmt);
	x86_vprintf(fmt, ap);
	va_end(ap);
	x86_printf("\n");
	x86_backtrace((uint64_t)__builtin_frame_address(0));
	x86_halt();
}
