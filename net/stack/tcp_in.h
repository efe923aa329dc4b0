/* TCP segment input: checks, demultiplexing and the state machine
 * (RFC 9293 3.10.7). */
#ifndef NET_STACK_TCP_IN_H
#define NET_STACK_TCP_IN_H

#include "net/stack/tcp.h"

/* One received TCP segment (the IP payload) from src to dst. */
void tcp_input(struct netstack *st, uint32_t src, uint32_t dst,
    const uint8_t *seg, size_t len);

#endif
