/*
 * UDP (RFC 768): sockets bound to a local port, optionally connected,
 * each with a bounded queue of received datagrams.  A socket may instead
 * hand datagrams to a function (the DHCP client and the DNS resolver).
 */
#ifndef NET_STACK_UDP_H
#define NET_STACK_UDP_H

#include <sys/types.h>

#include "net/stack/stack.h"

#define UDP_HLEN 8
#define UDP_QUEUE_MAX 64	/* datagrams waiting per socket */
#define UDP_QUEUE_BYTES 262144

struct udp_sock;
typedef void (*udp_deliver_fn)(struct netstack *st, void *ctx, uint32_t src,
    uint16_t sport, const uint8_t *data, size_t len);

int udp_init(struct netstack *st);
void udp_fini(struct netstack *st);
void udp_input(struct netstack *st, uint32_t src, uint32_t dst,
    const uint8_t *p, size_t len);
/* lport 0: an ephemeral port. */
int udp_open(struct netstack *st, uint32_t laddr, uint16_t lport,
    uint32_t raddr, uint16_t rport, struct udp_sock **out);
void udp_set_deliver(struct udp_sock *u, udp_deliver_fn fn, void *ctx);
void udp_set_handle(struct udp_sock *u, int handle);
ssize_t udp_recvfrom(struct netstack *st, struct udp_sock *u, void *buf,
    size_t n, uint32_t *addr, uint16_t *port);
/* addr 0: to the connected peer. */
ssize_t udp_sendto(struct netstack *st, struct udp_sock *u, const void *buf,
    size_t n, uint32_t addr, uint16_t port);
/* A datagram from any source address (DHCP sends from 0.0.0.0). */
/* A socket's IP time to live (0: the default). */
void udp_set_ttl(struct udp_sock *u, uint8_t ttl);
uint8_t udp_ttl(struct udp_sock *u);
int udp_send_raw(struct netstack *st, uint32_t src, uint16_t sport,
    uint32_t dst, uint16_t dport, const void *buf, size_t n);
void udp_close(struct netstack *st, struct udp_sock *u);
unsigned udp_poll(struct udp_sock *u);
void udp_endpoints(struct udp_sock *u, uint32_t *laddr, uint16_t *lport,
    uint32_t *raddr, uint16_t *rport);

#endif
