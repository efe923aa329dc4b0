/*
 * The sender's side of SACK (RFC 2018, loss recovery after RFC 6675): a
 * scoreboard of what the peer reported holding beyond snd_una, and
 * recovery that resends the holes and sends new data while the data in
 * flight (the "pipe") is below cwnd.
 */
#ifndef NET_STACK_TCP_SACK_H
#define NET_STACK_TCP_SACK_H

#include "net/stack/tcp.h"

/* Merges n blocks (start, end pairs) from an ACK of ack into the
 * scoreboard and forgets what ack covers. */
void tcp_sack_update(struct tcp_pcb *p, uint32_t ack, const uint32_t *blocks,
    int n);
/* In recovery: resends holes, then new data, while the pipe allows. */
void tcp_sack_recover(struct netstack *st, struct tcp_pcb *p);

#endif
