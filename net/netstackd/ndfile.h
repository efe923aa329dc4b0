/*
 * The open files of netstackd's schemes and the requests that wait: one
 * table of handles over the stack's sockets (tcp:, udp:, icmp:, dns:, ip:) and
 * netcfg: nodes, and a list of requests kept for later (a read with no
 * data yet, an accept with no connection, a write into a full buffer),
 * answered as the stack moves and dropped on CANCEL or CLOSE.
 */
#ifndef NET_NETSTACKD_NDFILE_H
#define NET_NETSTACKD_NDFILE_H

#include <stddef.h>
#include <stdint.h>
#include <redox/abi.h>

#include "net/stack/stack.h"

enum { ND_TCP, ND_UDP, ND_ICMP, ND_NETCFG, ND_DNS, ND_IP, ND_ETH, ND_NSCHEMES };

#define ND_FILES 1024

/* What a dup(fd, "read_timeout") (ndset.c) file sets. */
enum { SET_NONE, SET_READ_TIMEOUT, SET_WRITE_TIMEOUT, SET_TTL, SET_SNDBUF,
    SET_RCVBUF };

struct ndfile {
	int used;
	int scheme;
	int sh;			/* the stack's handle; -1: netcfg, or a
				 * tcp:/udp: socket not bound yet */
	uint32_t taddr;		/* udp: where writes go (sendto), or 0 */
	uint16_t tport;
	uint32_t faddr;		/* udp: the last datagram's sender, which */
	uint16_t fport;		/* fpath gives an unconnected socket as its
				 * remote end (libc's recvfrom reads it) */
	int node;		/* netcfg */
	int nonblock;		/* O_NONBLOCK at open (for accepts) */
	uint64_t rd_to, wr_to;	/* ms a kept read/write may wait; 0: ever */
	uint8_t ttl;		/* IP_TTL asked for before the socket existed */
	int setting;		/* a dup(fd, "read_timeout") file: which */
	int target;		/* and the file it sets */
	uint32_t events;	/* readiness last reported */
	char *text;		/* netcfg and dns: what reads give */
	size_t tlen, tpos;
	int have_text;
};

struct ndpend {
	struct ndpend *next;
	int scheme, file, op;
	uint64_t id;
	uint64_t deadline;	/* st->now at which it gives up; 0: never */
	uint32_t len;
	uint32_t cap;		/* bytes data[] has room for */
	uint8_t data[];
};

struct nd {
	struct netstack *st;
	int sfd[ND_NSCHEMES];	/* registered scheme fds (-1: none) */
	struct ndfile *files;
	struct ndpend *pend;
	int *refs;		/* descriptions per stack handle */
	uint8_t *out;		/* a response and its payload */
	struct ndpend *spare;	/* a freed full-size kept write, for reuse */
};

extern const char *const nd_names[ND_NSCHEMES];

int nd_init(struct nd *nd, struct netstack *st);
/* Handles one request that came on scheme s's fd. */
void nd_request(struct nd *nd, int s, const struct scheme_request *rq,
    const uint8_t *in);
/* Answers waiting requests the stack can now satisfy and reports
 * readiness changes to event: watchers. */
void nd_service(struct nd *nd);
/* Requests waiting (for the timer choice). */
int nd_waiting(struct nd *nd);

#endif
