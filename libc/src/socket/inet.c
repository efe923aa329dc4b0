/* inet.c - IPv4 addresses as text (arpa/inet.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "socket_impl.h"

/* inet_aton's forms: a, a.b, a.b.c, a.b.c.d, each part decimal, octal
 * (leading 0) or hex (0x), the last part filling the remaining bytes. */
int
inet_aton(const char *cp, struct in_addr *inp)
{
	unsigned long part[4];
	int n = 0;
	const char *s = cp;

	for (;;) {
		unsigned long v = 0;
		int base = 10, digits = 0;
		if (*s == '0') {
			base = 8;
			if (s[1] == 'x' || s[1] == 'X') {
				base = 16;
				s += 2;
			}
		}
		for (;; s++, digits++) {
			int d;
			if (*s >= '0' && *s <= '9')
				d = *s - '0';
			else if (base == 16 && *s >= 'a' && *s <= 'f')
				d = *s - 'a' + 10;
			else if (base == 16 && *s >= 'A' && *s <= 'F')
				d = *s - 'A' + 10;
			else
				break;
			if (d >= base)
				return 0;
			v = v * (unsigned long)base + (unsigned long)d;
			if (v > 0xffffffffUL)
				return 0;
		}
		if (!digits && base != 8)
			return 0;
		part[n++] = v;
		if (*s != '.')
			break;
		if (n == 4)
			return 0;
		s++;
	}
	if (*s)
		return 0;
	unsigned long a;
	switch (n) {
	case 1: a = part[0]; break;
	case 2: if (part[0] > 255 || part[1] > 0xffffff) return 0;
		a = part[0] << 24 | part[1]; break;
	case 3: if (part[0] > 255 || part[1] > 255 || part[2] > 0xffff) return 0;
		a = part[0] << 24 | part[1] << 16 | part[2]; break;
	default: if (part[0] > 255 || part[1] > 255 || part[2] > 255 || part[3] > 255) return 0;
		a = part[0] << 24 | part[1] << 16 | part[2] << 8 | part[3]; break;
	}
	if (inp)
		inp->s_addr = htonl((uint32_t)a);
	return 1;
}

in_addr_t
inet_addr(const char *cp)
{
	struct in_addr a;
	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *
inet_ntoa(struct in_addr in)
{
	static char buf[INET_ADDRSTRLEN];
	uint32_t a = ntohl(in.s_addr);
	snprintf(buf, sizeof buf, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
	return buf;
}

/* inet_pton: only the strict dotted quad, as POSIX says for AF_INET. */
int
inet_pton(int af, const char *src, void *dst)
{
	struct sockaddr_in in;
	size_t n = strlen(src);
	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	/* __sock_endpoint takes "a.b.c.d[:port]"; no port allowed here. */
	if (n == 0 || n > 15 || strchr(src, ':') || __sock_endpoint(src, n, &in) < 0)
		return 0;
	for (const char *p = src; *p; p++)	/* no leading zeros ("01") */
		if (*p == '0' && (p == src || p[-1] == '.') && p[1] >= '0' && p[1] <= '9')
			return 0;
	memcpy(dst, &in.sin_addr, sizeof in.sin_addr);
	return 1;
}

const char *
inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	const unsigned char *b = src;
	char tmp[INET_ADDRSTRLEN];
	int n = snprintf(tmp, sizeof tmp, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	if (n < 0 || (socklen_t)n >= size) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, tmp, (size_t)n + 1);
	return dst;
}
