/*
 * IPv4 (RFC 791): header checks, delivery to ICMP, UDP and TCP, the
 * choice of next hop (on-link, router, or loopback) and fragmentation of
 * datagrams larger than the MTU on the way out.  Reassembly is ipfrag.
 */
#ifndef NET_STACK_IP_H
#define NET_STACK_IP_H

#include "net/stack/stack.h"

#define IP_HLEN 20
#define IP_PROTO_ICMP 1
#define IP_PROTO_TCP 6
#define IP_PROTO_UDP 17
#define IP_TTL 64
#define IP_MAXPACKET 65535

int ip_init(struct netstack *st);
void ip_fini(struct netstack *st);
/* A received IP packet (from the wire or loopback). */
void ip_input(struct netstack *st, const uint8_t *pkt, size_t len, int lo);
/*
 * Sends one datagram whose payload is hdr followed by data, from src
 * (0: the address ip_source picks) to dst.  0 or -errno.
 */
int ip_output(struct netstack *st, uint32_t src, uint32_t dst, uint8_t proto,
    const uint8_t *hdr, size_t hlen, const uint8_t *data, size_t dlen);
/* The same with a socket's time to live (0: IP_TTL). */
int ip_output_ttl(struct netstack *st, uint32_t src, uint32_t dst,
    uint8_t proto, uint8_t ttl, const uint8_t *hdr, size_t hlen,
    const uint8_t *data, size_t dlen);
/*
 * The same for a payload (plen bytes) already in place in frame, after
 * room for the Ethernet and IP headers, which are written in front: no
 * copy on the common way out (loopback and fragments copy).
 */
int ip_output_frame(struct netstack *st, uint32_t src, uint32_t dst,
    uint8_t proto, uint8_t ttl, uint8_t *frame, size_t plen);
/* The same with offload (m: what ip_offload said may be used; a payload
 * up to IP_MAXPACKET - IP_HLEN with m->gso_size). */
int ip_output_frame_meta(struct netstack *st, uint32_t src, uint32_t dst,
    uint8_t proto, uint8_t ttl, uint8_t *frame, size_t plen,
    const struct ns_txmeta *m);
/* The offload (NS_OFF_*) packets to dst may use now: the NIC's, when dst
 * is reached through it and its next hop's MAC is known (packets waiting
 * for ARP are copied plain). */
unsigned ip_offload(struct netstack *st, uint32_t dst);
/* The local address a packet to dst leaves from (0: none configured). */
uint32_t ip_source(struct netstack *st, uint32_t dst);
/* Whether addr is one of ours (the interface's or 127/8). */
int ip_is_local(struct netstack *st, uint32_t addr);
/* Whether packets to dst go through loopback. */
int ip_is_loopback(struct netstack *st, uint32_t dst);

#endif
