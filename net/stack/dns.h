/*
 * A DNS stub resolver (RFC 1035): A records over UDP from the configured
 * name server, three tries a second apart.  Dotted quads and "localhost"
 * resolve without a query.
 */
#ifndef NET_STACK_DNS_H
#define NET_STACK_DNS_H

#include "net/stack/stack.h"

#define DNS_PORT 53
#define DNS_TRIES 3
#define DNS_RETRY_MS 1000
#define DNS_NAME_MAX 253

struct dns_query;

int dns_init(struct netstack *st);
void dns_fini(struct netstack *st);
void dns_tick(struct netstack *st);
/* Starts a lookup; readiness goes to handle when it ends. */
int dns_start(struct netstack *st, const char *name, size_t len, int handle,
    struct dns_query **out);
/* 0 and the address; -EAGAIN while waiting; -ENOENT (no such name),
 * -ETIMEDOUT, -EIO (a bad answer), -ENETUNREACH (no server). */
int dns_result(struct dns_query *q, uint32_t *addr);
void dns_cancel(struct netstack *st, struct dns_query *q);
/* Parses a response to query id; 0 and the first A record, or -errno.
 * Exposed for the fuzz target. */
int dns_parse(const uint8_t *p, size_t len, uint16_t id, uint32_t *addr);

#endif
