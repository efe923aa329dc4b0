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
/* Bytes of [a, b) the peer reported holding. */
uint32_t tcp_sack_held(const struct tcp_pcb *p, uint32_t a, uint32_t b);
/* seq, or the end of the reported block it falls in. */
uint32_t tcp_sack_skip(const struct tcp_pcb *p, uint32_t seq);
/* In recovery: resends holes, then new data, while the pipe allows. */
void tcp_sack_recover(struct netstack *st, struct tcp_pcb *p);

#endif
