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
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "net/netstackd/nic.h"

#define REC_HDR 2
#define DRAIN_MAX 256		/* reads per turn: other work gets its go */

int
nic_open(struct nic *n, uint8_t mac[6], int single)
{
	int m;

	n->olen = 0;
	n->batch = !single;
	n->fd = single ? -1 : open("network:batch", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (single || (n->fd < 0 && errno == ENOENT)) {
		n->batch = 0;
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

void
nic_output(void *ctx, const uint8_t *f, size_t len)
{
	struct nic *n = ctx;

	if (!n->batch) {
		/* A full NIC queue loses the frame, as a full ring does. */
		(void)send_frames(n, f, len);
		return;
	}
	if (len > 0xffff)
		return;
	if (n->olen + REC_HDR + len > sizeof(n->out))
		nic_flush(n);
	/* Still full: the NIC takes nothing, so the oldest frames are lost
	 * (TCP resends) rather than the stack stalling. */
	if (n->olen + REC_HDR + len > sizeof(n->out))
		n->olen = 0;
	n->out[n->olen] = (uint8_t)len;
	n->out[n->olen + 1] = (uint8_t)(len >> 8);
	memcpy(n->out + n->olen + REC_HDR, f, len);
	n->olen += REC_HDR + len;
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
		if (!n->batch) {
			ns_input(st, n->in, (size_t)got, t);
			continue;
		}
		ns_input_batch(st, 1);
		while (off + REC_HDR <= (size_t)got) {
			size_t len = (size_t)n->in[off] | (size_t)n->in[off + 1] << 8;

			if (len > (size_t)got - off - REC_HDR)
				break;	/* the kernel gave a torn record: drop */
			ns_input(st, n->in + off + REC_HDR, len, t);
			off += REC_HDR + len;
		}
		ns_input_batch(st, 0);
	}
}
