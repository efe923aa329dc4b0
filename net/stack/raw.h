/*
 * Raw IP sockets (ip:PROTO): each gets a copy of every IPv4 packet of its
 * protocol addressed to us (the whole packet, header included), and
 * sends whole packets: the header's destination and protocol are taken,
 * the rest of the header is the stack's own.
 */
#ifndef NET_STACK_RAW_H
#define NET_STACK_RAW_H

#include <sys/types.h>

#include "net/stack/stack.h"

#define RAW_QUEUE_MAX 64

struct raw_sock;

int raw_init(struct netstack *st);
void raw_fini(struct netstack *st);
/* A received packet (pkt: header and payload, len bytes in all). */
void raw_input(struct netstack *st, const uint8_t *pkt, size_t len);
int raw_open(struct netstack *st, uint8_t proto, int handle,
    struct raw_sock **out);
ssize_t raw_send(struct netstack *st, struct raw_sock *r, const void *pkt,
    size_t n);
ssize_t raw_recv(struct netstack *st, struct raw_sock *r, void *buf,
    size_t n);
void raw_close(struct netstack *st, struct raw_sock *r);
unsigned raw_poll(struct raw_sock *r);
uint8_t raw_proto(struct raw_sock *r);

#endif
