/*
 * netcfg: the configuration tree, as Redox's smolnetd serves it:
 *   ifaces/eth0/mac            read: xx:xx:xx:xx:xx:xx
 *   ifaces/eth0/addr/list      read: ADDR/PREFIX (nothing when unset)
 *   ifaces/eth0/addr/set       write: ADDR/PREFIX
 *   route/list                 read: "default via GW" and on-link lines
 *   route/add                  write: "default via GW"
 *   route/rm                   write: "default"
 *   resolv/nameserver          read, write: ADDR
 *   sockets                    read: "PROTO LOCAL REMOTE [STATE]" lines
 */
#ifndef NET_NETSTACKD_NETCFG_H
#define NET_NETSTACKD_NETCFG_H

#include <stddef.h>

#include "net/stack/stack.h"

enum { NC_MAC, NC_ADDR_LIST, NC_ADDR_SET, NC_ROUTE_LIST, NC_ROUTE_ADD,
    NC_ROUTE_RM, NC_NAMESERVER, NC_SOCKETS };

#define NETCFG_TEXT_MAX 65536	/* the longest text a node gives */

/* The node for a path, or -ENOENT; -EISDIR for a directory. */
int netcfg_lookup(const char *path, size_t len);
/* The text a read of node gives, into buf; its length. */
size_t netcfg_read(struct netstack *st, int node, char *buf, size_t cap);
/* A write of text to node; 0 or -errno. */
int netcfg_write(struct netstack *st, int node, const char *text, size_t len);
/* Parses ADDR/PREFIX; 0 or -EINVAL. */
int netcfg_cidr(const char *s, size_t len, uint32_t *addr, uint32_t *mask);

#endif
