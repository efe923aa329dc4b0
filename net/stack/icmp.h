/*
 * ICMP (RFC 792): answers echo requests, and echo sockets for ping
 * (icmp:echo/ADDR): each sends requests with its own identifier and
 * queues the replies that carry it.
 */
#ifndef NET_STACK_ICMP_H
#define NET_STACK_ICMP_H

#include <sys/types.h>

#include "net/stack/stack.h"

#define ICMP_HLEN 8
#define ICMP_QUEUE_MAX 32

struct icmp_sock;

int icmp_init(struct netstack *st);
void icmp_fini(struct netstack *st);
void icmp_input(struct netstack *st, uint32_t src, uint32_t dst,
    const uint8_t *p, size_t len);
int icmp_open(struct netstack *st, uint32_t raddr, int handle,
    struct icmp_sock **out);
/* Sends one echo request with data as payload; returns n or -errno. */
ssize_t icmp_send(struct netstack *st, struct icmp_sock *s, const void *data,
    size_t n);
/* One reply: its sequence number (2 bytes, little-endian), then the
 * payload. */
ssize_t icmp_recv(struct netstack *st, struct icmp_sock *s, void *buf,
    size_t n);
void icmp_close(struct netstack *st, struct icmp_sock *s);
unsigned icmp_poll(struct icmp_sock *s);
uint32_t icmp_peer(struct icmp_sock *s);

#endif
