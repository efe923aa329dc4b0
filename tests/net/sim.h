/*
 * Two stack instances joined by a simulated Ethernet link with seeded
 * loss, reordering (extra delay), duplication and a bounded queue, on a
 * simulated millisecond clock.  Tests may also inject raw frames and see
 * every frame a stack sent.
 */
#ifndef TESTS_NET_SIM_H
#define TESTS_NET_SIM_H

#include <stdint.h>

#include "net/stack/stack.h"

struct sim_frame;

struct sim {
	struct netstack *st[2];
	uint64_t now;
	uint64_t rng;
	int loss, reorder, dup;	/* per thousand frames */
	int delay_ms;
	int qmax;		/* frames in flight per direction */
	struct sim_frame *q;	/* in delivery order */
	int inflight[2];
	uint64_t sent[2], lost[2];
	/* Called with each frame a stack sends (for tests that watch). */
	void (*tap)(void *ctx, int from, const uint8_t *f, size_t len);
	void *tap_ctx;
	unsigned events[2][64];	/* readiness seen per handle, ORed */
	/* Offload frames a stack handed to the simulated NIC (sim_offload):
	 * super-segments, and pieces whose partial checksum was wrong. */
	uint64_t gso[2], bad_csum[2];
	/* A stack's offload frames go to the other whole, with
	 * NS_RX_CSUM_OK (as Linux hands a TAP reader GRO'd packets). */
	int gro[2];
};

#define SIM_A 0
#define SIM_B 1
#define SIM_ADDR_A 0x0a000001u	/* 10.0.0.1 */
#define SIM_ADDR_B 0x0a000002u

/* Both stacks configured on 10.0.0.0/24; 0 or -1. */
int sim_init(struct sim *s, uint64_t seed);
void sim_fini(struct sim *s);
void sim_impair(struct sim *s, int loss, int reorder, int dup);
/* Runs ms milliseconds of simulated time. */
void sim_run(struct sim *s, uint64_t ms);
/* Runs until done(ctx) is true or max_ms pass; whether it became true. */
int sim_until(struct sim *s, int (*done)(void *), void *ctx, uint64_t max_ms);
/* Gives stack id a NIC with offload off (NS_OFF_*): it cuts TSO frames
 * into segments and completes checksums as Linux does for a TAP. */
void sim_offload(struct sim *s, int id, unsigned off);
/* Delivers a frame to stack `to` now, as if from the wire. */
void sim_inject(struct sim *s, int to, const uint8_t *f, size_t len);
/* A listener lh on st and the connection it accepted (h, -1 before);
 * sim_accepted(&acc) as sim_until's done accepts it. */
struct sim_acc {
	struct netstack *st;
	int lh, h;
};
int sim_accepted(void *ctx);
/* A TCP connection from stack `from` to the other's port, accepted
 * within max_ms of simulated time: 0 with both handles, or -1. */
int sim_tcp_pair(struct sim *s, int from, uint16_t port, uint64_t max_ms, int *fh, int *th);
uint32_t sim_rand(struct sim *s);

#endif
