/*
 * The servers netstack-tap runs on the stack: TCP echo, and HTTP/1.0
 * GET of files under a directory (200 with Content-Length, 404, 400).
 * Any number of connections at once; nothing blocks.
 */
#ifndef NET_HOST_TAPSERVE_H
#define NET_HOST_TAPSERVE_H

#include "net/stack/stack.h"

struct tapserve_conn;

struct tapserve {
	struct netstack *st;
	int echo_h, http_h;	/* listening handles, or -1 */
	const char *root;
	struct tapserve_conn *conns;
	unsigned long served;
};

/* Listens on the ports (0: not that one); 0 or -errno. */
int tapserve_start(struct tapserve *sv, struct netstack *st,
    uint16_t echo_port, uint16_t http_port, const char *root);
/* Accepts and moves data; returns whether it did anything. */
int tapserve_poll(struct tapserve *sv);
void tapserve_stop(struct tapserve *sv);

#endif
