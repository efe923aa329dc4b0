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

enum { ND_TCP, ND_UDP, ND_ICMP, ND_NETCFG, ND_DNS, ND_IP, ND_NSCHEMES };

#define ND_FILES 1024

struct ndfile;
struct ndpend;

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
