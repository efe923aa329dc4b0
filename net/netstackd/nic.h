/* nic.h - the daemon's side of network: (nic.c). */
#ifndef NET_NETSTACKD_NIC_H
#define NET_NETSTACKD_NIC_H

#include <stddef.h>
#include <stdint.h>

#include "net/stack/stack.h"

/* Bytes of frames per system call: room for a few 64 KiB TSO frames. */
#define NIC_BATCH (256 * 1024)

enum nic_mode {
	NIC_SINGLE,	/* network:, one frame per call */
	NIC_BATCH_MODE,	/* network:batch, 2-byte length records */
	NIC_OFFLOAD,	/* network:offload, 8-byte headers, TSO and checksums */
};

struct nic {
	int fd;			/* network:..., -1 for none */
	int mode;		/* enum nic_mode */
	size_t olen;		/* bytes waiting in out */
	uint8_t out[NIC_BATCH];
	uint8_t in[NIC_BATCH];
};

/* Opens the NIC (network:offload, else network:batch; network: if
 * single; no offload if plain) and reads its MAC; 0, or -errno with
 * n->fd -1. */
int nic_open(struct nic *n, uint8_t mac[6], int single, int plain);
/* ns_output_fn: queues a frame for the next nic_flush (ctx: the nic). */
void nic_output(void *ctx, const uint8_t *frame, size_t len);
/* ns_output_meta_fn: the same with offload (NIC_OFFLOAD only). */
void nic_output_meta(void *ctx, const uint8_t *frame, size_t len,
    const struct ns_txmeta *m);
/* Sends what nic_output queued. */
void nic_flush(struct nic *n);
/* Feeds the frames waiting on the NIC to the stack (bounded). */
void nic_drain(struct nic *n, struct netstack *st, uint64_t (*now)(void));

#endif
