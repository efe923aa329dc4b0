/*
 * Byte-order access to packet bytes and the Internet checksum.  Every
 * multi-byte field of a frame is read and written through these, so no
 * parser depends on alignment or host byte order.
 */
#ifndef NET_STACK_PKT_H
#define NET_STACK_PKT_H

#include <stddef.h>
#include <stdint.h>

static inline uint16_t
pkt_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
pkt_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline void
pkt_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
pkt_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* One's-complement sum of len bytes added to sum (not folded). */
uint32_t pkt_sum(uint32_t sum, const void *data, size_t len);
/* Folds a sum and complements it: the value a checksum field holds. */
uint16_t pkt_fold(uint32_t sum);
/* The TCP/UDP pseudo-header sum (addresses in host order). */
uint32_t pkt_pseudo(uint32_t src, uint32_t dst, uint8_t proto, size_t len);
/* "a.b.c.d" for an address, into buf (at least 16 bytes). */
const char *pkt_ntoa(uint32_t addr, char *buf, size_t len);
/* Parses "a.b.c.d" (exactly four decimal parts); 0 or -EINVAL. */
int pkt_aton(const char *s, size_t len, uint32_t *addr);

#endif
