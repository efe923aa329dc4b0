/*
 * A DHCP client (RFC 2131): DISCOVER, OFFER, REQUEST, ACK, then renewal
 * at T1 (unicast to the server), rebinding at T2 (broadcast) and back to
 * the start when the lease runs out.  A lease configures the interface
 * (address, netmask, router, name server) through ns_configure.
 */
#ifndef NET_STACK_DHCP_H
#define NET_STACK_DHCP_H

#include "net/stack/stack.h"

enum dhcp_state {
	DHCP_OFF, DHCP_SELECTING, DHCP_REQUESTING, DHCP_BOUND,
	DHCP_RENEWING, DHCP_REBINDING
};

#define DHCP_RETRY_MS 2000
#define DHCP_REQUEST_TRIES 4

struct dhcp_lease {
	uint32_t addr, mask, router, dns, server;
	uint32_t lease_s;
};

int dhcp_init(struct netstack *st);
void dhcp_fini(struct netstack *st);
void dhcp_tick(struct netstack *st);
/* Starts (or restarts) configuration by DHCP; 0 or -errno. */
int dhcp_start(struct netstack *st);
int dhcp_state(struct netstack *st);
/* The current lease (valid in BOUND, RENEWING, REBINDING). */
void dhcp_lease(struct netstack *st, struct dhcp_lease *l);
/* Parses a server's reply for xid and mac: the message type (2 offer,
 * 5 ack, 6 nak) and the lease, or -1.  Exposed for the fuzz target. */
int dhcp_parse(const uint8_t *p, size_t len, uint32_t xid,
    const uint8_t mac[6], struct dhcp_lease *l);

#endif
