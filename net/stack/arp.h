/*
 * ARP (RFC 826) and Ethernet output of IP packets: a small cache of
 * address-to-MAC mappings that expire, and packets held while their
 * next hop is being resolved (a few per address, dropped if it never
 * answers).
 */
#ifndef NET_STACK_ARP_H
#define NET_STACK_ARP_H

#include "net/stack/stack.h"

#define ARP_ENTRIES 64
#define ARP_PENDING 8		/* packets held per unresolved address */
#define ARP_TTL_MS 60000	/* a learned mapping lives this long */
#define ARP_RETRY_MS 1000
#define ARP_TRIES 3

int arp_init(struct netstack *st);
void arp_fini(struct netstack *st);
void arp_flush(struct netstack *st);
/* Broadcasts our own mapping (gratuitous ARP) after configuration. */
void arp_announce(struct netstack *st);
void arp_input(struct netstack *st, const uint8_t *p, size_t len);
void arp_tick(struct netstack *st);
/* Sends an IP packet to nexthop (255.255.255.255 = broadcast). */
void arp_output(struct netstack *st, uint32_t nexthop, const uint8_t *pkt,
    size_t len);
/* The same for a whole frame whose Ethernet header (the first
 * NS_ETH_HLEN bytes) is filled in here: no copy once addr is resolved. */
void arp_output_frame(struct netstack *st, uint32_t nexthop, uint8_t *frame,
    size_t len);
/* The same with offload: only once nexthop is resolved (ip_offload), up
 * to NS_GSO_FRAME_MAX bytes; else the frame is dropped. */
void arp_output_frame_meta(struct netstack *st, uint32_t nexthop,
    uint8_t *frame, size_t len, const struct ns_txmeta *m);
/* 0 and the MAC if addr is resolved, else -ENOENT. */
int arp_lookup(struct netstack *st, uint32_t addr, uint8_t mac[6]);

#endif
