/* nic.h - the daemon's side of network: (nic.c). */
#ifndef NET_NETSTACKD_NIC_H
#define NET_NETSTACKD_NIC_H

#include <stddef.h>
#include <stdint.h>

#include "net/stack/stack.h"

#define NIC_BATCH (64 * 1024)	/* bytes of frames per system call */

struct nic {
	int fd;			/* network:batch or network:, -1 for none */
	int batch;		/* fd speaks batch records */
	size_t olen;		/* bytes waiting in out */
	uint8_t out[NIC_BATCH];
	uint8_t in[NIC_BATCH];
};

/* Opens the NIC (network:batch, else or if single network:) and reads
 * its MAC;
 * 0, or -errno with n->fd -1. */
int nic_open(struct nic *n, uint8_t mac[6], int single);
/* ns_output_fn: queues a frame for the next nic_flush (ctx: the nic). */
void nic_output(void *ctx, const uint8_t *frame, size_t len);
/* Sends what nic_output queued. */
void nic_flush(struct nic *n);
/* Feeds the frames waiting on the NIC to the stack (bounded). */
void nic_drain(struct nic *n, struct netstack *st, uint64_t (*now)(void));

#endif
