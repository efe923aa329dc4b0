/*
 * The stack's socket API: small integer handles over TCP connections,
 * UDP sockets, ICMP echo sockets and DNS lookups.  Nothing blocks: a call
 * that would wait returns -EAGAIN, and the ready callback (ns_set_ready)
 * says when a handle's readiness changed.  The callback must only record
 * the event; calling the stack from inside it is not allowed.
 */
#ifndef NET_STACK_SOCK_H
#define NET_STACK_SOCK_H

#include <sys/types.h>

#include "net/stack/stack.h"

#define NS_EV_READ 1u
#define NS_EV_WRITE 2u
#define NS_EV_HUP 4u
#define NS_EV_ERR 8u

enum ns_socktype { NS_FREE, NS_TCP, NS_UDP, NS_ICMP, NS_DNS, NS_RAW, NS_ETH };

#define NS_SOCK_MAX 4096

/* NS_OPT_TTL: the IP time to live of what the socket sends (1..255;
 * TCP and UDP; ns_getopt reads it back). */
/* NS_OPT_SNDBUF, NS_OPT_RCVBUF (ns_getopt only): the socket's buffer
 * sizes in bytes (UDP: the largest datagram it sends, as nothing waits;
 * the bytes its receive queue holds). */
enum ns_opt { NS_OPT_KEEPALIVE = 1, NS_OPT_NODELAY, NS_OPT_TTL,
    NS_OPT_SNDBUF, NS_OPT_RCVBUF };

struct ns_endpoints {
	uint32_t laddr, raddr;
	uint16_t lport, rport;
};

int sock_init(struct netstack *st);
void sock_fini(struct netstack *st);

/* Opening.  Each returns a handle or -errno. */
int ns_tcp_connect(struct netstack *st, uint32_t raddr, uint16_t rport,
    uint32_t laddr, uint16_t lport);
int ns_tcp_listen(struct netstack *st, uint32_t laddr, uint16_t lport,
    int backlog);
int ns_accept(struct netstack *st, int h);
/* raddr/rport 0: unconnected (use sendto/recvfrom). */
int ns_udp_open(struct netstack *st, uint32_t laddr, uint16_t lport,
    uint32_t raddr, uint16_t rport);
/* Writes send echo requests with the data as payload (numbered from 0);
 * reads return a reply as its 2-byte little-endian sequence number and
 * the payload. */
int ns_icmp_echo(struct netstack *st, uint32_t raddr);
/* Raw IP (ip:PROTO): reads give whole packets of that protocol sent to
 * us; writes take whole packets (destination and protocol from the
 * header). */
int ns_ip_raw(struct netstack *st, uint8_t proto);
/* Raw Ethernet (ethernet:TYPE, eth.h): reads give whole frames of that
 * ethertype sent to us, writes take whole frames of it. */
int ns_eth_raw(struct netstack *st, uint16_t type);
/* Reads give the 4-byte address (network order) once resolved. */
int ns_dns_lookup(struct netstack *st, const char *name, size_t len);

ssize_t ns_read(struct netstack *st, int h, void *buf, size_t n);
ssize_t ns_write(struct netstack *st, int h, const void *buf, size_t n);
/* Whether a write of n bytes should go now: TCP has room for it or for
 * half its buffer (or an error or state ns_write will report); other
 * sockets always. */
int ns_write_ready(struct netstack *st, int h, size_t n);
ssize_t ns_recvfrom(struct netstack *st, int h, void *buf, size_t n,
    uint32_t *addr, uint16_t *port);
ssize_t ns_sendto(struct netstack *st, int h, const void *buf, size_t n,
    uint32_t addr, uint16_t port);
/* TCP: no more writes (sends FIN). */
int ns_shutdown(struct netstack *st, int h);
/* TCP: no more reads; they give 0, and data is acknowledged and dropped. */
int ns_shutdown_read(struct netstack *st, int h);
int ns_close(struct netstack *st, int h);
unsigned ns_poll(struct netstack *st, int h);
int ns_endpoints(struct netstack *st, int h, struct ns_endpoints *e);
int ns_setopt(struct netstack *st, int h, int opt, int val);
/* An option's value (NS_OPT_TTL, NS_OPT_SNDBUF, NS_OPT_RCVBUF), or
 * -errno. */
int ns_getopt(struct netstack *st, int h, int opt);
int ns_type(struct netstack *st, int h);
/* The TCP state of a handle (enum tcp_state), or -errno. */
int ns_tcp_state(struct netstack *st, int h);

#endif
