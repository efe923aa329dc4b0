/* Checksums and address text for the stack (pkt.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "net/stack/pkt.h"

uint32_t
pkt_sum(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t s = 0;
	uint16_t le;

	/* A one's complement sum is the same in either byte order (RFC
	 * 1071): add the data as native 32-bit words, fold, and swap the
	 * two bytes once at the end.  Eight bytes a step, not two. */
	while (len >= 8) {
		uint32_t a, b;

		memcpy(&a, p, 4);
		memcpy(&b, p + 4, 4);
		s += (uint64_t)a + b;
		p += 8;
		len -= 8;
	}
	while (len >= 2) {
		uint16_t h;

		memcpy(&h, p, 2);
		s += h;
		p += 2;
		len -= 2;
	}
	if (len)
		s += p[0];	/* the high byte of a big-endian pair */
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	le = (uint16_t)s;
	s = (uint64_t)sum + (uint16_t)(le >> 8 | le << 8);
	/* Keep the partial sum small so callers can keep adding. */
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint32_t)s;
}

uint16_t
pkt_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint32_t
pkt_pseudo(uint32_t src, uint32_t dst, uint8_t proto, size_t len)
{
	uint32_t s = 0;

	s += src >> 16;
	s += src & 0xffff;
	s += dst >> 16;
	s += dst & 0xffff;
	s += proto;
	s += (uint32_t)(len & 0xffff);
	return s;
}

const char *
pkt_ntoa(uint32_t a, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255,
	    (a >> 8) & 255, a & 255);

	if (n < 0 && len > 0)
		buf[0] = '\0';
	return buf;
}

int
pkt_aton(const char *s, size_t len, uint32_t *addr)
{
	uint32_t a = 0;
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		uint32_t v = 0;
		size_t digits = 0;

		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 4) {
			v = v * 10 + (uint32_t)(s[i] - '0');
			i++;
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return -EINVAL;
		a = a << 8 | v;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return -EINVAL;
			i++;
		}
	}
	if (i != len)
		return -EINVAL;
	*addr = a;
	return 0;
}
