/*
 * nic.c - netstackd's frames to and from network:.
 *
 * network:batch moves many frames per system call (each a 2-byte
 * little-endian length, then the frame): a bulk TCP transfer is some
 * 80,000 frames a second each way at 1 Gbit/s, and in redox-hosted each
 * call costs several microseconds of FS-base swaps.  Frames the stack
 * sends wait in out until nic_flush, which the event loop calls before
 * it sleeps (and nic_output when out is full); what a full NIC queue
 * refuses stays for the next flush.  A kernel without network:batch
 * gets one frame per call on network:.
 *
 * network:offload (the default when the NIC offers it) is the batch with
 * an 8-byte header per frame (u32 length, u16 gso_size, u8 flags, u8 0):
 * the stack then sends TCP super-segments of up to 64 KiB that the NIC
 * cuts, leaves checksums to it, and takes the large frames it joins.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "net/netstackd/nic.h"

#define REC_HDR 2
#define OREC_HDR 8
#define DRAIN_MAX 256		/* reads per turn: other work gets its go */

int
nic_open(struct nic *n, uint8_t mac[6], int single, int plain)
{
	int m;

	n->olen = 0;
	n->fd = -1;
	n->mode = NIC_OFFLOAD;
	if (!single && !plain)
		n->fd = open("network:offload", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (!single && n->fd < 0 && (plain || errno == ENOENT)) {
		n->mode = NIC_BATCH_MODE;
		n->fd = open("network:batch", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	}
	if (single || (n->fd < 0 && errno == ENOENT)) {
		n->mode = NIC_SINGLE;
		n->fd = open("network:", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	}
	if (n->fd < 0)
		return -errno;
	m = open("network:mac", O_RDONLY | O_CLOEXEC);
	if (m < 0 || read(m, mac, 6) != 6)
		fprintf(stderr, "netstackd: network:mac: %s\n", strerror(errno));
	if (m >= 0)
		close(m);
	return 0;
}

/* Writes frames; the bytes the NIC took (whole records), 0 if none. */
static size_t
send_frames(struct nic *n, const uint8_t *buf, size_t len)
{
	ssize_t w = write(n->fd, buf, len);

	if (w < 0 && errno != EAGAIN && errno != EINTR)
		fprintf(stderr, "netstackd: network: %s\n", strerror(errno));
	return w > 0 ? (size_t)w : 0;
}

void
nic_flush(struct nic *n)
{
	size_t w;

	if (n->olen == 0)
		return;
	/* What a full NIC queue refused waits for the next flush. */
	w = send_frames(n, n->out, n->olen);
	memmove(n->out, n->out + w, n->olen - w);
	n->olen -= w;
}

/* Room for a record of hl + len bytes at the end of out. */
static uint8_t *
nic_room(struct nic *n, size_t hl, size_t len)
{
	uint8_t *r;

	if (n->olen + hl + len > sizeof(n->out))
		nic_flush(n);
	/* Still full: the NIC takes nothing, so the oldest frames are lost
	 * (TCP resends) rather than the stack stalling. */
	if (n->olen + hl + len > sizeof(n->out))
		n->olen = 0;
	r = n->out + n->olen;
	n->olen += hl + len;
	return r;
}

void
nic_output_meta(void *ctx, const uint8_t *f, size_t len,
    const struct ns_txmeta *m)
{
	struct nic *n = ctx;
	uint8_t *r;

	if (n->mode != NIC_OFFLOAD || len > NS_GSO_FRAME_MAX)
		return;
	r = nic_room(n, OREC_HDR, len);
	r[0] = (uint8_t)len;
	r[1] = (uint8_t)(len >> 8);
	r[2] = (uint8_t)(len >> 16);
	r[3] = (uint8_t)(len >> 24);
	r[4] = m ? (uint8_t)m->gso_size : 0;
	r[5] = m ? (uint8_t)(m->gso_size >> 8) : 0;
	r[6] = m && (m->flags & NS_TX_CSUM) ? 1 : 0;
	r[7] = 0;
	memcpy(r + OREC_HDR, f, len);
}

void
nic_output(void *ctx, const uint8_t *f, size_t len)
{
	struct nic *n = ctx;
	uint8_t *r;

	if (n->mode == NIC_SINGLE) {
		/* A full NIC queue loses the frame, as a full ring does. */
		(void)send_frames(n, f, len);
		return;
	}
	if (n->mode == NIC_OFFLOAD) {
		nic_output_meta(ctx, f, len, NULL);
		return;
	}
	if (len > 0xffff)
		return;
	r = nic_room(n, REC_HDR, len);
	r[0] = (uint8_t)len;
	r[1] = (uint8_t)(len >> 8);
	memcpy(r + REC_HDR, f, len);
}

/* Feeds one read of offload records to the stack. */
static void
nic_input_offload(struct nic *n, struct netstack *st, size_t got, uint64_t t)
{
	size_t off = 0;

	while (off + OREC_HDR <= got) {
		const uint8_t *h = n->in + off;
		size_t len = (size_t)h[0] | (size_t)h[1] << 8 |
		    (size_t)h[2] << 16 | (size_t)h[3] << 24;

		if (len > got - off - OREC_HDR)
			break;	/* a torn record: drop */
		ns_input_meta(st, h + OREC_HDR, len, t,
		    (h[6] & 1) ? NS_RX_CSUM_OK : 0);
		off += OREC_HDR + len;
	}
}

void
nic_drain(struct nic *n, struct netstack *st, uint64_t (*now)(void))
{
	for (int i = 0; i < DRAIN_MAX; i++) {
		ssize_t got = read(n->fd, n->in, sizeof(n->in));
		uint64_t t = now();
		size_t off = 0;

		if (got <= 0)
			return;
		if (n->mode == NIC_SINGLE) {
			ns_input(st, n->in, (size_t)got, t);
			continue;
		}
		ns_input_batch(st, 1);
		if (n->mode == NIC_OFFLOAD)
			nic_input_offload(n, st, (size_t)got, t);
		while (n->mode == NIC_BATCH_MODE && off + REC_HDR <= (size_t)got) {
			size_t len = (size_t)n->in[off] | (size_t)n->in[off + 1] << 8;

			if (len > (size_t)got - off - REC_HDR)
				break;	/* the kernel gave a torn record: drop */
			ns_input(st, n->in + off + REC_HDR, len, t);
			off += REC_HDR + len;
		}
		ns_input_batch(st, 0);
	}
}
