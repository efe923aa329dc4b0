/*
 * IPv4 fragment reassembly, bounded: at most IPFRAG_SLOTS datagrams in
 * progress (the oldest is evicted for a new one), IPFRAG_PIECES pieces
 * each, IPFRAG_TIMEOUT_MS to complete.  A piece that overlaps another
 * (other than an exact duplicate, which is ignored) discards the whole
 * datagram, so overlapping-fragment tricks never produce data.
 */
#ifndef NET_STACK_IPFRAG_H
#define NET_STACK_IPFRAG_H

#include "net/stack/stack.h"

#define IPFRAG_SLOTS 16
#define IPFRAG_PIECES 64
#define IPFRAG_TIMEOUT_MS 30000

int ipfrag_init(struct netstack *st);
void ipfrag_fini(struct netstack *st);
/*
 * One fragment (pkt: its IP header of hl bytes and payload up to total).
 * When it completes a datagram, returns the payload (malloc'ed, the
 * caller frees it) and its length; else NULL.
 */
uint8_t *ipfrag_input(struct netstack *st, const uint8_t *pkt, size_t hl,
    size_t total, size_t *outlen);
void ipfrag_tick(struct netstack *st);
/* Datagrams being reassembled (for tests). */
int ipfrag_pending(struct netstack *st);

#endif
