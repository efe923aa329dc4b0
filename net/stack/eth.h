/*
 * Raw Ethernet sockets (ethernet:TYPE): whole frames of one ethertype.
 * A socket receives a copy of every frame for us (our MAC or broadcast)
 * of its type, whatever the stack does with it, and sends whole frames
 * (destination, source, type, payload) of that type as they are, with
 * our MAC put in a zero source.
 */
#ifndef NET_STACK_ETH_H
#define NET_STACK_ETH_H

#include <sys/types.h>

#include "net/stack/stack.h"

#define ETH_QUEUE_MAX 64	/* frames waiting per socket */

struct eth_sock;

int eth_init(struct netstack *st);
void eth_fini(struct netstack *st);
/* A received frame for us (len >= NS_ETH_HLEN). */
void eth_input(struct netstack *st, const uint8_t *frame, size_t len);
int eth_open(struct netstack *st, uint16_t type, int handle,
    struct eth_sock **out);
ssize_t eth_send(struct netstack *st, struct eth_sock *e, const void *frame,
    size_t n);
ssize_t eth_recv(struct eth_sock *e, void *buf, size_t n);
void eth_close(struct netstack *st, struct eth_sock *e);
unsigned eth_poll(struct eth_sock *e);
uint16_t eth_type(struct eth_sock *e);

#endif
